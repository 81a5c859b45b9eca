"""The casenotes store: a SQLite database of records and notes. No Qt in here."""

from __future__ import annotations

import logging
from pathlib import Path

from casenotes.paths import database_path, ensure_private_dir
from casenotes.store.database import Store
from casenotes.store.errors import (
    CannotOpen, DamagedDatabaseError, InvalidBackup, InvalidInput, NewerDatabaseError, NotFound, SaveFailed,
    StoreBusy, StoreError,
)

__all__ = [
    "CannotOpen", "DamagedDatabaseError", "InvalidBackup", "InvalidInput", "NewerDatabaseError", "NotFound",
    "SaveFailed", "Store", "StoreBusy", "StoreError", "open_data_dir",
]

log = logging.getLogger(__name__)


def open_data_dir(
    data_dir: Path, *, seed: bool = True, recover: bool = True, defer_daily_check: bool = False,
) -> Store:
    """Open the store in ``data_dir`` (creating it privately), migrated and seeded.

    On the first start of a day the database is checked (``quick_check``) and
    backed up. With ``recover`` (the default), a damaged database — one SQLite
    cannot read, or one that fails that check — is moved to ``DATA_DIR/damaged/``
    and :class:`DamagedDatabaseError` says which backup to restore; it is never
    overwritten. ``recover=False`` leaves the files where they are (``casenotes
    check`` uses it to inspect a store without touching it).

    ``defer_daily_check`` skips that check and backup and sets ``store.daily_check_due``
    instead: the window runs them (``casenotes.store.daily_check``) once it has painted.
    """
    from casenotes.store.backup import DAILY, backup_now, daily_backup_due, list_backups
    from casenotes.store.recovery import probe_damage, set_aside_damaged
    from casenotes.store.seed import apply_seed, bundled_seed

    data_dir = Path(data_dir)
    ensure_private_dir(data_dir)
    path = database_path(data_dir)
    existed = path.exists()
    first_start_today = existed and daily_backup_due(data_dir)
    if recover and existed:
        if path.stat().st_size == 0 and list_backups(data_dir):
            # SQLite would take an empty file for a new database and fill it with an empty store.
            raise set_aside_damaged(data_dir, "the file is empty")
        cause = probe_damage(path, quick_check=first_start_today and not defer_daily_check)
        if cause is not None:
            raise set_aside_damaged(data_dir, cause)
    try:
        store = Store.open(path)
    except DamagedDatabaseError as error:
        if not recover:
            raise
        raise set_aside_damaged(data_dir, str(error.__cause__ or error)) from error
    try:
        if first_start_today and defer_daily_check:
            store.daily_check_due = True
        elif first_start_today:
            try:
                backup_now(store, DAILY)
            except SaveFailed as failure:
                log.warning("daily backup failed: %s", failure)
                store.notices.append(f"Today's backup could not be made: {failure}")
        if seed:
            apply_seed(store, bundled_seed())
    except BaseException:
        store.close()
        raise
    return store
