"""Saves the note being written shortly after each pause in typing, and retries when saving fails."""

from __future__ import annotations

import logging
import sqlite3

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QPlainTextEdit

from casenotes.store import InvalidInput, Store, StoreError
from casenotes.store.anchors import add_anchored_note
from casenotes.store.models import Anchor
from casenotes.store.notes import add_note, save_note_body

log = logging.getLogger(__name__)

# A pause this long after a keystroke saves; together with the write itself this stays
# well inside the promise of "saved within one second of the last keystroke".
SAVE_DELAY_MS = 400
RETRY_DELAY_MS = 3000


def describe_save_error(error: Exception) -> str:
    """Why a save failed, in words a user can act on."""
    text = str(error).lower()
    if isinstance(error, sqlite3.OperationalError) or isinstance(error, StoreError):
        if "full" in text:
            return "the disk is full"
        if "readonly" in text or "read-only" in text:
            return "the data folder is read-only"
        if "locked" in text or "busy" in text:
            return "the store is busy (another program is writing to it)"
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)


class NoteAutosaver(QObject):
    """Keeps one editor's text saved to one note (or to a new note on its record).

    The editor's text is the truth until it is saved: when saving fails the text stays,
    the failure is reported, and saving is tried again until it works.
    """

    saved = Signal(int)  # note id
    created = Signal(int)  # a draft became a stored note
    failed = Signal(str)  # why the last save did not work (text kept, retrying)

    def __init__(self, store: Store, editor: QPlainTextEdit, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._editor = editor
        self._record_id: str | None = None
        self._note_id: int | None = None
        self._draft_anchor: Anchor | None = None  # what a new note will be anchored to
        self._saved_text = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_DELAY_MS)
        self._retry.timeout.connect(self.flush)
        editor.textChanged.connect(self._text_changed)
        self._loading = False

    @property
    def note_id(self) -> int | None:
        return self._note_id

    @property
    def record_id(self) -> str | None:
        return self._record_id

    @property
    def draft_anchor(self) -> Anchor | None:
        return self._draft_anchor

    def set_draft_anchor(self, anchor: Anchor | None) -> None:
        """Anchor the new note being written (once it is stored) to a figure or field."""
        self._draft_anchor = anchor

    def is_dirty(self) -> bool:
        return self._record_id is not None and self._editor.toPlainText() != self._saved_text

    def attach(self, record_id: str | None, note_id: int | None, text: str, *, anchor: Anchor | None = None) -> None:
        """Edit ``note_id`` (or a new note on ``record_id`` when None), starting from ``text``.

        A new note is anchored to ``anchor`` when given. Call :meth:`flush` first;
        attaching drops whatever was not saved.
        """
        self._timer.stop()
        self._retry.stop()
        self._record_id = record_id
        self._note_id = note_id
        self._draft_anchor = anchor if note_id is None else None
        self._saved_text = text
        self._loading = True
        try:
            self._editor.setPlainText(text)
        finally:
            self._loading = False

    def _text_changed(self) -> None:
        if not self._loading and self._record_id is not None:
            self._timer.start()

    def flush(self) -> bool:
        """Save now if there is anything unsaved; return whether everything is saved."""
        self._timer.stop()
        if not self.is_dirty():
            return True
        text = self._editor.toPlainText()
        try:
            if self._note_id is None:
                if not text.strip():
                    return True  # an empty draft is not a note yet
                note = self._add(text)
                self._note_id = note.id
                self._draft_anchor = None  # the note has it now
                self._saved_text = text
                self.created.emit(note.id)
            else:
                save_note_body(self._store, self._note_id, text)
                self._saved_text = text
        except (StoreError, sqlite3.Error, OSError) as error:
            reason = describe_save_error(error)
            log.warning("could not save note: %s", reason)
            self.failed.emit(reason)
            self._retry.start()
            return False
        self._retry.stop()
        self.saved.emit(self._note_id)
        return True

    def _add(self, text: str):
        if self._draft_anchor is None:
            return add_note(self._store, self._record_id, text)
        try:
            return add_anchored_note(self._store, self._record_id, text, self._draft_anchor)
        except InvalidInput as error:
            # The figure went away while the note was written: keep the text, on the whole record.
            log.warning("note saved without its anchor: %s", error)
            self._draft_anchor = None
            return add_note(self._store, self._record_id, text)
