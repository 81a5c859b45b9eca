"""The sharing features in the window: the Private toggle, Notes ▸ Tags…, export for sharing, File ▸ Merge…."""

import json

from PySide6.QtCore import Qt

from casenotes.store import open_data_dir
from casenotes.store.interchange import export_to_file
from casenotes.store.interchange.export_options import ExportOptions
from casenotes.store.merging.apply import apply_merge
from casenotes.store.merging.plan import THEIRS
from casenotes.store.notes import add_note, notes_for_record
from casenotes.store.privacy import is_note_private, private_tag_names
from casenotes.store.records import all_record_ids, get_record
from casenotes.ui.import_export import MANIFEST_SUFFIX, ExportDialog
from casenotes.ui.merge_dialog import MergeDialog
from casenotes.ui.notes.notes_panel import NOTE_ID_ROLE, PRIVATE_PREFIX
from casenotes.ui.tags_dialog import TagsDialog
from tests.sharing.conftest import edit_summary

FOR_MERGE = ExportOptions(for_merge=True, whole_store=True)


def test_the_private_toggle_marks_the_open_note_shows_a_lock_and_undoes(qtbot, window):
    add_note(window.store, "operation-hyperion", "an ordinary note")
    secret = add_note(window.store, "operation-hyperion", "a note to keep to myself")
    window.select_record("operation-hyperion")
    panel = window.detail.notes
    panel.show_record("operation-hyperion", open_note=secret.id)
    assert panel.private_button.isEnabled() and not panel.private_button.isChecked()
    qtbot.mouseClick(panel.private_button, Qt.MouseButton.LeftButton)
    assert is_note_private(window.store, secret.id)
    items = {panel.note_list.item(row).data(NOTE_ID_ROLE): panel.note_list.item(row)
             for row in range(panel.note_list.count())}
    marked = items[secret.id]
    assert not marked.icon().isNull() and items[secret.id - 1].icon().isNull()
    assert marked.data(Qt.ItemDataRole.AccessibleTextRole).startswith(PRIVATE_PREFIX)
    assert panel.private_button.isChecked()
    window.undo_stack.undo()
    assert not is_note_private(window.store, secret.id) and not panel.private_button.isChecked()


def test_a_new_draft_cannot_be_private_until_it_exists(window):
    window.select_record("operation-onymous")
    assert not window.detail.notes.private_button.isEnabled()


def test_the_tags_dialog_lists_tags_and_makes_one_private(qtbot, window):
    dialog = TagsDialog(window.store, window)
    qtbot.addWidget(dialog)
    row = dialog.row_of("darknet")
    assert row >= 0 and int(dialog.table.item(row, 1).text()) > 0
    with qtbot.waitSignal(dialog.privacyChanged) as changed:
        dialog.set_private("darknet", True)
    assert changed.args == ["darknet", True] and private_tag_names(window.store) == ["darknet"]
    assert "private" in dialog.status.text()
    dialog.set_private("darknet", False)
    assert private_tag_names(window.store) == []
    assert "tags" in window.actions and window.actions["tags"].text() == "Ta&gs…"


def test_the_export_dialog_exports_for_sharing_with_a_manifest(qtbot, window, tmp_path):
    secret = add_note(window.store, "operation-disruptor", "LEMUR-3391 must not leave")
    from casenotes.store.privacy import set_note_private
    set_note_private(window.store, secret.id, True)
    dialog = ExportDialog(window, window.store.path)
    qtbot.addWidget(dialog)
    dialog.share_box.setChecked(True)
    dialog.manifest_box.setChecked(True)
    target = tmp_path / "for-colleagues.json"
    dialog.path_field.setText(str(target))
    with qtbot.waitSignal(dialog.exported, timeout=30_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None)
    assert b"LEMUR-3391" not in target.read_bytes()
    assert json.loads(target.read_text())["omitted"]["private_notes"] == 1
    manifest = target.with_name(target.name + MANIFEST_SUFFIX)
    assert manifest.read_text().endswith("  for-colleagues.json\n")


def test_merge_dialog_shows_both_versions_and_takes_theirs(qtbot, window, tmp_path):
    """The issue's done-when through the dialog: two diverged stores, one conflict resolved."""
    alice = window.store
    export_to_file(alice, all_record_ids(alice), "json", tmp_path / "a.json", options=FOR_MERGE)
    with open_data_dir(tmp_path / "bob") as bob:
        apply_merge(bob, tmp_path / "a.json")
        edit_summary(bob, "operation-hyperion", "Bob's account of Hyperion")
        add_note(bob, "operation-onymous", "Bob's note on Onymous")
        export_to_file(bob, all_record_ids(bob), "json", tmp_path / "b.json", options=FOR_MERGE)
    edit_summary(alice, "operation-hyperion", "Alice's account of Hyperion")

    dialog = window.merge_file(tmp_path / "b.json")
    assert isinstance(dialog, MergeDialog)
    assert dialog.conflict_list.count() == 1
    assert "Alice's account of Hyperion" in dialog.mine_text.toPlainText()
    assert "Bob's account of Hyperion" in dialog.theirs_text.toPlainText()
    assert dialog.mine_text.extraSelections() and dialog.theirs_text.extraSelections()  # the differing lines
    assert "1 notes to add" in dialog.overview.text()
    dialog.choose(0, THEIRS)
    assert "Take theirs" in dialog.conflict_list.item(0).text()
    with qtbot.waitSignal(dialog.merged, timeout=10_000) as merged:
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert merged.args[0].took_theirs == ["record operation-hyperion"]
    assert get_record(alice, "operation-hyperion").summary == "Bob's account of Hyperion"
    assert [n.body for n in notes_for_record(alice, "operation-onymous")] == ["Bob's note on Onymous"]
    assert "Merged:" in window.statusBar().currentMessage()


def test_merging_a_broken_file_says_why_and_changes_nothing(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    from casenotes.ui import main_window as main_window_module

    monkeypatch.setattr(main_window_module, "warn", lambda _parent, title, text: shown.append((title, text)))
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert window.merge_file(bad) is None
    assert shown and shown[0][0] == "Cannot merge" and "not valid JSON" in shown[0][1]
