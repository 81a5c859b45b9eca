"""Opening, configuring and migrating a casenotes database."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlite_utils import Database

from casenotes.store import migrations as schema
from casenotes.store.errors import DamagedDatabaseError, NewerDatabaseError

log = logging.getLogger(__name__)

PRIVATE_FILE_MODE = 0o600
BUSY_TIMEOUT_MS = 5000


class Store:
    """One open casenotes database. Pass it to the store functions that work on it."""

    def __init__(self, db: Database, path: Path | None) -> None:
        self.db = db
        self.path = path

    @classmethod
    def open(cls, path: Path | str, *, migrate: bool = True) -> Store:
        """Open (creating if needed) the database at ``path`` and bring its schema up to date.

        Raises :class:`NewerDatabaseError` for a database written by a newer casenotes
        and :class:`DamagedDatabaseError` for a file that is not a readable database.
        """
        path = Path(path)
        _create_private_file(path)
        try:
            connection = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as error:
            raise DamagedDatabaseError(f"Cannot open the database {path}: {error}") from error
        store = cls(Database(connection), path)
        try:
            store._configure(wal=True)
            store._check_not_newer()
            if migrate:
                store.migrate()
        except sqlite3.DatabaseError as error:
            connection.close()
            raise DamagedDatabaseError(f"The database {path} is damaged or not a casenotes database: {error}") from error
        except Exception:
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

    def schema_version(self) -> int:
        return self.db.conn.execute("PRAGMA user_version").fetchone()[0]

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

    def migrate(self) -> list[str]:
        """Apply pending migrations; return their names."""
        pending = self.pending_migrations()
        if pending:
            log.info("applying migrations: %s", ", ".join(pending))
            schema.migrations.apply(self.db)
            self.db.conn.execute(f"PRAGMA user_version = {len(schema.known_migration_names())}")
        return pending

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Database]:
        """All writes inside happen together or not at all."""
        with self.db.atomic():
            yield self.db

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


def _create_private_file(path: Path) -> None:
    """Create an empty database file readable by its owner only, if none exists."""
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
        os.close(descriptor)
