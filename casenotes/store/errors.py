"""Errors the store reports to people, each with a message fit to show as is."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """Something the user must be told about; ``str(error)`` is the message."""


class NewerDatabaseError(StoreError):
    """The database was written by a newer casenotes than this one."""


class DamagedDatabaseError(StoreError):
    """The database file is not a readable SQLite database, or failed its integrity check.

    When casenotes found the damage while starting, it has already moved the damaged
    files out of the way: ``moved_to`` is where they went, ``backup`` the newest
    backup that passed its checks (a :class:`casenotes.store.backup.BackupInfo`), if
    any, and ``cause`` what SQLite or the integrity check said.
    """

    def __init__(
        self, message: str, *, moved_to: Path | None = None, backup: object | None = None, cause: str | None = None
    ) -> None:
        super().__init__(message)
        self.moved_to = moved_to
        self.backup = backup
        self.cause = cause


class NotFound(StoreError):
    """No record or note has the id asked for."""


class InvalidInput(StoreError):
    """Data that does not fit the data model (bad kind, date, country, …)."""


class SaveFailed(StoreError):
    """A write did not happen (disk full, read-only folder, …); nothing was changed.

    The caller still holds what it tried to save and may try again later.
    """


class StoreBusy(SaveFailed):
    """Another casenotes window or command held the store for longer than we wait."""


class CannotOpen(StoreError):
    """The database exists but cannot be opened (permissions, a read-only folder, I/O)."""


class InvalidBackup(StoreError):
    """A file offered for restoring is not a usable casenotes database; nothing was changed."""
