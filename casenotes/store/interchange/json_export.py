"""Writing records and their notes as a format-v1 JSON document.

:func:`write_json` streams any number of records in bounded memory and writes exactly
the text :func:`dump_document` gives for :func:`export_document`'s dict, so exports can
be compared byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import TextIO

from casenotes.store.database import Store
from casenotes.store.interchange.anchor_json import BASELINE_SQL, anchor_to_json
from casenotes.store.interchange.document import FORMAT_NAME, FORMAT_VERSION
from casenotes.store.interchange.json_records import note_to_json, record_to_json
from casenotes.store.models import Record
from casenotes.store.records import all_record_ids, get_records

_BATCH = 500
_ITEM_INDENT = "    "  # items of the records and notes lists sit two levels deep


def iter_records(store: Store, record_ids: Sequence[str]) -> Iterator[Record]:
    """The live records among ``record_ids``, in that order, loaded a batch at a time."""
    for start in range(0, len(record_ids), _BATCH):
        yield from get_records(store, list(record_ids[start:start + _BATCH]))


def iter_notes(store: Store, record_ids: Sequence[str]) -> Iterator[dict]:
    """The live notes of these records, as format-v1 objects: by record, then oldest first."""
    for start in range(0, len(record_ids), _BATCH):
        batch = list(record_ids[start:start + _BATCH])
        marks = ", ".join("?" for _ in batch)
        for row in store.db.conn.execute(
            f"SELECT n.record_id, n.body, n.created, n.updated, n.anchor_kind, n.anchor_label, n.anchor_country, "
            f"{BASELINE_SQL} FROM notes n JOIN records r ON r.id = n.record_id "
            f"WHERE n.deleted = 0 AND n.record_id IN ({marks}) ORDER BY r.key, n.created, n.id",
            batch,
        ).fetchall():
            yield note_to_json(*row[:4], anchor=anchor_to_json(*row[4:]))


def export_document(store: Store, record_ids: Iterable[str] | None = None) -> dict:
    """Everything (or the given records) with their notes, as a format-v1 document."""
    ids = list(record_ids) if record_ids is not None else all_record_ids(store)
    records = list(iter_records(store, ids))
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "records": [record_to_json(record) for record in records],
        "notes": list(iter_notes(store, [record.id for record in records])),
    }


def dump_document(document: dict) -> str:
    """The exact text casenotes writes for a document (stable, so exports can be compared)."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _write_list(out: TextIO, key: str, items: Iterable[dict], *, last: bool) -> None:
    """Write ``"key": [...]`` as json.dumps(indent=2) lays it out two levels down."""
    empty = True
    for item in items:
        out.write(f'  "{key}": [\n' if empty else ",\n")
        text = json.dumps(item, ensure_ascii=False, indent=2)
        # json.dumps escapes newlines inside strings, so every line break is layout.
        out.write(_ITEM_INDENT + text.replace("\n", "\n" + _ITEM_INDENT))
        empty = False
    out.write(f'  "{key}": []' if empty else "\n  ]")
    out.write("\n" if last else ",\n")


def write_json(store: Store, record_ids: Sequence[str], out: TextIO) -> int:
    """Stream the records with these ids (and their notes) to ``out``; return how many."""
    exported: list[str] = []

    def records() -> Iterator[dict]:
        for record in iter_records(store, record_ids):
            exported.append(record.id)
            yield record_to_json(record)

    out.write("{\n")
    out.write(f'  "format": {json.dumps(FORMAT_NAME)},\n  "version": {FORMAT_VERSION},\n')
    _write_list(out, "records", records(), last=False)
    _write_list(out, "notes", iter_notes(store, exported), last=True)
    out.write("}\n")
    return len(exported)
