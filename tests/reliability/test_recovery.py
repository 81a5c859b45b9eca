"""A damaged database at start is moved aside, never overwritten, and the newest good backup offered."""

from __future__ import annotations

import shlex
import sqlite3

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from casenotes.cli import main
from casenotes.store import DamagedDatabaseError, StoreBusy, open_data_dir
from casenotes.store import database as database_module
from casenotes.store.backup import backup_now, list_backups
from casenotes.store.notes import add_note, notes_for_record
from casenotes.store.recovery import DAMAGED_DIR_NAME
from casenotes.ui.recovery import RecoveryChoice, RecoveryDialog, recover_from_damage
from tests.reliability.conftest import corrupt_btree_page, database_of


@pytest.fixture
def with_backup(live_data_dir):
    """A store whose newest backup holds one note."""
    with open_data_dir(live_data_dir) as store:
        add_note(store, "operation-onymous", "saved in the backup")
        backup = backup_now(store, "manual")
    return live_data_dir, backup


def data_files(folder):
    """The database and its WAL, byte for byte.

    The -shm file is only an index SQLite rebuilds from the WAL, and an empty WAL
    (which a read-only look may create) holds nothing.
    """
    return {path.name: path.read_bytes() for path in folder.glob("casenotes.db*")
            if not path.name.endswith("-shm") and path.stat().st_size}


