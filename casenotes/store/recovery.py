"""Starting safely on a damaged database: move it aside, never overwrite it, point at a backup."""

from __future__ import annotations

import datetime as dt
import logging
import shlex
from pathlib import Path

from casenotes.paths import database_path, default_data_dir
from casenotes.store.backup import BackupInfo, list_backups
from casenotes.store.errors import DamagedDatabaseError, InvalidBackup
from casenotes.store.restore import move_database_files, probe_damage, unique_folder, verify_database_file

log = logging.getLogger(__name__)

__all__ = ["DAMAGED_DIR_NAME", "newest_good_backup", "probe_damage", "restore_command", "set_aside_damaged"]

DAMAGED_DIR_NAME = "damaged"


def newest_good_backup(data_dir: Path) -> BackupInfo | None:
    """The newest backup that passes :func:`verify_database_file`, or None."""
    for info in list_backups(data_dir):
        try:
            verify_database_file(info.path)
        except InvalidBackup as problem:
            log.warning("skipping backup %s: %s", info.path, problem)
            continue
        return info
    return None


def restore_command(data_dir: Path, backup: Path) -> str:
    """The command line that restores ``backup`` into ``data_dir``."""
    parts = ["casenotes"]
    if Path(data_dir).expanduser().resolve() != default_data_dir().expanduser().resolve():
        parts += ["--data-dir", str(data_dir)]
    parts += ["restore", str(backup)]
    return shlex.join(parts)


def set_aside_damaged(data_dir: Path, cause: str, *, now: dt.datetime | None = None) -> DamagedDatabaseError:
    """Move the damaged database (with its -wal/-shm) into ``DATA_DIR/damaged/<time>/``.

    Returns the error to raise: it says what happened, where the files went and
    which backup to restore, and carries ``moved_to`` and ``backup`` for the window.
    """
    now = now or dt.datetime.now()
    database = database_path(data_dir)
    folder = unique_folder(Path(data_dir) / DAMAGED_DIR_NAME, now.strftime("%Y-%m-%d_%H%M%S"))
    moved = move_database_files(database, folder)
    log.info("damaged database moved from %s to %s: %s", database, moved, cause)
    backup = newest_good_backup(data_dir)
    message = f"the database {database} is damaged ({cause}). It was moved to {moved}; nothing was deleted. "
    if backup is not None:
        message += (
            f"Restore the newest good backup, from {backup.describe_date()}, with: "
            f"{restore_command(data_dir, backup.path)}"
        )
    else:
        message += "There is no backup to restore; casenotes will start with an empty store."
    return DamagedDatabaseError(message, moved_to=moved, backup=backup, cause=cause)
