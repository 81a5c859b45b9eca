import sqlite3
import stat

import pytest

from casenotes.paths import database_path
from casenotes.store import DamagedDatabaseError, NewerDatabaseError, Store, open_data_dir
from casenotes.store.migrations import known_migration_names

TABLES = {
    "meta", "records", "agencies", "record_agencies", "countries", "record_countries", "sources",
    "record_sources", "figures", "relations", "notes", "note_versions", "tags", "record_tags", "note_tags",
    "search_index", "_sqlite_migrations",
}


def test_new_database_has_every_table_of_the_data_model(tmp_path):
    with Store.open(tmp_path / "new.db") as store:
        assert TABLES <= set(store.db.table_names())


def test_migrations_are_recorded_in_the_database(tmp_path):
    with Store.open(tmp_path / "new.db") as store:
        recorded = [row["name"] for row in store.db["_sqlite_migrations"].rows]
        assert recorded == known_migration_names()
        assert store.schema_version() == len(known_migration_names())


def test_reopening_an_up_to_date_database_applies_nothing(tmp_path):
    Store.open(tmp_path / "db").close()
    with Store.open(tmp_path / "db") as store:
        assert store.pending_migrations() == []
        assert store.migrate() == []


def test_database_from_a_newer_casenotes_is_refused_and_left_unchanged(tmp_path):
    path = tmp_path / "newer.db"
    Store.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('casenotes', '9999_future', 'x')"
        )
        conn.execute("PRAGMA user_version = 9999")
    before = path.read_bytes()
    with pytest.raises(NewerDatabaseError, match="newer version of casenotes"):
        Store.open(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_a_database_is_reported_as_damaged_and_kept(tmp_path):
    path = tmp_path / "garbage.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DamagedDatabaseError, match="damaged"):
        Store.open(path)
    assert path.read_bytes() == b"this is not sqlite" * 100


def test_data_directory_and_database_are_private(data_dir):
    open_data_dir(data_dir).close()
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(database_path(data_dir).stat().st_mode) == 0o600


def test_connection_settings_protect_saved_writes(tmp_path):
    with Store.open(tmp_path / "db") as store:
        conn = store.db.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_failed_migration_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    from sqlite_utils.migrations import Migrations

    from casenotes.store import migrations as schema

    path = tmp_path / "db"
    Store.open(path).close()

    def broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("migration failed midway")

    released = known_migration_names()
    with_broken = Migrations(schema.MIGRATION_SET)
    for name, function in schema.registered_migrations():
        with_broken(name=name)(function)
    with_broken(name="9999_broken")(broken)
    monkeypatch.setattr(schema, "migrations", with_broken)
    monkeypatch.setattr(schema, "_registered", [*schema.registered_migrations(), ("9999_broken", broken)])
    with pytest.raises(RuntimeError, match="midway"):
        Store.open(path)
    with sqlite3.connect(path) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        applied = [row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations")]
    assert "half_done" not in tables
    assert applied == released
