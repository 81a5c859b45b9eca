"""Numbered schema migrations, recorded in the database by sqlite-utils.

Each migration is a function named ``mNNNN_what_it_does``; the set is applied in
order and never edited once released: a change to the schema is a new migration.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from casenotes.store.dates import InvalidTimestamp, normalise_timestamp, utc_now

MIGRATION_SET = "casenotes"

migrations = Migrations(MIGRATION_SET)
_registered: list[tuple[str, Callable[[Database], None]]] = []


def migration(name: str):
    """Register a schema migration under its permanent name (``NNNN_what_it_does``)."""

    def register(function):
        _registered.append((name, function))
        return migrations(name=name)(function)

    return register


def registered_migrations() -> list[tuple[str, Callable[[Database], None]]]:
    """(name, function) of every migration this version knows, oldest first."""
    return list(_registered)


def execute_statements(db: Database, sql: str) -> None:
    """Run a script one statement at a time, so it stays inside the caller's transaction.

    ``sqlite3.Connection.executescript`` would commit first, which breaks the
    all-or-nothing guarantee of a migration.
    """
    statement = ""
    for line in sql.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            if statement.strip():
                db.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement: {statement.strip()[:80]}")


# Search rows: a record's row id is 2*key, a note's is 2*id+1, so one FTS index ranks
# records and notes together and a hit's type is its row id's parity.
RECORD_SEARCH_ROW = """
INSERT INTO search_index (rowid, title, summary, agencies, sources, note)
SELECT r.key * 2, r.title, r.summary,
       (SELECT group_concat(a.name, ' ') FROM record_agencies ra
          JOIN agencies a ON a.id = ra.agency_id WHERE ra.record_id = r.id),
       (SELECT group_concat(s.title || ' ' || ifnull(s.publisher, ''), ' ') FROM record_sources rs
          JOIN sources s ON s.id = rs.source_id WHERE rs.record_id = r.id),
       ''
FROM records r
"""

# While an import defers indexing (meta row 'fts_deferred'), triggers skip work that the
# import redoes in one statement at the end.
INDEXING_ON = "(SELECT value FROM meta WHERE key = 'fts_deferred') IS NULL"

INITIAL_SCHEMA = f"""
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT
);

CREATE TABLE records (
    key INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('operation', 'takedown', 'raid', 'arrest', 'prosecution', 'other')),
    title TEXT NOT NULL,
    date TEXT,
    end_date TEXT,
    summary TEXT NOT NULL DEFAULT '',
    country_list TEXT NOT NULL DEFAULT '',  -- the record's country codes, comma-separated, for the list
    arrests INTEGER,  -- stated total, else the sum of per-country figures, for the list
    note_count INTEGER NOT NULL DEFAULT 0,
    origin TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('seed', 'import', 'user')),
    edited INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX records_by_date ON records (date);
CREATE INDEX records_by_title ON records (title COLLATE NOCASE);
CREATE INDEX records_by_kind ON records (kind, date);
CREATE INDEX records_by_arrests ON records (arrests);
CREATE INDEX records_by_country_list ON records (country_list);
CREATE INDEX records_by_note_count ON records (note_count);
CREATE INDEX records_by_updated ON records (updated);

CREATE TABLE agencies (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);
CREATE TABLE record_agencies (
    record_id TEXT NOT NULL REFERENCES records (id) ON DELETE CASCADE ON UPDATE CASCADE,
    agency_id INTEGER NOT NULL REFERENCES agencies (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (record_id, agency_id)
);
CREATE INDEX record_agencies_by_agency ON record_agencies (agency_id);

CREATE TABLE countries (
    code TEXT PRIMARY KEY CHECK (length(code) = 2 AND code = upper(code)),
    name TEXT NOT NULL
);
CREATE TABLE record_countries (
    record_id TEXT NOT NULL REFERENCES records (id) ON DELETE CASCADE ON UPDATE CASCADE,
    country_code TEXT NOT NULL REFERENCES countries (code),
    position INTEGER NOT NULL,
    PRIMARY KEY (record_id, country_code)
);
CREATE INDEX record_countries_by_country ON record_countries (country_code);

CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    publisher TEXT,
    url TEXT,
    published TEXT
);
CREATE UNIQUE INDEX sources_identity ON sources (title, ifnull(publisher, ''), ifnull(url, ''), ifnull(published, ''));
CREATE TABLE record_sources (
    record_id TEXT NOT NULL REFERENCES records (id) ON DELETE CASCADE ON UPDATE CASCADE,
    position INTEGER NOT NULL,
    source_id INTEGER NOT NULL REFERENCES sources (id),
    locator TEXT,
    PRIMARY KEY (record_id, position)
);
CREATE INDEX record_sources_by_source ON record_sources (source_id);

