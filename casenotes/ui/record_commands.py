"""Record ▸ New, Edit and Delete for a window: opens the dialog, deletes with undo, says what changed."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from casenotes.store import NotFound, Store
from casenotes.store.records import delete_record, get_record, restore_record
from casenotes.ui.record_dialog import RecordDialog
from casenotes.ui.store_command import StoreCommand, push_change


class DeleteRecordCommand(StoreCommand):
    """Deleting a record leaves a tombstone; undoing brings the record back as it was."""

    def __init__(self, commands: RecordCommands, record_id: str, title: str) -> None:
        super().__init__(f"Delete record “{title}”", commands.message.emit)
        self._commands = commands
        self._record_id = record_id
        self._title = title
        self._updated_before: str | None = None

    def apply(self) -> None:
        self._updated_before = get_record(self._commands.store, self._record_id).updated
        delete_record(self._commands.store, self._record_id)
        self._commands.recordChanged.emit(self._record_id, False)
        self._commands.message.emit(f"Deleted “{self._title}”. Edit ▸ Undo brings it back.")

    def revert(self) -> None:
        try:
            restore_record(self._commands.store, self._record_id, updated=self._updated_before)
        except NotFound:  # brought back some other way meanwhile (an import, another window)
            pass
        self._commands.recordChanged.emit(self._record_id, True)
        self._commands.message.emit(f"Brought back “{self._title}”.")


class RecordCommands(QObject):
    """What the Record menu does. The window reloads its panes on ``recordChanged``.

    ``recordChanged(id, exists)``: the record was created, edited or restored (exists) or
    deleted (not). ``message(text)`` is a one-line status for the status bar.
    """

    recordChanged = Signal(str, bool)
    message = Signal(str)

    def __init__(self, store: Store, window: QWidget, undo_stack: QUndoStack | None = None) -> None:
        super().__init__(window)
        self.store = store
        self._window = window
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)

    def new_record(self) -> RecordDialog:
        """Open the New record dialog (window-modal; returns at once)."""
        return self._open(None)

    def edit_record(self, record_id: str | None) -> RecordDialog | None:
        """Open the Edit record dialog for ``record_id``; None (with a message) if there is no such record."""
        if not record_id:
            self.message.emit("Select a record to edit first.")
            return None
        try:
            return self._open(record_id)
        except NotFound:
            self.message.emit(f"The record {record_id} is no longer in the store.")
            return None

    def delete_record(self, record_id: str | None) -> bool:
        """Delete ``record_id`` (undoable); False (with a message) if there is nothing to delete."""
        if not record_id:
            self.message.emit("Select a record to delete first.")
            return False
        try:
            title = get_record(self.store, record_id).title
        except NotFound:
            self.message.emit(f"The record {record_id} is no longer in the store.")
            return False
        return push_change(self.undo_stack, DeleteRecordCommand(self, record_id, title))

    def _open(self, record_id: str | None) -> RecordDialog:
        dialog = RecordDialog(self.store, record_id, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.recordSaved.connect(lambda saved_id: self._saved(saved_id, record_id is None))
        dialog.open()
        return dialog

    def _saved(self, record_id: str, created: bool) -> None:
        self.recordChanged.emit(record_id, True)
        self.message.emit(f"{'Added' if created else 'Saved'} the record {record_id}.")
