"""Backups of the database into ``DATA_DIR/backups``: made, listed and rotated.

A backup is a compact, consistent copy made with SQLite's ``VACUUM INTO`` while the
store stays open (other programs may keep writing). It is written under a hidden
``.partial`` name, flushed to disk and then renamed, so a file that looks like a
backup is always complete. Files are private (0600) in a private folder (0700).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from casenotes.paths import ensure_private_dir
from casenotes.store import migrations as schema
from casenotes.store.failures import os_error_as_store_error, translated
from casenotes.store.retention import DEFAULT_POLICY, RetentionPolicy, backups_to_keep

if TYPE_CHECKING:
    from casenotes.store.database import Store

log = logging.getLogger(__name__)

BACKUP_DIR_NAME = "backups"
PRIVATE_FILE_MODE = 0o600
_STAMP_FORMAT = "%Y-%m-%d_%H%M%S"
_NAME = re.compile(r"^casenotes-(\d{4}-\d{2}-\d{2}_\d{6})-([a-z]+(?:-[a-z]+)*)(?:-(\d+))?\.db$")
_PARTIAL_SUFFIX = ".partial"
_STALE_PARTIAL = dt.timedelta(hours=1)

# Why a backup was made; part of its file name.
DAILY = "daily"
MANUAL = "manual"
BEFORE_IMPORT = "before-import"
BEFORE_MIGRATION = "before-migration"
BEFORE_RESTORE = "before-restore"
BEFORE_REPAIR = "before-repair"


@dataclass(frozen=True)
class BackupInfo:
    """One backup file and when (local time) and why it was made."""

    path: Path
    taken: dt.datetime
    reason: str
    sequence: int = 1  # 2, 3, … for further backups made in the same second

    def describe_date(self) -> str:
        """'12 May 2026, 09:30' — how the date is shown to people."""
        return f"{self.taken.day} {self.taken:%B %Y, %H:%M}"


def backup_dir(data_dir: Path) -> Path:
    return Path(data_dir) / BACKUP_DIR_NAME


def parse_backup_name(path: Path) -> BackupInfo | None:
    """The BackupInfo a file name describes, or None if it is not one of our backups."""
    match = _NAME.match(path.name)
    if not match:
        return None
    try:
        taken = dt.datetime.strptime(match.group(1), _STAMP_FORMAT)
    except ValueError:
        return None
    return BackupInfo(path, taken, match.group(2), int(match.group(3) or 1))


def list_backups(data_dir: Path) -> list[BackupInfo]:
    """Every backup in ``data_dir``, newest first."""
    folder = backup_dir(data_dir)
    try:
        entries = list(folder.iterdir())
    except FileNotFoundError:
        return []
    found = [info for info in map(parse_backup_name, entries) if info is not None and info.path.is_file()]
    # Names carry whole seconds; the file time orders backups made within one second.
    return sorted(found, key=lambda info: (info.taken, info.sequence, _mtime(info.path)), reverse=True)


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return 0


def backup_now(store: Store, reason: str = MANUAL, *, now: dt.datetime | None = None,
               policy: RetentionPolicy = DEFAULT_POLICY) -> Path:
    """Back the store up into its data folder now; return the new file.

    ``reason`` (e.g. ``"before-import"``) becomes part of the file name. Older
    backups are then rotated by ``policy``. Raises :class:`SaveFailed` (with the
    reason, e.g. a full disk) if no complete backup could be written.
    """
    if store.path is None:
        raise ValueError("an in-memory store has no data folder to back up into")
    if store.db.conn.in_transaction:
        raise RuntimeError("backup_now cannot run inside a transaction")
    data_dir = store.path.parent
    target = write_backup(store.db.conn, backup_dir(data_dir), reason, now or dt.datetime.now())
    rotate_backups(data_dir, policy)
    return target


def _clean_reason(reason: str) -> str:
    words = re.findall(r"[a-z]+", reason.lower())
    return "-".join(words) or MANUAL


def _free_name(folder: Path, stamp: str, reason: str) -> Path:
    candidate = folder / f"casenotes-{stamp}-{reason}.db"
    number = 2
    while candidate.exists() or (folder / f".{candidate.name}{_PARTIAL_SUFFIX}").exists():
        candidate = folder / f"casenotes-{stamp}-{reason}-{number}.db"
        number += 1
    return candidate


def write_backup(conn: sqlite3.Connection, folder: Path, reason: str, now: dt.datetime) -> Path:
    """Copy the database behind ``conn`` into ``folder``; return the finished file."""
    action = "back up the store"
    try:
        ensure_private_dir(folder)
        target = _free_name(folder, now.strftime(_STAMP_FORMAT), _clean_reason(reason))
        partial = folder / f".{target.name}{_PARTIAL_SUFFIX}"
        # VACUUM INTO writes into an existing file only if it is empty; creating it
        # first is what makes it private whatever the umask.
        descriptor = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
        os.close(descriptor)
    except OSError as error:
        raise os_error_as_store_error(error, action=action, path=folder) from error
    try:
        with translated(action, folder / target.name):
            conn.execute("VACUUM INTO ?", (str(partial),))
        _flush(partial)
        os.replace(partial, target)
        _flush_directory(folder)
    except OSError as error:
        raise os_error_as_store_error(error, action=action, path=folder) from error
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
    log.info("backup written: %s", target)
    return target


def _flush(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _flush_directory(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut (a no-op where unsupported)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def rotate_backups(data_dir: Path, policy: RetentionPolicy = DEFAULT_POLICY) -> list[Path]:
    """Delete the backups ``policy`` does not keep (and stale partial files); return them.

    Files whose names are not casenotes backup names are never touched.
    """
    backups = list_backups(data_dir)
    keep = backups_to_keep(backups, lambda info: info.taken, policy)
    removed: list[Path] = []
    for info in backups:
        if info not in keep:
            with contextlib.suppress(FileNotFoundError):
                info.path.unlink()
                removed.append(info.path)
    folder = backup_dir(data_dir)
    cutoff = dt.datetime.now().timestamp() - _STALE_PARTIAL.total_seconds()
    for partial in folder.glob(f".casenotes-*{_PARTIAL_SUFFIX}") if folder.is_dir() else ():
        with contextlib.suppress(FileNotFoundError):
            if partial.stat().st_mtime < cutoff:
                partial.unlink()
                removed.append(partial)
    return removed


def daily_backup_due(data_dir: Path, today: dt.date | None = None) -> bool:
    """True when no backup has been made today (this is the first start of the day)."""
    today = today or dt.date.today()
    return not any(info.taken.date() == today for info in list_backups(data_dir))


def backup_before_migration(store: Store, pending: list[str]) -> None:
    """Store.open's default hook: back up an existing database before upgrading its schema.

    A brand-new database (no migration applied yet) has nothing to lose. A backup
    that fails raises, so the upgrade does not happen without one.
    """
    if store.path is None or not schema.migrations.applied(store.db):
        return
    log.info("backing up before migrations %s", ", ".join(pending))
    backup_now(store, BEFORE_MIGRATION)
