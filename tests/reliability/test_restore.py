"""Restoring: the file is checked first, the current database is kept aside, an open store blocks it."""

from __future__ import annotations


import pytest

from casenotes.cli import main
from casenotes.store import InvalidBackup, Store, StoreBusy, open_data_dir
from casenotes.store.backup import backup_now, list_backups
from casenotes.store.notes import add_note, notes_for_record
from casenotes.store import restore as restore_module
from casenotes.store.restore import REPLACED_DIR_NAME, restore_database, verify_database_file
from tests.conftest import store_dump
from tests.reliability.conftest import connected, corrupt_btree_page, database_of


@pytest.fixture
def backed_up(live_data_dir):
    """A store with one note in its backup and a second note written after it."""
    with open_data_dir(live_data_dir) as store:
        add_note(store, "operation-onymous", "in the backup")
        backup = backup_now(store, "manual")
        add_note(store, "operation-onymous", "written after the backup")
    return live_data_dir, backup


def note_bodies(database):
    with Store.open(database) as store:
        return [note.body for note in notes_for_record(store, "operation-onymous")]


def test_restore_brings_back_the_backup_and_keeps_the_replaced_database(backed_up):
    data_dir, backup = backed_up
    result = restore_database(data_dir, backup)
    assert note_bodies(database_of(data_dir)) == ["in the backup"]
    assert result.kept_aside.parent.parent == data_dir / REPLACED_DIR_NAME
    assert note_bodies(result.kept_aside) == ["in the backup", "written after the backup"]
    assert str(result.kept_aside) in result.describe()
    assert backup.exists()  # restoring copies the backup; it stays available


def test_restore_refuses_while_another_connection_has_the_store_open(backed_up, monkeypatch):
    data_dir, backup = backed_up
    monkeypatch.setattr(restore_module, "LOCK_WAIT_SECONDS", 0.2)
    before = store_dump(database_of(data_dir))
    with open_data_dir(data_dir):  # the window
        with pytest.raises(StoreBusy, match="casenotes is using the store.*Nothing was changed"):
            restore_database(data_dir, backup)
    assert store_dump(database_of(data_dir)) == before
    assert not (data_dir / REPLACED_DIR_NAME).exists() or not any((data_dir / REPLACED_DIR_NAME).iterdir())
    assert not [p for p in data_dir.iterdir() if p.name.startswith(".casenotes-restoring")]


def newer_database(path):
    Store.open(path).close()
    with connected(path) as conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('casenotes', '9999_future', 'x')")


def not_casenotes(path):
    with connected(path) as conn:
        conn.execute("CREATE TABLE photos (id)")


def damaged(path):
    Store.open(path).close()
    corrupt_btree_page(path, "records")


@pytest.mark.parametrize("make_file, message", [
    (lambda p: None, "does not exist"),
    (lambda p: p.write_bytes(b""), "is empty"),
    (lambda p: p.write_text("id,title\n1,not a database\n"), "not a casenotes database"),
    (not_casenotes, "an SQLite database but not a casenotes database"),
    (newer_database, "newer version of casenotes"),
    (damaged, "damaged"),
    (lambda p: p.mkdir(), "is a folder"),
])
def test_a_file_that_is_not_a_good_casenotes_database_is_refused_and_nothing_changes(
    backed_up, tmp_path, make_file, message
):
    data_dir, _ = backed_up
    candidate = tmp_path / "candidate.db"
    make_file(candidate)
    before = store_dump(database_of(data_dir))
    with pytest.raises(InvalidBackup, match=message):
        restore_database(data_dir, candidate)
    assert store_dump(database_of(data_dir)) == before
    assert not (data_dir / REPLACED_DIR_NAME).exists()


def test_verifying_a_backup_only_reads_it(backed_up):
    _, backup = backed_up
    before = backup.read_bytes()
    assert verify_database_file(backup).notes == 1
    assert backup.read_bytes() == before


def test_restore_into_an_empty_data_folder_just_installs_the_file(backed_up, tmp_path):
    _, backup = backed_up
    fresh = tmp_path / "elsewhere"
    result = restore_database(fresh, backup)
    assert result.kept_aside is None
    assert note_bodies(database_of(fresh)) == ["in the backup"]


def test_restore_replaces_a_damaged_database_by_moving_its_files_aside(backed_up):
    data_dir, backup = backed_up
    database = database_of(data_dir)
    database.write_bytes(b"garbage" * 100)
    result = restore_database(data_dir, backup)
    assert result.kept_aside.read_bytes() == b"garbage" * 100
    assert note_bodies(database) == ["in the backup"]


def test_cli_backup_prints_the_file_and_restore_says_where_the_old_store_went(backed_up, capsys):
    data_dir, _ = backed_up
    assert main(["--data-dir", str(data_dir), "backup"]) == 0
    made = capsys.readouterr().out.strip()
    assert made == str(list_backups(data_dir)[0].path)
    with open_data_dir(data_dir) as store:
        add_note(store, "operation-onymous", "after the CLI backup")
    assert main(["--data-dir", str(data_dir), "restore", made]) == 0
    out = capsys.readouterr().out
    assert "restored" in out and "kept as" in out and str(data_dir / REPLACED_DIR_NAME) in out
    assert "after the CLI backup" not in note_bodies(database_of(data_dir))


def test_cli_restore_of_a_bad_file_is_one_line_and_exit_2(backed_up, tmp_path, capsys):
    data_dir, _ = backed_up
    bad = tmp_path / "bad.db"
    bad.write_text("nope")
    assert main(["--data-dir", str(data_dir), "restore", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a casenotes database" in err
