import sqlite3

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox

from casenotes.paths import database_path
from casenotes.store import Store
from casenotes.store.notes import (
    add_note, all_notes, get_note, note_versions, notes_for_record, save_note_body, trashed_notes,
)
from casenotes.ui import main_window as main_window_module
from casenotes.ui.notes import autosaver as autosaver_module
from casenotes.ui.notes.all_notes_dialog import AllNotesDialog
from casenotes.ui.notes.autosaver import SAVE_DELAY_MS
from casenotes.ui.notes.history_dialog import HistoryDialog, diff_html
from casenotes.ui.notes.trash_dialog import TrashDialog
from tests.ui.conftest import search_for


def bodies(store, record_id):
    return [note.body for note in notes_for_record(store, record_id)]


def type_note(qtbot, window, record_id, text):
    window.select_record(record_id)
    editor = window.detail.notes.editor
    editor.setFocus()
    qtbot.keyClicks(editor, text)
    return editor


def test_typing_saves_within_a_second_of_the_last_keystroke(qtbot, window):
    type_note(qtbot, window, "operation-hyperion", "Ask RCMP about *Quebec*")
    assert SAVE_DELAY_MS < 1000
    qtbot.waitUntil(lambda: bodies(window.store, "operation-hyperion") == ["Ask RCMP about *Quebec*"], timeout=1000)
    assert window.detail.notes.status.text().startswith("Saved")


def test_switching_record_saves_at_once(qtbot, window):
    type_note(qtbot, window, "operation-hyperion", "unsaved thought")
    window.select_record("operation-disruptor")
    assert bodies(window.store, "operation-hyperion") == ["unsaved thought"]


def test_closing_the_window_saves_at_once(qtbot, window, data_dir):
    type_note(qtbot, window, "operation-hyperion", "last words before closing")
    window.close()
    with Store.open(database_path(data_dir)) as store:
        assert bodies(store, "operation-hyperion") == ["last words before closing"]


def test_the_saved_note_counts_in_the_list_and_is_searchable(qtbot, window):
    type_note(qtbot, window, "operation-hyperion", "kilimanjaro")
    window.detail.notes.flush()
    assert search_for(qtbot, window, "kilimanjaro") == 1
    assert window.record_list.model.index(0, 5).data() == "1"


def test_a_search_hit_in_a_note_opens_that_note_with_the_words_marked(qtbot, window):
    add_note(window.store, "operation-hyperion", "first note")
    wanted = add_note(window.store, "operation-hyperion", "about the zanzibar courier")
    search_for(qtbot, window, "zanzibar")
    window.select_record("operation-hyperion", source="list")
    assert window.detail.notes.current_note_id() == wanted.id
    marked = window.detail.notes.editor.extraSelections()
    assert [m.cursor.selectedText() for m in marked] == ["zanzibar"]


def test_history_shows_a_diff_and_restores_an_earlier_version(qtbot, window):
    note = add_note(window.store, "operation-hyperion", "version one")
    save_note_body(window.store, note.id, "version two")
    window.select_record("operation-hyperion")
    dialog = HistoryDialog(window.store, note.id, window)
    qtbot.addWidget(dialog)
    assert dialog.versions.count() == 1
    assert "version one" in dialog.diff_view.toPlainText() and "version two" in dialog.diff_view.toPlainText()
    dialog.restored.connect(window.detail.notes.show_restored)
    dialog.restore_selected()
    assert get_note(window.store, note.id).body == "version one"
    assert window.detail.notes.editor.toPlainText() == "version one"
    assert dialog.versions.count() == 2


def test_diff_marks_removed_and_added_lines_and_escapes_html():
    html_text = diff_html("keep\n<b>old</b>", "keep\nnew")
    assert "<s>&lt;b&gt;old&lt;/b&gt;</s>" in html_text and "+ new" in html_text


def test_delete_moves_to_trash_and_undo_brings_it_back(qtbot, window):
    note = add_note(window.store, "operation-hyperion", "keep me")
    window.select_record("operation-hyperion")
    window.actions["delete_note"].trigger()
    assert bodies(window.store, "operation-hyperion") == []
    assert [n.id for n in trashed_notes(window.store)] == [note.id]
    window.record_list.table.setFocus()
    window.actions["undo"].trigger()
    assert bodies(window.store, "operation-hyperion") == ["keep me"]
    assert window.detail.notes.editor.toPlainText() == "keep me"


def test_pin_and_its_undo(qtbot, window):
    add_note(window.store, "operation-hyperion", "a", created="2026-01-01T00:00:00.000Z")
    second = add_note(window.store, "operation-hyperion", "b", created="2026-01-02T00:00:00.000Z")
    window.select_record("operation-hyperion")
    window.detail.notes.show_record("operation-hyperion", open_note=second.id)
    window.detail.notes.pin_button.click()
    assert bodies(window.store, "operation-hyperion") == ["b", "a"]
    window.undo_stack.undo()
    assert bodies(window.store, "operation-hyperion") == ["a", "b"]


