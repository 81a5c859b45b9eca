"""Backups: made with VACUUM INTO, private, automatic (daily, before migrations), rotated."""

from __future__ import annotations

import datetime as dt
import errno
import sqlite3
import stat

import pytest

from casenotes.store import SaveFailed, Store, open_data_dir
from casenotes.store import backup as backup_module
from casenotes.store.backup import (
    BEFORE_IMPORT, BackupInfo, backup_dir, backup_now, daily_backup_due, list_backups, parse_backup_name,
    rotate_backups,
)
from casenotes.store.notes import add_note
from casenotes.store.restore import verify_database_file
from casenotes.store.retention import RetentionPolicy, backups_to_keep
from tests.reliability.conftest import connected, database_of


def rows(database, sql):
    with connected(database) as conn:
        return conn.execute(sql).fetchall()


def test_backup_now_writes_a_complete_private_copy_named_for_its_reason(live_data_dir):
    with open_data_dir(live_data_dir) as store:
        add_note(store, "operation-onymous", "kept in the backup")
        path = backup_now(store, BEFORE_IMPORT)
    assert path.parent == backup_dir(live_data_dir)
    assert parse_backup_name(path).reason == "before-import"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert rows(path, "SELECT body FROM notes") == [("kept in the backup",)]
    assert verify_database_file(path).records == 9
    # A backup is a self-contained file: no WAL to lose, no leftovers.
    assert rows(path, "PRAGMA journal_mode") == [("delete",)]
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []


def test_a_backup_taken_while_another_program_writes_is_consistent(live_data_dir):
    writer = sqlite3.connect(database_of(live_data_dir), isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE records SET title = 'uncommitted' WHERE id = 'operation-onymous'")
    try:
        with open_data_dir(live_data_dir) as store:
            path = backup_now(store)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert rows(path, "SELECT title FROM records WHERE id = 'operation-onymous'") == [("Operation Onymous",)]
    assert rows(path, "PRAGMA integrity_check") == [("ok",)]


def test_two_backups_in_the_same_second_get_different_names(live_data_dir):
    moment = dt.datetime(2026, 5, 12, 9, 30, 0)
    with open_data_dir(live_data_dir) as store:
        first = backup_now(store, "manual", now=moment)
        second = backup_now(store, "manual", now=moment)
    assert first != second and first.exists() and second.exists()


def test_the_first_start_of_a_day_backs_up_and_later_starts_do_not(live_data_dir):
    assert list_backups(live_data_dir) == []  # a brand-new store has nothing worth a backup
    open_data_dir(live_data_dir).close()
    daily = list_backups(live_data_dir)
    assert [info.reason for info in daily] == ["daily"]
    open_data_dir(live_data_dir).close()
    assert list_backups(live_data_dir) == daily
    assert not daily_backup_due(live_data_dir)
    assert daily_backup_due(live_data_dir, dt.date.today() + dt.timedelta(days=1))


def test_a_failed_daily_backup_does_not_stop_the_store_from_opening(live_data_dir, monkeypatch):
    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup_module.os, "open", disk_full)
    with open_data_dir(live_data_dir) as store:
        assert store.notices == ["Today's backup could not be made: could not back up the store: the disk is full; "
                                 "free some space and try again"]
        assert add_note(store, "operation-onymous", "still works").id


def test_a_backup_that_cannot_be_finished_raises_save_failed_and_leaves_no_partial_file(live_data_dir, monkeypatch):
    def disk_full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    with open_data_dir(live_data_dir) as store:
        before = sorted(backup_dir(live_data_dir).iterdir())
        monkeypatch.setattr(backup_module.os, "replace", disk_full)
        with pytest.raises(SaveFailed, match="could not back up the store: the disk is full"):
            backup_now(store)
    assert sorted(backup_dir(live_data_dir).iterdir()) == before


def add_column(db):
    db.execute("ALTER TABLE records ADD COLUMN colour TEXT")


def test_an_existing_database_is_backed_up_before_migrations_run(live_data_dir, future_migrations):
    with open_data_dir(live_data_dir) as store:
        add_note(store, "operation-onymous", "written before the upgrade")
    for info in list_backups(live_data_dir):
        info.path.unlink()
    future_migrations("9001_add_colour", add_column)
    with Store.open(database_of(live_data_dir)) as store:
        assert "colour" in store.db["records"].columns_dict
    [backup] = list_backups(live_data_dir)
    assert backup.reason == "before-migration"
    # The backup is the store as it was: old schema, same notes.
    assert "colour" not in [row[1] for row in rows(backup.path, "PRAGMA table_info(records)")]
    assert rows(backup.path, "SELECT body FROM notes") == [("written before the upgrade",)]


