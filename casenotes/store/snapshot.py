"""A shareable snapshot of the store: a copy without anything private, ready for Datasette.

The copy is made with ``VACUUM INTO`` (consistent while the app keeps writing), then
everything that is not for other eyes is removed from it: private notes, notes in the
trash and on deleted records, deleted records, earlier versions of notes, private tags,
saved searches and merge bookkeeping. The search index is compacted and the file
vacuumed, so no removed text stays behind in free pages. Finally it gets full-text
tables and a ``search`` view for Datasette (docs/sharing.md).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from casenotes.store.database import Store
from casenotes.store.failures import os_error_as_store_error, translated

PRIVATE_FILE_MODE = 0o600
TOKENIZER = "unicode61 remove_diacritics 2"  # as the app's own search index

# The view Datasette searches with the app's index: one row per hit, a record or a note.
SEARCH_VIEW = """
CREATE VIEW search AS
SELECT s.rowid AS hit, 'record' AS type, r.id AS record_id, r.title, r.kind, r.date,
       NULL AS note_id, r.summary AS text
FROM search_index s JOIN records r ON r.key = s.rowid / 2
WHERE s.rowid % 2 = 0
UNION ALL
SELECT s.rowid, 'note', n.record_id, r.title, r.kind, r.date, n.id, n.body
FROM search_index s JOIN notes n ON n.id = (s.rowid - 1) / 2 JOIN records r ON r.id = n.record_id
WHERE s.rowid % 2 = 1
"""

REDACT = """
DELETE FROM notes WHERE private = 1 OR deleted = 1
    OR record_id IN (SELECT id FROM records WHERE deleted = 1);
DELETE FROM records WHERE deleted = 1;
DELETE FROM note_versions;
DELETE FROM anchor_changes WHERE note_id NOT IN (SELECT id FROM notes);
DELETE FROM record_tags WHERE tag_id IN (SELECT id FROM tags WHERE private = 1);
DELETE FROM note_tags WHERE tag_id IN (SELECT id FROM tags WHERE private = 1);
DELETE FROM tags WHERE private = 1;
DELETE FROM note_tombstones;
DELETE FROM merge_history;
DELETE FROM merges;
DELETE FROM saved_searches;
DELETE FROM meta WHERE key <> 'seed_version';
INSERT INTO search_index (search_index) VALUES ('optimize');
"""

DATASETTE_TABLES = f"""
CREATE VIRTUAL TABLE records_fts USING fts5 (
    title, summary, content = 'records', content_rowid = 'key', tokenize = '{TOKENIZER}'
);
INSERT INTO records_fts (records_fts) VALUES ('rebuild');
CREATE VIRTUAL TABLE notes_fts USING fts5 (body, content = 'notes', content_rowid = 'id', tokenize = '{TOKENIZER}');
INSERT INTO notes_fts (notes_fts) VALUES ('rebuild');
{SEARCH_VIEW};
"""


@dataclass(frozen=True)
class Snapshot:
    path: Path
    records: int
    notes: int
    private_notes_left_out: int
    private_tags_left_out: int


def _run(conn: sqlite3.Connection, script: str) -> None:
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""


def write_shared_snapshot(store: Store, target: Path) -> Snapshot:
    """Write a copy of ``store`` without private or deleted content to ``target`` (a new file)."""
    target = Path(target)
    conn = store.db.conn
    private_notes = conn.execute("SELECT count(*) FROM notes WHERE private = 1 AND deleted = 0").fetchone()[0]
    private_tags = conn.execute("SELECT count(*) FROM tags WHERE private = 1").fetchone()[0]
    try:
        descriptor = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
        os.close(descriptor)
    except OSError as error:
        raise os_error_as_store_error(error, action="make a snapshot", path=target) from error
    with translated("make a snapshot", target):
        conn.execute("VACUUM INTO ?", (str(target),))
        with contextlib.closing(sqlite3.connect(target, isolation_level=None)) as copy:
            copy.execute("PRAGMA foreign_keys = ON")
            copy.execute("PRAGMA journal_mode = DELETE")
            copy.execute("BEGIN")
            _run(copy, REDACT)
            _run(copy, DATASETTE_TABLES)
            copy.execute("COMMIT")
            copy.execute("VACUUM")
            records = copy.execute("SELECT count(*) FROM records").fetchone()[0]
            notes = copy.execute("SELECT count(*) FROM notes").fetchone()[0]
    return Snapshot(target, records, notes, private_notes, private_tags)