def test_tags_are_saved_completed_and_undoable(qtbot, window):
    existing = add_note(window.store, "operation-disruptor", "tagged elsewhere")
    from casenotes.store.notes import set_note_tags

    set_note_tags(window.store, existing.id, ["follow-up"])
    note = add_note(window.store, "operation-hyperion", "to tag")
    window.select_record("operation-hyperion")
    field = window.detail.notes.tag_field
    field.setFocus()
    qtbot.keyClicks(field, "fol")
    assert field._completer.completionCount() == 1
    field._completer.activated.emit("follow-up")
    qtbot.keyClicks(field, "canada")
    field.editingFinished.emit()
    assert get_note(window.store, note.id).tags == ["canada", "follow-up"]
    window.undo_stack.undo()
    assert get_note(window.store, note.id).tags == []


def test_record_links_complete_by_title_and_make_backlinks(qtbot, window):
    editor = type_note(qtbot, window, "operation-disruptor", "Compare [[hyper")
    popup_texts = editor.completer.model().stringList()
    assert popup_texts and popup_texts[0].endswith("operation-hyperion")
    editor.completer.activated.emit(popup_texts[0])
    assert editor.toPlainText() == "Compare [[operation-hyperion]]"
    window.detail.notes.flush()
    window.select_record("operation-hyperion")
    assert "Mentioned in notes of Operation DisrupTor" in window.detail.record_view.toPlainText()


def test_links_in_the_preview_navigate(qtbot, window):
    add_note(window.store, "operation-disruptor", "see [[wall-street-market-takedown]]")
    window.select_record("operation-disruptor")
    notes = window.detail.notes
    notes.tabs.setCurrentWidget(notes.preview)
    assert "Wall Street Market takedown" in notes.preview.toPlainText()
    notes.preview.internalLinkActivated.emit(QUrl("casenotes:record/wall-street-market-takedown"))
    assert window.detail.current_record_id() == "wall-street-market-takedown"


def test_quote_in_note_cites_where_the_text_came_from(qtbot, window):
    window.select_record("operation-hyperion")
    view = window.detail.record_view
    document_text = view.toPlainText()
    start = document_text.index("Quebec")
    cursor = view.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len("Quebec"), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    window.actions["quote_in_note"].trigger()
    text = window.detail.notes.editor.toPlainText()
    assert text.startswith("> Quebec\n>\n> — summary of [[operation-hyperion]]")


def test_all_notes_lists_newest_first_and_filters_by_tag(qtbot, window):
    from casenotes.store.notes import set_note_tags

    old = add_note(window.store, "operation-hyperion", "old note")
    new = add_note(window.store, "operation-disruptor", "new note")
    save_note_body(window.store, new.id, "new note, edited")
    set_note_tags(window.store, old.id, ["canada"])
    dialog = AllNotesDialog(window.store, window)
    qtbot.addWidget(dialog)
    assert [dialog.notes.topLevelItem(i).text(0) for i in range(2)] == ["new note, edited", "old note"]
    dialog.tag_filter.setCurrentText("canada")
    assert dialog.notes.topLevelItemCount() == 1
    dialog.noteOpened.connect(window.open_note)
    dialog.notes.itemActivated.emit(dialog.notes.topLevelItem(0), 0)
    assert window.detail.current_record_id() == "operation-hyperion"
    assert window.detail.notes.current_note_id() == old.id


def test_emptying_the_trash_asks_first(qtbot, window, monkeypatch):
    note = add_note(window.store, "operation-hyperion", "doomed")
    from casenotes.store.notes import trash_note

    trash_note(window.store, note.id)
    dialog = TrashDialog(window.store, window)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    dialog.empty()
    assert len(trashed_notes(window.store)) == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.empty()
    assert trashed_notes(window.store) == [] and all_notes(window.store) == []


