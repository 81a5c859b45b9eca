"""The casenotes interchange format, version 1 (JSON): reading, checking, importing, exporting."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from casenotes.store import migrations
from casenotes.store.database import Store
from casenotes.store.dates import utc_now
from casenotes.store.errors import InvalidInput, StoreError
from casenotes.store.models import Figure, Record, Relation, Source
from casenotes.store.records import SaveOutcome, get_records, save_record
from casenotes.store.validation import check_record_id, validate_record

FORMAT_NAME = "casenotes"
FORMAT_VERSION = 1
_REINDEX_BATCH = 500

Progress = Callable[[int, int], None]


class ImportFileError(StoreError):
    """A file that cannot be imported; nothing was changed."""


class ImportCancelled(StoreError):
    """The user stopped an import; nothing was changed."""


@dataclass
class ImportedNote:
    record_id: str
    body: str
    created: str | None = None
    updated: str | None = None


@dataclass
class Document:
    records: list[Record]
    notes: list[ImportedNote]
    header: dict = field(default_factory=dict)  # top-level keys other than records/notes


@dataclass
class ImportSummary:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    notes_added: int = 0
    notes_updated: int = 0

    def describe(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged; "
            f"{self.notes_added} notes added, {self.notes_updated} notes updated"
        )


# ---- reading -------------------------------------------------------------------------


def read_document(path: Path) -> Document:
    """Read and check a format-v1 JSON file; raise :class:`ImportFileError` on any problem."""
    try:
        raw = Path(path).read_bytes()
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
    if data.get("format") != FORMAT_NAME:
        raise ImportFileError(f"not a casenotes file: \"format\" is {data.get('format')!r}, expected {FORMAT_NAME!r}")
    version = data.get("version")
    if version != FORMAT_VERSION:
        if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
            raise ImportFileError(
                f"this file uses casenotes format version {version}, newer than this app reads "
                f"({FORMAT_VERSION}); update casenotes to import it"
            )
        raise ImportFileError(f"unsupported format version {version!r} (this app reads version {FORMAT_VERSION})")
    raw_records = data.get("records", [])
    raw_notes = data.get("notes", [])
    if not isinstance(raw_records, list):
        raise ImportFileError('"records" must be a list')
    if not isinstance(raw_notes, list):
        raise ImportFileError('"notes" must be a list')
    records: list[Record] = []
    first_position: dict[str, int] = {}
    for position, raw in enumerate(raw_records, start=1):
        record = record_from_json(raw, position)
        if record.id in first_position:
            raise ImportFileError(
                f"record #{position} (id {record.id!r}): duplicate id, already used by record #{first_position[record.id]}"
            )
        first_position[record.id] = position
        records.append(record)
    notes = [note_from_json(raw, position) for position, raw in enumerate(raw_notes, start=1)]
    header = {key: value for key, value in data.items() if key not in ("records", "notes")}
    return Document(records, notes, header)


def _describe(position: int, raw: object) -> str:
    record_id = raw.get("id") if isinstance(raw, dict) else None
    return f"record #{position}" + (f" (id {record_id!r})" if isinstance(record_id, str) else "")


def _expect(raw: dict, key: str, kind: type | tuple[type, ...], where: str, *, required: bool = False):
    value = raw.get(key)
    if value is None:
        if required:
            raise InvalidInput(f'"{key}" is missing')
        return None
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        expected = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise InvalidInput(f'"{where}{key}" must be {expected}, not {type(value).__name__}')
    return value


def record_from_json(raw: object, position: int) -> Record:
    """One record object of the file; errors name the record by position and id."""
    try:
        if not isinstance(raw, dict):
            raise InvalidInput("a record must be a JSON object")
        record_id = check_record_id(_expect(raw, "id", str, "", required=True))
        sources = []
        for index, item in enumerate(_expect(raw, "sources", list, "") or []):
            if not isinstance(item, dict):
                raise InvalidInput(f"sources[{index}] must be an object")
            sources.append(Source(
                title=_expect(item, "title", str, f"sources[{index}].", required=True),
                publisher=_expect(item, "publisher", str, f"sources[{index}]."),
                url=_expect(item, "url", str, f"sources[{index}]."),
                published=_expect(item, "published", str, f"sources[{index}]."),
                locator=_expect(item, "locator", str, f"sources[{index}]."),
            ))
        figures = []
        for index, item in enumerate(_expect(raw, "figures", list, "") or []):
            if not isinstance(item, dict):
                raise InvalidInput(f"figures[{index}] must be an object")
            figures.append(Figure(
                label=_expect(item, "label", str, f"figures[{index}].", required=True),
                value=_expect(item, "value", (int, float), f"figures[{index}].", required=True),
                unit=_expect(item, "unit", str, f"figures[{index}]."),
                country=_expect(item, "country", str, f"figures[{index}]."),
                source=_expect(item, "source", int, f"figures[{index}]."),
                note=_expect(item, "note", str, f"figures[{index}]."),
            ))
        related = []
        for index, item in enumerate(_expect(raw, "related", list, "") or []):
            if not isinstance(item, dict):
                raise InvalidInput(f"related[{index}] must be an object")
            related.append(Relation(
                id=_expect(item, "id", str, f"related[{index}].", required=True),
                relation=_expect(item, "relation", str, f"related[{index}].", required=True),
            ))
        record = Record(
            id=record_id,
            title=_expect(raw, "title", str, "", required=True),
            kind=_expect(raw, "kind", str, "", required=True),
            date=_expect(raw, "date", str, ""),
            end_date=_expect(raw, "end_date", str, ""),
            summary=_expect(raw, "summary", str, "") or "",
            agencies=_expect(raw, "agencies", list, "") or [],
            countries=_expect(raw, "countries", list, "") or [],
            figures=figures, sources=sources, related=related,
            tags=_expect(raw, "tags", list, "") or [],
        )
        return validate_record(record)
    except InvalidInput as error:
        raise ImportFileError(f"{_describe(position, raw)}: {error}") from None


def note_from_json(raw: object, position: int) -> ImportedNote:
    try:
        if not isinstance(raw, dict):
            raise InvalidInput("a note must be a JSON object")
        return ImportedNote(
            record_id=check_record_id(_expect(raw, "record_id", str, "", required=True)),
            body=_expect(raw, "body", str, "", required=True),
            created=_expect(raw, "created", str, ""),
            updated=_expect(raw, "updated", str, ""),
        )
    except InvalidInput as error:
        raise ImportFileError(f"note #{position}: {error}") from None


# ---- importing -----------------------------------------------------------------------


def import_document(
    store: Store, document: Document, *, origin: str = "import", progress: Progress | None = None
) -> ImportSummary:
    """Add or update every record and note of ``document`` in one transaction.

    Records are matched by id, so importing the same file twice changes nothing the
    second time. Notes are matched by record and creation time. ``progress(done, total)``
    is called as records are written; raising :class:`ImportCancelled` from it (or any
    other error) rolls everything back.
    """
    summary = ImportSummary()
    total = len(document.records) + len(document.notes)
    ids_in_file = {record.id for record in document.records}
    with store.transaction():
        _check_note_targets(store, document.notes, ids_in_file)
        store.db.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('fts_deferred', '1')")
        written: list[str] = []
        for done, record in enumerate(document.records, start=1):
            outcome = save_record(store, record, origin=origin)
            {SaveOutcome.ADDED: summary.added, SaveOutcome.UPDATED: summary.updated,
             SaveOutcome.UNCHANGED: summary.unchanged}[outcome].append(record.id)
            if outcome is not SaveOutcome.UNCHANGED:
                written.append(record.id)
            if progress and (done % 200 == 0 or done == len(document.records)):
                progress(done, total)
        store.db.conn.execute("DELETE FROM meta WHERE key = 'fts_deferred'")
        reindex_records(store, written)
        for done, note in enumerate(document.notes, start=len(document.records) + 1):
            _import_note(store, note, summary)
            if progress and (done % 200 == 0 or done == total):
                progress(done, total)
    return summary


def _check_note_targets(store: Store, notes: Sequence[ImportedNote], ids_in_file: set[str]) -> None:
    for position, note in enumerate(notes, start=1):
        if note.record_id in ids_in_file:
            continue
        exists = store.db.conn.execute(
            "SELECT 1 FROM records WHERE id = ? AND deleted = 0", (note.record_id,)
        ).fetchone()
        if not exists:
            raise ImportFileError(f"note #{position}: record {note.record_id!r} is neither in the file nor in the store")


def _import_note(store: Store, note: ImportedNote, summary: ImportSummary) -> None:
    from casenotes.store.notes import add_note

    conn = store.db.conn
    created = note.created or utc_now()
    existing = conn.execute(
        "SELECT id, body, updated FROM notes WHERE record_id = ? AND created = ?", (note.record_id, created)
    ).fetchone()
    if existing is None:
        add_note(store, note.record_id, note.body, created=created, updated=note.updated or created)
        summary.notes_added += 1
        return
    note_id, body, updated = existing
    if body != note.body and (note.updated or "") > updated:
        conn.execute("UPDATE notes SET body = ?, updated = ? WHERE id = ?", (note.body, note.updated, note_id))
        summary.notes_updated += 1


def reindex_records(store: Store, record_ids: Sequence[str]) -> None:
    """Rebuild the search rows of these records in a few statements."""
    conn = store.db.conn
    for start in range(0, len(record_ids), _REINDEX_BATCH):
        batch = list(record_ids[start:start + _REINDEX_BATCH])
        marks = ", ".join("?" for _ in batch)
        conn.execute(
            f"DELETE FROM search_index WHERE rowid IN (SELECT key * 2 FROM records WHERE id IN ({marks}))", batch
        )
        conn.execute(f"{migrations.RECORD_SEARCH_ROW} WHERE r.deleted = 0 AND r.id IN ({marks})", batch)


# ---- exporting -----------------------------------------------------------------------


def record_to_json(record: Record) -> dict:
    figures = []
    for figure in record.figures:
        item = {"label": figure.label, "value": figure.value, "unit": figure.unit,
                "country": figure.country, "source": figure.source}
        if figure.note is not None:
            item["note"] = figure.note
        figures.append(item)
    sources = []
    for source in record.sources:
        item = {"title": source.title, "publisher": source.publisher, "url": source.url,
                "published": source.published}
        if source.locator is not None:
            item["locator"] = source.locator
        sources.append(item)
    return {
        "id": record.id, "title": record.title, "kind": record.kind, "date": record.date,
        "end_date": record.end_date, "summary": record.summary, "agencies": list(record.agencies),
        "countries": list(record.countries), "figures": figures, "sources": sources,
        "related": [{"id": r.id, "relation": r.relation} for r in record.related],
        "tags": list(record.tags),
    }


def export_document(store: Store, record_ids: Iterable[str] | None = None) -> dict:
    """Everything (or the given records) with their notes, as a format-v1 document."""
    from casenotes.store.records import all_record_ids

    ids = list(record_ids) if record_ids is not None else all_record_ids(store)
    records = get_records(store, ids)
    exported_ids = [record.id for record in records]
    notes = []
    for start in range(0, len(exported_ids), _REINDEX_BATCH):
        batch = exported_ids[start:start + _REINDEX_BATCH]
        marks = ", ".join("?" for _ in batch)
        notes += store.db.conn.execute(
            f"SELECT n.record_id, n.body, n.created, n.updated FROM notes n JOIN records r ON r.id = n.record_id "
            f"WHERE n.deleted = 0 AND n.record_id IN ({marks}) ORDER BY r.key, n.created, n.id",
            batch,
        ).fetchall()
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "records": [record_to_json(record) for record in records],
        "notes": [{"record_id": r, "body": b, "created": c, "updated": u} for r, b, c, u in notes],
    }


def dump_document(document: dict) -> str:
    """The exact text casenotes writes for a document (stable, so exports can be compared)."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
