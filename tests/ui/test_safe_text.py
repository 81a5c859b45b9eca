"""Text from records, notes and files is shown literally wherever Qt would guess it is HTML."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QMessageBox

from casenotes.store.models import Figure, Record, Source
from casenotes.store.records import get_record, save_record
from casenotes.ui.record_html import RecordContext, record_html
from casenotes.ui.safe_text import plain_tooltip, tooltip_attribute

HOSTILE = '<img src="file:///etc/passwd"><b>bold</b>'


def rendered_text(rich: str) -> str:
    document = QTextDocument()
    document.setHtml(rich)
    return document.toPlainText()


def test_a_plain_tooltip_renders_as_the_literal_text():
    tooltip = plain_tooltip(HOSTILE + "\nsecond line")
    assert GuiQt.mightBeRichText(tooltip)  # Qt takes it as rich text, so it must be escaped
    assert rendered_text(tooltip) == HOSTILE + "\nsecond line"
    assert "<img" not in tooltip


def test_a_title_attribute_survives_the_html_parser_as_a_safe_tooltip():
    document = QTextDocument()
    document.setHtml(f'<a href="#x" title="{tooltip_attribute(HOSTILE)}">x</a>')
    tooltip = document.begin().begin().fragment().charFormat().toolTip()
    assert rendered_text(tooltip) == HOSTILE and "<img" not in tooltip


def test_the_record_list_tooltip_never_renders_a_title_as_html(window):
    save_record(window.store, Record(id="hostile", title=HOSTILE, kind="other"))
    model = window.record_list.model
    model.set_keys([window.store.db.execute("SELECT key FROM records WHERE id = 'hostile'").fetchone()[0]])
    tooltip = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert rendered_text(tooltip) == HOSTILE


def test_source_titles_in_the_detail_view_become_safe_tooltips(store):
    save_record(store, Record(id="r", title="R", kind="other", sources=[Source(HOSTILE)],
                              figures=[Figure("arrests", 1, "people", None, 0)]))
    page = record_html(get_record(store, "r"), RecordContext({}, []))
    assert 'title="&lt;qt&gt;&amp;lt;img' in page


def test_import_errors_are_shown_as_plain_text(qtbot, tmp_path):
    from casenotes.ui.import_export import _message

    box = _message(None, QMessageBox.Icon.Warning, "Import failed", f"record #1: kind {HOSTILE!r} is wrong")
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText
    box.close()