CREATE TABLE figures (
    id INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL REFERENCES records (id) ON DELETE CASCADE ON UPDATE CASCADE,
    position INTEGER NOT NULL,
    label TEXT NOT NULL,
    value CHECK (typeof(value) IN ('integer', 'real')),
    unit TEXT,
    country TEXT REFERENCES countries (code),
    source_position INTEGER,  -- the record_sources row (same record_id) this figure cites
    note TEXT
);
CREATE INDEX figures_by_record ON figures (record_id, position);
CREATE INDEX figures_by_label ON figures (label);

CREATE TABLE relations (
    record_id TEXT NOT NULL REFERENCES records (id) ON DELETE CASCADE ON UPDATE CASCADE,
    other_id TEXT NOT NULL,
    relation TEXT NOT NULL CHECK (relation IN ('follows', 'part_of', 'related')),
    position INTEGER NOT NULL,
    PRIMARY KEY (record_id, other_id, relation)
);
CREATE INDEX relations_by_other ON relations (other_id);

CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    record_id TEXT NOT NULL REFERENCES records (id) ON UPDATE CASCADE,
    body TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    pinned INTEGER NOT NULL DEFAULT 0,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX notes_by_record ON notes (record_id, deleted);
CREATE INDEX notes_by_updated ON notes (updated);

CREATE TABLE note_versions (
    id INTEGER PRIMARY KEY,
    note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    body TEXT NOT NULL,
    saved TEXT NOT NULL
);
CREATE INDEX note_versions_by_note ON note_versions (note_id, id);

CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);
CREATE TABLE record_tags (
    record_id TEXT NOT NULL REFERENCES records (id) ON DELETE CASCADE ON UPDATE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (record_id, tag_id)
);
CREATE INDEX record_tags_by_tag ON record_tags (tag_id);
CREATE TABLE note_tags (
    note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags (id),
    PRIMARY KEY (note_id, tag_id)
);
CREATE INDEX note_tags_by_tag ON note_tags (tag_id);

CREATE VIRTUAL TABLE search_index USING fts5 (
    title, summary, agencies, sources, note,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

-- Keep the search index in step with records, their agencies and sources, and notes.
CREATE TRIGGER records_index_insert AFTER INSERT ON records
WHEN NEW.deleted = 0 AND {INDEXING_ON}
BEGIN
    {RECORD_SEARCH_ROW} WHERE r.key = NEW.key;
END;

CREATE TRIGGER records_index_update AFTER UPDATE OF title, summary, deleted ON records
WHEN {INDEXING_ON}
BEGIN
    DELETE FROM search_index WHERE rowid = OLD.key * 2;
    {RECORD_SEARCH_ROW} WHERE r.key = NEW.key AND NEW.deleted = 0;
END;

CREATE TRIGGER records_index_delete AFTER DELETE ON records
BEGIN
    DELETE FROM search_index WHERE rowid = OLD.key * 2;
END;

CREATE TRIGGER record_agencies_index_insert AFTER INSERT ON record_agencies
WHEN {INDEXING_ON}
BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT key * 2 FROM records WHERE id = NEW.record_id);
    {RECORD_SEARCH_ROW} WHERE r.id = NEW.record_id AND r.deleted = 0;
END;

CREATE TRIGGER record_agencies_index_delete AFTER DELETE ON record_agencies
WHEN {INDEXING_ON}
BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT key * 2 FROM records WHERE id = OLD.record_id);
    {RECORD_SEARCH_ROW} WHERE r.id = OLD.record_id AND r.deleted = 0;
END;

CREATE TRIGGER record_sources_index_insert AFTER INSERT ON record_sources
WHEN {INDEXING_ON}
BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT key * 2 FROM records WHERE id = NEW.record_id);
    {RECORD_SEARCH_ROW} WHERE r.id = NEW.record_id AND r.deleted = 0;
END;

CREATE TRIGGER record_sources_index_delete AFTER DELETE ON record_sources
WHEN {INDEXING_ON}
BEGIN
    DELETE FROM search_index WHERE rowid = (SELECT key * 2 FROM records WHERE id = OLD.record_id);
    {RECORD_SEARCH_ROW} WHERE r.id = OLD.record_id AND r.deleted = 0;
END;

