"""The detail pane: one record in full, with the notes written on it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QAction, QPalette, QUndoStack
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from casenotes.store import NotFound, Store
from casenotes.store.anchors import anchored_notes
from casenotes.store.dates import display_date
from casenotes.store.models import Record
from casenotes.store.note_links import backlinks
from casenotes.store.records import get_record, incoming_relations, titles_for
from casenotes.ui.anchor_html import anchor_from_link, anchor_marks, note_id_from_link
from casenotes.ui.notes.notes_panel import NotesPanel
from casenotes.ui.record_html import RecordContext, record_html, record_id_from_link, style_sheet
from casenotes.ui.safe_browser import SafeTextBrowser

EMPTY_TEXT = "Select a record in the list or on the timeline to read it here."


def quote_reference(record: Record, quoted: str) -> str:
    """Where quoted text came from: the source whose title holds it, else the record's summary."""
    needle = " ".join(quoted.split()).casefold()
    for number, source in enumerate(record.sources, start=1):
        if needle and needle in " ".join(source.title.split()).casefold():
            details = ", ".join(p for p in (source.publisher, display_date(source.published)) if p)
            url = f" <{source.url}>" if source.url else ""
            return f"source [{number}] of [[{record.id}]]: “{source.title}”{', ' + details if details else ''}{url}"
    if needle and needle in " ".join(record.summary.split()).casefold():
        return f"summary of [[{record.id}]]"
    return f"[[{record.id}]]"


class DetailPane(QWidget):
    """Shows the selected record and its notes; links to other records ask the window to select them."""

    recordLinkActivated = Signal(str)

    def __init__(self, store: Store, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.setAccessibleName("Record detail")
        self._store = store
        self._record: Record | None = None

        self.record_view = SafeTextBrowser(self)
        self.record_view.setObjectName("recordView")
        self.record_view.setAccessibleName("Record")
        self.record_view.internalLinkActivated.connect(self._follow_link)
        self.quote_action = QAction("&Quote in note", self)
        self.quote_action.setToolTip("Insert the selected text into the note, with where it came from")
        self.quote_action.triggered.connect(self.quote_selection)
        self.record_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.record_view.customContextMenuRequested.connect(self._context_menu)

        self.notes = NotesPanel(store, undo_stack, self)
        self.notes.recordLinkActivated.connect(self.recordLinkActivated)

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("detailSplitter")
        self.splitter.addWidget(self.record_view)
        self.splitter.addWidget(self.notes)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._apply_palette()
        self.show_record(None)

    def current_record_id(self) -> str | None:
        return self._record.id if self._record else None

    def _apply_palette(self) -> None:
        palette = self.palette()
        muted = palette.color(QPalette.ColorRole.PlaceholderText).name()
        text = palette.color(QPalette.ColorRole.Text).name()
        warning = "#e0a030" if palette.color(QPalette.ColorRole.Base).lightness() < 128 else "#a65e00"
        self.record_view.document().setDefaultStyleSheet(style_sheet(text, muted, warning))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        if event.type() == event.Type.PaletteChange:
            self._apply_palette()
            self.refresh_record()
        super().changeEvent(event)

    def show_record(self, record_id: str | None, *, open_note: int | None = None) -> None:
        """Show ``record_id`` (or the empty state for None or a record that is gone)."""
        record = None
        if record_id is not None:
            try:
                record = get_record(self._store, record_id)
            except NotFound:
                record = None
        changed = record is None or self._record is None or record.id != self._record.id
        self._record = record
        self.refresh_record()
        if changed:
            self.record_view.verticalScrollBar().setValue(0)
        self.notes.show_record(record.id if record else None, open_note=open_note)

    def refresh_record(self) -> None:
        """Render the shown record again (after its notes or links changed)."""
        record = self._record
        if record is None:
            self.record_view.setHtml(f"<p style='margin-top:40px' align='center'>{EMPTY_TEXT}</p>")
            return
        context = RecordContext(
            related_titles=titles_for(self._store, [r.id for r in record.related]),
            incoming=incoming_relations(self._store, record.id),
            backlinks=backlinks(self._store, record.id),
            anchor_marks=anchor_marks(anchored_notes(self._store, record.id)),
        )
        scroll = self.record_view.verticalScrollBar().value()
        self.record_view.setHtml(record_html(record, context))
        self.record_view.verticalScrollBar().setValue(scroll)
        self.notes.refresh_anchor()

    def quote_selection(self) -> None:
        """Put the text selected in the record into the open note, citing where it came from."""
        selected = self.record_view.textCursor().selectedText().replace("\u2029", "\n").strip()
        if not selected or self._record is None:
            return
        self.notes.insert_quote(selected, quote_reference(self._record, selected))

    def _context_menu(self, position) -> None:
        menu = self.record_view.createStandardContextMenu(position)
        menu.addSeparator()
        self.quote_action.setEnabled(self.record_view.textCursor().hasSelection())
        menu.addAction(self.quote_action)
        menu.exec(self.record_view.viewport().mapToGlobal(position))

    def _follow_link(self, url: QUrl) -> None:
        record_id = record_id_from_link(url)
        if record_id:
            self.recordLinkActivated.emit(record_id)
            return
        anchor = anchor_from_link(url)  # "+ note" beside a figure or field
        if anchor is not None:
            self.notes.new_note(anchor=anchor)
            return
        note_id = note_id_from_link(url)  # the marker of notes on a figure or field
        if note_id is not None:
            self.notes.open_note(note_id)
