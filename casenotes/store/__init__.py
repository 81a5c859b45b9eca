"""The casenotes store: a SQLite database of records and notes. No Qt in here."""

from __future__ import annotations

from pathlib import Path

from casenotes.paths import database_path, ensure_private_dir
from casenotes.store.database import Store
from casenotes.store.errors import DamagedDatabaseError, InvalidInput, NewerDatabaseError, NotFound, StoreError

__all__ = [
    "DamagedDatabaseError", "InvalidInput", "NewerDatabaseError", "NotFound", "Store", "StoreError",
    "open_data_dir",
]


def open_data_dir(data_dir: Path, *, seed: bool = True) -> Store:
    """Open the store in ``data_dir`` (creating it privately), migrated and seeded."""
    from casenotes.store.seed import apply_seed, bundled_seed

    ensure_private_dir(data_dir)
    store = Store.open(database_path(data_dir))
    if seed:
        try:
            apply_seed(store, bundled_seed())
        except Exception:
            store.close()
            raise
    return store
