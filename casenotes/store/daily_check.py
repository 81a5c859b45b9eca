"""The first-start-of-the-day check and backup, run while the window is already open.

``open_data_dir`` checks the database (``quick_check``) and backs it up on the first
start of each day. Both read the whole file: 5 s and more for a million records, far
too long to keep the window from appearing. The window therefore opens the store with
``defer_daily_check=True`` and runs :class:`DailyCheck` in a worker thread once it has
painted. The check reads the file through its own read-only connection while the window
works; if it finds damage, the window closes the store and the damaged files are moved
aside exactly as they would have been at start (see ``casenotes.ui.daily_check``).
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from casenotes.paths import database_path
from casenotes.store import database as database_module
from casenotes.store.backup import DAILY, backup_dir, rotate_backups, write_backup
from casenotes.store.errors import SaveFailed, StoreError
from casenotes.store.failures import is_damage

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DailyCheckResult:
    damage: str | None = None  # what quick_check (or reading the file) found wrong
    backup: Path | None = None  # today's backup, when it was made
    backup_failure: str | None = None  # why no backup could be made (the store itself is fine)
    interrupted: bool = False


class DailyCheck:
    """One run of the daily check; :meth:`interrupt` (from any thread) stops it early."""

    def __init__(self, data_dir: Path) -> None:
        self._database = database_path(Path(data_dir))
        self._data_dir = Path(data_dir)
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        self._interrupted = False

    def run(self, now: dt.datetime | None = None) -> DailyCheckResult:
        """Check the database, then back it up; return what happened (never raises for the file's state)."""
        try:
            connection = sqlite3.connect(
                self._database.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None,
                timeout=database_module.BUSY_TIMEOUT_MS / 1000, check_same_thread=False,
            )
        except sqlite3.Error as error:
            return DailyCheckResult(backup_failure=f"could not read the store: {error}")
        with self._lock:
            if self._interrupted:
                connection.close()
                return DailyCheckResult(interrupted=True)
            self._connection = connection
        try:
            rows = [row[0] for row in connection.execute("PRAGMA quick_check(1)")]
            if rows != ["ok"]:
                return DailyCheckResult(damage=f"integrity check: {rows[0]}")
            target = write_backup(connection, backup_dir(self._data_dir), DAILY, now or dt.datetime.now())
            rotate_backups(self._data_dir)
            log.info("daily check passed; backup %s", target)
            return DailyCheckResult(backup=target)
        except sqlite3.DatabaseError as error:
            if self._interrupted or "interrupted" in str(error):
                return DailyCheckResult(interrupted=True)
            if is_damage(error):
                return DailyCheckResult(damage=str(error))
            return DailyCheckResult(backup_failure=str(error))
        except SaveFailed as failure:
            return DailyCheckResult(backup_failure=str(failure))
        except StoreError as error:
            if self._interrupted:
                return DailyCheckResult(interrupted=True)
            return DailyCheckResult(backup_failure=str(error))
        finally:
            with self._lock:
                self._connection = None
            connection.close()

    def interrupt(self) -> None:
        """Stop a running check (it reports ``interrupted``); a check not started yet will not run."""
        with self._lock:
            self._interrupted = True
            if self._connection is not None:
                self._connection.interrupt()
