"""The daily check and backup run after the window paints, keeping what they promised at start.

The first start of a day still checks the database and backs it up; a damaged file is
still moved aside untouched and the newest good backup offered. Only the moment moves:
from before the window appears to just after.
"""

from __future__ import annotations

import datetime as dt

import pytest

from casenotes import app as app_module
from casenotes.store import open_data_dir
from casenotes.store.backup import backup_now, daily_backup_due, list_backups
from casenotes.store.daily_check import DailyCheck
from casenotes.store.notes import add_note, notes_for_record
from casenotes.store.recovery import DAMAGED_DIR_NAME
from casenotes.ui import main_window as main_window_module
from casenotes.ui.single_instance import SingleInstance
from tests.reliability.conftest import corrupt_btree_page, database_of

YESTERDAY = dt.datetime.now() - dt.timedelta(days=1)


@pytest.fixture
def first_start_of_the_day(live_data_dir):
    """A store whose only backup (holding one note) is from yesterday."""
    with open_data_dir(live_data_dir) as store:
        add_note(store, "operation-onymous", "saved in yesterday's backup")
    for info in list_backups(live_data_dir):
        info.path.unlink()
    with open_data_dir(live_data_dir, defer_daily_check=True) as store:
        backup = backup_now(store, "manual", now=YESTERDAY)
    assert daily_backup_due(live_data_dir)
    return live_data_dir, backup


def test_a_deferred_open_leaves_the_check_due_and_makes_no_backup(first_start_of_the_day):
    data_dir, _ = first_start_of_the_day
    with open_data_dir(data_dir, defer_daily_check=True) as store:
        assert store.daily_check_due
    assert [info.reason for info in list_backups(data_dir)] == ["manual"]
    with open_data_dir(data_dir) as store:  # the command line still does it at once
        assert not store.daily_check_due
    assert "daily" in [info.reason for info in list_backups(data_dir)]


def test_the_check_backs_up_a_healthy_store_while_it_is_open(first_start_of_the_day):
    data_dir, _ = first_start_of_the_day
    with open_data_dir(data_dir, defer_daily_check=True) as store:
        add_note(store, "operation-hyperion", "written while the check runs")
        result = DailyCheck(data_dir).run()
    assert result.damage is None and result.backup_failure is None
    assert result.backup in [info.path for info in list_backups(data_dir)] and not daily_backup_due(data_dir)


def test_the_check_reports_damage_and_makes_no_backup(first_start_of_the_day):
    data_dir, _ = first_start_of_the_day
    corrupt_btree_page(database_of(data_dir), "records_by_title")
    with open_data_dir(data_dir, defer_daily_check=True) as store:  # opens: the check is deferred
        assert store.daily_check_due
        result = DailyCheck(data_dir).run()
    assert result.damage is not None and "integrity check" in result.damage
    assert daily_backup_due(data_dir)


def test_an_interrupted_check_makes_no_backup(first_start_of_the_day):
    data_dir, _ = first_start_of_the_day
    check = DailyCheck(data_dir)
    check.interrupt()
    assert check.run().interrupted
    assert daily_backup_due(data_dir)


def test_the_window_paints_first_and_then_makes_the_daily_backup(qtbot, first_start_of_the_day, monkeypatch):
    data_dir, _ = first_start_of_the_day
    monkeypatch.setattr(main_window_module, "DAILY_CHECK_DELAY_MS", 0)
    window = app_module.create_main_window(data_dir)
    qtbot.addWidget(window)
    assert daily_backup_due(data_dir)  # nothing read the whole file before the window
    with qtbot.waitSignal(window.listLoaded, timeout=10_000):
        window.show()
    qtbot.waitUntil(lambda: not daily_backup_due(data_dir), timeout=10_000)
    window.close()


def test_damage_found_after_paint_moves_the_files_aside_and_restores_the_backup(
    qtbot, first_start_of_the_day, monkeypatch,
):
    data_dir, backup = first_start_of_the_day
    corrupt_btree_page(database_of(data_dir), "records_by_title")
    monkeypatch.setattr(main_window_module, "DAILY_CHECK_DELAY_MS", 0)
    offered = []

    def restore_it(damage, folder, parent=None):
        offered.append(damage)
        from casenotes.store.restore import restore_database

        restore_database(folder, damage.backup.path)
        return True

    monkeypatch.setattr(app_module, "recover_from_damage", restore_it)
    instance = SingleInstance(data_dir)
    assert instance.claim()
    try:
        window = app_module.create_main_window(data_dir)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.storeDamaged, timeout=15_000):
            app_module._show_window(window, data_dir, instance)  # noqa: SLF001
        qtbot.waitUntil(lambda: bool(offered), timeout=10_000)
        damage = offered[0]
        assert damage.moved_to.parent.parent == data_dir / DAMAGED_DIR_NAME and damage.backup.path == backup
        assert not window.isVisible()
        with open_data_dir(data_dir) as store:
            assert [note.body for note in notes_for_record(store, "operation-onymous")] == [
                "saved in yesterday's backup"]
    finally:
        for widget in list(app_module.QApplication.topLevelWidgets()):
            if isinstance(widget, main_window_module.MainWindow) and widget.isVisible():
                widget.close()
        instance.release()
