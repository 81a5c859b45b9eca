"""``casenotes check [--repair]`` and Tools ▸ Check database find damage and rebuild what can be rebuilt."""

from __future__ import annotations


import pytest

from casenotes.cli import main
from casenotes.store import Store, open_data_dir
from casenotes.store.backup import list_backups
from casenotes.store.health import FOREIGN_KEYS, INTEGRITY, NOTE_COUNTS, SEARCH_INDEX, check_store, repair_store
from casenotes.store.notes import add_note
from casenotes.store.search import search
from casenotes.ui.check_dialog import CheckDialog
from tests.reliability.conftest import connected, corrupt_btree_page, database_of


def problems(store, **options):
    return [(p.check, p.repairable) for p in check_store(store, **options).problems]


@pytest.fixture
def store_with_note(seeded_store):
    add_note(seeded_store, "operation-onymous", "zanzibar is where the server was")
    return seeded_store


def test_a_healthy_store_passes_every_check(store_with_note):
    report = check_store(store_with_note, thorough=True)
    assert report.ok, report.describe()
    assert report.checks == ["integrity (thorough)", FOREIGN_KEYS, SEARCH_INDEX, NOTE_COUNTS]


def drop_note_row(store):
    store.db.conn.execute("DELETE FROM search_index WHERE rowid % 2 = 1")


def stale_title(store):
    # With indexing deferred (as during an import) the trigger does not update the index.
    store.db.conn.execute("INSERT INTO meta VALUES ('fts_deferred', '1')")
    store.db.conn.execute("UPDATE records SET title = 'Renamed' WHERE id = 'operation-onymous'")
    store.db.conn.execute("DELETE FROM meta WHERE key = 'fts_deferred'")


def extra_row(store):
    store.db.conn.execute("INSERT INTO search_index (rowid, title) VALUES (2 * 999999, 'ghost')")


def broken_fts_segment(store):
    store.db.conn.execute(
        "UPDATE search_index_data SET block = zeroblob(length(block)) WHERE id = (SELECT max(id) FROM search_index_data)"
    )


def wrong_note_count(store):
    store.db.conn.execute("UPDATE records SET note_count = 7 WHERE id = 'operation-hyperion'")


@pytest.mark.parametrize("damage, check, words", [
    (drop_note_row, SEARCH_INDEX, "note"),
    (stale_title, SEARCH_INDEX, "out of date"),
    (extra_row, SEARCH_INDEX, "left over"),
    (broken_fts_segment, SEARCH_INDEX, "full-text index is damaged"),
    (wrong_note_count, NOTE_COUNTS, "operation-hyperion"),
])
def test_derived_data_out_of_step_is_found_and_repair_rebuilds_it(store_with_note, damage, check, words):
    damage(store_with_note)
    report = check_store(store_with_note)
    assert [p.check for p in report.problems] == [check] and report.repairable
    assert words in report.problems[0].message
    result = repair_store(store_with_note, report)
    assert result.after.ok, result.after.describe()
    assert any("rebuilt the search index from 9 records and 1 note" in action for action in result.actions)
    assert [hit.type for hit in search(store_with_note, "zanzibar")] == ["note"]


def test_a_broken_reference_is_reported_and_not_called_repairable(store_with_note):
    store_with_note.db.conn.execute("PRAGMA foreign_keys = OFF")
    store_with_note.db.conn.execute(
        "INSERT INTO notes (uid, record_id, body, created, updated) VALUES ('u', 'no-such-record', 'x', 'a', 'a')"
    )
    report = check_store(store_with_note)
    assert (FOREIGN_KEYS, False) in [(p.check, p.repairable) for p in report.problems]
    assert "notes row" in report.describe() and "records" in report.describe()
    assert not report.repairable


def test_index_entries_that_do_not_match_their_table_are_found_by_the_thorough_check_and_reindexed(tmp_path):
    path = tmp_path / "casenotes.db"
    Store.open(path).close()
    with connected(path) as conn:
        original = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'records_by_title'").fetchone()[0]
        conn.execute("INSERT INTO records (id, kind, title, summary, created, updated) "
                     "VALUES ('a', 'raid', 'Alpha', 'Zulu', 'x', 'x')")
        # Build the index over another column, then claim it indexes the title.
        conn.execute("DROP INDEX records_by_title")
        conn.execute("CREATE INDEX records_by_title ON records (summary COLLATE NOCASE)")
        conn.execute("PRAGMA writable_schema = ON")
        conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'records_by_title'", (original,))
    with Store.open(path) as store:
        assert problems(store) == []  # quick_check does not cross-check indexes…
        report = check_store(store, thorough=True)  # …integrity_check does
        assert report.problems and all(p.check == INTEGRITY and p.repairable for p in report.problems)
        result = repair_store(store, report)
        assert "rebuilt the database's indexes (REINDEX)" in result.actions
        assert check_store(store, thorough=True).ok


