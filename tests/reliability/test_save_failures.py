"""A full disk, a read-only folder or a locked store: the save fails clearly, nothing half-done, retry works."""

from __future__ import annotations

import sqlite3

import pytest

from casenotes.store import SaveFailed, StoreBusy, open_data_dir
from casenotes.store import database as database_module
from casenotes.store.notes import add_note, get_note, note_count, save_note_body
from casenotes.store.records import get_record, save_record
from tests.conftest import store_dump
from tests.reliability.conftest import database_of, run_cli_respecting_file_modes

BIG = "a long note that needs new pages " * 4000


@pytest.fixture
def window(live_data_dir):
    """The store as the window holds it, with one note being edited."""
    with open_data_dir(live_data_dir) as store:
        note = add_note(store, "operation-onymous", "first draft")
        yield store, note


def fill_the_disk(store):
    """Let the database grow no further, as on a full disk (SQLite answers SQLITE_FULL)."""
    pages = store.db.conn.execute("PRAGMA page_count").fetchone()[0]
    store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.db.conn.execute(f"PRAGMA max_page_count = {pages}")


def test_a_note_saved_on_a_full_disk_fails_clearly_and_is_saved_once_there_is_room(window):
    store, note = window
    fill_the_disk(store)
    with pytest.raises(SaveFailed, match="^could not save: the disk is full; free some space and try again$"):
        save_note_body(store, note.id, BIG)
    assert get_note(store, note.id).body == "first draft"
    assert not store.db.conn.in_transaction
    store.db.conn.execute("PRAGMA max_page_count = 1073741823")
    assert save_note_body(store, note.id, BIG).body == BIG


def test_a_new_note_or_record_on_a_full_disk_leaves_no_trace(window):
    store, _ = window
    before = store_dump(database_of(store.path.parent))
    fill_the_disk(store)
    with pytest.raises(SaveFailed, match="disk is full"):
        add_note(store, "operation-onymous", BIG)
    from casenotes.store.models import Record

    with pytest.raises(SaveFailed, match="disk is full"):
        save_record(store, Record(id="new-record", title="New", kind="raid", summary=BIG))
    assert store_dump(database_of(store.path.parent)) == before


def test_a_save_while_another_program_holds_the_store_is_busy_and_succeeds_later(window, monkeypatch):
    store, note = window
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 100)
    store.db.conn.execute("PRAGMA busy_timeout = 100")
    other = sqlite3.connect(database_of(store.path.parent), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreBusy, match="could not save: the store is busy .* try again in a moment"):
            save_note_body(store, note.id, "second draft")
        assert isinstance(StoreBusy("x"), SaveFailed)  # one except clause covers every failed save
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert get_note(store, note.id).body == "first draft"
    assert save_note_body(store, note.id, "second draft").body == "second draft"


def test_a_database_that_became_read_only_fails_with_a_message_not_a_traceback(window):
    store, note = window
    store.db.conn.execute("PRAGMA query_only = 1")  # SQLite answers SQLITE_READONLY, as for a read-only file
    with pytest.raises(SaveFailed, match="could not save: the database is read-only; check that you may write"):
        save_note_body(store, note.id, "second draft")
    store.db.conn.execute("PRAGMA query_only = 0")
    assert save_note_body(store, note.id, "second draft").body == "second draft"


def test_cli_note_add_with_a_read_only_database_file(file_modes_apply, live_data_dir):
    database = database_of(live_data_dir)
    before = store_dump(database)
    database.chmod(0o400)
    try:
        result = run_cli_respecting_file_modes("--data-dir", str(live_data_dir), "note", "add", "operation-onymous", "x")
    finally:
        database.chmod(0o600)
    assert result.returncode == 2, result.stderr
    assert result.stderr == (f"casenotes: error: could not save: the database is read-only; "
                             f"check that you may write to its folder ({live_data_dir})\n")
    assert store_dump(database) == before


def test_cli_with_a_read_only_data_folder(file_modes_apply, live_data_dir):
    database = database_of(live_data_dir)
    before = store_dump(database)
    # No connection is open, so SQLite would have to create its -wal/-shm files.
    assert [path.name for path in live_data_dir.glob("casenotes.db*")] == ["casenotes.db"]
    live_data_dir.chmod(0o500)
    try:
        result = run_cli_respecting_file_modes("--data-dir", str(live_data_dir), "note", "add", "operation-onymous", "x")
    finally:
        live_data_dir.chmod(0o700)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "read-only" in result.stderr and "Traceback" not in result.stderr
    assert store_dump(database) == before
    with open_data_dir(live_data_dir) as store:  # once the folder is writable again, saving works
        add_note(store, "operation-onymous", "x")
        assert note_count(store) == 1
        assert get_record(store, "operation-onymous").note_count == 1