def test_a_failed_save_keeps_the_text_says_why_and_saves_later(qtbot, window, monkeypatch):
    def disk_full(*_args, **_kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(autosaver_module, "add_note", disk_full)
    editor = type_note(qtbot, window, "operation-hyperion", "precious words")
    assert not window.detail.notes.flush()
    assert "disk is full" in window.detail.notes.status.text()
    assert editor.toPlainText() == "precious words"
    assert bodies(window.store, "operation-hyperion") == []
    monkeypatch.setattr(autosaver_module, "add_note", add_note)
    assert window.detail.notes.flush()
    assert bodies(window.store, "operation-hyperion") == ["precious words"]


def test_closing_with_an_unsaveable_note_asks_before_losing_it(qtbot, window, monkeypatch):
    monkeypatch.setattr(autosaver_module, "add_note", lambda *a, **k: (_ for _ in ()).throw(
        sqlite3.OperationalError("attempt to write a readonly database")))
    type_note(qtbot, window, "operation-hyperion", "cannot save this")
    monkeypatch.setattr(main_window_module, "show_message", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    window.close()
    assert window.isVisible()
    assert "read-only" in window.detail.notes.status.text()
    monkeypatch.setattr(autosaver_module, "add_note", add_note)
    window.close()
    assert not window.isVisible()


def test_text_that_could_not_be_saved_survives_moving_to_another_record(qtbot, window, data_dir):
    window.store.set_busy_timeout(50)
    editor = type_note(qtbot, window, "operation-hyperion", "my precious note")
    other = sqlite3.connect(str(database_path(data_dir)), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        assert window.detail.notes.flush() is False
        window.select_record("operation-disruptor")
        assert window.detail.notes.autosaver.has_unsaved()
        assert "Not saved" in window.detail.notes.status.text()
    finally:
        other.execute("COMMIT")
        other.close()
    assert window.detail.notes.flush() is True
    assert bodies(window.store, "operation-hyperion") == ["my precious note"]
    window.select_record("operation-hyperion")
    assert editor.toPlainText() == "my precious note"


def test_coming_back_to_a_note_shows_the_text_still_waiting_to_be_saved(qtbot, window, data_dir):
    note = add_note(window.store, "operation-hyperion", "stored text")
    window.store.set_busy_timeout(50)
    window.select_record("operation-hyperion")
    editor = window.detail.notes.editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " plus unsaved words")
    other = sqlite3.connect(str(database_path(data_dir)), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        window.select_record("operation-disruptor")
        window.select_record("operation-hyperion")
        assert editor.toPlainText() == "stored text plus unsaved words"
    finally:
        other.execute("COMMIT")
        other.close()
    assert window.detail.notes.flush()
    assert get_note(window.store, note.id).body == "stored text plus unsaved words"


def test_typing_goes_on_where_it_was_after_the_first_autosave(qtbot, window):
    window.select_record("operation-hyperion")
    notes = window.detail.notes
    qtbot.keyClicks(notes.editor, "Hello")
    with qtbot.waitSignal(notes.autosaver.created, timeout=3000):
        pass
    qtbot.keyClicks(notes.editor, " world")
    assert notes.editor.toPlainText() == "Hello world"
    assert notes.flush()
    assert bodies(window.store, "operation-hyperion") == ["Hello world"]


def test_pinning_right_after_typing_keeps_the_typing(qtbot, window):
    note = add_note(window.store, "operation-hyperion", "start")
    window.select_record("operation-hyperion")
    editor = window.detail.notes.editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " and more")
    window.detail.notes.pin_button.click()  # well within the save delay
    assert editor.toPlainText() == "start and more"
    assert window.detail.notes.flush()
    assert get_note(window.store, note.id).body == "start and more" and get_note(window.store, note.id).pinned


def test_a_pin_the_store_refuses_is_reported_and_not_recorded_for_undo(qtbot, window, data_dir):
    note = add_note(window.store, "operation-hyperion", "to pin")
    window.select_record("operation-hyperion")
    window.store.set_busy_timeout(50)
    other = sqlite3.connect(str(database_path(data_dir)), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        window.detail.notes.pin_button.click()
    finally:
        other.execute("COMMIT")
        other.close()
    assert not get_note(window.store, note.id).pinned
    assert not window.detail.notes.pin_button.isChecked()
    assert "busy" in window.detail.notes.status.text()
    assert window.undo_stack.count() == 0


def test_an_undo_the_store_refuses_is_reported_and_leaves_the_stack(qtbot, window, data_dir):
    note = add_note(window.store, "operation-hyperion", "to pin")
    window.select_record("operation-hyperion")
    window.detail.notes.pin_button.click()
    assert get_note(window.store, note.id).pinned and window.undo_stack.count() == 1
    window.store.set_busy_timeout(50)
    other = sqlite3.connect(str(database_path(data_dir)), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        window.undo_stack.undo()
    finally:
        other.execute("COMMIT")
        other.close()
    assert get_note(window.store, note.id).pinned  # the undo did not happen …
    assert window.undo_stack.count() == 0  # … and is not offered again as if it had
    assert "Could not undo" in window.detail.notes.status.text()


def test_a_note_written_on_hyperion_is_there_after_reopening_rendered_searchable_with_history(
        qtbot, open_window, data_dir):
    first = open_window(data_dir)
    editor = type_note(qtbot, first, "operation-hyperion", "# Lead")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "The **Quebec** distributor")
    first.detail.notes.flush()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " was detained")
    first.close()

    second = open_window(data_dir)
    search_for(qtbot, second, "quebec detained")
    second.select_record("operation-hyperion", source="list")
    notes = second.detail.notes
    assert notes.editor.toPlainText() == "# Lead\n\nThe **Quebec** distributor was detained"
    notes.tabs.setCurrentWidget(notes.preview)
    assert notes.preview.toPlainText().startswith("Lead\nThe Quebec distributor was detained")
    assert [v.body for v in note_versions(second.store, notes.current_note_id())] == [
        "# Lead\n\nThe **Quebec** distributor"]
