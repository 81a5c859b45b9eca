"""Records as CSV, one a row, for spreadsheets: reading (streamed) and writing.

A row holds the columns of :data:`CSV_COLUMNS`; agencies, countries and tags are lists
separated by ``;``; the ``source_*`` columns describe one source. A CSV file cannot hold
figures, related records or more than one source, so importing a row into a record that
exists keeps those; the row's other columns replace the record's, except that a blank
cell keeps what the record has (a CSV import never erases). Its source is added if the
record does not already cite it. Exporting to CSV and importing the file back therefore
changes nothing.
"""

from __future__ import annotations

import copy
import csv
import dataclasses
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from casenotes.store.errors import InvalidInput
from casenotes.store.interchange.document import ImportFileError
from casenotes.store.interchange.file_input import CheckedUtf8Reader, check_importable, text_reader
from casenotes.store.interchange.json_records import describe_record, record_from_json
from casenotes.store.models import Record
from casenotes.store.validation import validate_record

CSV_COLUMNS = (
    "id", "title", "kind", "date", "end_date", "summary", "agencies", "countries", "tags",
    "source_title", "source_url", "source_published",
)
LIST_COLUMNS = ("agencies", "countries", "tags")
SOURCE_COLUMNS = ("source_title", "source_url", "source_published")
LIST_SEPARATOR = ";"
COMMENT_MARK = "#"  # a one-cell row starting with this, before the header, is a comment
MAX_CELL = 16 * 1024 * 1024  # characters; the csv module's default (128 KiB) is too small for long summaries


def _split_list(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(LIST_SEPARATOR) if part.strip()]


def check_header(header: list[str]) -> list[str]:
    """The normalised column names, or an error naming the missing and unknown columns."""
    names = [cell.strip().lower() for cell in header]
    repeated = sorted({name for name in names if names.count(name) > 1 and name})
    missing = [name for name in CSV_COLUMNS if name not in names]
    unknown = [cell.strip() for cell, name in zip(header, names) if name not in CSV_COLUMNS]
    problems = []
    if missing:
        problems.append("missing column" + ("s " if len(missing) > 1 else " ") + ", ".join(missing))
    if unknown:
        problems.append("unknown column" + ("s " if len(unknown) > 1 else " ")
                        + ", ".join(repr(name) if name else "(blank)" for name in unknown))
    if repeated:
        problems.append("repeated column" + ("s " if len(repeated) > 1 else " ") + ", ".join(repeated))
    if problems:
        raise ImportFileError(
            f"wrong CSV header: {'; '.join(problems)} (expected: {', '.join(CSV_COLUMNS)})"
        )
    return names


# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection), so
# export writes such text behind an apostrophe, as spreadsheets expect, and import removes it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"


