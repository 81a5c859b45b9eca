"""Notes anchored to one figure or field of their record, and reviewing changes to it.

A note can be about "arrests in Austria" rather than about the whole record. When an
import, a seed update or an edit changes that value, the change is recorded (see
:mod:`casenotes.store.anchor_check`) and the note needs review until the user marks it
reviewed; the value it then has becomes the new baseline.

Notes in the trash and notes on deleted records keep their anchors and flags but are
left out of :func:`notes_needing_review`; restoring either brings them back. Emptying the
trash deletes a note's changes with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from casenotes.store.anchor_check import canonical_value, current_value, decode_value, encode_value
from casenotes.store.batching import batches, marks
from casenotes.store.countries import UnknownCountry, normalise_country
from casenotes.store.database import Store
from casenotes.store.dates import utc_now
from casenotes.store.errors import InvalidInput, NotFound
from casenotes.store.models import (
    ANCHOR_FIELD, ANCHOR_FIELDS, ANCHOR_FIGURE, Anchor, AnchorChange, AnchoredNote, Note, Record,
)
from casenotes.store.notes import add_note, get_note
from casenotes.store.records import get_record, get_records

_ANCHOR_COLUMNS = "n.id, n.record_id, n.anchor_kind, n.anchor_label, n.anchor_country, n.anchor_value"
_CHANGE_COLUMNS = "id, note_id, old_value, new_value, detected, cause, source, reviewed"


@dataclass
class ReviewItem:
    """A note that needs review, with what the Needs review list shows beside it."""

    note: Note
    record_title: str
    anchored: AnchoredNote


def figure_anchor(label: str, country: str | None = None) -> Anchor:
    """An anchor on the figure ``label`` for ``country`` (None: the total)."""
    return check_anchor(Anchor(ANCHOR_FIGURE, label, country))


def field_anchor(name: str) -> Anchor:
    """An anchor on one field of the record (one of ``ANCHOR_FIELDS``)."""
    return check_anchor(Anchor(ANCHOR_FIELD, name))


def check_anchor(anchor: Anchor) -> Anchor:
    """The anchor with its country normalised; :class:`InvalidInput` if it cannot exist."""
    if anchor.kind == ANCHOR_FIELD:
        if anchor.label not in ANCHOR_FIELDS or anchor.country is not None:
            raise InvalidInput(f"a note can be anchored to these fields: {', '.join(ANCHOR_FIELDS)}"
                               f" (not {anchor.label!r})")
        return anchor
    if anchor.kind != ANCHOR_FIGURE:
        raise InvalidInput(f"an anchor is a figure or a field, not {anchor.kind!r}")
    if not isinstance(anchor.label, str) or not anchor.label.strip():
        raise InvalidInput("a figure anchor needs the figure's label (e.g. arrests)")
    if anchor.country is None:
        return anchor
    try:
        return Anchor(ANCHOR_FIGURE, anchor.label, normalise_country(anchor.country))
    except UnknownCountry as error:
        raise InvalidInput(str(error)) from None


def _check_on_record(record: Record, anchor: Anchor) -> Anchor:
    anchor = check_anchor(anchor)
    if anchor.kind == ANCHOR_FIGURE and not current_value(record, anchor):
        where = f"for {anchor.country}" if anchor.country else "as a total"
        raise InvalidInput(f"record {record.id!r} has no figure {anchor.label!r} {where}")
    return anchor


def _set_anchor(store: Store, note_id: int, record: Record, anchor: Anchor, value_text: str | None = None) -> None:
    """Anchor a note, with ``value_text`` (default: the value now) as the value it was written against.

    A baseline that differs from the record's value now is recorded as a change at once.
    """
    now_text = encode_value(current_value(record, anchor))
    conn = store.db.conn
    conn.execute("DELETE FROM anchor_changes WHERE note_id = ?", (note_id,))
    conn.execute(
        "UPDATE notes SET anchor_kind = ?, anchor_label = ?, anchor_country = ?, anchor_value = ? WHERE id = ?",
        (anchor.kind, anchor.label, anchor.country, value_text or now_text, note_id),
    )
    if value_text is not None and value_text != now_text:
        from casenotes.store.anchor_check import check_anchors

        check_anchors(store, [record.id], cause="import")


def add_anchored_note(store: Store, record_id: str, body: str, anchor: Anchor, **note_fields) -> Note:
    """Add a note on ``record_id`` anchored to ``anchor``, in one transaction.

    Raises :class:`InvalidInput` when the record has no such figure (nothing is added).
    """
    with store.transaction():
        record = get_record(store, record_id)
        anchor = _check_on_record(record, anchor)
        note = add_note(store, record_id, body, **note_fields)
        _set_anchor(store, note.id, record, anchor)
    return note


def anchor_note(store: Store, note_id: int, anchor: Anchor) -> AnchoredNote:
    """Anchor an existing note to a figure or field of its record; the value now is its baseline.

    Anchoring a note to the anchor it has already changes nothing (its flags stay).
    """
    with store.transaction():
        note = get_note(store, note_id)
        record = get_record(store, note.record_id, include_deleted=True)
        anchor = _check_on_record(record, anchor)
        existing = note_anchor(store, note_id)
        if existing is None or existing.anchor != anchor:
            _set_anchor(store, note_id, record, anchor)
    return note_anchor(store, note_id)


def set_imported_anchor(store: Store, note_id: int, anchor: Anchor, value: object = None, *,
                        has_value: bool = False) -> None:
    """Anchor a note an import brought; with ``has_value``, ``value`` is the value it was written against.

    No check that the figure exists: a file may anchor a note to a figure its record has
    lost since, which then shows as a change to review.
    """
    note = get_note(store, note_id)
    record = get_record(store, note.record_id, include_deleted=True)
    anchor = check_anchor(anchor)
    _set_anchor(store, note_id, record, anchor, encode_value(canonical_value(anchor, value)) if has_value else None)


def remove_anchor(store: Store, note_id: int) -> None:
    """Make a note about its whole record again; its recorded changes go with the anchor."""
    with store.transaction():
        get_note(store, note_id)
        store.db.conn.execute("DELETE FROM anchor_changes WHERE note_id = ?", (note_id,))
        store.db.conn.execute(
            "UPDATE notes SET anchor_kind = NULL, anchor_label = NULL, anchor_country = NULL, anchor_value = NULL "
            "WHERE id = ?", (note_id,),
        )


def _change_from_row(row: tuple) -> AnchorChange:
    return AnchorChange(row[0], row[1], decode_value(row[2]), decode_value(row[3]), row[4], row[5], row[6], row[7])


def _anchored_from_rows(store: Store, rows: list[tuple]) -> list[AnchoredNote]:
    anchored = [AnchoredNote(row[0], row[1], Anchor(row[2], row[3], row[4]), decode_value(row[5])) for row in rows]
    by_id = {item.note_id: item for item in anchored}
    ids = list(by_id)
    for batch in batches(ids):
        for row in store.db.conn.execute(
            f"SELECT {_CHANGE_COLUMNS} FROM anchor_changes WHERE reviewed IS NULL "
            f"AND note_id IN {marks(batch)} ORDER BY note_id, id",
            batch,
        ):
            by_id[row[1]].pending.append(_change_from_row(row))
    return anchored


def note_anchor(store: Store, note_id: int) -> AnchoredNote | None:
    """The note's anchor with its unreviewed changes, or None for a note on the whole record."""
    rows = store.db.conn.execute(
        f"SELECT {_ANCHOR_COLUMNS} FROM notes n WHERE n.id = ? AND n.anchor_kind IS NOT NULL", (note_id,)
    ).fetchall()
    found = _anchored_from_rows(store, rows)
    return found[0] if found else None