CREATE TRIGGER notes_index_insert AFTER INSERT ON notes
WHEN NEW.deleted = 0
BEGIN
    INSERT INTO search_index (rowid, title, summary, agencies, sources, note)
    VALUES (NEW.id * 2 + 1, '', '', '', '', NEW.body);
END;

CREATE TRIGGER notes_index_update AFTER UPDATE OF body, deleted ON notes
BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 2 + 1;
    INSERT INTO search_index (rowid, title, summary, agencies, sources, note)
    SELECT NEW.id * 2 + 1, '', '', '', '', NEW.body WHERE NEW.deleted = 0;
END;

CREATE TRIGGER notes_index_delete AFTER DELETE ON notes
BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 2 + 1;
END;

-- Every earlier body of a note is kept, so any saved state can be restored.
CREATE TRIGGER notes_keep_version AFTER UPDATE OF body ON notes
WHEN OLD.body IS NOT NEW.body
BEGIN
    INSERT INTO note_versions (note_id, body, saved) VALUES (OLD.id, OLD.body, OLD.updated);
END;

-- The list shows and sorts by how many live notes a record has.
CREATE TRIGGER notes_count_insert AFTER INSERT ON notes
WHEN NEW.deleted = 0
BEGIN
    UPDATE records SET note_count = note_count + 1 WHERE id = NEW.record_id;
END;

CREATE TRIGGER notes_count_update AFTER UPDATE OF deleted, record_id ON notes
BEGIN
    UPDATE records SET note_count = note_count - 1 WHERE id = OLD.record_id AND OLD.deleted = 0;
    UPDATE records SET note_count = note_count + 1 WHERE id = NEW.record_id AND NEW.deleted = 0;
END;

CREATE TRIGGER notes_count_delete AFTER DELETE ON notes
WHEN OLD.deleted = 0
BEGIN
    UPDATE records SET note_count = note_count - 1 WHERE id = OLD.record_id;
END;
"""


@migration("0001_initial")
def m0001_initial(db: Database) -> None:
    execute_statements(db, INITIAL_SCHEMA)


def known_migration_names() -> list[str]:
    """Names of every migration this version of casenotes knows, oldest first."""
    return [name for name, _function in _registered]


SAVED_SEARCHES = """
CREATE TABLE saved_searches (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    filter TEXT NOT NULL,  -- the query and facets, as JSON
    created TEXT NOT NULL,
    last_opened TEXT NOT NULL  -- records updated after this count as new or changed
);
"""


@migration("0002_saved_searches")
def m0002_saved_searches(db: Database) -> None:
    execute_statements(db, SAVED_SEARCHES)


# A note may be anchored to one figure (label and country) or one field of its record.
# anchor_value is the anchored value as casenotes last saw it (JSON); each change found
# later is a row of anchor_changes until the user marks it reviewed. See store/anchors.py.
NOTE_ANCHORS = """
ALTER TABLE notes ADD COLUMN anchor_kind TEXT CHECK (anchor_kind IN ('figure', 'field'));
ALTER TABLE notes ADD COLUMN anchor_label TEXT;
ALTER TABLE notes ADD COLUMN anchor_country TEXT;
ALTER TABLE notes ADD COLUMN anchor_value TEXT;
CREATE INDEX notes_by_anchor ON notes (record_id) WHERE anchor_kind IS NOT NULL;

CREATE TABLE anchor_changes (
    id INTEGER PRIMARY KEY,
    note_id INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    old_value TEXT NOT NULL,  -- JSON, as last seen before the change
    new_value TEXT NOT NULL,  -- JSON, as found after it
    detected TEXT NOT NULL,
    cause TEXT NOT NULL CHECK (cause IN ('seed', 'import', 'user')),
    source TEXT,  -- the source(s) the figure now cites, as text
    reviewed TEXT  -- when the user marked it reviewed; NULL while it needs review
);
CREATE INDEX anchor_changes_by_note ON anchor_changes (note_id, id);
CREATE INDEX anchor_changes_pending ON anchor_changes (note_id) WHERE reviewed IS NULL;
"""


@migration("0003_note_anchors")
def m0003_note_anchors(db: Database) -> None:
    execute_statements(db, NOTE_ANCHORS)


PRIVATE_AND_MERGE = """
-- A private note or tag stays on this machine: shared exports and served snapshots leave it out.
ALTER TABLE notes ADD COLUMN private INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tags ADD COLUMN private INTEGER NOT NULL DEFAULT 0;