def test_no_backup_means_no_upgrade(live_data_dir, future_migrations, monkeypatch):
    future_migrations("9001_add_colour", add_column)
    before = rows(database_of(live_data_dir), "SELECT name FROM _sqlite_migrations")

    def fail(*args, **kwargs):
        raise SaveFailed("could not back up the store: the disk is full; free some space and try again")

    monkeypatch.setattr(backup_module, "backup_now", fail)
    with pytest.raises(SaveFailed, match="disk is full"):
        Store.open(database_of(live_data_dir))
    assert rows(database_of(live_data_dir), "SELECT name FROM _sqlite_migrations") == before


def test_a_brand_new_database_is_not_backed_up_before_its_first_migration(data_dir):
    open_data_dir(data_dir).close()
    assert list_backups(data_dir) == []


# ---- rotation -------------------------------------------------------------------------


def taken_every(start: dt.datetime, count: int, step: dt.timedelta) -> list[dt.datetime]:
    return [start + step * number for number in range(count)]


def keep(moments, policy=RetentionPolicy()):
    return sorted(backups_to_keep(moments, lambda moment: moment, policy))


def test_rotation_keeps_the_newest_three_and_one_per_day_week_and_month():
    now = dt.datetime(2026, 5, 12, 18, 0)
    # Two years of one backup a day at 09:00 plus, today, four imports.
    moments = taken_every(now.replace(hour=9) - dt.timedelta(days=730), 731, dt.timedelta(days=1))
    moments += [now.replace(hour=hour) for hour in (10, 11, 12, 13)]
    kept = keep(moments)
    assert kept[-3:] == [now.replace(hour=h) for h in (11, 12, 13)]  # the latest three
    days = {moment.date() for moment in kept}
    for back in range(7):
        assert now.date() - dt.timedelta(days=back) in days  # each of the last seven days
    assert now.replace(hour=9) in kept  # today's first backup: the store as the day began
    weeks = {moment.isocalendar()[:2] for moment in kept}
    assert len(weeks) >= 4
    months = {(moment.year, moment.month) for moment in kept}
    assert len(months) == 12 and min(months) == (2025, 6)
    assert len(kept) <= 3 + 7 + 4 + 12


def test_rotation_counts_periods_that_have_backups_not_calendar_days():
    """After a month away, the last seven days *with* backups are still kept."""
    before_holiday = taken_every(dt.datetime(2026, 3, 1, 9), 10, dt.timedelta(days=1))
    after = [dt.datetime(2026, 4, 20, 9)]
    kept = keep(before_holiday + after, RetentionPolicy(latest=1, daily=7, weekly=0, monthly=0))
    assert kept == before_holiday[-6:] + after


def test_rotation_is_stable_and_never_drops_everything():
    moments = taken_every(dt.datetime(2020, 1, 1), 2000, dt.timedelta(hours=7))
    once = keep(moments)
    assert keep(once) == once
    assert keep(moments[:1]) == moments[:1]
    assert keep([]) == []


def test_rotate_backups_deletes_only_backups_the_policy_drops(data_dir):
    folder = backup_dir(data_dir)
    folder.mkdir(parents=True)
    moments = taken_every(dt.datetime(2024, 1, 1, 9), 500, dt.timedelta(days=1))
    for moment in moments:
        (folder / f"casenotes-{moment:%Y-%m-%d_%H%M%S}-daily.db").write_bytes(b"x")
    (folder / "my-own-notes.txt").write_text("not a backup: never touched")
    removed = rotate_backups(data_dir)
    remaining = list_backups(data_dir)
    expected = keep(moments)
    assert sorted(info.taken for info in remaining) == expected
    assert len(removed) == len(moments) - len(expected)
    assert (folder / "my-own-notes.txt").exists()


def test_backup_names_are_parsed_back_and_foreign_names_ignored(tmp_path):
    info = parse_backup_name(tmp_path / "casenotes-2026-05-12_093000-before-import-2.db")
    assert info == BackupInfo(tmp_path / "casenotes-2026-05-12_093000-before-import-2.db",
                              dt.datetime(2026, 5, 12, 9, 30), "before-import", 2)
    assert info.describe_date() == "12 May 2026, 09:30"
    for foreign in ("casenotes.db", "casenotes-2026-13-40_999999-daily.db", ".casenotes-2026-05-12_093000-daily.db.partial",
                    "notes-2026-05-12_093000-daily.db"):
        assert parse_backup_name(tmp_path / foreign) is None
