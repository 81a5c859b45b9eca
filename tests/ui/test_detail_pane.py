from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QUndoStack

from casenotes.store.models import Figure, Record, Relation, Source
from casenotes.store.notes import add_note
from casenotes.store.records import get_record, save_record
from casenotes.ui.detail_pane import DetailPane
from casenotes.ui.record_html import record_id_from_link
from casenotes.ui.record_html import RecordContext, record_html
from casenotes.ui.safe_browser import SafeTextBrowser

def make_pane(qtbot, store) -> DetailPane:
    pane = DetailPane(store, QUndoStack())
    qtbot.addWidget(pane)
    return pane


HOSTILE = '<script>alert(1)</script><img src="file:///etc/passwd">'


def test_record_text_is_shown_as_text_never_as_html(qtbot, store):
    save_record(store, Record(id="hostile", title=HOSTILE, kind="other", summary=HOSTILE, agencies=[HOSTILE],
                              sources=[Source(HOSTILE, HOSTILE, "https://example.org/?a=<b>", None)]))
    pane = make_pane(qtbot, store)
    pane.show_record("hostile")
    assert pane.record_view.toPlainText().count("<script>alert(1)</script>") >= 3
    assert "<img" not in pane.record_view.toHtml()
    assert pane.record_view.refused_resources == []


def test_images_in_notes_load_nothing(qtbot, seeded_store, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not an image")
    add_note(seeded_store, "operation-hyperion", f"![x](file://{secret}) <img src='file://{secret}'> **bold**")
    pane = make_pane(qtbot, seeded_store)
    pane.show()
    pane.show_record("operation-hyperion")
    preview = pane.notes.preview
    pane.notes.tabs.setCurrentWidget(preview)
    preview.document().size()  # lay the note out, which is when images are asked for
    assert "<img src=" in preview.toPlainText()  # raw HTML stays text
    assert "bold" in preview.toPlainText() and "**" not in preview.toPlainText()  # Markdown is rendered
    assert QUrl(f"file://{secret}") in preview.refused_resources  # the Markdown image was refused
    assert preview.document().resource(2, QUrl(f"file://{secret}")) is None


def test_only_web_links_open_and_only_on_click(qtbot, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    for link in ("javascript:alert(1)", "file:///etc/passwd", "ftp://example.org/x", "https://example.org/a",
                 "http://example.org/b", "data:text/html,<b>x</b>"):
        browser.anchorClicked.emit(QUrl(link))
    assert opened == ["https://example.org/a", "http://example.org/b"]


def test_internal_links_name_the_record():
    assert record_id_from_link(QUrl("casenotes:record/silk-road-2-takedown")) == "silk-road-2-takedown"
    assert record_id_from_link(QUrl("https://example.org/record/x")) is None


def test_disagreeing_sources_are_shown_side_by_side(seeded_store):
    disruptor = get_record(seeded_store, "operation-disruptor")
    html_text = record_html(disruptor, RecordContext({}, []))
    us_row = next(row for row in html_text.split("<tr>") if row.startswith("<td>Arrests</td><td>United States (US)"))
    assert "121" in us_row and "119" in us_row and "sources disagree" in us_row


def test_dates_show_at_their_precision(qtbot, seeded_store):
    pane = make_pane(qtbot, seeded_store)
    pane.show_record("silk-road-2-right-hand-man-plea")
    assert "April 2016" in pane.record_view.toPlainText()
    assert "2016-04-01" not in pane.record_view.toPlainText()


def test_relations_both_ways_are_links_and_missing_targets_are_named(qtbot, store):
    save_record(store, Record(id="a", title="Earlier", kind="raid"))
    save_record(store, Record(id="b", title="Later", kind="raid",
                              related=[Relation("a", "follows"), Relation("gone", "related")]))
    html_text = record_html(get_record(store, "b"), RecordContext({"a": "Earlier"}, []))
    assert 'href="casenotes:record/a"' in html_text and "gone <i>(not in this store)</i>" in html_text
    pane = make_pane(qtbot, store)
    pane.show_record("a")
    assert "Followed by" in pane.record_view.toPlainText()
    with qtbot.waitSignal(pane.recordLinkActivated) as blocker:
        pane.record_view.internalLinkActivated.emit(QUrl("casenotes:record/b"))
    assert blocker.args == ["b"]


def test_figure_values_show_their_currency():
    from casenotes.ui.record_html import format_value

    assert format_value(Figure("seized_usd", 6500000, "USD")) == "$6,500,000"
    assert format_value(Figure("seized_eur", 550000.0, "EUR")) == "€550,000"
    assert format_value(Figure("people_contacted", 160, "people")) == "160 people"
    assert format_value(Figure("drugs_kg", 36.5, "kg")) == "36.5"
