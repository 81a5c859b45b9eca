"""Undoable note changes: moving to the trash, pinning, tagging and making private."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from casenotes.store import Store
from casenotes.store.notes import restore_note, set_note_tags, set_pinned, trash_note
from casenotes.store.privacy import set_note_private

Changed = Callable[[int], None]  # called with the note id after each do or undo


class TrashNoteCommand(QUndoCommand):
    def __init__(self, store: Store, note_id: int, label: str, changed: Changed) -> None:
        super().__init__(f"Delete note “{label}”")
        self._store, self._note_id, self._changed = store, note_id, changed

    def redo(self) -> None:
        trash_note(self._store, self._note_id)
        self._changed(self._note_id)

    def undo(self) -> None:
        restore_note(self._store, self._note_id)
        self._changed(self._note_id)


class PinNoteCommand(QUndoCommand):
    def __init__(self, store: Store, note_id: int, pinned: bool, changed: Changed) -> None:
        super().__init__("Pin note" if pinned else "Unpin note")
        self._store, self._note_id, self._pinned, self._changed = store, note_id, pinned, changed

    def redo(self) -> None:
        set_pinned(self._store, self._note_id, self._pinned)
        self._changed(self._note_id)

    def undo(self) -> None:
        set_pinned(self._store, self._note_id, not self._pinned)
        self._changed(self._note_id)


class NoteTagsCommand(QUndoCommand):
    def __init__(self, store: Store, note_id: int, before: list[str], after: list[str], changed: Changed) -> None:
        super().__init__("Change note tags")
        self._store, self._note_id, self._changed = store, note_id, changed
        self._before, self._after = before, after

    def redo(self) -> None:
        set_note_tags(self._store, self._note_id, self._after)
        self._changed(self._note_id)

    def undo(self) -> None:
        set_note_tags(self._store, self._note_id, self._before)
        self._changed(self._note_id)


class PrivateNoteCommand(QUndoCommand):
    def __init__(self, store: Store, note_id: int, private: bool, changed: Changed) -> None:
        super().__init__("Make note private" if private else "Share note again")
        self._store, self._note_id, self._private, self._changed = store, note_id, private, changed

    def redo(self) -> None:
        set_note_private(self._store, self._note_id, self._private)
        self._changed(self._note_id)

    def undo(self) -> None:
        set_note_private(self._store, self._note_id, not self._private)
        self._changed(self._note_id)
