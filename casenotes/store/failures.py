"""Turning SQLite's error codes into :mod:`casenotes.store.errors` people can act on.

SQLite reports a full disk, a read-only folder, a lock held by another program and
a damaged file all as ``sqlite3.OperationalError``/``DatabaseError``; only the
error code tells them apart (``sqlite3.Error.sqlite_errorcode``, Python 3.11+).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from casenotes.store.errors import CannotOpen, DamagedDatabaseError, SaveFailed, StoreBusy, StoreError

# Primary result codes (https://www.sqlite.org/rescode.html); the low byte of an
# extended code is its primary code.
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26

BUSY_ADVICE = "another casenotes window or command is writing to it; try again in a moment"


def primary_code(error: BaseException) -> int | None:
    """SQLite's primary result code for ``error``, or None when it carries none."""
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_damage(error: BaseException) -> bool:
    """True when SQLite says the file itself is damaged or not a database at all."""
    return primary_code(error) in (SQLITE_CORRUPT, SQLITE_NOTADB)


def as_store_error(error: sqlite3.Error, *, action: str, path: Path | None = None) -> StoreError | None:
    """The StoreError that explains ``error`` to a person, or None for programming errors.

    ``action`` is what was being done, for the message: "save", "open", "back up", ….
    Constraint violations and SQL mistakes return None: they are bugs, not conditions
    a user can fix, and must stay visible as such.
    """
    code = primary_code(error)
    where = f" {path}" if path else ""
    folder = f" ({path.parent})" if path else ""
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return StoreBusy(f"could not {action}: the store is busy ({BUSY_ADVICE})")
    if code == SQLITE_FULL:
        return SaveFailed(f"could not {action}: the disk is full; free some space and try again")
    if code in (SQLITE_READONLY, SQLITE_PERM):
        return SaveFailed(
            f"could not {action}: the database is read-only; check that you may write to its folder{folder}"
        )
    if code == SQLITE_CANTOPEN:
        error_class = CannotOpen if action == "open the store" else SaveFailed
        return error_class(
            f"could not {action}: cannot open the database file{where}; "
            f"check that its folder exists and that you may read and write it"
        )
    if code == SQLITE_IOERR:
        return SaveFailed(f"could not {action}: the disk reported an error ({error}); nothing was changed")
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return DamagedDatabaseError(
            f"could not {action}: the database{where} is damaged ({error}); run 'casenotes check'"
        )
    return None


@contextlib.contextmanager
def translated(action: str, path: Path | None = None) -> Iterator[None]:
    """Re-raise SQLite errors inside the block as the StoreError that explains them."""
    try:
        yield
    except sqlite3.Error as error:
        friendly = as_store_error(error, action=action, path=path)
        if friendly is None:
            raise
        raise friendly from error


def os_error_as_store_error(error: OSError, *, action: str, path: Path | None = None) -> StoreError:
    """A StoreError that explains a failed file operation (disk full, no permission, …)."""
    import errno

    where = f" {path}" if path else ""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return SaveFailed(f"could not {action}: the disk is full; free some space and try again")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return SaveFailed(f"could not {action}: no permission to write{where} (is the folder read-only?)")
    return SaveFailed(f"could not {action}:{where} {error.strerror or error}")
