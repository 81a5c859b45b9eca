"""File ▸ New record from article…: paste, review, drop, edit, save — or cancel and save nothing."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QMessageBox

from casenotes.extract import article_from_text, extract_draft
from casenotes.store.records import all_record_ids, get_record
from casenotes.ui.extract_dialog import ExtractDialog
from casenotes.ui.proposal_model import DETAIL, KEEP, VALUE, ProposalTableModel
from tests.extract.conftest import RT

# The offscreen platform warns that it cannot pass size hints on when a dialog is shown.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def dialog(qtbot, seeded_store):
    widget = ExtractDialog(seeded_store)
    # Closing at teardown must not stop on the "discard this draft?" question.
    qtbot.addWidget(widget, before_close_func=lambda w: setattr(w, "_dirty", False))
    widget.show()
    return widget


def paste_article(qtbot, dialog, text, published=""):
    QApplication.clipboard().setText(text)
    dialog.article_text.setFocus()
    dialog.article_text.paste()
    if published:
        qtbot.keyClicks(dialog.published_field, published)
    qtbot.mouseClick(dialog.propose_button, Qt.MouseButton.LeftButton)


def row_of(dialog, field, starts_with=""):
    return next(i for i, p in enumerate(dialog.draft.proposals)
                if p.field == field and p.display_value().startswith(starts_with))


def type_into_cell(qtbot, dialog, row, column, text):
    index = dialog.model.index(row, column)
    dialog.table.setCurrentIndex(index)
    dialog.table.edit(index)
    editor = dialog.table.viewport().findChild(QLineEdit)
    assert editor is not None, "no editor opened"
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits the edit through a queued call.
    qtbot.waitUntil(lambda: dialog.table.state() != QAbstractItemView.State.EditingState, timeout=2000)


def test_paste_drop_a_figure_edit_the_title_and_save(qtbot, dialog, seeded_store):
    paste_article(qtbot, dialog, RT.read_text(encoding="utf-8"), published="2020-09")
    assert dialog.article_text.toPlainText().startswith("https://cdni.rt.com")
    drugs_row = row_of(dialog, "figure", "drugs_kg: 500")
    dialog.model.setData(dialog.model.index(drugs_row, KEEP), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    type_into_cell(qtbot, dialog, row_of(dialog, "title"), VALUE, "Operation DisrupTor (RT report)")
    assert dialog.record_id_label.text() == "Will be saved as operation-disruptor-rt-report"
    before = set(all_record_ids(seeded_store))

    with qtbot.waitSignal(dialog.recordSaved, timeout=2000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    (record_id,) = saved.args
    assert set(all_record_ids(seeded_store)) - before == {record_id}
    record = get_record(seeded_store, record_id)
    assert record.title == "Operation DisrupTor (RT report)" and record.kind == "operation" and record.date == "2020-09"
    assert {(f.label, f.value, f.country) for f in record.figures} == {
        ("arrests", 179, None), ("seized_usd", 6_500_000, None), ("drugs_kg", 275, "US"),
        ("arrests", 121, "US"), ("arrests", 42, "DE"), ("arrests", 8, "NL"), ("arrests", 4, "GB"),
        ("arrests", 3, "AU"), ("arrests", 1, "SE"),
    }
    assert set(record.agencies) == {"JCODE", "US DOJ", "Europol", "FBI", "HSI"}
    assert record.countries == ["US", "DE", "NL", "GB", "AU", "SE"]
    assert [(r.id, r.relation) for r in record.related] == [("wall-street-market-takedown", "follows")]
    assert record.summary == ""  # proposed but not kept by default
    assert record.sources[0].publisher == "RT" and record.sources[0].published == "2020-09"
    assert not dialog.isVisible()


def test_the_australia_flag_is_visible_with_its_sentence(qtbot, dialog):
    paste_article(qtbot, dialog, RT.read_text(encoding="utf-8"))
    row = row_of(dialog, "figure", "arrests: 3")
    dialog.table.selectRow(row)
    shown = dialog.evidence_view.toPlainText()
    assert "check whether the source meant Austria (AT)" in shown and "three in Australia" in shown
    assert dialog.model.index(row, VALUE).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_correcting_australia_to_austria_is_saved(qtbot, dialog, seeded_store):
    paste_article(qtbot, dialog, RT.read_text(encoding="utf-8"), published="2020-09")
    type_into_cell(qtbot, dialog, row_of(dialog, "figure", "arrests: 3"), DETAIL, "Austria")
    with qtbot.waitSignal(dialog.recordSaved, timeout=2000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    figure = next(f for f in get_record(seeded_store, saved.args[0]).figures if f.value == 3)
    assert figure.country == "AT" and "three in Australia" in figure.note


def test_cancel_saves_nothing(qtbot, dialog, seeded_store, monkeypatch):
    before = set(all_record_ids(seeded_store))
    paste_article(qtbot, dialog, RT.read_text(encoding="utf-8"))
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Discard)
    with qtbot.assertNotEmitted(dialog.recordSaved):
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert set(all_record_ids(seeded_store)) == before


def test_cancel_asks_first_and_can_be_called_off(qtbot, dialog, monkeypatch):
    paste_article(qtbot, dialog, RT.read_text(encoding="utf-8"))
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: asked.append(args) or QMessageBox.StandardButton.Cancel)
    dialog.reject()
    assert asked and dialog.isVisible() and dialog.draft is not None


def test_a_bad_edit_is_refused_with_a_message_and_the_value_stays(qtbot, dialog):
    paste_article(qtbot, dialog, RT.read_text(encoding="utf-8"))
    row = row_of(dialog, "kind")
    type_into_cell(qtbot, dialog, row, VALUE, "heist")
    assert "kind must be one of" in dialog.message.text()
    assert dialog.draft.proposals[row].value == "operation"


def test_a_draft_without_a_kept_title_is_not_saved(qtbot, dialog, seeded_store):
    before = set(all_record_ids(seeded_store))
    paste_article(qtbot, dialog, RT.read_text(encoding="utf-8"))
    dialog.model.setData(dialog.model.index(row_of(dialog, "title"), KEEP), Qt.CheckState.Unchecked.value,
                         Qt.ItemDataRole.CheckStateRole)
    with qtbot.assertNotEmitted(dialog.recordSaved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Not saved" in dialog.message.text() and dialog.isVisible()
    assert set(all_record_ids(seeded_store)) == before


def test_opening_an_html_file_proposes_values(qtbot, dialog, tmp_path):
    page = tmp_path / "story.html"
    page.write_text("<html><body><h1>Operation Lantern ends</h1><p>Police arrested 12 people in Operation Lantern, "
                    "Europol said.</p><script>alert(1)</script></body></html>", encoding="utf-8")
    assert dialog.open_file(page)
    assert dialog.draft.first_value("title") == "Operation Lantern"
    assert "alert" not in dialog.article_text.toPlainText()


def test_an_unreadable_file_gives_a_message(qtbot, dialog, tmp_path):
    assert not dialog.open_file(tmp_path / "missing.txt")
    assert "no such file" in dialog.message.text() and dialog.draft is None


def test_proposal_model_passes_the_model_tester(qtmodeltester):
    model = ProposalTableModel()
    model.set_draft(extract_draft(article_from_text(RT.read_text(encoding="utf-8"))))
    qtmodeltester.check(model, force_py=True)


def test_a_relation_to_a_record_that_does_not_exist_is_not_saved(qtbot, dialog, seeded_store):
    before = set(all_record_ids(seeded_store))
    paste_article(qtbot, dialog, RT.read_text(encoding="utf-8"))
    type_into_cell(qtbot, dialog, row_of(dialog, "relation"), VALUE, "no-such-record")
    with qtbot.assertNotEmitted(dialog.recordSaved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "no-such-record" in dialog.message.text() and dialog.isVisible()
    assert set(all_record_ids(seeded_store)) == before
