"""Private notes and tags: kept on this machine, left out of shared exports and served snapshots.

A private note is left out whole. A private tag is left out wherever it appears (the
records and notes that carry it are shared without it). Privacy is a setting of this
store only: it never travels in an export.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from casenotes.store.batching import batches, marks
from casenotes.store.database import Store
from casenotes.store.errors import NotFound



@dataclass(frozen=True)
class TagUse:
    """A tag with how many live records and notes carry it, and whether it is private."""

    name: str
    private: bool
    records: int
    notes: int


def set_note_private(store: Store, note_id: int, private: bool) -> None:
    """Mark a note private (or shared again). This is not an edit of its text."""
    with store.transaction():
        changed = store.db.conn.execute(
            "UPDATE notes SET private = ? WHERE id = ?", (int(private), note_id)
        ).rowcount
    if not changed:
        raise NotFound(f"no note with id {note_id}")


def is_note_private(store: Store, note_id: int) -> bool:
    row = store.db.conn.execute("SELECT private FROM notes WHERE id = ?", (note_id,)).fetchone()
    if row is None:
        raise NotFound(f"no note with id {note_id}")
    return bool(row[0])


def private_note_ids(store: Store, note_ids: Sequence[int]) -> set[int]:
    """The private ones among ``note_ids``."""
    private: set[int] = set()
    for batch in batches(note_ids):
        private.update(note_id for (note_id,) in store.db.conn.execute(
            f"SELECT id FROM notes WHERE private = 1 AND id IN {marks(batch)}", batch
        ))
    return private


def set_tag_private(store: Store, name: str, private: bool) -> None:
    """Mark the tag called ``name`` (any case) private, or shared again."""
    with store.transaction():
        changed = store.db.conn.execute(
            "UPDATE tags SET private = ? WHERE name = ?", (int(private), name.strip())
        ).rowcount
    if not changed:
        raise NotFound(f"no tag called {name!r}")


def private_tag_names(store: Store) -> list[str]:
    """Every private tag, by name."""
    return [name for (name,) in store.db.conn.execute(
        "SELECT name FROM tags WHERE private = 1 ORDER BY name COLLATE NOCASE"
    )]


def without_private_tags(tags: Iterable[str], private: Iterable[str]) -> list[str]:
    """``tags`` less the private ones (names compared without regard to case)."""
    hidden = {name.casefold() for name in private}
    return [tag for tag in tags if tag.casefold() not in hidden]


def tag_uses(store: Store) -> list[TagUse]:
    """Every tag in the store with its use on live records and notes, by name."""
    rows = store.db.conn.execute(
        "SELECT t.name, t.private, "
        "(SELECT count(*) FROM record_tags rt JOIN records r ON r.id = rt.record_id "
        " WHERE rt.tag_id = t.id AND r.deleted = 0), "
        "(SELECT count(*) FROM note_tags nt JOIN notes n ON n.id = nt.note_id "
        " WHERE nt.tag_id = t.id AND n.deleted = 0) "
        "FROM tags t ORDER BY t.name COLLATE NOCASE"
    ).fetchall()
    return [TagUse(name, bool(private), records, notes) for name, private, records, notes in rows]


def private_counts(store: Store, record_ids: Sequence[str]) -> tuple[int, int]:
    """(private live notes, distinct private tags on these records and their shared notes): what a share export leaves out."""
    notes = 0
    tags: set[int] = set()
    conn = store.db.conn
    for batch in batches(record_ids):
        in_batch = marks(batch)
        notes += conn.execute(
            f"SELECT count(*) FROM notes WHERE private = 1 AND deleted = 0 AND record_id IN {in_batch}", batch
        ).fetchone()[0]
        tags.update(tag_id for (tag_id,) in conn.execute(
            f"SELECT DISTINCT rt.tag_id FROM record_tags rt JOIN tags t ON t.id = rt.tag_id "
            f"WHERE t.private = 1 AND rt.record_id IN {in_batch}", batch
        ))
        # Tags of the notes a share export does carry (private notes are left out whole).
        tags.update(tag_id for (tag_id,) in conn.execute(
            f"SELECT DISTINCT nt.tag_id FROM note_tags nt JOIN tags t ON t.id = nt.tag_id "
            f"JOIN notes n ON n.id = nt.note_id "
            f"WHERE t.private = 1 AND n.private = 0 AND n.deleted = 0 AND n.record_id IN {in_batch}", batch
        ))
    return notes, len(tags)
