"""Undoable note changes: moving to the trash, pinning, tagging and making private."""

from __future__ import annotations

from collections.abc import Callable

from casenotes.store import Store
from casenotes.store.notes import restore_note, set_note_tags, set_pinned, trash_note
from casenotes.store.privacy import set_note_private
from casenotes.ui.store_command import Report, StoreCommand

Changed = Callable[[int], None]  # called with the note id after each do or undo


class NoteCommand(StoreCommand):
    def __init__(self, text: str, store: Store, note_id: int, changed: Changed, report: Report) -> None:
        super().__init__(text, report)
        self._store, self._note_id, self._changed = store, note_id, changed

    def apply(self) -> None:
        self.write(forward=True)
        self._changed(self._note_id)

    def revert(self) -> None:
        self.write(forward=False)
        self._changed(self._note_id)

    def write(self, *, forward: bool) -> None:
        raise NotImplementedError


class TrashNoteCommand(NoteCommand):
    def __init__(self, store: Store, note_id: int, label: str, changed: Changed, report: Report) -> None:
        super().__init__(f"Delete note “{label}”", store, note_id, changed, report)

    def write(self, *, forward: bool) -> None:
        (trash_note if forward else restore_note)(self._store, self._note_id)


class PinNoteCommand(NoteCommand):
    def __init__(self, store: Store, note_id: int, pinned: bool, changed: Changed, report: Report) -> None:
        super().__init__("Pin note" if pinned else "Unpin note", store, note_id, changed, report)
        self._pinned = pinned

    def write(self, *, forward: bool) -> None:
        set_pinned(self._store, self._note_id, self._pinned if forward else not self._pinned)


class NoteTagsCommand(NoteCommand):
    def __init__(self, store: Store, note_id: int, before: list[str], after: list[str], changed: Changed,
                 report: Report) -> None:
        super().__init__("Change note tags", store, note_id, changed, report)
        self._before, self._after = before, after

    def write(self, *, forward: bool) -> None:
        set_note_tags(self._store, self._note_id, self._after if forward else self._before)


class PrivateNoteCommand(NoteCommand):
    def __init__(self, store: Store, note_id: int, private: bool, changed: Changed, report: Report) -> None:
        super().__init__("Make note private" if private else "Share note again", store, note_id, changed, report)
        self._private = private

    def write(self, *, forward: bool) -> None:
        set_note_private(self._store, self._note_id, self._private if forward else not self._private)