def anchored_notes(store: Store, record_id: str) -> list[AnchoredNote]:
    """The anchors of a record's live notes, in the order the record's notes are listed."""
    rows = store.db.conn.execute(
        f"SELECT {_ANCHOR_COLUMNS} FROM notes n WHERE n.record_id = ? AND n.anchor_kind IS NOT NULL "
        "AND n.deleted = 0 ORDER BY n.pinned DESC, n.created, n.id",
        (record_id,),
    ).fetchall()
    return _anchored_from_rows(store, rows)


def change_history(store: Store, note_id: int) -> list[AnchorChange]:
    """Every change recorded for a note's anchor, reviewed or not, oldest first."""
    return [_change_from_row(row) for row in store.db.conn.execute(
        f"SELECT {_CHANGE_COLUMNS} FROM anchor_changes WHERE note_id = ? ORDER BY id", (note_id,)
    )]


def notes_needing_review(store: Store) -> list[ReviewItem]:
    """Live notes on live records whose anchored value changed since written or last reviewed.

    Most recently changed first.
    """
    rows = store.db.conn.execute(
        f"SELECT {_ANCHOR_COLUMNS}, r.title, max(c.id) AS latest FROM anchor_changes c "
        "JOIN notes n ON n.id = c.note_id JOIN records r ON r.id = n.record_id "
        "WHERE c.reviewed IS NULL AND n.deleted = 0 AND r.deleted = 0 AND n.anchor_kind IS NOT NULL "
        "GROUP BY n.id ORDER BY latest DESC"
    ).fetchall()
    anchored = _anchored_from_rows(store, [row[:6] for row in rows])
    return [ReviewItem(get_note(store, item.note_id), row[6], item) for item, row in zip(anchored, rows)]


def review_count(store: Store) -> int:
    """How many live notes on live records need review."""
    return store.db.conn.execute(
        "SELECT count(DISTINCT c.note_id) FROM anchor_changes c JOIN notes n ON n.id = c.note_id "
        "JOIN records r ON r.id = n.record_id WHERE c.reviewed IS NULL AND n.deleted = 0 AND r.deleted = 0"
    ).fetchone()[0]


def mark_reviewed(store: Store, note_id: int) -> AnchoredNote:
    """The user has read the changes: clear the flag; the value now becomes the baseline."""
    with store.transaction():
        anchored = note_anchor(store, note_id)
        if anchored is None:
            get_note(store, note_id)  # NotFound for an unknown note
            raise InvalidInput(f"note {note_id} is not anchored to a figure or field")
        record = get_records(store, [anchored.record_id], include_deleted=True)
        if not record:
            raise NotFound(f"no record with id {anchored.record_id!r}")
        now_text = encode_value(current_value(record[0], anchored.anchor))
        store.db.conn.execute("UPDATE notes SET anchor_value = ? WHERE id = ?", (now_text, note_id))
        store.db.conn.execute(
            "UPDATE anchor_changes SET reviewed = ? WHERE note_id = ? AND reviewed IS NULL", (utc_now(), note_id)
        )
    return note_anchor(store, note_id)
