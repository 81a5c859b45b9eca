"""Annotating a figure or field in the window: "+ note" links, markers, the anchor banner with
"Mark reviewed", the On… menu, and Notes ▸ Needs review."""

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication

from casenotes.store.anchors import add_anchored_note, field_anchor, figure_anchor, note_anchor, review_count
from casenotes.store.interchange import record_to_json
from casenotes.store.models import ANCHOR_FIELD, ANCHOR_FIGURE, Anchor
from casenotes.store.notes import add_note, notes_for_record
from casenotes.store.records import get_record, save_record
from casenotes.ui.anchor_html import anchor_from_link, annotate_link, note_id_from_link, note_link
from casenotes.ui.notes.autosaver import SAVE_DELAY_MS
from casenotes.ui.notes.review_dialog import NOTHING_TO_REVIEW, NeedsReviewDialog
from tests.interchange_helpers import write_document

# The offscreen platform says this whenever a dialog is shown; it is not about our code.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

DISRUPTOR = "operation-disruptor"
AUSTRIA = Anchor(ANCHOR_FIGURE, "arrests", "AT")


def set_austria(store, value):
    record = get_record(store, DISRUPTOR)
    for figure in record.figures:
        if figure.country == "AT":
            figure.value = value
    save_record(store, record, user_edit=True)


def figure_row(window, label="Arrests", where="Austria (AT)"):
    """The value cell's first line of one row of the figures table (plain text puts each cell on a line)."""
    lines = window.detail.record_view.toPlainText().splitlines()
    return next(lines[n + 2] for n in range(len(lines) - 2) if (lines[n], lines[n + 1]) == (label, where))


@pytest.mark.parametrize("anchor", [
    AUSTRIA, Anchor(ANCHOR_FIGURE, "arrests"), Anchor(ANCHOR_FIGURE, "odd/label with spaces & ü", "DE"),
    Anchor(ANCHOR_FIELD, "summary"),
])
def test_annotate_links_name_their_figure_or_field(anchor):
    assert anchor_from_link(QUrl(annotate_link(anchor))) == anchor
    assert note_id_from_link(QUrl(note_link(42))) == 42
    assert anchor_from_link(QUrl("casenotes:annotate/field/tags")) is None
    assert anchor_from_link(QUrl("casenotes:record/x")) is None and note_id_from_link(QUrl("casenotes:note/x")) is None


def test_plus_note_on_a_figure_starts_a_note_anchored_there(qtbot, window):
    window.select_record(DISRUPTOR)
    assert "+ note" in figure_row(window)
    window.detail.record_view.internalLinkActivated.emit(QUrl(annotate_link(AUSTRIA)))
    notes = window.detail.notes
    assert notes.anchor_bar.label.text() == "On: <b>Arrests in Austria (AT)</b> · 3 <i>(this new note)</i>"
    assert notes.editor.hasFocus() or QApplication.focusWidget() is notes.editor
    qtbot.keyClicks(notes.editor, "Austria, not Australia")
    qtbot.waitUntil(lambda: len(notes_for_record(window.store, DISRUPTOR)) == 1, timeout=SAVE_DELAY_MS + 1000)
    (note,) = notes_for_record(window.store, DISRUPTOR)
    assert note_anchor(window.store, note.id).anchor == AUSTRIA
    assert notes.anchor_bar.label.text() == "On: <b>Arrests in Austria (AT)</b> · 3"
    qtbot.waitUntil(lambda: "✎ 1 note" in figure_row(window))  # the marker on the annotated row


def test_a_changed_figure_shows_a_banner_until_marked_reviewed(qtbot, window):
    note = add_anchored_note(window.store, DISRUPTOR, "Austria, not Australia", AUSTRIA)
    set_austria(window.store, 4)
    window.open_note(DISRUPTOR, note.id)
    bar = window.detail.notes.anchor_bar
    assert bar.banner.isVisible()
    assert bar.banner_text.text().startswith("⚠ This figure changed from 3 to 4 on ")
    assert "by an edit (source: “Global police sting nets 179 dark web sellers”, Dawn (AFP))" in bar.banner_text.text()
    assert "⚠ 1 note" in figure_row(window)
    assert window.detail.notes.anchor_bar.label.text().endswith("· 3")  # what the note was written against

    qtbot.mouseClick(bar.review_button, Qt.MouseButton.LeftButton)
    assert not bar.banner.isVisible() and not note_anchor(window.store, note.id).needs_review
    assert bar.label.text().endswith("· 4")
    assert "✎ 1 note" in figure_row(window) and "⚠" not in figure_row(window)


def test_an_import_in_the_window_flags_the_open_note(qtbot, window, tmp_path):
    note = add_anchored_note(window.store, DISRUPTOR, "Austria", AUSTRIA)
    window.open_note(DISRUPTOR, note.id)
    raw = record_to_json(get_record(window.store, DISRUPTOR))
    raw["figures"] = [f for f in raw["figures"] if f["country"] != "AT"]
    with qtbot.waitSignal(window.importer.store_changed, timeout=30_000):
        window.import_file(write_document(tmp_path / "update.json", [raw]))
    qtbot.waitUntil(lambda: not window.importer.is_running())
    bar = window.detail.notes.anchor_bar
    qtbot.waitUntil(bar.banner.isVisible)
    assert bar.banner_text.text().startswith("⚠ This figure was removed (it was 3) on ")
    assert "by an import" in bar.banner_text.text()
    assert window.actions["needs_review"].text() == "Needs &review (1)…"
    assert "1 note on a changed figure or field needs review" in window.statusBar().currentMessage()
    window.importer.message_box.close()