def test_a_damaged_table_is_reported_as_damage_that_needs_a_backup(live_data_dir):
    corrupt_btree_page(database_of(live_data_dir), "records")
    with Store.open(database_of(live_data_dir)) as store:
        report = check_store(store)
    assert [p.check for p in report.problems] == [INTEGRITY] and not report.repairable
    assert report.checks == ["integrity (quick)"]  # the other checks would trip over the same damage


# ---- the command -----------------------------------------------------------------------


def cli(data_dir, *args):
    return main(["--data-dir", str(data_dir), "check", *args])


def test_check_on_a_healthy_store_exits_0(live_data_dir, capsys):
    assert cli(live_data_dir) == 0
    assert "no problems found" in capsys.readouterr().out


def test_check_reports_then_repair_fixes_and_says_what_it_did(live_data_dir, capsys):
    with open_data_dir(live_data_dir) as store:
        add_note(store, "operation-onymous", "zanzibar")
        drop_note_row(store)
    capsys.readouterr()
    assert cli(live_data_dir) == 2
    captured = capsys.readouterr()
    assert "missing from the search index" in captured.out
    assert captured.err.count("\n") == 1 and "check --repair" in captured.err
    assert cli(live_data_dir, "--repair") == 0
    out = capsys.readouterr().out
    assert "backed up first:" in out and "rebuilt the search index" in out and out.rstrip().endswith("no problems found")
    assert [info.reason for info in list_backups(live_data_dir)][0] == "before-repair"
    assert cli(live_data_dir) == 0


def test_check_on_a_damaged_file_exits_2_names_a_backup_and_moves_nothing(live_data_dir, capsys):
    open_data_dir(live_data_dir).close()  # the second start of the day makes the daily backup
    database = database_of(live_data_dir)
    database.write_bytes(b"not a database at all" * 100)
    assert cli(live_data_dir, "--repair") == 2
    err = capsys.readouterr().err
    assert "is damaged" in err and "restore" in err and err.count("\n") == 1
    assert database.read_bytes() == b"not a database at all" * 100


def test_check_without_a_store_says_so(data_dir, capsys):
    assert cli(data_dir) == 2
    assert "no casenotes store" in capsys.readouterr().err


def test_unrepairable_damage_is_not_touched_by_repair(live_data_dir, capsys):
    corrupt_btree_page(database_of(live_data_dir), "records")
    before = database_of(live_data_dir).read_bytes()
    assert cli(live_data_dir, "--repair") == 2
    assert "cannot fix" in capsys.readouterr().err
    assert database_of(live_data_dir).read_bytes() == before


# ---- the dialog ------------------------------------------------------------------------


def test_dialog_on_a_healthy_store_says_so_and_offers_no_repair(qtbot, store_with_note):
    dialog = CheckDialog(store_with_note)
    qtbot.addWidget(dialog)
    assert dialog.summary.text() == "The database is in good order."
    assert not dialog.repair_button.isEnabled()


def test_dialog_repairs_the_search_index_and_announces_it(qtbot, live_data_dir):
    store = open_data_dir(live_data_dir)
    try:
        add_note(store, "operation-onymous", "zanzibar")
        drop_note_row(store)
        dialog = CheckDialog(store)
        qtbot.addWidget(dialog)
        assert "Repair can fix them" in dialog.summary.text()
        assert "missing from the search index" in dialog.details.toPlainText()
        assert dialog.repair_button.isEnabled()
        with qtbot.waitSignal(dialog.repaired, timeout=5000):
            dialog.repair_button.click()
        assert dialog.summary.text() == "Repaired."
        assert "backed up first" in dialog.details.toPlainText()
        assert not dialog.repair_button.isEnabled()
        assert check_store(store).ok
    finally:
        store.close()


def test_dialog_on_damaged_data_points_at_a_backup_and_offers_no_repair(qtbot, live_data_dir):
    open_data_dir(live_data_dir).close()  # the daily backup
    corrupt_btree_page(database_of(live_data_dir), "records")
    with Store.open(database_of(live_data_dir)) as store:
        dialog = CheckDialog(store)
        qtbot.addWidget(dialog)
        assert "damaged" in dialog.summary.text() and "restore a backup" in dialog.summary.text()
        assert "casenotes --data-dir" in dialog.details.toPlainText()
        assert not dialog.repair_button.isEnabled()


def test_check_thorough_runs_the_full_integrity_check(live_data_dir, capsys):
    assert cli(live_data_dir, "--thorough") == 0
    assert "integrity (thorough)" in capsys.readouterr().out
