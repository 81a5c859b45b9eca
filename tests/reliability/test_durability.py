"""Every connection is configured for durability, and every write runs in one transaction."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from casenotes.store import Store, StoreBusy, open_data_dir
from casenotes.store import database as database_module
from casenotes.store.health import repair_store
from casenotes.store.interchange import import_document
from casenotes.store.models import Record, Source
from casenotes.store.notes import add_note, save_note_body
from casenotes.store.records import delete_record, restore_record, save_record
from casenotes.store.backup import backup_now
from casenotes.store.restore import restore_database
from tests.conftest import document, minimal_record
from tests.reliability.conftest import connected, database_of, python_process


def connection_settings(store: Store) -> dict:
    conn = store.db.conn
    return {
        "journal_mode": conn.execute("PRAGMA journal_mode").fetchone()[0],
        "synchronous": conn.execute("PRAGMA synchronous").fetchone()[0],
        "foreign_keys": conn.execute("PRAGMA foreign_keys").fetchone()[0],
        "busy_timeout": conn.execute("PRAGMA busy_timeout").fetchone()[0],
    }


DURABLE = {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": database_module.BUSY_TIMEOUT_MS}


def test_a_new_store_gets_wal_full_sync_foreign_keys_and_a_busy_timeout(data_dir):
    with open_data_dir(data_dir) as store:
        assert connection_settings(store) == DURABLE


def test_reopening_and_restoring_keep_the_same_settings(live_data_dir):
    with open_data_dir(live_data_dir) as store:
        assert connection_settings(store) == DURABLE
        backup = backup_now(store, "manual")
    restore_database(live_data_dir, backup)
    with Store.open(database_of(live_data_dir)) as store:
        assert connection_settings(store) == DURABLE


def test_writes_take_the_write_lock_up_front_so_a_busy_store_waits_then_says_so(live_data_dir, monkeypatch):
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 200)
    holder = sqlite3.connect(database_of(live_data_dir), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with open_data_dir(live_data_dir) as store:
            with pytest.raises(StoreBusy, match="the store is busy .*try again"):
                add_note(store, "operation-onymous", "written while another program writes")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with open_data_dir(live_data_dir) as store:
        assert add_note(store, "operation-onymous", "written once the lock is free").id


def test_a_waiting_write_goes_through_when_the_other_writer_finishes(live_data_dir):
    holder = sqlite3.connect(database_of(live_data_dir), isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(0.3, lambda: holder.execute("COMMIT")).start()
    with open_data_dir(live_data_dir) as store:
        note = add_note(store, "operation-onymous", "waited for the lock")
    holder.close()
    assert note.body == "waited for the lock"


def test_a_failed_write_leaves_nothing_half_done(store):
    save_record(store, Record(id="a", title="Alpha", kind="raid"))
    with pytest.raises(RuntimeError):
        with store.transaction():
            add_note(store, "a", "first half")
            raise RuntimeError("stop midway")
    assert store.db.conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 0
    assert not store.db.conn.in_transaction


_WRITE_KEYWORDS = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER", "REINDEX")


def writes_outside_transactions(statements: list[str]) -> list[str]:
    """Statements that change the database while no BEGIN…COMMIT is open."""
    depth, outside = 0, []
    for sql in statements:
        text = sql.strip()
        if text.startswith("--"):  # a statement inside a trigger: part of its parent statement
            continue
        keyword = text.split(None, 1)[0].upper() if text else ""
        if keyword == "BEGIN":
            depth += 1
        elif keyword in ("COMMIT", "END") or (keyword == "ROLLBACK" and "TO SAVEPOINT" not in text.upper()):
            depth = 0
        elif (keyword in _WRITE_KEYWORDS or text.upper().startswith("PRAGMA USER_VERSION =")) and depth == 0:
            if not text.upper().startswith("CREATE TEMP") and "TEMP." not in text.upper():
                outside.append(text[:80])
    return outside


def test_every_store_write_runs_inside_a_transaction(tmp_path, seed_document):
    """Audit by tracing SQL: no store function writes in autocommit mode, one row at a time."""
    statements: list[str] = []
    with Store.open(tmp_path / "audit.db", migrate=False) as store:
        store.db.conn.set_trace_callback(statements.append)
        store.migrate()
        from casenotes.store.seed import apply_seed

        apply_seed(store, seed_document)
        save_record(store, Record(id="a", title="Alpha", kind="raid", agencies=["FBI"], sources=[Source("S")]))
        save_record(store, Record(id="a", title="Alpha 2", kind="raid", agencies=["BKA"]), user_edit=True)
        delete_record(store, "a")
        restore_record(store, "a")
        note = add_note(store, "a", "body")
        save_note_body(store, note.id, "body 2")
        store.set_meta("k", "v")
        import_document(store, document(minimal_record("b"), notes=[{"record_id": "b", "body": "n"}]))
        repair_store(store)
        store.db.conn.set_trace_callback(None)
    assert any(s.startswith("BEGIN IMMEDIATE") for s in statements)
    assert writes_outside_transactions(statements) == []


def test_the_audit_itself_catches_a_write_outside_a_transaction():
    assert writes_outside_transactions(["INSERT INTO notes VALUES (1)"]) == ["INSERT INTO notes VALUES (1)"]
    assert writes_outside_transactions(["BEGIN IMMEDIATE", "INSERT INTO notes VALUES (1)", "COMMIT"]) == []


def test_two_processes_opening_an_old_database_migrate_it_once(tmp_path):
    from casenotes.store import migrations as schema

    path = tmp_path / "old.db"
    Store.open(path, migrate=False).close()  # no migration applied yet: the oldest possible store
    script = (
        "import sys; from casenotes.store import Store\n"
        "with Store.open(sys.argv[1]) as s: print(len(s.pending_migrations()))\n"
    )
    processes = [python_process(script, str(path)) for _ in range(3)]
    results = [process.communicate(timeout=60) for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0], results
    with connected(path) as conn:
        applied = [row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations")]
    assert applied == schema.known_migration_names()
