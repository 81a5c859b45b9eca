"""Saves the note being written shortly after each pause in typing, and retries when saving fails."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QPlainTextEdit

from casenotes.store import InvalidInput, Store, StoreError
from casenotes.store.anchors import add_anchored_note
from casenotes.store.failures import as_store_error, os_error_as_store_error
from casenotes.store.models import Anchor
from casenotes.store.notes import add_note, save_note_body

log = logging.getLogger(__name__)

# A pause this long after a keystroke saves; together with the write itself this stays
# well inside the promise of "saved within one second of the last keystroke".
SAVE_DELAY_MS = 400
RETRY_DELAY_MS = 3000


# SQLite's own wording of the failures a user can act on, by what they mean.
_SQLITE_MESSAGES = {
    "database or disk is full": "the disk is full",
    "attempt to write a readonly database": "the data folder or database is read-only",
    "database is locked": "the store is busy (another program is writing to it)",
}


def describe_save_error(error: Exception) -> str:
    """Why a save failed, in words a user can act on (the store names the cause already)."""
    if isinstance(error, sqlite3.Error):
        translated = as_store_error(error, action="save")
        if translated is not None:
            return str(translated)
        message = str(error)
        for phrase, meaning in _SQLITE_MESSAGES.items():  # an error without SQLite's error code
            if phrase in message:
                return meaning
    if isinstance(error, OSError):
        return str(os_error_as_store_error(error, action="save"))
    return str(error)


@dataclass
class _Unsaved:
    """Text the user wrote, left in the editor for another note before it could be saved."""

    record_id: str
    note_id: int | None  # None: a new note
    text: str
    anchor: Anchor | None = None


class NoteAutosaver(QObject):
    """Keeps the text written in one editor saved to its note (or to a new note on its record).

    Text is never dropped: when saving fails the text stays in the editor, the failure is
    reported, and saving is tried again until it works. Moving to another note while a
    save is failing keeps the unsaved text aside (and keeps retrying it); coming back to
    that note shows the kept text, not the older stored one.
    """

    saved = Signal(int)  # note id
    created = Signal(int)  # a draft became a stored note
    failed = Signal(str)  # why the last save did not work (text kept, retrying)
    unsavedCountChanged = Signal(int)  # notes whose text is kept aside, not yet saved

    def __init__(self, store: Store, editor: QPlainTextEdit, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._editor = editor
        self._record_id: str | None = None
        self._note_id: int | None = None
        self._draft_anchor: Anchor | None = None  # what a new note will be anchored to
        self._saved_text = ""
        self._aside: list[_Unsaved] = []
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
        """Whether the editor holds text that is not saved yet."""
        return self._record_id is not None and self._editor.toPlainText() != self._saved_text

    def has_unsaved(self) -> bool:
        """Whether any text written here (in the editor or kept aside) is not saved yet."""
        return self.is_dirty() or bool(self._aside)

    def unsaved_count(self) -> int:
        return len(self._aside) + (1 if self.is_dirty() else 0)

    def attach(
        self, record_id: str | None, note_id: int | None, text: str, *, anchor: Anchor | None = None,
        reload: bool = False,
    ) -> None:
        """Edit ``note_id`` (or a new note on ``record_id`` when None), whose stored text is ``text``.

        Attaching the note already being edited leaves the editor (and the cursor) alone,
        unless ``reload`` asks for the stored text (after restoring a version). Unsaved
        text of the note being left is kept aside and saved as soon as it can be.
        """
        if note_id is not None and note_id == self._note_id and record_id == self._record_id and not reload:
            return
        self._timer.stop()
        if self.is_dirty() and not self.flush():
            self._keep_aside()
        self._record_id = record_id
        self._note_id = note_id
        self._draft_anchor = anchor if note_id is None else None
        self._saved_text = text
        kept = self._take_aside(note_id) if note_id is not None else None
        self._loading = True
        try:
            self._editor.setPlainText(kept.text if kept is not None else text)
        finally:
            self._loading = False
        if kept is not None:
            self._timer.start()  # the kept text still has to be saved

    def _keep_aside(self) -> None:
        self._aside.append(_Unsaved(self._record_id, self._note_id, self._editor.toPlainText(), self._draft_anchor))
        self._saved_text = self._editor.toPlainText()  # it is no longer the editor's to save
        self.unsavedCountChanged.emit(self.unsaved_count())

    def _take_aside(self, note_id: int) -> _Unsaved | None:
        for index, kept in enumerate(self._aside):
            if kept.note_id == note_id:
                del self._aside[index]
                self.unsavedCountChanged.emit(self.unsaved_count())
                return kept
        return None

    def _text_changed(self) -> None:
        if not self._loading and self._record_id is not None:
            self._timer.start()

    def flush(self) -> bool:
        """Save now whatever is unsaved (the editor and text kept aside); return whether all is saved."""
        self._timer.stop()
        try:
            self._save_editor()
            self._save_aside()
        except (StoreError, sqlite3.Error, OSError) as error:
            reason = describe_save_error(error)
            log.warning("could not save note: %s", reason)
            self.failed.emit(reason)
            self._retry.start()
            return False
        self._retry.stop()
        return True

    def _save_editor(self) -> None:
        if not self.is_dirty():
            return
        text = self._editor.toPlainText()
        if self._note_id is None:
            if not text.strip():
                return  # an empty draft is not a note yet
            note = self._add(self._record_id, text, self._draft_anchor)
            self._note_id = note.id
            self._draft_anchor = None  # the note has it now
            self._saved_text = text
            self.created.emit(note.id)
        else:
            save_note_body(self._store, self._note_id, text)
            self._saved_text = text
        self.saved.emit(self._note_id)

    def _save_aside(self) -> None:
        while self._aside:
            kept = self._aside[0]
            if kept.note_id is None:
                if kept.text.strip():
                    note = self._add(kept.record_id, kept.text, kept.anchor)
                    self.created.emit(note.id)
            else:
                save_note_body(self._store, kept.note_id, kept.text)
                self.saved.emit(kept.note_id)
            self._aside.pop(0)
            self.unsavedCountChanged.emit(self.unsaved_count())

    def _add(self, record_id: str, text: str, anchor: Anchor | None):
        if anchor is None:
            return add_note(self._store, record_id, text)
        try:
            return add_anchored_note(self._store, record_id, text, anchor)
        except InvalidInput as error:
            # The figure went away while the note was written: keep the text, on the whole record.
            log.warning("note saved without its anchor: %s", error)
            return add_note(self._store, record_id, text)