def test_the_on_menu_anchors_an_existing_note_and_detaches_it(qtbot, window):
    note = add_note(window.store, DISRUPTOR, "About the date")
    window.open_note(DISRUPTOR, note.id)
    bar = window.detail.notes.anchor_bar
    assert bar.label.text() == "" and bar.attach_button.isEnabled()
    bar.menu.aboutToShow.emit()
    texts = [action.text() for action in bar.menu.actions() if not action.isSeparator()]
    assert "Arrests in Austria (AT) · 3" in texts and "Arrests, total · 179" in texts and "Date" in texts
    assert "Firearms, total · 63 or 64" in texts  # sources disagree: both values
    next(a for a in bar.menu.actions() if a.text() == "Date").trigger()
    assert note_anchor(window.store, note.id).anchor == field_anchor("date")
    assert bar.label.text() == "On: <b>Date</b> · 22 September 2020"
    assert "✎ 1 note" in window.detail.record_view.toPlainText().splitlines()[1]  # beside the date
    bar.menu.aboutToShow.emit()
    next(a for a in bar.menu.actions() if a.text() == "The whole record").trigger()
    assert note_anchor(window.store, note.id) is None and bar.label.text() == ""


def test_needs_review_lists_flagged_notes_opens_them_and_marks_them_reviewed(qtbot, window):
    austria = add_anchored_note(window.store, DISRUPTOR, "Austria, not Australia", AUSTRIA)
    add_anchored_note(window.store, DISRUPTOR, "Germany", figure_anchor("arrests", "DE"))
    set_austria(window.store, 4)
    window.actions["needs_review"].trigger()
    dialog = window.findChild(NeedsReviewDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.notes.topLevelItemCount() == 1
    row = dialog.notes.topLevelItem(0)
    assert [row.text(column) for column in range(4)] == [
        "Austria, not Australia", "Operation DisrupTor", "Arrests in Austria (AT)", "changed from 3 to 4"]
    assert row.text(4).startswith("by an edit (source: ")
    assert dialog.count.text() == "1 note needs review"

    window.select_record("operation-hyperion")
    dialog.notes.itemActivated.emit(row, 0)
    assert window.detail.current_record_id() == DISRUPTOR
    assert window.detail.notes.current_note_id() == austria.id
    assert window.detail.notes.anchor_bar.banner.isVisible()

    qtbot.mouseClick(dialog.review_button, Qt.MouseButton.LeftButton)
    assert dialog.notes.topLevelItemCount() == 0 and dialog.count.text() == NOTHING_TO_REVIEW
    assert review_count(window.store) == 0
    assert not window.detail.notes.anchor_bar.banner.isVisible()  # the window was told
    assert window.actions["needs_review"].text() == "Needs &review…"
    dialog.close()


def test_a_flagged_note_is_marked_in_the_note_list(qtbot, window):
    flagged = add_anchored_note(window.store, DISRUPTOR, "Austria", AUSTRIA)
    add_note(window.store, DISRUPTOR, "Plain")
    set_austria(window.store, 4)
    window.open_note(DISRUPTOR, flagged.id)
    items = [window.detail.notes.note_list.item(row).text() for row in range(2)]
    assert items[0].startswith("⚠ Austria") and items[1].startswith("Plain")
    qtbot.mouseClick(window.detail.notes.anchor_bar.review_button, Qt.MouseButton.LeftButton)
    assert window.detail.notes.note_list.item(0).text().startswith("Austria")


def test_a_draft_whose_figure_vanished_is_saved_on_the_whole_record(qtbot, window):
    window.select_record(DISRUPTOR)
    window.detail.record_view.internalLinkActivated.emit(QUrl(annotate_link(AUSTRIA)))
    set_austria(window.store, 4)
    record = get_record(window.store, DISRUPTOR)
    record.figures = [f for f in record.figures if f.country != "AT"]
    save_record(window.store, record, user_edit=True)  # as if the command line removed it meanwhile
    qtbot.keyClicks(window.detail.notes.editor, "kept text")
    assert window.detail.notes.flush()
    (note,) = notes_for_record(window.store, DISRUPTOR)
    assert note.body == "kept text" and note_anchor(window.store, note.id) is None


def test_the_review_dialog_says_when_nothing_needs_review(qtbot, seeded_store):
    dialog = NeedsReviewDialog(seeded_store)
    qtbot.addWidget(dialog)
    assert dialog.count.text() == NOTHING_TO_REVIEW and not dialog.review_button.isEnabled()


def test_figure_labels_from_a_file_are_shown_as_text_in_the_annotation_links(qtbot, window):
    from casenotes.store.models import Figure, Record

    hostile = '<b onmouseover="x">label</b>'
    save_record(window.store, Record(id="odd", title="Odd", kind="other", figures=[Figure(hostile, 1)]))
    add_anchored_note(window.store, "odd", "on it", figure_anchor(hostile))
    window.select_record("odd")
    html_text = window.detail.record_view.toHtml()
    assert "<b onmouseover" not in html_text
    assert "✎ 1 note" in window.detail.record_view.toPlainText()
    assert anchor_from_link(QUrl(annotate_link(figure_anchor(hostile)))) == figure_anchor(hostile)
