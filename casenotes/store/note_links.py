"""Links between notes and records: ``[[record-id]]`` in a note's text, and the backlinks they make."""

from __future__ import annotations

import re
from dataclasses import dataclass

from casenotes.store.database import Store

RECORD_LINK = re.compile(r"\[\[([A-Za-z0-9][A-Za-z0-9._:~-]{0,199})\]\]")


@dataclass(frozen=True)
class Backlink:
    note_id: int
    record_id: str  # the record whose note mentions the target
    record_title: str


def linked_record_ids(body: str) -> list[str]:
    """Record ids a note links to with ``[[record-id]]``, in order, without repeats."""
    return list(dict.fromkeys(RECORD_LINK.findall(body)))


# The words the search index splits a record id into ("operation-disruptor" -> operation, disruptor).
_ID_WORD = re.compile(r"[A-Za-z0-9]+")


def backlinks(store: Store, record_id: str) -> list[Backlink]:
    """Notes on other records that link to ``record_id``.

    The search index finds the notes holding the id's words in a row (a phrase); only
    those are checked for the exact ``[[id]]``. Reading every note's text instead took
    150 ms at a million records, each time a record was shown.
    """
    phrase = '"' + " ".join(_ID_WORD.findall(record_id)) + '"'
    rows = store.db.conn.execute(
        "SELECT n.id, r.id, r.title FROM search_index s JOIN notes n ON n.id = (s.rowid - 1) / 2 "
        "JOIN records r ON r.id = n.record_id "
        "WHERE search_index MATCH ? AND s.rowid % 2 = 1 AND n.deleted = 0 AND r.deleted = 0 "
        "AND n.record_id != ? AND instr(n.body, ?) > 0 ORDER BY r.title, n.id",
        (f"note : {phrase}", record_id, f"[[{record_id}]]"),
    ).fetchall()
    return [Backlink(*row) for row in rows]
