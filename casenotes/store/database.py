"""Opening, configuring and migrating a casenotes database."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlite_utils import Database

from casenotes.store import migrations as schema
from casenotes.store.backup import backup_before_migration
from casenotes.store.errors import DamagedDatabaseError, NewerDatabaseError
from casenotes.store.failures import is_damage, translated

log = logging.getLogger(__name__)

PRIVATE_FILE_MODE = 0o600
BUSY_TIMEOUT_MS = 5000

# Called with the store and the names of the pending migrations, before any is applied.
MigrationHook = Callable[["Store", list[str]], None]


class Store:
    """One open casenotes database. Pass it to the store functions that work on it."""

    def __init__(self, db: Database, path: Path | None) -> None:
        self.db = db
        self.path = path
        # Things the user should hear about that did not stop the store from opening
        # (e.g. "today's backup could not be made: the disk is full").
        self.notices: list[str] = []
        # Set by open_data_dir(defer_daily_check=True) on the first start of a day: the
        # daily quick_check and backup are still to run (casenotes.store.daily_check).
        self.daily_check_due = False

    @classmethod
    def open(
        cls, path: Path | str, *, migrate: bool = True,
        before_migration: MigrationHook | None = backup_before_migration,
    ) -> Store:
        """Open (creating if needed) the database at ``path`` and bring its schema up to date.

        ``before_migration`` runs before pending migrations are applied to an existing
        database; by default it backs the database up (and a failed backup stops the
        upgrade). Raises :class:`NewerDatabaseError` for a database written by a newer
        casenotes, :class:`DamagedDatabaseError` for a file that is not a readable
        database, and :class:`StoreBusy`/:class:`CannotOpen`/:class:`SaveFailed` when
        the file is locked, unreadable or cannot be written.
        """
        path = Path(path)
        with translated("open the store", path):
            _create_private_file(path)
            connection = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        store = cls(Database(connection), path)
        try:
            with translated("open the store", path):
                try:
                    store._configure(wal=True)
                    store._check_not_newer()
                    if migrate:
                        store.migrate(before=before_migration)
                except sqlite3.DatabaseError as error:
                    if is_damage(error):
                        raise DamagedDatabaseError(
                            f"The database {path} is damaged or not a casenotes database: {error}"
                        ) from error
                    raise
        except BaseException:
            connection.close()
            raise
        return store

    @classmethod
    def in_memory(cls) -> Store:
        """A fresh, fully migrated database that lives in memory (for tests and previews)."""
        store = cls(Database(sqlite3.connect(":memory:", isolation_level=None)), None)
        store._configure(wal=False)
        store.migrate()
        return store

    def _configure(self, *, wal: bool) -> None:
        conn = self.db.conn
        if wal:
            conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a note that was reported saved survives a power cut.
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def set_busy_timeout(self, milliseconds: int) -> None:
        """How long a write waits for another program's lock before reporting the store busy.

        The window uses a short wait, so a note save never freezes it; it retries instead.
        """
        self.db.conn.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")

    def schema_version(self) -> int:
        return self.db.conn.execute("PRAGMA user_version").fetchone()[0]

    def data_version(self) -> int:
        """A number that changes whenever another connection commits a change.

        Writes through this store's own connection leave it unchanged, so a window
        polling it sees only what the command line (or another program) did.
        """
        return self.db.conn.execute("PRAGMA data_version").fetchone()[0]

    def _check_not_newer(self) -> None:
        known = schema.known_migration_names()
        applied = [migration.name for migration in schema.migrations.applied(self.db)]
        unknown = [name for name in applied if name not in known]
        if unknown or self.schema_version() > len(known):
            raise NewerDatabaseError(
                f"This database was written by a newer version of casenotes "
                f"(schema {max(self.schema_version(), len(applied))}, this version knows {len(known)}). "
                "Update casenotes to open it; the file has not been changed."
            )

    def pending_migrations(self) -> list[str]:
        return [migration.name for migration in schema.migrations.pending(self.db)]

    def migrate(self, *, before: MigrationHook | None = None) -> list[str]:
        """Apply pending migrations, all in one transaction; return their names.

        ``before(store, pending)`` runs first (Store.open passes the backup hook).
        The write lock is taken before the pending list is read again, so two
        processes opening an old database at once migrate it exactly once.
        """
        pending = self.pending_migrations()
        if not pending:
            return []
        if before is not None:
            before(self, pending)
        with self.transaction():
            pending = self.pending_migrations()
            if pending:
                log.info("applying migrations: %s", ", ".join(pending))
                schema.migrations.apply(self.db)
                self.db.conn.execute(f"PRAGMA user_version = {len(schema.known_migration_names())}")
        return pending

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """All writes inside happen together or not at all.

        The outermost transaction is ``BEGIN IMMEDIATE``: it takes the write lock at
        the start (waiting up to the busy timeout), so a read-then-write inside it can
        never fail half-way because another process wrote in between. Nested blocks
        are savepoints. SQLite errors that a person can act on (full disk, read-only
        folder, store busy) leave as :class:`SaveFailed`/:class:`StoreBusy`.
        """
        conn = self.db.conn
        with translated("save", self.path):
            if conn.in_transaction:
                with self.db.atomic():
                    yield self.db
                return
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                _rollback(conn)
                raise
            try:
                conn.execute("COMMIT")
            except BaseException:
                _rollback(conn)
                raise

    def get_meta(self, key: str) -> str | None:
        row = self.db.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str | None) -> None:
        with self.transaction():
            if value is None:
                self.db.conn.execute("DELETE FROM meta WHERE key = ?", (key,))
            else:
                self.db.conn.execute(
                    "INSERT INTO meta (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _rollback(conn: sqlite3.Connection) -> None:
    # SQLite rolls some failed transactions back by itself (full disk, I/O error);
    # a second ROLLBACK would then raise and hide the real error.
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


def _create_private_file(path: Path) -> None:
    """Create an empty database file readable by its owner only, if none exists."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
        os.close(descriptor)
