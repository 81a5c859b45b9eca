"""Format-v1 JSON objects to records and notes and back, with errors that name the record."""

from __future__ import annotations

from casenotes.store.dates import InvalidTimestamp, normalise_timestamp
from casenotes.store.errors import InvalidInput
from casenotes.store.interchange.anchor_json import anchor_from_json
from casenotes.store.interchange.document import (
    FORMAT_NAME, FORMAT_VERSION, ImportedNote, ImportFileError,
)
from casenotes.store.interchange.schema import schema_checker
from casenotes.store.models import Figure, Record, Relation, Source
from casenotes.store.validation import check_record_id, clean_names, normal_record_from_valid_json, validate_record


def check_header(format_name: object, version: object) -> None:
    """Refuse a file that is not casenotes format v1, saying what it is instead."""
    if format_name != FORMAT_NAME:
        raise ImportFileError(f"not a casenotes file: \"format\" is {format_name!r}, expected {FORMAT_NAME!r}")
    if version != FORMAT_VERSION:
        if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
            raise ImportFileError(
                f"this file uses casenotes format version {version}, newer than this app reads "
                f"({FORMAT_VERSION}); update casenotes to import it"
            )
        raise ImportFileError(f"unsupported format version {version!r} (this app reads version {FORMAT_VERSION})")


def describe_record(position: int, raw: object, line: int | None = None) -> str:
    """How messages name a record: 'record #3 (id 'x')', plus the line for CSV rows."""
    record_id = raw.get("id") if isinstance(raw, dict) else None
    details = []
    if isinstance(record_id, str):
        details.append(f"id {record_id!r}")
    if line is not None:
        details.append(f"line {line}")
    return f"record #{position}" + (f" ({', '.join(details)})" if details else "")


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


def _schema_problem(check, raw: object) -> str | None:
    try:
        return check(raw)
    except (ValueError, OverflowError) as error:  # e.g. an integer too large for the validator
        return f"a value is out of range ({error})"


def record_from_json(raw: object, position: int, *, line: int | None = None) -> Record:
    """One record object of a file, checked and normalised.

    Our own checks run first (their messages name the field and say what is allowed);
    the JSON Schema catches the rest, such as unknown keys. Errors name the record by
    position and id (and line, for CSV rows).
    """
    problem = _schema_problem(schema_checker().record_problem, raw)
    if problem is None:
        record = normal_record_from_valid_json(raw)
        if record is not None:
            return record
    try:
        record = _record_from_valid_json(raw) if problem is None else _record_from_any_json(raw)
        record = validate_record(record)
        if problem is not None:
            raise InvalidInput(problem)
        return record
    except InvalidInput as error:
        raise ImportFileError(f"{describe_record(position, raw, line)}: {error}") from None


def _record_from_valid_json(raw: dict) -> Record:
    """A record from an object the schema accepted, so every type is already right."""
    get = raw.get
    return Record(
        id=raw["id"], title=raw["title"], kind=raw["kind"], date=get("date"), end_date=get("end_date"),
        summary=get("summary") or "", agencies=get("agencies") or [], countries=get("countries") or [],
        figures=[
            Figure(f["label"], f["value"], f.get("unit"), f.get("country"), f.get("source"), f.get("note"))
            for f in get("figures") or ()
        ],
        sources=[
            Source(s["title"], s.get("publisher"), s.get("url"), s.get("published"), s.get("locator"))
            for s in get("sources") or ()
        ],
        related=[Relation(r["id"], r["relation"]) for r in get("related") or ()],
        tags=get("tags") or [],
    )


def _record_from_any_json(raw: object) -> Record:
    """A record from an object of unknown shape, with a clear message for the first wrong type."""
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
    return Record(
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


def is_tombstone(raw: object) -> bool:
    """Whether a record or note object only says the item was deleted (exports for merging carry these).

    Imports skip tombstones; ``casenotes merge`` applies them.
    """
    return isinstance(raw, dict) and raw.get("deleted") is True


def note_from_json(raw: object, position: int) -> ImportedNote:
    """One note object of a file; errors name the note by position."""
    problem = _schema_problem(schema_checker().note_problem, raw)
    try:
        if not isinstance(raw, dict):
            raise InvalidInput("a note must be a JSON object")
        note = ImportedNote(
            record_id=check_record_id(_expect(raw, "record_id", str, "", required=True)),
            body=_expect(raw, "body", str, "", required=True),
            created=_timestamp(raw, "created"),
            updated=_timestamp(raw, "updated"),
            anchor=anchor_from_json(raw["anchor"]) if raw.get("anchor") is not None else None,
            uid=_expect(raw, "uid", str, ""),
            pinned=_expect(raw, "pinned", bool, "") or False,
            tags=clean_names(_expect(raw, "tags", list, ""), "tags"),
        )
        if problem is not None:
            raise InvalidInput(problem)
        return note
    except InvalidInput as error:
        raise ImportFileError(f"note #{position}: {error}") from None


def _timestamp(raw: dict, key: str) -> str | None:
    value = _expect(raw, key, str, "")
    if value is None:
        return None
    try:
        return normalise_timestamp(value)
    except InvalidTimestamp as error:
        raise InvalidInput(f'"{key}": {error}') from None


def record_to_json(record: Record) -> dict:
    """A record as a format-v1 object; optional keys (figure note, source locator) only when set."""
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


def note_to_json(
    record_id: str, body: str, created: str, updated: str, anchor: dict | None = None, *,
    pinned: bool = False, tags: list[str] | None = None,
) -> dict:
    """A note as a format-v1 object; ``pinned``, ``tags`` and ``anchor`` only when set."""
    item = {"record_id": record_id, "body": body, "created": created, "updated": updated}
    if pinned:
        item["pinned"] = True
    if tags:
        item["tags"] = list(tags)
    if anchor is not None:
        item["anchor"] = anchor
    return item
