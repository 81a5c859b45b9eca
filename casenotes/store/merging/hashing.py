"""Content hashes of records and notes: equal hashes mean the same version on two stores.

A hash covers what people share: a record's content (not its bookkeeping such as
``created`` or ``origin``) without the tags that are private here, and a note's record
and text (not its pin, privacy or tags). Names of agencies and tags are compared
without regard to case, as the store does.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from casenotes.store.models import Record

DELETED = "deleted"  # the "hash" of a deleted record or note: every deletion is the same version
HASH_LENGTH = 32  # hex digits (128 bits): plenty to tell versions of one item apart


def _digest(parts: list) -> str:
    text = json.dumps(parts, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def record_hash(record: Record, private_tags: Iterable[str] = ()) -> str:
    """The hash of a record's shared content."""
    hidden = {name.casefold() for name in private_tags}
    return _digest([
        "record", record.id, record.title, record.kind, record.date, record.end_date, record.summary,
        [name.casefold() for name in record.agencies], list(record.countries),
        [[f.label, f.value, type(f.value).__name__, f.unit, f.country, f.source, f.note] for f in record.figures],
        [[s.title, s.publisher, s.url, s.published, s.locator] for s in record.sources],
        [[r.id, r.relation] for r in record.related],
        [tag.casefold() for tag in record.tags if tag.casefold() not in hidden],
    ])


def note_hash(record_id: str, body: str) -> str:
    """The hash of a note's shared content: the record it is on and its text."""
    return _digest(["note", record_id, body])
