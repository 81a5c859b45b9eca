"""Private files: the data folder and every folder in it 0700, the database, its WAL and every backup 0600."""

from __future__ import annotations

import os
import stat

import pytest

from casenotes.store import DamagedDatabaseError, open_data_dir
from casenotes.store.backup import backup_dir, backup_now
from casenotes.store.notes import add_note
from casenotes.store.restore import restore_database
from tests.reliability.conftest import database_of


@pytest.fixture
def careless_umask():
    """The most permissive umask a user could have: files would be world-writable."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_store_files_are_private_even_with_a_permissive_umask(careless_umask, data_dir):
    with open_data_dir(data_dir) as store:
        add_note(store, "operation-onymous", "private")
        database = database_of(data_dir)
        wal, shm = (database.with_name(database.name + suffix) for suffix in ("-wal", "-shm"))
        assert wal.exists() and shm.exists()  # while the store is open
        assert {path.name: mode(path) for path in (database, wal, shm)} == {
            "casenotes.db": 0o600, "casenotes.db-wal": 0o600, "casenotes.db-shm": 0o600}
        backup = backup_now(store, "manual")
    assert mode(data_dir) == 0o700
    assert mode(backup_dir(data_dir)) == 0o700
    assert mode(backup) == 0o600


def test_restored_replaced_and_damaged_files_stay_private(careless_umask, data_dir):
    with open_data_dir(data_dir) as store:
        backup = backup_now(store, "manual")
    result = restore_database(data_dir, backup)
    assert mode(result.kept_aside) == 0o600 and mode(result.kept_aside.parent) == 0o700
    assert mode(result.kept_aside.parent.parent) == 0o700
    assert mode(database_of(data_dir)) == 0o600
    database_of(data_dir).write_bytes(b"garbage" * 100)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_data_dir(data_dir)
    moved = caught.value.moved_to
    assert mode(moved.parent) == 0o700 and mode(moved.parent.parent) == 0o700
    # Moving keeps a file's mode; the garbage was written by this test, not by casenotes.
    assert {path.name for path in data_dir.iterdir()} >= {"backups", "damaged", "replaced"}
    for folder in (path for path in data_dir.rglob("*") if path.is_dir()):
        assert mode(folder) == 0o700, folder
    for made_by_casenotes in list(backup_dir(data_dir).iterdir()) + [result.kept_aside]:
        assert mode(made_by_casenotes) == 0o600, made_by_casenotes