-- Versions of records and notes this store has shared (exported for merging) or received
-- (merged in): a merge compares them with the other store's list to find the last common
-- state of each record and note (docs/merge.md).
CREATE TABLE merge_history (
    kind TEXT NOT NULL CHECK (kind IN ('record', 'note')),
    item_id TEXT NOT NULL,  -- records.id or notes.uid
    hash TEXT NOT NULL,  -- content hash of that version, or 'deleted'
    source TEXT NOT NULL,  -- 'export', or the store id it was received from
    noted TEXT NOT NULL,
    PRIMARY KEY (kind, item_id, hash)
);

-- Notes removed for good (trash emptied): their ids travel to other stores as deletions.
CREATE TABLE note_tombstones (
    uid TEXT PRIMARY KEY,
    record_id TEXT NOT NULL,
    deleted TEXT NOT NULL
);
CREATE TRIGGER notes_leave_tombstone AFTER DELETE ON notes
BEGIN
    INSERT OR REPLACE INTO note_tombstones (uid, record_id, deleted)
    VALUES (OLD.uid, OLD.record_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

-- One row per merge done: from which store, which file, what it changed.
CREATE TABLE merges (
    id INTEGER PRIMARY KEY,
    peer_store_id TEXT,
    file TEXT NOT NULL,
    merged TEXT NOT NULL,
    summary TEXT NOT NULL  -- what the merge did, as JSON counts
);
"""


@migration("0004_private_and_merge")
def m0004_private_and_merge(db: Database) -> None:
    execute_statements(db, PRIVATE_AND_MERGE)


# The list sorts a million records by any column: with an index on the column alone, each
# row had to be looked up in the table to skip deleted records (3 s at 1M). Indexes
# limited to live records answer "live records in this order" from the index alone
# (0.2 s), and the one on deleted records lets facet counts subtract the few tombstones
# instead of joining every link row to its record.
LIST_INDEXES = """
DROP INDEX records_by_date;
DROP INDEX records_by_title;
DROP INDEX records_by_kind;
DROP INDEX records_by_arrests;
DROP INDEX records_by_country_list;
DROP INDEX records_by_note_count;
DROP INDEX records_by_updated;
CREATE INDEX records_by_date ON records (date) WHERE deleted = 0;
CREATE INDEX records_by_title ON records (title COLLATE NOCASE) WHERE deleted = 0;
CREATE INDEX records_by_kind ON records (kind) WHERE deleted = 0;
CREATE INDEX records_by_arrests ON records (arrests) WHERE deleted = 0;
CREATE INDEX records_by_country_list ON records (country_list) WHERE deleted = 0;
CREATE INDEX records_by_note_count ON records (note_count) WHERE deleted = 0;
CREATE INDEX records_by_updated ON records (updated) WHERE deleted = 0;
CREATE INDEX records_deleted ON records (id) WHERE deleted = 1;
"""


@migration("0005_list_indexes")
def m0005_list_indexes(db: Database) -> None:
    execute_statements(db, LIST_INDEXES)


# Note times from import files were stored as the file spelled them ("…:00Z",
# "…+02:00", even "yesterday"), while the app writes UTC with milliseconds. Times are
# compared as text (which copy of a note is newer, matching a re-imported note by its
# creation time), so they are brought to the app's form; one that cannot be read takes
# the note's other time, else the time of this migration. Only rows not already in that
# form are read, so a store written by the app alone costs one scan.
_STORED_TIMESTAMP = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z"


def _readable_time(text: object) -> str | None:
    if not isinstance(text, str):
        return None
    try:
        return normalise_timestamp(text)
    except InvalidTimestamp:
        return None


@migration("0006_note_times_in_utc")
def m0006_note_times_in_utc(db: Database) -> None:
    now = utc_now()
    for note_id, created, updated in db.execute(
        "SELECT id, created, updated FROM notes WHERE NOT (created GLOB ?1 AND updated GLOB ?1)", [_STORED_TIMESTAMP]
    ).fetchall():
        new_created, new_updated = _readable_time(created), _readable_time(updated)
        new_created = new_created or new_updated or now
        db.execute("UPDATE notes SET created = ?, updated = ? WHERE id = ?",
                   [new_created, new_updated or new_created, note_id])
    for version_id, saved in db.execute(
        "SELECT id, saved FROM note_versions WHERE NOT saved GLOB ?", [_STORED_TIMESTAMP]
    ).fetchall():
        db.execute("UPDATE note_versions SET saved = ? WHERE id = ?", [_readable_time(saved) or now, version_id])
