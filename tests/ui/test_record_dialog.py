"""The New record / Edit record dialog, driven from the keyboard as a person would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QLineEdit, QMessageBox, QWidget

from casenotes.store.models import Figure, Relation, Source
from casenotes.store.records import all_record_ids, get_record, record_exists
from casenotes.store.seed import apply_seed
from casenotes.ui.record_dialog import RecordDialog
from tests.store.test_seed import newer


# The offscreen platform reports features it lacks when completion popups open; they are not ours.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")


@pytest.fixture
def open_dialog(qtbot, seeded_store):
    opened: list[RecordDialog] = []

    def opener(record_id: str | None = None) -> RecordDialog:
        # Not given to qtbot.addWidget: its close() at teardown would ask "Discard changes?" and wait.
        dialog = RecordDialog(seeded_store, record_id)
        with qtbot.waitActive(dialog):
            dialog.show()
            dialog.activateWindow()
        opened.append(dialog)
        return dialog

    yield opener
    for dialog in opened:
        dialog.done(QDialog.DialogCode.Rejected)  # closes without the question
        dialog.deleteLater()


def type_into(qtbot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def add_token(qtbot, editor, text: str) -> None:
    type_into(qtbot, editor.input, text)
    qtbot.keyClick(editor.input, Qt.Key.Key_Return)


def focused() -> QWidget:
    return QApplication.focusWidget()


def fill_row(qtbot, table_editor, cells: list[str | int]) -> None:
    """Click Add, then type each cell and Tab to the next; an int picks that entry of a choice cell."""
    qtbot.mouseClick(table_editor.add_button, Qt.MouseButton.LeftButton)
    for cell in cells:
        editor = focused()
        if isinstance(cell, int):
            assert isinstance(editor, QComboBox)
            for _ in range(cell):
                qtbot.keyClick(editor, Qt.Key.Key_Down)
        else:
            assert isinstance(editor, QLineEdit)
            qtbot.keyClicks(editor, cell)
        qtbot.keyClick(editor, Qt.Key.Key_Tab)
    table_editor.view.commit_open_editor()


def choose_relation(qtbot, dialog: RecordDialog, kind: str, typed: str) -> None:
    relations = dialog.relations
    relations.kind_combo.setCurrentIndex(relations.kind_combo.findData(kind))
    type_into(qtbot, relations.target_edit, typed)
    popup = relations.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def answer_discard_box(qtbot, button_text: str, asked: list[str]) -> None:
    """When the 'Discard changes?' box opens, note its text and press the button named ``button_text``."""
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        asked.append(box.text())
        button = next(b for b in box.buttons() if b.text().replace("&", "") == button_text)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)


def test_a_new_record_with_every_kind_of_field_is_saved_and_reads_back(qtbot, open_dialog, seeded_store):
    dialog = open_dialog()
    saved = []
    dialog.recordSaved.connect(saved.append)
    type_into(qtbot, dialog.title_edit, "Operation Harbour Lights")
    dialog.kind_combo.setFocus()
    qtbot.keyClicks(dialog.kind_combo, "Raid")
    type_into(qtbot, dialog.date_field.edit, "2019-04")
    assert dialog.date_field.meaning.text() == "April 2019 · month only"
    type_into(qtbot, dialog.end_date_field.edit, "2019-05-02")
    type_into(qtbot, dialog.summary_edit, "Raids on a harbour.")
    add_token(qtbot, dialog.agencies, "Europol")
    add_token(qtbot, dialog.agencies, "Harbour Police, Fraud Unit")  # commas belong to the name
    add_token(qtbot, dialog.countries, "Netherlands")
    add_token(qtbot, dialog.countries, "de")
    add_token(qtbot, dialog.tags, "ports")
    dialog.tabs.setCurrentWidget(dialog.sources)
    fill_row(qtbot, dialog.sources, ["Harbour press release", "Europol", "https://example.org/harbour",
                                     "2019-05-03", "paragraph 2"])
    dialog.tabs.setCurrentWidget(dialog.figures)
    fill_row(qtbot, dialog.figures, ["arrests", "1,234", "people", "Germany", 1, "as printed"])
    fill_row(qtbot, dialog.figures, ["seized_eur", "2.5", "EUR"])
    dialog.tabs.setCurrentWidget(dialog.relations)
    choose_relation(qtbot, dialog, "follows", "wall str")
    assert dialog.save_button.isEnabled(), dialog.problems()

    qtbot.keyClick(dialog.summary_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert saved == ["operation-harbour-lights"]
    assert not dialog.isVisible()
    record = get_record(seeded_store, "operation-harbour-lights")
    assert (record.title, record.kind, record.date, record.end_date) == (
        "Operation Harbour Lights", "raid", "2019-04", "2019-05-02")
    assert record.summary == "Raids on a harbour."
    assert record.agencies == ["Europol", "Harbour Police, Fraud Unit"]
    assert record.countries == ["NL", "DE"]
    assert record.tags == ["ports"]
    assert record.sources == [Source("Harbour press release", "Europol", "https://example.org/harbour",
                                     "2019-05-03", "paragraph 2")]
    assert record.figures == [Figure("arrests", 1234, "people", "DE", 0, "as printed"),
                              Figure("seized_eur", 2.5, "EUR", None, None, None)]
    assert record.related == [Relation("wall-street-market-takedown", "follows")]
    assert record.edited and record.origin == "user"


def test_an_impossible_date_is_refused_at_the_field_and_save_stays_disabled(qtbot, open_dialog, seeded_store):
    dialog = open_dialog()
    type_into(qtbot, dialog.title_edit, "Bad date")
    assert dialog.save_button.isEnabled()
    type_into(qtbot, dialog.date_field.edit, "2014-13-45")

    assert dialog.date_field.edit.property("invalid") is True
    assert dialog.date_field.meaning.is_error()
    assert "no month 13" in dialog.date_field.meaning.text()
    assert "no month 13" in dialog.date_field.edit.accessibleDescription()
    assert not dialog.save_button.isEnabled()
    qtbot.keyClick(dialog.date_field.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()
    assert not record_exists(seeded_store, "bad-date", include_deleted=True)
    assert dialog.date_field.text() == "2014-13-45"  # what was typed stays, to be corrected


def test_the_date_is_refused_as_soon_as_it_cannot_become_right(qtbot, open_dialog):
    dialog = open_dialog()
    type_into(qtbot, dialog.date_field.edit, "2014-1")
    assert not dialog.date_field.meaning.is_error()  # could still be 2014-10, -11 or -12
    qtbot.keyClicks(dialog.date_field.edit, "3")
    assert dialog.date_field.meaning.is_error()


def test_an_end_date_before_the_start_is_refused_at_the_end_date(qtbot, open_dialog):
    dialog = open_dialog()
    type_into(qtbot, dialog.title_edit, "Backwards")
    type_into(qtbot, dialog.date_field.edit, "2020-09-22")
    type_into(qtbot, dialog.end_date_field.edit, "2020-08")
    assert "ends before the start" in dialog.end_date_field.meaning.text()
    assert dialog.end_date_field.edit.property("invalid") is True
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.end_date_field.edit, "\b\b09")
    assert dialog.end_date_field.text() == "2020-09"
    assert dialog.save_button.isEnabled()


def test_an_unknown_country_is_refused_with_the_reason_and_kept_for_correction(qtbot, open_dialog):
    dialog = open_dialog()
    type_into(qtbot, dialog.title_edit, "Somewhere")
    add_token(qtbot, dialog.countries, "Narnia")
    assert dialog.countries.values() == []
    assert dialog.countries.input.text() == "Narnia"
    assert "not a country" in dialog.countries.message.text()
    assert not dialog.save_button.isEnabled()
    dialog.countries.input.clear()
    add_token(qtbot, dialog.countries, "UK")
    assert "did you mean GB" in dialog.countries.message.text()


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (["arrests", "many"], "'many' is not a number"),
        (["", "12"], "label is needed"),
    ],
)
def test_a_bad_figure_is_marked_in_its_cell(qtbot, open_dialog, cells, message):
    dialog = open_dialog()
    type_into(qtbot, dialog.title_edit, "Figures")
    fill_row(qtbot, dialog.figures, cells)
    assert any(message in line for line in dialog.figures.problem_lines())
    assert message in dialog.figures.message.text()
    assert "⚠" in dialog.tabs.tabText(0)
    assert not dialog.save_button.isEnabled()


def test_a_bad_source_address_is_marked_in_its_cell(qtbot, open_dialog):
    dialog = open_dialog()
    type_into(qtbot, dialog.title_edit, "Sources")
    fill_row(qtbot, dialog.sources, ["A source", "", "javascript:alert(1)"])
    assert "not a web address" in dialog.sources.message.text()
    assert not dialog.save_button.isEnabled()


def test_an_empty_title_is_refused(qtbot, open_dialog):
    dialog = open_dialog()
    assert not dialog.save_button.isEnabled()
    assert not dialog.title_message.is_error()  # a fresh form is not scolded
    type_into(qtbot, dialog.title_edit, "x")
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Backspace)
    assert dialog.title_message.text() == "a title is needed"
    assert not dialog.save_button.isEnabled()


def test_new_ids_are_readable_slugs_made_unique(qtbot, open_dialog, seeded_store):
    dialog = open_dialog()
    type_into(qtbot, dialog.title_edit, "Operation Hyperion")
    assert dialog.id_edit.text() == "operation-hyperion-2"
    assert dialog.save()
    assert get_record(seeded_store, "operation-hyperion-2").title == "Operation Hyperion"
    assert get_record(seeded_store, "operation-hyperion").origin == "seed"


def test_editing_keeps_the_id_and_marks_the_record_edited(qtbot, open_dialog, seeded_store):
    dialog = open_dialog("operation-onymous")
    assert dialog.id_edit.isReadOnly() and dialog.id_edit.text() == "operation-onymous"
    before = get_record(seeded_store, "operation-onymous")
    dialog.title_edit.selectAll()
    type_into(qtbot, dialog.title_edit, "Operation Onymous (Europe-wide)")
    assert dialog.id_edit.text() == "operation-onymous"
    assert dialog.save()
    after = get_record(seeded_store, "operation-onymous")
    assert after.title == "Operation Onymous (Europe-wide)"
    assert after.edited and after.origin == "seed"
    assert (after.figures, after.sources, after.related, after.countries) == (
        before.figures, before.sources, before.related, before.countries)
    assert "operation-onymous-europe-wide" not in all_record_ids(seeded_store, include_deleted=True)


def test_saving_an_unchanged_record_leaves_it_to_seed_updates(qtbot, open_dialog, seeded_store):
    dialog = open_dialog("operation-onymous")
    assert dialog.save()
    assert not get_record(seeded_store, "operation-onymous").edited


def test_an_edit_made_in_the_dialog_survives_a_newer_seed(qtbot, open_dialog, seeded_store, seed_document):
    dialog = open_dialog("operation-hyperion")
    dialog.summary_edit.selectAll()
    type_into(qtbot, dialog.summary_edit, "My own reading of Hyperion.")
    assert dialog.save()

    update = newer(seed_document)
    for record in update.records:
        record.summary += " Updated by the seed."
    result = apply_seed(seeded_store, update)

    assert "operation-hyperion" in result.kept
    assert get_record(seeded_store, "operation-hyperion").summary == "My own reading of Hyperion."
    assert get_record(seeded_store, "operation-disruptor").summary.endswith("Updated by the seed.")


def test_cancel_after_typing_asks_and_then_saves_nothing(qtbot, open_dialog, seeded_store):
    before = all_record_ids(seeded_store, include_deleted=True)
    dialog = open_dialog()
    type_into(qtbot, dialog.title_edit, "Never mind")
    asked: list[str] = []

    answer_discard_box(qtbot, "Keep editing", asked)
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Escape)
    assert asked and dialog.isVisible() and dialog.title_edit.text() == "Never mind"

    answer_discard_box(qtbot, "Discard changes", asked)
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Escape)
    assert len(asked) == 2 and "lose them" in asked[1]
    assert not dialog.isVisible()
    assert all_record_ids(seeded_store, include_deleted=True) == before


def test_escape_on_an_untouched_dialog_closes_without_asking(qtbot, open_dialog):
    dialog = open_dialog("operation-onymous")
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_relation_chosen_by_title_stores_the_right_id(qtbot, open_dialog, seeded_store):
    dialog = open_dialog("silk-road-2-right-hand-man-plea")
    choose_relation(qtbot, dialog, "related", "onymous")
    rows = dialog.relations.model.rows()
    assert rows[-1]["title"] == "Operation Onymous" and rows[-1]["id"] == "operation-onymous"
    assert dialog.save()
    saved = get_record(seeded_store, "silk-road-2-right-hand-man-plea")
    assert Relation("operation-onymous", "related") in saved.related


def test_a_relation_typed_in_full_without_picking_is_kept_on_save(qtbot, open_dialog, seeded_store):
    dialog = open_dialog()
    type_into(qtbot, dialog.title_edit, "Follow-up")
    dialog.relations.kind_combo.setCurrentIndex(dialog.relations.kind_combo.findData("follows"))
    dialog.relations.target_edit.setText("Operation DisrupTor")  # typed, never added with Enter
    assert dialog.save()
    assert get_record(seeded_store, "follow-up").related == [Relation("operation-disruptor", "follows")]


def test_a_relation_to_an_unknown_title_is_refused_at_the_field(qtbot, open_dialog):
    dialog = open_dialog()
    type_into(qtbot, dialog.title_edit, "Follow-up")
    type_into(qtbot, dialog.relations.target_edit, "No such operation")
    qtbot.keyClick(dialog.relations.target_edit, Qt.Key.Key_Return)
    assert "no record is titled" in dialog.relations.message.text()
    assert not dialog.save_button.isEnabled()
    assert dialog.relations.model.rowCount() == 0


def test_names_typed_but_not_added_are_saved_not_lost(qtbot, open_dialog, seeded_store):
    dialog = open_dialog()
    type_into(qtbot, dialog.title_edit, "Pending names")
    dialog.agencies.input.setText("Interpol")
    assert dialog.save()
    assert get_record(seeded_store, "pending-names").agencies == ["Interpol"]


def test_a_store_refusal_is_shown_next_to_the_field_it_names(qtbot, open_dialog, seeded_store, monkeypatch):
    import casenotes.ui.record_dialog as module
    from casenotes.store import InvalidInput

    def refuse(store, record, **_kwargs):
        raise InvalidInput("country 'XK' is not an ISO 3166 alpha-2 code")

    monkeypatch.setattr(module, "save_record", refuse)
    dialog = open_dialog()
    type_into(qtbot, dialog.title_edit, "Refused")
    assert not dialog.save()
    assert dialog.isVisible() and dialog.title_edit.text() == "Refused"
    assert "'XK'" in dialog.countries.message.text()
    assert dialog.countries.input.property("invalid") is True


def test_a_failing_disk_keeps_everything_typed(qtbot, open_dialog, monkeypatch):
    import sqlite3

    import casenotes.ui.record_dialog as module

    def full_disk(store, record, **_kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(module, "save_record", full_disk)
    dialog = open_dialog()
    type_into(qtbot, dialog.title_edit, "Big one")
    assert not dialog.save()
    assert dialog.isVisible() and dialog.title_edit.text() == "Big one"
    assert "disk is full" in dialog.form_message.text()


def test_removing_a_source_keeps_figures_pointing_at_the_right_one(qtbot, open_dialog, seeded_store):
    dialog = open_dialog("operation-disruptor")
    before = get_record(seeded_store, "operation-disruptor")
    dialog.sources.view.setCurrentIndex(dialog.sources_model.index(0, 0))
    qtbot.mouseClick(dialog.sources.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.save()
    after = get_record(seeded_store, "operation-disruptor")
    assert after.sources == before.sources[1:]
    expected = [(f.label, f.value, None if f.source in (None, 0) else f.source - 1) for f in before.figures]
    assert [(f.label, f.value, f.source) for f in after.figures] == expected


def test_every_field_has_an_accessible_name_and_tab_reaches_it(qtbot, open_dialog):
    dialog = open_dialog("operation-disruptor")
    fields = [dialog.title_edit, dialog.kind_combo, dialog.date_field.edit, dialog.end_date_field.edit,
              dialog.summary_edit, dialog.agencies.input, dialog.agencies.chips, dialog.countries.input,
              dialog.countries.chips, dialog.tags.input, dialog.tags.chips, dialog.tabs]
    for widget in fields:
        assert widget.accessibleName(), widget
    dialog.title_edit.setFocus()
    reached = [focused()]
    for _ in range(len(fields) - 1):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        reached.append(focused())
    assert reached[:len(fields) - 1] == fields[:-1]
    assert dialog.tabs.isAncestorOf(reached[-1]) or reached[-1] is dialog.tabs


def test_editing_a_record_keeps_its_notes(qtbot, open_dialog, seeded_store):
    from casenotes.store.notes import add_note, notes_for_record

    add_note(seeded_store, "operation-onymous", "My note on Onymous.")
    dialog = open_dialog("operation-onymous")
    type_into(qtbot, dialog.summary_edit, " More.")
    assert dialog.save()
    assert [note.body for note in notes_for_record(seeded_store, "operation-onymous")] == ["My note on Onymous."]


def test_a_title_several_records_share_must_be_picked_from_the_suggestions(qtbot, open_dialog, seeded_store):
    from casenotes.store.models import Record
    from casenotes.store.records import save_record

    for record_id in ("twin-a", "twin-b"):
        save_record(seeded_store, Record(id=record_id, title="Twin raid", kind="raid"))
    dialog = open_dialog()
    type_into(qtbot, dialog.relations.target_edit, "Twin raid")
    qtbot.keyClick(dialog.relations.target_edit, Qt.Key.Key_Return)
    assert "2 records are titled 'Twin raid'" in dialog.relations.message.text()
    assert dialog.relations.model.rowCount() == 0


def test_a_chip_is_removed_with_the_delete_key(qtbot, open_dialog):
    dialog = open_dialog("operation-onymous")
    first, *rest = dialog.countries.values()
    dialog.countries.chips.setFocus()
    dialog.countries.chips.setCurrentRow(0)
    qtbot.keyClick(dialog.countries.chips, Qt.Key.Key_Delete)
    assert dialog.countries.values() == rest and first not in dialog.countries.values()


def test_a_new_record_can_start_from_a_draft(qtbot, seeded_store):
    from casenotes.store.models import Record

    draft = Record(id="ignored", title="Operation Onymous", kind="takedown", date="2014-11",
                   countries=["DE"], figures=[Figure("arrests", 17, "people")])
    dialog = RecordDialog(seeded_store, draft=draft)
    assert dialog.has_changes()  # a draft is not saved yet: Cancel asks
    assert dialog.id_edit.text() == "operation-onymous-2"
    assert dialog.save()
    saved = get_record(seeded_store, "operation-onymous-2")
    assert (saved.kind, saved.date, saved.countries, saved.figures) == (
        "takedown", "2014-11", ["DE"], [Figure("arrests", 17, "people")])


def test_editing_another_field_keeps_the_summary_exactly_as_stored(qtbot, store):
    from casenotes.store.models import Record
    from casenotes.store.records import get_record, save_record
    from casenotes.ui.record_dialog import RecordDialog

    save_record(store, Record(id="crlf", title="Old title", kind="raid", summary="First line.\r\nSecond line.\n"))
    dialog = RecordDialog(store, "crlf")
    qtbot.addWidget(dialog)
    dialog.title_edit.setText("New title")
    assert dialog.record_from_form().summary == "First line.\r\nSecond line.\n"