def truncate(database):
    data = database.read_bytes()
    database.write_bytes(data[: len(data) // 2])


def garbage(database):
    database.write_bytes(b"\x00garbage that is no database" * 300)


def garbage_with_wal(database):
    garbage(database)
    database.with_name(database.name + "-wal").write_bytes(b"wal bytes")
    database.with_name(database.name + "-shm").write_bytes(b"shm bytes")


def empty(database):
    database.write_bytes(b"")


@pytest.mark.parametrize("damage", [truncate, garbage, garbage_with_wal, empty])
def test_a_damaged_database_is_moved_aside_intact_and_the_newest_good_backup_named(with_backup, damage):
    data_dir, backup = with_backup
    database = database_of(data_dir)
    damage(database)
    damaged_files = data_files(data_dir)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_data_dir(data_dir)
    error = caught.value
    assert error.moved_to.parent.parent == data_dir / DAMAGED_DIR_NAME
    assert data_files(error.moved_to.parent) == damaged_files
    assert not database.exists()
    assert error.backup.path == backup
    assert f"restore {backup}" in str(error) and str(error.moved_to) in str(error)


def test_a_database_that_fails_quick_check_on_the_first_start_of_the_day_is_moved_aside(with_backup):
    data_dir, backup = with_backup
    for info in list_backups(data_dir):  # make this the first start of the day…
        if info.path != backup:
            info.path.unlink()
    backup.rename(backup.with_name("casenotes-2020-01-01_090000-manual.db"))  # …with yesterday's backup
    corrupt_btree_page(database_of(data_dir), "records_by_title")
    with pytest.raises(DamagedDatabaseError, match="integrity check") as caught:
        open_data_dir(data_dir)
    assert caught.value.moved_to.exists()
    assert caught.value.backup.describe_date() == "1 January 2020, 09:00"


def test_the_offered_backup_is_the_newest_that_passes_its_checks(with_backup):
    data_dir, good = with_backup
    newer = good.with_name("casenotes-2099-01-01_090000-manual.db")
    newer.write_bytes(b"a damaged backup")
    garbage(database_of(data_dir))
    with pytest.raises(DamagedDatabaseError) as caught:
        open_data_dir(data_dir)
    assert caught.value.backup.path == good


def test_without_backups_the_message_says_so_and_the_next_start_is_empty(live_data_dir):
    garbage(database_of(live_data_dir))
    with pytest.raises(DamagedDatabaseError, match="no backup to restore"):
        open_data_dir(live_data_dir)
    with open_data_dir(live_data_dir) as store:
        assert notes_for_record(store, "operation-onymous") == []


def test_an_empty_file_without_backups_is_simply_a_new_store(data_dir):
    data_dir.mkdir(mode=0o700)
    database_of(data_dir).write_bytes(b"")
    with open_data_dir(data_dir) as store:
        assert store.db.conn.execute("SELECT count(*) FROM records").fetchone()[0] == 9


def test_a_locked_database_is_busy_not_damaged_and_stays_where_it_is(live_data_dir, monkeypatch):
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 100)
    holder = sqlite3.connect(database_of(live_data_dir), isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreBusy, match="busy"):
            open_data_dir(live_data_dir)
    finally:
        holder.close()
    assert database_of(live_data_dir).exists()
    assert not (live_data_dir / DAMAGED_DIR_NAME).exists()


def test_cli_says_what_happened_and_the_command_it_prints_restores_the_backup(with_backup, capsys):
    data_dir, backup = with_backup
    garbage(database_of(data_dir))
    assert main(["--data-dir", str(data_dir), "list"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is damaged" in err and "moved to" in err
    command = err.split("with: ", 1)[1].strip()
    argv = shlex.split(command)
    assert argv[0] == "casenotes"
    assert main(argv[1:]) == 0
    capsys.readouterr()
    with open_data_dir(data_dir) as store:
        assert [n.body for n in notes_for_record(store, "operation-onymous")] == ["saved in the backup"]


# ---- the window's recovery dialog ------------------------------------------------------


def damaged_error(data_dir):
    garbage(database_of(data_dir))
    with pytest.raises(DamagedDatabaseError) as caught:
        open_data_dir(data_dir)
    return caught.value


def test_the_dialog_offers_the_backup_by_date_an_empty_store_and_quit(qtbot, with_backup):
    data_dir, _ = with_backup
    error = damaged_error(data_dir)
    dialog = RecoveryDialog(error)
    qtbot.addWidget(dialog)
    assert dialog.restore_button.text() == f"Restore backup from {error.backup.describe_date()}"
    assert dialog.empty_button.text() == "Start with an empty store"
    assert dialog.quit_button.text() == "Quit"
    assert str(error.moved_to) in dialog.findChild(QLabel, "recoveryExplanation").text()
    for button, choice in ((dialog.empty_button, RecoveryChoice.START_EMPTY),
                           (dialog.restore_button, RecoveryChoice.RESTORE_BACKUP),
                           (dialog.quit_button, RecoveryChoice.QUIT)):
        button.click()
        assert dialog.choice is choice


def test_without_a_backup_the_dialog_offers_no_restore(qtbot, live_data_dir):
    error = damaged_error(live_data_dir)
    dialog = RecoveryDialog(error)
    qtbot.addWidget(dialog)
    assert dialog.restore_button is None
    assert "no backup" in dialog.findChild(QLabel, "recoveryExplanation").text()


def click_in_modal_dialog(object_name):
    def click():
        dialog = QApplication.activeModalWidget()
        dialog.findChild(QPushButton, object_name).click()

    QTimer.singleShot(0, click)


# The offscreen platform warns when a modal dialog is shown; it is not our warning.
modal = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@modal
def test_choosing_restore_puts_the_backup_in_place(qtbot, with_backup):
    data_dir, _ = with_backup
    error = damaged_error(data_dir)
    click_in_modal_dialog("restoreBackupButton")
    assert recover_from_damage(error, data_dir) is True
    with open_data_dir(data_dir) as store:
        assert [n.body for n in notes_for_record(store, "operation-onymous")] == ["saved in the backup"]
    assert error.moved_to.exists()  # the damaged file is still kept


@modal
def test_choosing_an_empty_store_or_quit(qtbot, with_backup):
    data_dir, _ = with_backup
    error = damaged_error(data_dir)
    click_in_modal_dialog("quitButton")
    assert recover_from_damage(error, data_dir) is False
    assert not database_of(data_dir).exists()
    click_in_modal_dialog("startEmptyButton")
    assert recover_from_damage(error, data_dir) is True
    with open_data_dir(data_dir) as store:
        assert notes_for_record(store, "operation-onymous") == []