def defuse_cell(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    return TEXT_MARK + text if text.startswith(FORMULA_STARTS) else text


def restore_cell(text: str) -> str:
    """The text :func:`defuse_cell` was given."""
    if text.startswith(TEXT_MARK) and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def row_to_json(cells: dict[str, str]) -> dict:
    """A CSV row as a format-v1 record object (blank cells are absent values)."""
    cells = {name: restore_cell(cell) for name, cell in cells.items()}

    def value(name: str) -> str | None:
        text = cells[name].strip()
        return text or None

    raw: dict = {
        "id": value("id"), "title": value("title"), "kind": value("kind"),
        "date": value("date"), "end_date": value("end_date"),
        "summary": cells["summary"],  # kept as written: a round trip must not change it
    }
    for name in LIST_COLUMNS:
        raw[name] = _split_list(cells[name])
    title, url, published = (value(name) for name in SOURCE_COLUMNS)
    if title or url or published:
        raw["sources"] = [{"title": title, "url": url, "published": published}]
    return raw


# Columns whose blank cell keeps the record's value; id, title and kind are always required.
KEPT_WHEN_BLANK = ("date", "end_date", "summary", "agencies", "countries", "tags")


def merge_row_into(incoming: Record, existing: Record | None, blank: frozenset[str] = frozenset()) -> Record:
    """What importing a CSV row into ``existing`` saves.

    Figures, relations and sources are kept (the row's source is added if new), and so
    is every field whose cell in ``blank`` was empty.
    """
    if existing is None:
        return incoming
    sources = list(existing.sources)
    cited = {(s.title, s.url, s.published) for s in sources}
    sources += [s for s in incoming.sources if (s.title, s.url, s.published) not in cited]
    kept = {name: copy.copy(getattr(existing, name)) for name in blank}
    return dataclasses.replace(
        incoming, figures=list(existing.figures), related=list(existing.related), sources=sources, **kept,
    )


@dataclasses.dataclass(frozen=True)
class _Row:
    position: int
    line: int
    blank: frozenset[str]


class CsvImportFile:
    """A CSV file opened for a streaming import."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.size = check_importable(self.path)
        self._raw: CheckedUtf8Reader | None = None
        self._pending: dict[str, _Row] = {}  # rows read but not merged yet: at most one batch

    def merge(self, incoming: Record, existing: Record | None) -> Record:
        """The record to save for a row (see :func:`merge_row_into`), checked again as a whole."""
        row = self._pending.pop(incoming.id, None)
        merged = merge_row_into(incoming, existing, row.blank if row else frozenset())
        if merged is incoming:
            return incoming
        try:
            return validate_record(merged)
        except InvalidInput as error:  # e.g. a new date after the end_date the record keeps
            where = describe_record(row.position, {"id": incoming.id}, row.line) if row else incoming.id
            raise ImportFileError(f"{where}: {error}") from None

    @property
    def bytes_read(self) -> int:
        return self._raw.bytes_read if self._raw is not None else 0

    def _rows(self) -> Iterator[tuple[int, list[str]]]:
        """(line number, cells) of every non-blank row, the header first (comments before it skipped)."""
        csv.field_size_limit(max(csv.field_size_limit(), MAX_CELL))
        with text_reader(self.path) as text:
            self._raw = text.buffer.raw
            reader = csv.reader(text, strict=True)
            before_header = True
            try:
                for row in reader:
                    if not any(cell.strip() for cell in row):
                        continue
                    if before_header and len(row) == 1 and row[0].lstrip().startswith(COMMENT_MARK):
                        continue
                    before_header = False
                    yield reader.line_num, row
            except csv.Error as error:
                raise ImportFileError(f"{self.path} is not valid CSV: {error} (line {reader.line_num})") from None

    def check_header(self) -> None:
        rows = self._rows()
        try:
            first = next(rows, None)
        finally:
            rows.close()
        if first is None:
            raise ImportFileError(f"{self.path} is empty")
        check_header(first[1])

    def records(self) -> Iterator[tuple[int, Record]]:
        """(position, record) of every data row, checked; errors name the row's position, id and line."""
        rows = self._rows()
        _, header = next(rows)
        names = check_header(header)
        for position, (line, row) in enumerate(rows, start=1):
            if len(row) != len(names):
                raw_id = row[names.index("id")].strip() if len(row) > names.index("id") else None
                where = describe_record(position, {"id": raw_id} if raw_id else None, line)
                raise ImportFileError(f"{where}: the row has {len(row)} cells, the header {len(names)}")
            cells = dict(zip(names, row))
            record = record_from_json(row_to_json(cells), position, line=line)
            blank = frozenset(name for name in KEPT_WHEN_BLANK if not cells[name].strip())
            self._pending[record.id] = _Row(position, line, blank)
            yield position, record


def write_csv(records: Iterable[Record], out: TextIO, *, comment: str | None = None) -> int:
    """Write records as CSV rows under the header; return how many were written.

    A ``comment`` (what a share export left out) goes first, as a one-cell row starting
    with ``#``; importing skips such rows before the header.
    """
    writer = csv.writer(out, lineterminator="\r\n")
    if comment is not None:
        writer.writerow([f"{COMMENT_MARK} {comment}"])
    writer.writerow(CSV_COLUMNS)
    count = 0
    for record in records:
        source = record.sources[0] if record.sources else None
        writer.writerow([defuse_cell(cell) for cell in (
            record.id, record.title, record.kind, record.date or "", record.end_date or "", record.summary,
            f"{LIST_SEPARATOR} ".join(record.agencies), f"{LIST_SEPARATOR} ".join(record.countries),
            f"{LIST_SEPARATOR} ".join(record.tags),
            source.title if source else "", (source.url or "") if source else "",
            (source.published or "") if source else "",
        )])
        count += 1
    return count
