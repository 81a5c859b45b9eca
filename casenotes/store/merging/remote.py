"""Reading another store's export (format v1) for a merge: records, notes and their tombstones.

Files written by ``casenotes export --for-merge`` carry the writing store's id, the
versions each record and note has had (``seen``) and deletions. A plain export can be
merged too; it then says nothing about history, so more differences become conflicts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import ijson

from casenotes.store.errors import InvalidInput
from casenotes.store.interchange.document import ImportFileError
from casenotes.store.interchange.file_input import CHUNK_SIZE, CheckedUtf8Reader
from casenotes.store.interchange.json_records import is_tombstone, note_from_json, record_from_json
from casenotes.store.interchange.json_stream import JsonImportFile
from casenotes.store.interchange.schema import schema_checker
from casenotes.store.merging.hashing import DELETED, note_hash, record_hash
from casenotes.store.models import Record
from casenotes.store.validation import check_record_id


@dataclass
class RemoteRecord:
    """One record of the file, or its tombstone (``record`` is None)."""

    id: str
    record: Record | None
    position: int
    updated: str | None = None
    edited: bool = False
    seen: list[str] = field(default_factory=list)

    @property
    def deleted(self) -> bool:
        return self.record is None

    def hash(self, private_tags: list[str]) -> str:
        return DELETED if self.record is None else record_hash(self.record, private_tags)


@dataclass
class RemoteNote:
    """One note of the file, or its tombstone (``body`` is None). ``uid`` is None in plain exports."""

    uid: str | None
    record_id: str
    body: str | None
    position: int
    created: str | None = None
    updated: str | None = None
    private: bool = False
    seen: list[str] = field(default_factory=list)

    @property
    def deleted(self) -> bool:
        return self.body is None

    @property
    def hash(self) -> str:
        return DELETED if self.body is None else note_hash(self.record_id, self.body)


@dataclass
class MergeFile:
    path: Path
    store_id: str | None  # None: a plain export, which does not say where it came from
    profile: str
    records: list[RemoteRecord]
    notes: list[RemoteNote]


def _header_values(path: Path) -> dict[str, object]:
    """The top-level ``store_id`` and ``profile`` (casenotes writes them before the records)."""
    found: dict[str, object] = {}
    reader = CheckedUtf8Reader(path)
    try:
        for prefix, event, value in ijson.parse(reader, buf_size=CHUNK_SIZE):
            if prefix in ("store_id", "profile") and event in ("string", "number", "null", "boolean"):
                found[prefix] = value
            elif prefix in ("records", "notes") or (prefix == "" and event == "end_map"):
                break
    except ijson.JSONError:
        pass  # the record pass reports where the file is broken
    finally:
        reader.close()
    return found


def _seen(raw: dict, where: str) -> list[str]:
    seen = raw.get("seen") or []
    if not isinstance(seen, list) or not all(isinstance(item, str) for item in seen):
        raise ImportFileError(f'{where}: "seen" must be a list of version hashes')
    return seen


def _records(source: JsonImportFile) -> Iterator[RemoteRecord]:
    for position, raw in enumerate(source.records(), start=1):
        where = f"record #{position}"
        if is_tombstone(raw):
            problem = schema_checker().record_problem(raw)
            try:
                record_id = check_record_id(raw.get("id"))
                if problem is not None:
                    raise InvalidInput(problem)
            except InvalidInput as error:
                raise ImportFileError(f"{where}: {error}") from None
            yield RemoteRecord(record_id, None, position, raw.get("updated"), True, _seen(raw, where))
            continue
        record = record_from_json(raw, position)
        yield RemoteRecord(record.id, record, position, raw.get("updated"), raw.get("edited") is True,
                           _seen(raw, f"{where} (id {record.id!r})"))


def _notes(source: JsonImportFile) -> Iterator[RemoteNote]:
    for position, raw in enumerate(source.notes(), start=1):
        where = f"note #{position}"
        if is_tombstone(raw):
            problem = schema_checker().note_problem(raw)
            if problem is not None:
                raise ImportFileError(f"{where}: {problem}")
            yield RemoteNote(raw["uid"], raw["record_id"], None, position, updated=raw.get("updated"),
                             seen=_seen(raw, where))
            continue
        note = note_from_json(raw, position)
        yield RemoteNote(note.uid, note.record_id, note.body, position, note.created, note.updated,
                         raw.get("private") is True, _seen(raw, where))


def read_merge_file(path: Path | str) -> MergeFile:
    """Read and check a format-v1 JSON file for merging; raise :class:`ImportFileError` on any problem.

    The whole file is held in memory as records and notes (a merge must see all of it
    before deciding anything).
    """
    path = Path(path)
    source = JsonImportFile(path)
    source.check_header()
    header = _header_values(path)
    records = list(_records(source))
    first: dict[str, int] = {}
    for remote in records:
        earlier = first.setdefault(remote.id, remote.position)
        if earlier != remote.position:
            raise ImportFileError(
                f"record #{remote.position} (id {remote.id!r}): duplicate id, already used by record #{earlier}"
            )
    notes = list(_notes(source))
    uids: dict[str, int] = {}
    for note in notes:
        if note.uid is None:
            continue
        earlier = uids.setdefault(note.uid, note.position)
        if earlier != note.position:
            raise ImportFileError(f"note #{note.position}: duplicate uid, already used by note #{earlier}")
    store_id = header.get("store_id")
    profile = header.get("profile")
    return MergeFile(path, store_id if isinstance(store_id, str) else None,
                     profile if isinstance(profile, str) else "full", records, notes)
