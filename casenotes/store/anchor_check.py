"""The value a note is anchored to, and noticing when a write changes it.

What "the value" is:

- For a figure anchor (label and country, or the total when the country is None), the
  *set* of values the record's figures with that label and country give, as a sorted
  list of numbers: ``[3]``, or ``[119, 121]`` where sources disagree. A new source that
  agrees changes nothing; a new source that disagrees does (``[3]`` to ``[3, 4]``);
  figures that disappear leave ``[]`` ("removed"). Units and sources are not part of
  the value; 3 and 3.0 are the same value.
- For a field anchor, the field's value: text, or None when empty; agencies and
  countries as a sorted list (their order is not a fact).

Every write path calls :func:`check_anchors` for the records it wrote, inside its
transaction: ``save_record`` (edits and seed updates) and the bulk import writer, once
per batch. It costs one indexed query per batch when none of the records carries an
anchored note.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from casenotes.store.batching import batches, marks
from casenotes.store.database import Store
from casenotes.store.dates import utc_now
from casenotes.store.models import ANCHOR_FIGURE, Anchor, Record

LIST_FIELDS = ("agencies", "countries")
CAUSES = ("seed", "import", "user")


def _number(value: int | float) -> int | float:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def canonical_value(anchor: Anchor, value: object) -> object:
    """``value`` in the one form that compares equal when the facts are the same."""
    if anchor.kind == ANCHOR_FIGURE:
        return sorted({_number(v) for v in value or ()})
    if anchor.label in LIST_FIELDS:
        return sorted(value or (), key=lambda name: (name.casefold(), name))
    return value or None


def current_value(record: Record, anchor: Anchor) -> object:
    """The anchored value as ``record`` has it now (see the module docstring)."""
    if anchor.kind == ANCHOR_FIGURE:
        return canonical_value(anchor, [f.value for f in record.figures
                                        if f.label == anchor.label and f.country == anchor.country])
    return canonical_value(anchor, getattr(record, anchor.label))


def encode_value(value: object) -> str:
    """The stored form of a value: compact JSON, so equal values have equal text."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def decode_value(text: str | None) -> object:
    return None if text is None else json.loads(text)


def figure_sources(record: Record, anchor: Anchor, old: object, new: object) -> str | None:
    """Where the anchored figure's value comes from now, as text ('“title”, publisher; …').

    The sources of the values that are new; when a change only took values away, the
    sources of what is left. None for fields and for figures that are gone.
    """
    if anchor.kind != ANCHOR_FIGURE or not new:
        return None
    added = set(new) - set(old or [])
    chosen = [f for f in record.figures if f.label == anchor.label and f.country == anchor.country
              and (not added or _number(f.value) in added)]
    texts: list[str] = []
    for figure in chosen:
        if figure.source is None or not 0 <= figure.source < len(record.sources):
            continue
        source = record.sources[figure.source]
        text = f"“{source.title}”" + (f", {source.publisher}" if source.publisher else "")
        if text not in texts:
            texts.append(text)
    return "; ".join(texts) or None


def _anchored_rows(store: Store, record_ids: Sequence[str]) -> list[tuple]:
    conn = store.db.conn
    rows: list[tuple] = []
    for batch in batches(record_ids):
        rows += conn.execute(
            "SELECT id, record_id, anchor_kind, anchor_label, anchor_country, anchor_value FROM notes "
            f"WHERE anchor_kind IS NOT NULL AND record_id IN {marks(batch)}",
            batch,
        ).fetchall()
    return rows


def check_anchors(store: Store, record_ids: Sequence[str], *, cause: str) -> int:
    """Record a change for every note anchored to a value these records no longer have.

    Call it at the end of a write, inside its transaction, with the ids of the records
    written and what wrote them (``import``, ``seed`` or ``user``). Notes in the trash
    are checked too, so a restored note knows what happened meanwhile. Returns how many
    changes were recorded.
    """
    if cause not in CAUSES:
        raise ValueError(f"unknown cause {cause!r}")
    rows = _anchored_rows(store, record_ids)
    if not rows:
        return 0
    from casenotes.store.records import get_records  # records calls this module

    records = {r.id: r for r in get_records(store, list({row[1] for row in rows}), include_deleted=True)}
    now = utc_now()
    changes: list[tuple] = []
    for note_id, record_id, kind, label, country, seen in rows:
        anchor = Anchor(kind, label, country)
        now_value = current_value(records[record_id], anchor)
        now_text = encode_value(now_value)
        if now_text == seen:
            continue
        source = figure_sources(records[record_id], anchor, decode_value(seen), now_value)
        changes.append((note_id, seen, now_text, now, cause, source))
    if changes:
        conn = store.db.conn
        with store.transaction():
            conn.executemany(
                "INSERT INTO anchor_changes (note_id, old_value, new_value, detected, cause, source) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                changes,
            )
            conn.executemany("UPDATE notes SET anchor_value = ? WHERE id = ?",
                             [(now_text, note_id) for note_id, _, now_text, *_ in changes])
    return len(changes)
