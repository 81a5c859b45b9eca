"""Upgrades: a store from every earlier schema version reaches the current one with nothing lost."""

from __future__ import annotations


import pytest

from casenotes.store import Store
from casenotes.store import migrations as schema
from casenotes.store.backup import list_backups
from tests.reliability.conftest import connected
from tests.reliability.upgrade_framework import create_at_version, fill, upgrade_and_compare

# One case per migration: a store that has applied the first N of them. A migration
# added later becomes a new case here by itself.
VERSIONS = range(1, len(schema.known_migration_names()) + 1)


@pytest.mark.parametrize("version", VERSIONS, ids=lambda v: f"from-{schema.known_migration_names()[v - 1]}")
def test_a_store_from_this_version_upgrades_with_nothing_lost(tmp_path, version):
    expected, found, problems = upgrade_and_compare(tmp_path / "casenotes.db", version)
    assert found == expected
    assert problems == []


def test_the_current_version_reads_back_exactly_what_the_sample_writer_wrote(tmp_path):
    """Guards the framework itself: at the current version nothing migrates, so any
    difference is in the writer or the reader, not in a migration."""
    newest = len(schema.known_migration_names())
    expected, found, problems = upgrade_and_compare(tmp_path / "casenotes.db", newest)
    assert found == expected and problems == []


def test_a_future_migration_is_covered_without_editing_the_test(tmp_path, future_migrations):
    future_migrations("9001_records_get_a_colour", lambda db: db.execute("ALTER TABLE records ADD COLUMN colour TEXT"))
    oldest_before_it = len(schema.known_migration_names()) - 1
    expected, found, problems = upgrade_and_compare(tmp_path / "casenotes.db", oldest_before_it)
    assert found == expected and problems == []
    [backup] = list_backups(tmp_path)
    assert backup.reason == "before-migration"


def test_a_migration_that_loses_note_versions_is_caught(tmp_path, future_migrations):
    future_migrations("9001_careless_cleanup", lambda db: db.execute("DELETE FROM note_versions"))
    expected, found, _ = upgrade_and_compare(tmp_path / "casenotes.db", len(schema.known_migration_names()) - 1)
    assert found != expected
    assert found["notes"]["note-1"]["versions"] == [] != expected["notes"]["note-1"]["versions"]


# A careless migration for each kind of data the migrations after 0001 added, and the
# part of the read-back content where its loss must show.
CARELESS_MIGRATIONS = {
    "deletes-saved-searches": ("DELETE FROM saved_searches", "saved_searches"),
    "clears-note-anchors": ("UPDATE notes SET anchor_kind = NULL, anchor_label = NULL, anchor_country = NULL, "
                            "anchor_value = NULL", "anchors"),
    "deletes-anchor-changes": ("DELETE FROM anchor_changes", "anchors"),
    "makes-private-notes-shared": ("UPDATE notes SET private = 0", "private"),
    "makes-private-tags-shared": ("UPDATE tags SET private = 0", "private"),
    "deletes-merge-history": ("DELETE FROM merge_history", "merge_history"),
    "deletes-note-tombstones": ("DELETE FROM note_tombstones", "note_deletions"),
    "deletes-the-merge-log": ("DELETE FROM merges", "merges"),
}


@pytest.mark.parametrize(("sql", "lost"), CARELESS_MIGRATIONS.values(), ids=CARELESS_MIGRATIONS.keys())
def test_a_migration_that_loses_data_a_later_version_added_is_caught(tmp_path, future_migrations, sql, lost):
    future_migrations("9001_careless_cleanup", lambda db: db.execute(sql))
    expected, found, _ = upgrade_and_compare(tmp_path / "casenotes.db", len(schema.known_migration_names()) - 1)
    assert {part for part in expected if found[part] != expected[part]} == {lost}


def test_a_migration_that_gives_an_old_store_data_it_never_had_is_caught(tmp_path, future_migrations):
    future_migrations("9001_everything_private", lambda db: db.execute("UPDATE tags SET private = 1"))
    before_privacy = schema.known_migration_names().index("0004_private_and_merge")
    expected, found, _ = upgrade_and_compare(tmp_path / "casenotes.db", before_privacy)
    assert expected["private"]["tags"] == [] != found["private"]["tags"]


def test_a_migration_that_breaks_the_search_index_is_caught(tmp_path, future_migrations):
    future_migrations("9001_forgets_the_index", lambda db: db.execute("DELETE FROM search_index WHERE rowid % 2 = 0"))
    _, _, problems = upgrade_and_compare(tmp_path / "casenotes.db", len(schema.known_migration_names()) - 1)
    assert any("missing from the search index" in problem for problem in problems)


def test_a_store_is_created_at_exactly_the_version_asked_for(tmp_path):
    names = schema.known_migration_names()
    for version in range(len(names) + 1):
        path = tmp_path / f"v{version}.db"
        create_at_version(path, version)
        with connected(path) as conn:
            applied = [row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations")]
        assert applied == names[:version]
        if version:
            fill(path, version)
    with Store.open(tmp_path / "v0.db") as store:  # the oldest possible file upgrades too
        assert store.pending_migrations() == []


def test_note_times_imported_as_files_spelled_them_are_brought_to_utc(tmp_path):
    """Before 0006, import stored a note's times as written; matching and "which copy is
    newer" compare them as text, so the upgrade rewrites them as the app writes its own."""
    path = tmp_path / "casenotes.db"
    names = schema.known_migration_names()
    version = names.index("0006_note_times_in_utc")
    create_at_version(path, version)
    fill(path, version)
    with connected(path) as conn:
        conn.execute("INSERT INTO records (id, kind, title, created, updated) "
                     "VALUES ('times', 'raid', 'Times', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')")
        rows = [("z", "2026-01-01T10:00:00Z", "2026-01-01T12:00:00+02:00"),
                ("unreadable-created", "yesterday", "2026-02-01T00:00:00Z"),
                ("nothing-readable", "", "soon"),
                ("already-fine", "2026-03-01T10:00:00.123Z", "2026-03-02T10:00:00.456Z")]
        conn.executemany("INSERT INTO notes (uid, record_id, body, created, updated) VALUES (?, 'times', 'x', ?, ?)",
                         rows)
        conn.execute("INSERT INTO note_versions (note_id, body, saved) "
                     "SELECT id, 'old', '2026-01-01T11:00:00+01:00' FROM notes WHERE uid = 'z'")
    with Store.open(path) as store:
        found = dict((uid, (created, updated)) for uid, created, updated in store.db.conn.execute(
            "SELECT uid, created, updated FROM notes WHERE record_id = 'times'"))
        saved = store.db.conn.execute(
            "SELECT v.saved FROM note_versions v JOIN notes n ON n.id = v.note_id WHERE n.uid = 'z'").fetchone()[0]
    assert found["z"] == ("2026-01-01T10:00:00.000Z", "2026-01-01T10:00:00.000Z")
    assert found["unreadable-created"] == ("2026-02-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z")
    created, updated = found["nothing-readable"]
    assert created == updated and created.endswith("Z") and len(created) == 24  # the time of the upgrade
    assert found["already-fine"] == ("2026-03-01T10:00:00.123Z", "2026-03-02T10:00:00.456Z")
    assert saved == "2026-01-01T10:00:00.000Z"
