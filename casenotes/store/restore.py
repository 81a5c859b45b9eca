"""Checking a database file and restoring the store from it (a backup, or any casenotes file).

Restoring never deletes anything: the database it replaces is kept in
``DATA_DIR/replaced/<time>/``. The new content is written *through SQLite* (the
online backup API into the open database, holding an exclusive lock) rather than by
swapping files, so no other program can be left writing to a file that was moved
away, and a crash half-way leaves the old database intact.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from casenotes.paths import database_path, ensure_private_dir
from casenotes.store import database as database_module
from casenotes.store import migrations as schema
from casenotes.store.database import Store
from casenotes.store.errors import InvalidBackup, StoreBusy
from casenotes.store.failures import (
    SQLITE_BUSY, as_store_error, is_damage, os_error_as_store_error, primary_code, translated,
)

REPLACED_DIR_NAME = "replaced"
SQLITE_HEADER = b"SQLite format 3\x00"
PRIVATE_FILE_MODE = 0o600
LOCK_WAIT_SECONDS = 2.0
SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class VerifiedDatabase:
    """A file that passed every check: a healthy casenotes database this version can open."""

    path: Path
    schema_version: int
    records: int
    notes: int


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    kept_aside: Path | None  # where the database that was replaced now lives
    records: int
    notes: int

    def describe(self) -> str:
        text = f"restored {self.records} records and {self.notes} notes from {self.restored_from}"
        if self.kept_aside is not None:
            text += f"; the database it replaced was kept as {self.kept_aside}"
        return text


def _read_only_connection(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None,
                           timeout=database_module.BUSY_TIMEOUT_MS / 1000)


def probe_damage(database: Path, *, quick_check: bool) -> str | None:
    """Look at ``database`` read-only; say what is damaged, or None if SQLite sees no damage.

    Read-only matters: a read-write connection to a damaged file may checkpoint its
    WAL into it or delete a WAL it cannot use when it closes, and the damaged files
    must reach ``damaged/`` exactly as they were. Other failures (locked, no
    permission) are not damage: they return None and the normal open reports them.
    ``quick_check`` adds SQLite's ``PRAGMA quick_check`` (O(size): once a day).
    """
    try:
        conn = _read_only_connection(database)
    except sqlite3.Error:
        return None
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if quick_check:
            rows = [row[0] for row in conn.execute("PRAGMA quick_check(1)")]
            if rows != ["ok"]:
                return f"integrity check: {rows[0]}"
    except sqlite3.DatabaseError as error:
        return str(error) if is_damage(error) else None
    finally:
        conn.close()
    return None


def verify_database_file(path: Path) -> VerifiedDatabase:
    """Check that ``path`` is an intact casenotes database no newer than this app.

    Raises :class:`InvalidBackup` saying what is wrong. The file is only read.
    """
    path = Path(path)
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        raise InvalidBackup(f"{path} does not exist") from None
    except IsADirectoryError:
        raise InvalidBackup(f"{path} is a folder, not a database file") from None
    except OSError as error:
        raise InvalidBackup(f"cannot read {path}: {error.strerror or error}") from None
    if not header:
        raise InvalidBackup(f"{path} is empty")
    if header != SQLITE_HEADER:
        raise InvalidBackup(f"{path} is not a casenotes database (not even an SQLite file)")
    try:
        conn = _read_only_connection(path)
    except sqlite3.Error as error:
        raise InvalidBackup(f"cannot open {path}: {error}") from None
    try:
        return _verify_open(conn, path)
    except sqlite3.Error as error:
        if is_damage(error):
            raise InvalidBackup(f"{path} is damaged: {error}") from None
        raise InvalidBackup(f"cannot read {path}: {error}") from None
    finally:
        conn.close()


def _verify_open(conn: sqlite3.Connection, path: Path) -> VerifiedDatabase:
    problems = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
    if problems != ["ok"]:
        raise InvalidBackup(f"{path} is damaged (integrity check: {problems[0]})")
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    if not {"_sqlite_migrations", "records", "notes"} <= tables:
        raise InvalidBackup(f"{path} is an SQLite database but not a casenotes database")
    applied = [row[0] for row in conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid", (schema.MIGRATION_SET,)
    )]
    known = schema.known_migration_names()
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if not applied:
        raise InvalidBackup(f"{path} is an SQLite database but not a casenotes database")
    if any(name not in known for name in applied) or version > len(known):
        raise InvalidBackup(
            f"{path} was written by a newer version of casenotes (schema {max(version, len(applied))}, "
            f"this version knows {len(known)}); update casenotes to restore it"
        )
    records = conn.execute("SELECT count(*) FROM records WHERE deleted = 0").fetchone()[0]
    notes = conn.execute("SELECT count(*) FROM notes WHERE deleted = 0").fetchone()[0]
    return VerifiedDatabase(path, len(applied), records, notes)


def _stamp(now: dt.datetime) -> str:
    return now.strftime("%Y-%m-%d_%H%M%S")


def _private_empty_file(path: Path) -> None:
    descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
    os.close(descriptor)


def unique_folder(parent: Path, stamp: str) -> Path:
    """Create and return a new private folder ``parent/stamp`` (``stamp-2``, … if taken)."""
    ensure_private_dir(parent)
    candidate, number = parent / stamp, 2
    while True:
        try:
            candidate.mkdir(mode=0o700)
        except FileExistsError:
            candidate, number = parent / f"{stamp}-{number}", number + 1
            continue
        os.chmod(candidate, 0o700)
        return candidate


def move_database_files(database: Path, folder: Path) -> Path:
    """Move ``database`` and its -wal/-shm/-journal files into ``folder``; return the new path.

    The names stay the same, so SQLite still pairs the moved file with its WAL.
    """
    for suffix in ("", *SIDE_FILES):
        source = database.with_name(database.name + suffix)
        if source.exists():
            os.replace(source, folder / source.name)
    return folder / database.name


def _stage_copy(source: Path, data_dir: Path, now: dt.datetime) -> Path:
    """A private, compact copy of ``source`` inside ``data_dir`` (so the final step cannot fail on space)."""
    staging = data_dir / f".casenotes-restoring-{_stamp(now)}-{os.getpid()}.db"
    try:
        _private_empty_file(staging)
        conn = _read_only_connection(source)
        try:
            with translated("copy the backup", staging):
                conn.execute("VACUUM INTO ?", (str(staging),))
        finally:
            conn.close()
    except OSError as error:
        _remove(staging)
        raise os_error_as_store_error(error, action="copy the backup", path=data_dir) from error
    except BaseException:
        _remove(staging)
        raise
    return staging


def _remove(path: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        with contextlib.suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()


def restore_database(data_dir: Path, source: Path, *, now: dt.datetime | None = None) -> RestoreResult:
    """Make ``source`` the store of ``data_dir``; keep the current database aside.

    ``source`` is checked first (:func:`verify_database_file`); nothing changes if it
    fails. Raises :class:`StoreBusy` while a casenotes window or command has the
    store open — it must not keep working on a store that changed under it.
    """
    now = now or dt.datetime.now()
    source = Path(source)
    verify_database_file(source)
    data_dir = ensure_private_dir(Path(data_dir))
    staging = _stage_copy(source, data_dir, now)
    try:
        verify_database_file(staging)
        current = database_path(data_dir)
        kept_aside = _replace_current(current, staging, data_dir / REPLACED_DIR_NAME, now)
    finally:
        _remove(staging)
    with Store.open(current) as store:  # brings an older backup's schema up to date
        records = store.db.conn.execute("SELECT count(*) FROM records WHERE deleted = 0").fetchone()[0]
        notes = store.db.conn.execute("SELECT count(*) FROM notes WHERE deleted = 0").fetchone()[0]
    return RestoreResult(source, kept_aside, records, notes)


def _replace_current(current: Path, staging: Path, replaced_dir: Path, now: dt.datetime) -> Path | None:
    if not current.exists():
        os.replace(staging, current)
        return None
    damaged = not current.stat().st_size or probe_damage(current, quick_check=False) is not None
    conn = None if damaged else _lock_exclusively(current)
    if conn is None:  # empty or damaged: nothing can read it, so move the files themselves
        return _swap_files(current, staging, replaced_dir, now)
    try:
        folder = unique_folder(replaced_dir, _stamp(now))
        kept = folder / current.name
        try:
            _copy_aside(conn, kept)
        except _DamagedWhileCopying:
            conn.close()
            move_database_files(current, folder)
            os.replace(staging, current)
            return kept
        with translated("restore", current):
            _match_page_size(staging, conn)
            restored = sqlite3.connect(staging, isolation_level=None)
            try:
                restored.backup(conn)
            finally:
                restored.close()
        return kept
    finally:
        conn.close()


class _DamagedWhileCopying(Exception):
    pass


def _copy_aside(conn: sqlite3.Connection, kept: Path) -> None:
    """A complete copy of the locked database at ``kept``, or no file at all."""
    try:
        _private_empty_file(kept)
        with translated("keep the current database aside", kept):
            try:
                conn.execute("VACUUM INTO ?", (str(kept),))
            except sqlite3.DatabaseError as error:
                if is_damage(error):
                    raise _DamagedWhileCopying from error
                raise
    except BaseException as error:
        _remove(kept)
        if isinstance(error, OSError):
            raise os_error_as_store_error(error, action="keep the current database aside", path=kept) from error
        raise


def _lock_exclusively(current: Path) -> sqlite3.Connection | None:
    """A connection holding the only lock on ``current``; None if the file is damaged.

    In exclusive locking mode the lock is kept until the connection closes, and
    BEGIN EXCLUSIVE fails while any other connection has the store open.
    """
    conn = sqlite3.connect(current, timeout=LOCK_WAIT_SECONDS, isolation_level=None)
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
    except sqlite3.DatabaseError as error:
        conn.close()
        if is_damage(error):
            return None
        if primary_code(error) == SQLITE_BUSY:
            raise StoreBusy(
                "could not restore: casenotes is using the store (a window or a command); "
                "close it and try again. Nothing was changed."
            ) from error
        friendly = as_store_error(error, action="restore", path=current)
        if friendly is None:
            raise
        raise friendly from error
    return conn


def _swap_files(current: Path, staging: Path, replaced_dir: Path, now: dt.datetime) -> Path:
    moved = move_database_files(current, unique_folder(replaced_dir, _stamp(now)))
    os.replace(staging, current)
    return moved


def _match_page_size(staging: Path, target: sqlite3.Connection) -> None:
    """Give the staged copy the target's page size: a WAL database only accepts a backup of equal page size."""
    wanted = target.execute("PRAGMA page_size").fetchone()[0]
    conn = sqlite3.connect(staging, isolation_level=None)
    try:
        if conn.execute("PRAGMA page_size").fetchone()[0] != wanted:
            conn.execute(f"PRAGMA page_size = {int(wanted)}")
            conn.execute("VACUUM")
    finally:
        conn.close()
