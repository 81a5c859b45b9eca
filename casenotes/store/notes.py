"""Personal notes on records, with every earlier version kept."""

from __future__ import annotations

import uuid

from casenotes.store.batching import batches, marks
from casenotes.store.database import Store
from casenotes.store.dates import utc_now
from casenotes.store.errors import InvalidInput, NotFound
from casenotes.store.models import Note, NoteVersion
from casenotes.store.validation import check_encodable

MAX_NOTE_LENGTH = 10_000_000  # characters; a guard against pasting a whole disk image

_NOTE_COLUMNS = "id, uid, record_id, body, created, updated, pinned, deleted"
_NOTE_COLUMNS_OF_N = ", ".join("n." + column.strip() for column in _NOTE_COLUMNS.split(","))


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


def all_notes(store: Store, *, tag: str | None = None, limit: int | None = None) -> list[Note]:
    """Every live note on a live record (only those tagged ``tag``, if given), newest change first."""
    joins, where, params = "", "", []
    if tag is not None:
        joins = " JOIN note_tags nt ON nt.note_id = n.id JOIN tags t ON t.id = nt.tag_id"
        where = " AND t.name = ?"
        params.append(tag)
    sql = (
        f"SELECT {_NOTE_COLUMNS_OF_N} FROM notes n JOIN records r ON r.id = n.record_id{joins} "
        f"WHERE n.deleted = 0 AND r.deleted = 0{where} ORDER BY n.updated DESC, n.id DESC"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [_note_from_row(row) for row in store.db.conn.execute(sql, params)]


def note_count(store: Store) -> int:
    return store.db.conn.execute("SELECT count(*) FROM notes WHERE deleted = 0").fetchone()[0]


def _change_note(store: Store, note_id: int, sql: str, params: tuple) -> None:
    with store.transaction():
        changed = store.db.conn.execute(sql, params).rowcount
        if not changed and store.db.conn.execute("SELECT 1 FROM notes WHERE id = ?", (note_id,)).fetchone() is None:
            raise NotFound(f"no note with id {note_id}")


def trash_note(store: Store, note_id: int) -> None:
    """Move a note to the trash (it can be restored until the trash is emptied)."""
    _change_note(store, note_id, "UPDATE notes SET deleted = 1, updated = ? WHERE id = ? AND deleted = 0",
                 (utc_now(), note_id))


def restore_note(store: Store, note_id: int) -> None:
    """Take a note out of the trash."""
    _change_note(store, note_id, "UPDATE notes SET deleted = 0, updated = ? WHERE id = ? AND deleted = 1",
                 (utc_now(), note_id))


def trashed_notes(store: Store) -> list[Note]:
    rows = store.db.conn.execute(
        f"SELECT {_NOTE_COLUMNS} FROM notes WHERE deleted = 1 ORDER BY updated DESC, id DESC"
    ).fetchall()
    return [_note_from_row(row) for row in rows]


def empty_trash(store: Store) -> int:
    """Delete the notes in the trash for good, with their versions; return how many."""
    with store.transaction():
        return store.db.conn.execute("DELETE FROM notes WHERE deleted = 1").rowcount


def set_pinned(store: Store, note_id: int, pinned: bool) -> None:
    """Pin a note (pinned notes come first) or unpin it. Pinning is not an edit of its text."""
    _change_note(store, note_id, "UPDATE notes SET pinned = ? WHERE id = ?", (int(pinned), note_id))


def set_note_tags(store: Store, note_id: int, tags: list[str]) -> None:
    """Replace a note's tags (names are matched case-insensitively)."""
    from casenotes.store.records import tag_id

    names = list(dict.fromkeys(t.strip() for t in tags if t.strip()))
    with store.transaction():
        if store.db.conn.execute("SELECT 1 FROM notes WHERE id = ?", (note_id,)).fetchone() is None:
            raise NotFound(f"no note with id {note_id}")
        store.db.conn.execute("DELETE FROM note_tags WHERE note_id = ?", (note_id,))
        store.db.conn.executemany(
            "INSERT OR IGNORE INTO note_tags (note_id, tag_id) VALUES (?, ?)",
            [(note_id, tag_id(store, name)) for name in names],
        )


def add_pin_and_tags(store: Store, note_id: int, pinned: bool, tags: list[str]) -> None:
    """Pin the note if ``pinned`` and give it ``tags`` as well as its own; never unpin or untag.

    How an import or merge brings another copy's pin and tags. Runs in the caller's transaction.
    """
    from casenotes.store.records import tag_id

    if pinned:
        store.db.conn.execute("UPDATE notes SET pinned = 1 WHERE id = ? AND pinned = 0", (note_id,))
    store.db.conn.executemany(
        "INSERT OR IGNORE INTO note_tags (note_id, tag_id) VALUES (?, ?)",
        [(note_id, tag_id(store, name)) for name in tags],
    )


def restore_version(store: Store, note_id: int, version_id: int) -> Note:
    """Make an earlier version the current body (the body it replaces becomes a version too)."""
    row = store.db.conn.execute(
        "SELECT body FROM note_versions WHERE id = ? AND note_id = ?", (version_id, note_id)
    ).fetchone()
    if row is None:
        raise NotFound(f"note {note_id} has no version {version_id}")
    return save_note_body(store, note_id, row[0])


def note_tag_names(store: Store) -> list[str]:
    """Every tag used on a live note, for autocompletion."""
    return [name for (name,) in store.db.conn.execute(
        "SELECT DISTINCT t.name FROM note_tags nt JOIN tags t ON t.id = nt.tag_id "
        "JOIN notes n ON n.id = nt.note_id WHERE n.deleted = 0 ORDER BY t.name COLLATE NOCASE"
    )]


def tags_of_notes(store: Store, note_ids: list[int]) -> dict[int, list[str]]:
    """Tags of many notes at once: note id -> tag names (notes without tags are left out)."""
    tags: dict[int, list[str]] = {}
    for batch in batches(note_ids):
        for note_id, name in store.db.conn.execute(
            "SELECT nt.note_id, t.name FROM note_tags nt JOIN tags t ON t.id = nt.tag_id "
            f"WHERE nt.note_id IN {marks(batch)} ORDER BY t.name COLLATE NOCASE",
            batch,
        ):
            tags.setdefault(note_id, []).append(name)
    return tags
