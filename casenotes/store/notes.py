"""Personal notes on records, with every earlier version kept."""

from __future__ import annotations

import uuid

from casenotes.store.database import Store
from casenotes.store.dates import utc_now
from casenotes.store.errors import InvalidInput, NotFound
from casenotes.store.models import Note, NoteVersion
from casenotes.store.validation import check_encodable

MAX_NOTE_LENGTH = 10_000_000  # characters; a guard against pasting a whole disk image

_NOTE_COLUMNS = "id, uid, record_id, body, created, updated, pinned, deleted"


def _note_from_row(row: tuple) -> Note:
    return Note(
        id=row[0], uid=row[1], record_id=row[2], body=row[3], created=row[4], updated=row[5],
        pinned=bool(row[6]), deleted=bool(row[7]),
    )


def _check_body(body: object) -> str:
    if not isinstance(body, str):
        raise InvalidInput("a note must be text")
    if len(body) > MAX_NOTE_LENGTH:
        raise InvalidInput(f"a note can hold at most {MAX_NOTE_LENGTH:,} characters")
    check_encodable(body, "the note")
    return body


def add_note(
    store: Store, record_id: str, body: str, *, created: str | None = None, updated: str | None = None,
    uid: str | None = None, pinned: bool = False,
) -> Note:
    """Attach a new note to a live record and return it."""
    body = _check_body(body)
    now = utc_now()
    with store.transaction():
        exists = store.db.conn.execute(
            "SELECT 1 FROM records WHERE id = ? AND deleted = 0", (record_id,)
        ).fetchone()
        if not exists:
            raise NotFound(f"no record with id {record_id!r}")
        note_id = store.db.conn.execute(
            "INSERT INTO notes (uid, record_id, body, created, updated, pinned) VALUES (?, ?, ?, ?, ?, ?)",
            (uid or str(uuid.uuid4()), record_id, body, created or now, updated or created or now, int(pinned)),
        ).lastrowid
    return get_note(store, note_id)


def get_note(store: Store, note_id: int, *, include_deleted: bool = True) -> Note:
    row = store.db.conn.execute(f"SELECT {_NOTE_COLUMNS} FROM notes WHERE id = ?", (note_id,)).fetchone()
    if row is None or (row[7] and not include_deleted):
        raise NotFound(f"no note with id {note_id}")
    note = _note_from_row(row)
    note.tags = [name for (name,) in store.db.conn.execute(
        "SELECT t.name FROM note_tags nt JOIN tags t ON t.id = nt.tag_id WHERE nt.note_id = ? ORDER BY t.name",
        (note_id,),
    )]
    return note


def notes_for_record(store: Store, record_id: str, *, include_deleted: bool = False) -> list[Note]:
    """A record's notes, pinned first, then oldest first."""
    deleted_clause = "" if include_deleted else " AND deleted = 0"
    rows = store.db.conn.execute(
        f"SELECT {_NOTE_COLUMNS} FROM notes WHERE record_id = ?{deleted_clause} ORDER BY pinned DESC, created, id",
        (record_id,),
    ).fetchall()
    return [_note_from_row(row) for row in rows]


def save_note_body(store: Store, note_id: int, body: str) -> Note:
    """Store a new body for a note; the previous body becomes a version."""
    body = _check_body(body)
    with store.transaction():
        changed = store.db.conn.execute(
            "UPDATE notes SET body = ?, updated = ? WHERE id = ? AND body IS NOT ?",
            (body, utc_now(), note_id, body),
        ).rowcount
        if not changed and store.db.conn.execute("SELECT 1 FROM notes WHERE id = ?", (note_id,)).fetchone() is None:
            raise NotFound(f"no note with id {note_id}")
    return get_note(store, note_id)


def note_versions(store: Store, note_id: int) -> list[NoteVersion]:
    """Earlier bodies of a note, newest first (the current body is not among them)."""
    rows = store.db.conn.execute(
        "SELECT id, note_id, body, saved FROM note_versions WHERE note_id = ? ORDER BY id DESC", (note_id,)
    ).fetchall()
    return [NoteVersion(*row) for row in rows]


def all_notes(store: Store, *, limit: int | None = None) -> list[Note]:
    """Every live note on a live record, newest change first."""
    sql = (
        f"SELECT {', '.join('n.' + c.strip() for c in _NOTE_COLUMNS.split(','))} FROM notes n "
        "JOIN records r ON r.id = n.record_id WHERE n.deleted = 0 AND r.deleted = 0 ORDER BY n.updated DESC, n.id DESC"
    )
    params: tuple = ()
    if limit is not None:
        sql += " LIMIT ?"
        params = (limit,)
    return [_note_from_row(row) for row in store.db.conn.execute(sql, params)]


def note_count(store: Store) -> int:
    return store.db.conn.execute("SELECT count(*) FROM notes WHERE deleted = 0").fetchone()[0]
