"""The detail pane: one record in full, with its notes."""

from __future__ import annotations

from urllib.parse import unquote

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QPalette, QTextDocument
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from casenotes.store import NotFound, Store
from casenotes.store.models import Note
from casenotes.store.notes import notes_for_record
from casenotes.store.records import get_record, incoming_relations, titles_for
from casenotes.ui.record_html import RecordContext, record_html, style_sheet
from casenotes.ui.safe_browser import SafeTextBrowser

EMPTY_TEXT = "Select a record in the list or on the timeline to read it here."


def record_id_from_link(url: QUrl) -> str | None:
    """The record id of a ``casenotes:record/ID`` link."""
    path = url.path()
    if url.scheme() == "casenotes" and path.startswith("record/"):
        return unquote(path[len("record/"):]) or None
    return None


def notes_markdown(notes: list[Note]) -> str:
    """All notes of a record as one Markdown text, each under a small heading with its times."""
    parts = []
    for note in notes:
        pin = "📌 " if note.pinned else ""
        parts.append(f"{pin}*Note {note.id} · updated {note.updated[:16].replace('T', ' ')} UTC*\n\n{note.body}")
    return "\n\n---\n\n".join(parts)


class DetailPane(QWidget):
    """Shows the selected record; related-record links ask the window to select them."""

    recordLinkActivated = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.setAccessibleName("Record detail")
        self._store = store
        self._record_id: str | None = None

        self.record_view = SafeTextBrowser(self)
        self.record_view.setObjectName("recordView")
        self.record_view.setAccessibleName("Record")
        self.record_view.internalLinkActivated.connect(self._follow_link)

        notes_box = QWidget(self)
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        self.notes_heading = QLabel("Notes", notes_box)
        self.notes_view = SafeTextBrowser(notes_box)
        self.notes_view.setObjectName("notesView")
        self.notes_view.setAccessibleName("Notes on this record")
        notes_layout.addWidget(self.notes_heading)
        notes_layout.addWidget(self.notes_view)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("detailSplitter")
        self.splitter.addWidget(self.record_view)
        self.splitter.addWidget(notes_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._apply_palette()
        self.show_record(None)

    def current_record_id(self) -> str | None:
        return self._record_id

    def _apply_palette(self) -> None:
        palette = self.palette()
        muted = palette.color(QPalette.ColorRole.PlaceholderText).name()
        text = palette.color(QPalette.ColorRole.Text).name()
        warning = "#e0a030" if palette.color(QPalette.ColorRole.Base).lightness() < 128 else "#a65e00"
        self.record_view.document().setDefaultStyleSheet(style_sheet(text, muted, warning))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        if event.type() == event.Type.PaletteChange:
            self._apply_palette()
            self.refresh()
        super().changeEvent(event)

    def show_record(self, record_id: str | None) -> None:
        """Show ``record_id`` (or the empty state for None or a record that is gone)."""
        self._record_id = record_id
        record = None
        if record_id is not None:
            try:
                record = get_record(self._store, record_id)
            except NotFound:
                self._record_id = None
        if record is None:
            self.record_view.setHtml(f"<p style='margin-top:40px' align='center'>{EMPTY_TEXT}</p>")
            self.notes_view.clear()
            self.notes_heading.setText("Notes")
            return
        context = RecordContext(
            related_titles=titles_for(self._store, [r.id for r in record.related]),
            incoming=incoming_relations(self._store, record.id),
        )
        self.record_view.setHtml(record_html(record, context))
        notes = notes_for_record(self._store, record.id)
        self.notes_heading.setText(f"Notes ({len(notes)})" if notes else "Notes — none yet")
        self.notes_view.document().setMarkdown(notes_markdown(notes), QTextDocument.MarkdownFeature.MarkdownNoHTML)

    def refresh(self) -> None:
        self.show_record(self._record_id)

    def _follow_link(self, url: QUrl) -> None:
        record_id = record_id_from_link(url)
        if record_id:
            self.recordLinkActivated.emit(record_id)
