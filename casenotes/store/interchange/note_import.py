"""Adding the notes of an import file, matched by record and creation time."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Container, Iterator

from casenotes.store.anchors import set_imported_anchor
from casenotes.store.database import Store
from casenotes.store.dates import utc_now
from casenotes.store.interchange.bulk_writer import INSERT_SEARCH_ROW, suspended_triggers
from casenotes.store.interchange.document import ImportedNote, ImportFileError, ImportSummary
from casenotes.store.models import Anchor
from casenotes.store.notes import MAX_NOTE_LENGTH, add_pin_and_tags

_BATCH = 500
# What these triggers do for one new note at a time, NoteImporter.bulk() does for all the
# notes it added in two statements: about five times faster than the index trigger.
_NEW_NOTE_TRIGGERS = ("notes_count_insert", "notes_index_insert")
_INSERT_NOTE = "INSERT INTO notes (uid, record_id, body, created, updated, pinned) VALUES (?, ?, ?, ?, ?, ?)"


class NoteImporter:
    """Adds new notes and brings older copies up to date; never touches other notes.

    A note in the file is the same as a note in the store when both have the same ``uid``
    (exports made for merging carry it), else when both have the same record and creation
    time, else (for a note without a creation time) the same record and body. Several
    notes may share a creation time (they were written in the same millisecond), so each
    stored note is matched at most once per import, preferring one with the same body. A
    matched note takes the file's body only when the file's copy was updated later; its
    previous body is kept as a version (by the notes_keep_version trigger). A file can pin
    a matched note and add tags to it, never unpin it or take tags away. Notes the import
    adds are never matched: only notes that were in the store before it are.

    Use it inside :meth:`bulk`, which writes new notes in batches and indexes them once.
    """

    def __init__(self, store: Store, record_ids_in_file: Container[str], summary: ImportSummary) -> None:
        self._store = store
        self._conn = store.db.conn
        self._ids_in_file = record_ids_in_file
        self._summary = summary
        self._matched: set[int] = set()
        # Records this import added had no notes before it: their notes need no matching.
        self._new_records = frozenset(summary.added)
        # New notes get larger ids than every note already stored (SQLite's rowid rule).
        self._last_stored_id = self._conn.execute("SELECT ifnull(max(id), 0) FROM notes").fetchone()[0]
        self._new: list[tuple[str, str, str, str, str]] = []
        self._new_uids: set[str] = set()
        self._bulk = False

    @contextlib.contextmanager
    def bulk(self) -> Iterator[NoteImporter]:
        """Add notes in the block; at its end, index every new note and update note counts.

        The per-note triggers stand aside meanwhile; an error rolls everything back with them.
        """
        with suspended_triggers(self._store, _NEW_NOTE_TRIGGERS):
            self._bulk = True
            try:
                yield self
                self._flush()
            finally:
                self._bulk = False
            self._index_new_notes()

    def add(self, note: ImportedNote, position: int) -> None:
        if len(note.body) > MAX_NOTE_LENGTH:
            raise ImportFileError(f"note #{position}: a note can hold at most {MAX_NOTE_LENGTH:,} characters")
        if note.record_id not in self._ids_in_file and self._conn.execute(
            "SELECT 1 FROM records WHERE id = ? AND deleted = 0", (note.record_id,)
        ).fetchone() is None:
            raise ImportFileError(f"note #{position}: record {note.record_id!r} is neither in the file nor in the store")
        existing = self._match_uid(note.uid) if note.uid else None
        if existing is None and note.record_id not in self._new_records:
            if note.created is not None:
                existing = self._match(note.record_id, note.created, note.body)
            elif not note.uid:
                existing = self._match_body(note.record_id, note.body)
        if existing is None:
            self._add_new(note, note.created or utc_now())
            return
        note_id, body, updated = existing
        newer = (note.updated or "") > updated
        if body != note.body and newer:
            self._conn.execute("UPDATE notes SET body = ?, updated = ? WHERE id = ?", (note.body, note.updated, note_id))
            self._summary.notes_updated += 1
        self._anchor(note_id, note, newer=newer)
        add_pin_and_tags(self._store, note_id, note.pinned, note.tags)

    def _add_new(self, note: ImportedNote, created: str) -> None:
        uid = note.uid if note.uid and note.uid not in self._new_uids and not self._uid_taken(note.uid) else None
        uid = uid or str(uuid.uuid4())
        self._new_uids.add(uid)
        row = (uid, note.record_id, note.body, created, note.updated or created, int(note.pinned))
        self._summary.notes_added += 1
        if not self._bulk or note.anchor is not None or note.tags:
            # An anchored or tagged note needs its id at once (_index_new_notes still indexes it
            # with the rest); the notes before it go first, so ids keep the file's order.
            self._flush()
            note_id = self._conn.execute(_INSERT_NOTE, row).lastrowid
            self._anchor(note_id, note, newer=True)
            add_pin_and_tags(self._store, note_id, note.pinned, note.tags)
            return
        self._new.append(row)
        if len(self._new) >= _BATCH:
            self._flush()

    def _anchor(self, note_id: int, note: ImportedNote, *, newer: bool) -> None:
        """Give a note the file's anchor if it has none yet, or if the file's copy is newer.

        An import never takes an anchor away: a file without one leaves the note's anchor alone.
        """
        imported = note.anchor
        if imported is None:
            return
        kind, label, country = self._conn.execute(
            "SELECT anchor_kind, anchor_label, anchor_country FROM notes WHERE id = ?", (note_id,)
        ).fetchone()
        if kind is None or (newer and Anchor(kind, label, country) != imported.anchor):
            set_imported_anchor(self._store, note_id, imported.anchor, imported.value, has_value=imported.has_value)

    def _uid_taken(self, uid: str) -> bool:
        return self._conn.execute("SELECT 1 FROM notes WHERE uid = ?", (uid,)).fetchone() is not None

    def _match_uid(self, uid: str) -> tuple[int, str, str] | None:
        row = self._conn.execute(
            "SELECT id, body, updated FROM notes WHERE uid = ? AND id <= ?", (uid, self._last_stored_id)
        ).fetchone()
        if row is None or row[0] in self._matched:
            return None
        self._matched.add(row[0])
        return row

    def _flush(self) -> None:
        if self._new:
            self._conn.executemany(_INSERT_NOTE, self._new)
            self._new.clear()

    def _index_new_notes(self) -> None:
        """What the suspended triggers would have done for every note added."""
        last = self._last_stored_id
        # Read, then written row by row: see bulk_writer.reindex_records for why.
        rows = self._conn.execute(
            "SELECT id * 2 + 1, '', '', '', '', body FROM notes WHERE id > ? AND deleted = 0 ORDER BY id", (last,)
        )
        while batch := rows.fetchmany(_BATCH):
            self._conn.executemany(INSERT_SEARCH_ROW, batch)
        self._conn.execute(
            "UPDATE records SET note_count = note_count + "
            "(SELECT count(*) FROM notes n WHERE n.record_id = records.id AND n.id > ?1 AND n.deleted = 0) "
            "WHERE id IN (SELECT record_id FROM notes WHERE id > ?1 AND deleted = 0)",
            (last,),
        )

    def _match(self, record_id: str, created: str, body: str) -> tuple[int, str, str] | None:
        candidates = [row for row in self._conn.execute(
            "SELECT id, body, updated FROM notes WHERE record_id = ? AND created = ? AND id <= ? ORDER BY id",
            (record_id, created, self._last_stored_id),
        ) if row[0] not in self._matched]
        chosen = next((row for row in candidates if row[1] == body), candidates[0] if candidates else None)
        if chosen is not None:
            self._matched.add(chosen[0])
        return chosen

    def _match_body(self, record_id: str, body: str) -> tuple[int, str, str] | None:
        """A stored note of this record with exactly this body (for a note the file gives no time)."""
        for row in self._conn.execute(
            "SELECT id, body, updated FROM notes WHERE record_id = ? AND body = ? AND deleted = 0 AND id <= ? ORDER BY id",
            (record_id, body, self._last_stored_id),
        ):
            if row[0] not in self._matched:
                self._matched.add(row[0])
                return row
        return None
