"""Checks that a record fits the data model, with messages that name the field at fault."""

from __future__ import annotations

import functools
import math
import re

from casenotes.store.countries import UnknownCountry, is_country_code, normalise_country
from casenotes.store.dates import InvalidDate, normalise_partial_date, parse_partial_date
from casenotes.store.errors import InvalidInput
from casenotes.store.models import RECORD_KINDS, RELATION_KINDS, Figure, Record, Relation, Source

RECORD_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:~-]{0,199}$")
MAX_TITLE = 1000
HTTP_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)


def check_record_id(record_id: object) -> str:
    if not isinstance(record_id, str) or not RECORD_ID.match(record_id):
        raise InvalidInput(
            f"id {record_id!r} is not valid: use letters, digits, '-', '_', '.', ':' "
            "(at most 200, starting with a letter or digit)"
        )
    return record_id


def check_encodable(value: str, field: str) -> None:
    """Refuse text SQLite cannot store: lone surrogates (from bad bytes on a command line or '\\ud800' in JSON)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise InvalidInput(
            f"{field} contains an invalid character at position {error.start} (a lone surrogate, not real text)"
        ) from None


def _clean_text(value: object, field: str, *, required: bool = False) -> str | None:
    if value is None:
        if required:
            raise InvalidInput(f"{field} is missing")
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"{field} must be text, not {type(value).__name__}")
    check_encodable(value, field)
    if required and not value.strip():
        raise InvalidInput(f"{field} is empty")
    return value


def clean_names(values: object, field: str) -> list[str]:
    """Names (agencies, countries, tags) trimmed, without blanks or repeats in any case; refuses non-text."""
    if values is None:
        return []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise InvalidInput(f"{field} must be a list of names")
    for value in values:
        check_encodable(value, field)
    cleaned: list[str] = []
    seen: set[str] = set()
    for value in values:
        name = value.strip()
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            cleaned.append(name)
    return cleaned


def validate_record(record: Record) -> Record:
    """Return ``record`` with its fields normalised, or raise :class:`InvalidInput`."""
    check_record_id(record.id)
    title = _clean_text(record.title, "title", required=True).strip()
    if len(title) > MAX_TITLE:
        raise InvalidInput(f"title is longer than {MAX_TITLE} characters")
    if record.kind not in RECORD_KINDS:
        raise InvalidInput(f"kind {record.kind!r} is not one of {', '.join(RECORD_KINDS)}")
    # A bad start date is reported as is ("'2014-13' is not a real date"), as imports always have.
    date = _clean_date(record.date, None)
    end_date = _clean_date(record.end_date, "end_date")
    if end_date and not date:
        raise InvalidInput("end_date is given but date is not")
    if date and end_date and parse_partial_date(end_date).last_day() < parse_partial_date(date).first_day():
        raise InvalidInput(f"end_date {end_date} is before date {date}")
    summary = _clean_text(record.summary, "summary") or ""
    try:
        countries = [normalise_country(code) for code in clean_names(record.countries, "countries")]
    except UnknownCountry as error:
        raise InvalidInput(str(error)) from None
    sources = [_validate_source(source, index) for index, source in enumerate(record.sources)]
    figures = [_validate_figure(figure, index, len(sources)) for index, figure in enumerate(record.figures)]
    related = [_validate_relation(relation, record.id, index) for index, relation in enumerate(record.related)]
    return Record(
        id=record.id, title=title, kind=record.kind, date=date, end_date=end_date, summary=summary,
        agencies=clean_names(record.agencies, "agencies"), countries=list(dict.fromkeys(countries)),
        figures=figures, sources=sources, related=_unique_relations(related),
        tags=clean_names(record.tags, "tags"),
        origin=record.origin, edited=record.edited, created=record.created, updated=record.updated,
        deleted=record.deleted, note_count=record.note_count,
    )


def _clean_date(value: object, field: str | None) -> str | None:
    try:
        return normalise_partial_date(value)
    except InvalidDate as error:
        raise InvalidInput(f"{field}: {error}" if field else str(error)) from None


def _validate_source(source: Source, index: int) -> Source:
    where = f"sources[{index}]"
    title = _clean_text(source.title, f"{where}.title", required=True).strip()
    url = _clean_text(source.url, f"{where}.url")
    if url and not HTTP_URL.match(url.strip()):
        raise InvalidInput(f"{where}.url {url!r} is not an http(s) address")
    try:
        published = normalise_partial_date(_clean_text(source.published, f"{where}.published"))
    except InvalidDate as error:
        raise InvalidInput(f"{where}.published: {error}") from None
    return Source(
        title=title, publisher=_clean_text(source.publisher, f"{where}.publisher"),
        url=url.strip() if url else None, published=published,
        locator=_clean_text(source.locator, f"{where}.locator"),
    )


def _validate_figure(figure: Figure, index: int, source_count: int) -> Figure:
    where = f"figures[{index}]"
    label = _clean_text(figure.label, f"{where}.label", required=True).strip()
    value = figure.value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise InvalidInput(f"{where}.value must be a number, not {value!r}")
    country = figure.country
    if country is not None:
        try:
            country = normalise_country(country)
        except UnknownCountry as error:
            raise InvalidInput(f"{where}: {error}") from None
    source = figure.source
    if source is not None:
        if isinstance(source, bool) or not isinstance(source, int) or not 0 <= source < source_count:
            raise InvalidInput(f"{where}.source {source!r} does not point at one of the record's {source_count} sources")
    return Figure(
        label=label, value=value, unit=_clean_text(figure.unit, f"{where}.unit"), country=country,
        source=source, note=_clean_text(figure.note, f"{where}.note"),
    )


def _validate_relation(relation: Relation, own_id: str, index: int) -> Relation:
    where = f"related[{index}]"
    try:
        check_record_id(relation.id)
    except InvalidInput as error:
        raise InvalidInput(f"{where}: {error}") from None
    if relation.relation not in RELATION_KINDS:
        raise InvalidInput(f"{where}: relation {relation.relation!r} is not one of {', '.join(RELATION_KINDS)}")
    if relation.id == own_id:
        raise InvalidInput(f"{where}: a record cannot be related to itself")
    return relation


def _unique_relations(relations: list[Relation]) -> list[Relation]:
    seen: set[tuple[str, str]] = set()
    unique = []
    for relation in relations:
        if (relation.id, relation.relation) not in seen:
            seen.add((relation.id, relation.relation))
            unique.append(relation)
    return unique


def is_web_address(url: str) -> bool:
    """Whether ``url`` is an http(s) address, the only kind a source may link to."""
    return bool(HTTP_URL.match(url.strip()))


# ---- the same checks, fast, for objects the format's JSON Schema has accepted ----------

_KINDS = frozenset(RECORD_KINDS)
_RELATIONS = frozenset(RELATION_KINDS)


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _plain_optional(value: str | None) -> bool:
    return value is None or value.isascii() or _encodable(value)


def _plain_names(values: list[str]) -> list[str] | None:
    """The names as ``clean_names`` leaves them, when it would leave them as they are; else None."""
    if not values:
        return []
    folded = set()
    for value in values:
        if not value or value.strip() != value or not (value.isascii() or _encodable(value)):
            return None
        folded.add(value.casefold())
    return values if len(folded) == len(values) else None


@functools.lru_cache(maxsize=4096)
def _ordered_range(date: str, end_date: str) -> bool:
    return parse_partial_date(end_date).last_day() >= parse_partial_date(date).first_day()


_canonical_dates: dict[str, str] = {}  # date text in a file -> canonical form, for the dates seen
_country_codes: set[str] = set()  # upper-case codes found to be ISO 3166 ones


def _canonical(text: str | None) -> str | None:
    """normalise_partial_date for schema-valid text, from a cache of the dates seen."""
    if text is None:
        return None
    canonical = _canonical_dates.get(text)
    if canonical is None:
        canonical = normalise_partial_date(text)
        if len(_canonical_dates) > 100_000:
            _canonical_dates.clear()
        _canonical_dates[text] = canonical
    return canonical


def _country(code: str) -> str | None:
    """The upper-case code, or None if it is no ISO 3166 code."""
    code = code.upper()
    if code in _country_codes:
        return code
    if is_country_code(code):
        _country_codes.add(code)
        return code
    return None


def normal_record_from_valid_json(raw: dict) -> Record | None:
    """The record :func:`validate_record` would make of a schema-valid format-v1 object, or None.

    Imports run this first on every record the JSON Schema accepted: it does the same
    checks and normalising for the common case without building the record twice. It
    returns None whenever anything is unusual (an error, a name to tidy, a duplicate
    relation, text that needs a closer look), and the import then runs the full checks,
    which word any error. tests/store/test_fast_validation.py holds both to the same result.
    (``str.isascii`` reads a flag: ASCII text needs no check for lone surrogates.)
    """
    get = raw.get
    record_id = raw["id"]
    title = raw["title"].strip()
    summary = get("summary") or ""
    if (not title or raw["kind"] not in _KINDS or not (title.isascii() or _encodable(title))
            or not (summary.isascii() or _encodable(summary))):
        return None
    try:
        date = _canonical(get("date"))
        end_date = _canonical(get("end_date"))
        if end_date is not None and (date is None or not _ordered_range(date, end_date)):
            return None
        agencies = _plain_names(get("agencies") or [])
        tags = _plain_names(get("tags") or [])
        if agencies is None or tags is None:
            return None
        countries = []
        for code in get("countries") or ():
            code = _country(code)
            if code is None:
                return None
            if code not in countries:
                countries.append(code)
        sources = []
        for item in get("sources") or ():
            source_title = item["title"].strip()
            item_get = item.get
            url = item_get("url")
            publisher = item_get("publisher")
            locator = item_get("locator")
            if url:
                url = url.strip()
                if not HTTP_URL.match(url) or not (url.isascii() or _encodable(url)):
                    return None
            if (not source_title or not (source_title.isascii() or _encodable(source_title))
                    or not _plain_optional(publisher) or not _plain_optional(locator)):
                return None
            sources.append(Source(source_title, publisher, url or None, _canonical(item_get("published")), locator))
        figures = []
        for item in get("figures") or ():
            label = item["label"].strip()
            item_get = item.get
            value = item["value"]
            country = item_get("country")
            source = item_get("source")
            unit = item_get("unit")
            note = item_get("note")
            if country is not None:
                country = _country(country)
                if country is None:
                    return None
            if (not label or not (label.isascii() or _encodable(label)) or type(value) not in (int, float)
                    or not math.isfinite(value)
                    or (source is not None and (type(source) is not int or source >= len(sources)))
                    or not _plain_optional(unit) or not _plain_optional(note)):
                return None
            figures.append(Figure(label, value, unit, country, source, note))
        related = []
        if get("related"):
            seen: set[tuple[str, str]] = set()
            for item in raw["related"]:
                other, relation = item["id"], item["relation"]
                if other == record_id or relation not in _RELATIONS or (other, relation) in seen:
                    return None
                seen.add((other, relation))
                related.append(Relation(other, relation))
    except InvalidDate:
        return None
    return Record(record_id, title, raw["kind"], date, end_date, summary, agencies, countries, figures, sources,
                  related, tags)
