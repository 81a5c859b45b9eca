"""A whole format-v1 document read into memory: for small files such as the bundled seed.

Files people import go through the streaming reader (json_stream.py) instead.
"""

from __future__ import annotations

import json
from pathlib import Path

from casenotes.store.interchange.document import Document, ImportFileError
from casenotes.store.interchange.file_input import check_importable
from casenotes.store.interchange.json_records import (
    check_header, is_tombstone, note_from_json, record_from_json,
)


def read_document(path: Path) -> Document:
    """Read and check a format-v1 JSON file; raise :class:`ImportFileError` on any problem."""
    path = Path(path)
    check_importable(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ImportFileError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(f"{path} is not UTF-8 text (bad byte at offset {error.start})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(f"{path} is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}") from None
    return parse_document(data)


def parse_document(data: object) -> Document:
    """Check a decoded JSON document and turn it into records and notes."""
    if not isinstance(data, dict):
        raise ImportFileError("not a casenotes file: the top level must be a JSON object")
    check_header(data.get("format"), data.get("version"))
    raw_records = data.get("records", [])
    raw_notes = data.get("notes", [])
    if not isinstance(raw_records, list):
        raise ImportFileError('"records" must be a list')
    if not isinstance(raw_notes, list):
        raise ImportFileError('"notes" must be a list')
    records = []
    first_position: dict[str, int] = {}
    for position, raw in enumerate(raw_records, start=1):
        if is_tombstone(raw):  # deletions are for `casenotes merge`
            continue
        record = record_from_json(raw, position)
        first = first_position.setdefault(record.id, position)
        if first != position:
            raise ImportFileError(f"record #{position} (id {record.id!r}): duplicate id, already used by record #{first}")
        records.append(record)
    notes = [note_from_json(raw, position) for position, raw in enumerate(raw_notes, start=1)
             if not is_tombstone(raw)]
    header = {key: value for key, value in data.items() if key not in ("records", "notes")}
    return Document(records, notes, header)
