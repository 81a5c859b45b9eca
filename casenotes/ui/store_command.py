"""Undoable changes to the store whose failures are reported, never raised into Qt."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from casenotes.store import StoreError

Report = Callable[[str], None]  # shows a one-line message (status bar, label)


class StoreCommand(QUndoCommand):
    """A store change with its undo. Subclasses write ``apply`` and ``revert``.

    Qt calls ``redo``/``undo`` from its own code, where an exception would only be
    printed and leave the widgets, the store and the undo stack disagreeing. Here a
    failure (the store busy, the disk full) is reported and the command leaves the stack.
    """

    def __init__(self, text: str, report: Report) -> None:
        super().__init__(text)
        self._report = report
        self._applied_on_push = False

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def redo(self) -> None:
        if self._applied_on_push:
            self._applied_on_push = False  # push_change has done it already
            return
        self._run(self.apply, "redo")

    def undo(self) -> None:
        self._run(self.revert, "undo")

    def _run(self, action: Callable[[], None], verb: str) -> None:
        try:
            action()
        except StoreError as error:
            self.setObsolete(True)
            self._report(f"Could not {verb} “{self.text()}”: {error}")


def push_change(stack: QUndoStack, command: StoreCommand) -> bool:
    """Do ``command`` now and, if that worked, put it on ``stack`` for undo; say why if not."""
    try:
        command.apply()
    except StoreError as error:
        command._report(f"Could not {command.text()[0].lower()}{command.text()[1:]}: {error}")
        return False
    command._applied_on_push = True
    stack.push(command)
    return True
