"""Everything the timeline pane draws, read from the store in one pass (no Qt in here).

Records become day ranges: a date known to the day is one day, a month-precision date
covers its whole month and a year-precision date its whole year; an ``end_date``
extends the range to its own last day. Days are proleptic Gregorian ordinals
(``datetime.date.toordinal``), so the view can do arithmetic on plain integers.

The data is kept column-wise (parallel lists and arrays, shared tuples for repeated
country and agency sets) so a million records fit in a few hundred megabytes.
"""

from __future__ import annotations

import datetime as dt
import itertools
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field

from casenotes.store.database import Store
from casenotes.store.dates import InvalidDate, Precision, display_range, parse_partial_date

NO_END = 0  # end_precisions value of a record without an end date

# (id, title, kind, date, end_date, countries, agencies, arrests[, key]): one record as
# the timeline needs it, before it is turned into day numbers.
TimelineRow = tuple[str, str, str, "str | None", "str | None", tuple[str, ...], tuple[str, ...], "int | None"]


class OptionalInts:
    """A column of integers or None, 8 bytes each (a list of Python ints costs 36)."""

    __slots__ = ("_values",)
    _NONE = -(2 ** 63)

    def __init__(self, values: Iterable[int | None] = ()) -> None:
        self._values = array("q", (self._NONE if value is None else value for value in values))

    def append(self, value: int | None) -> None:
        self._values.append(self._NONE if value is None else value)

    def __getitem__(self, index: int) -> int | None:
        value = self._values[index]
        return None if value == self._NONE else value

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self):
        return (None if value == self._NONE else value for value in self._values)

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, (OptionalInts, list)) else NotImplemented


@dataclass(eq=False)
class TimelineData:
    """The live records in date order, column by column; index ``i`` is one record.

    ``starts[i]``/``ends[i]`` are the first and last day (inclusive) the record may
    mean. ``relations`` holds ``(from id, to id, relation)`` between live records.
    Records without a date cannot be placed in time; their ids are in ``undated_ids``.
    """

    ids: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    starts: array = field(default_factory=lambda: array("l"))
    ends: array = field(default_factory=lambda: array("l"))
    precisions: array = field(default_factory=lambda: array("b"))
    end_precisions: array = field(default_factory=lambda: array("b"))
    countries: list[tuple[str, ...]] = field(default_factory=list)
    agencies: list[tuple[str, ...]] = field(default_factory=list)
    arrests: OptionalInts = field(default_factory=OptionalInts)
    relations: list[tuple[str, str, str]] = field(default_factory=list)
    undated_ids: list[str] = field(default_factory=list)
    # The records' store keys, when the rows carried them (load_timeline's do): lets the
    # window turn the list's keys into the timeline's search matches without ids.
    keys: array = field(default_factory=lambda: array("q"))
    _index: dict[str, int] | None = field(default=None, repr=False)

    def __len__(self) -> int:
        return len(self.ids)

    def index_of(self, record_id: str) -> int | None:
        """Position of a dated record, or None for an unknown or undated id."""
        if self._index is None:
            self._index = {record_id: position for position, record_id in enumerate(self.ids)}
        return self._index.get(record_id)

    def date_iso(self, index: int) -> str:
        """The record's date at its own precision ('2014', '2014-11', '2014-11-06')."""
        return _iso(self.starts[index], self.precisions[index])

    def end_date_iso(self, index: int) -> str | None:
        precision = self.end_precisions[index]
        return None if precision == NO_END else _iso(self.ends[index], precision)

    def date_text(self, index: int) -> str:
        """'6 November 2014', 'November 2014' or '22 October 2016 – 28 October 2016'."""
        return display_range(self.date_iso(index), self.end_date_iso(index))

    @classmethod
    def from_rows(cls, rows: Iterable[TimelineRow], relations: Iterable[tuple[str, str, str]] = ()) -> TimelineData:
        """Build the columns from plain rows, sorted by first day, last day and title.

        Rows with no date (or one that is not a date) go to ``undated_ids``. A row may end
        with the record's store key (a ninth item), which fills ``keys``.
        """
        data = cls()
        day_cache: dict[str, tuple[int, int, int]] = {}
        shared: dict[tuple[str, ...], tuple[str, ...]] = {}
        kinds: dict[str, str] = {}
        for row in rows:
            record_id, title, kind, date, end_date, countries, agencies, arrests = row[:8]
            start = _days(date, day_cache)
            if start is None:
                data.undated_ids.append(record_id)
                continue
            first, last, precision = start
            end_precision = NO_END
            end = _days(end_date, day_cache) if end_date else None
            if end is not None:
                last, end_precision = max(last, end[1]), end[2]
            data.ids.append(record_id)
            data.titles.append(title)
            data.kinds.append(kinds.setdefault(kind, kind))
            data.starts.append(first)
            data.ends.append(last)
            data.precisions.append(precision)
            data.end_precisions.append(end_precision)
            data.countries.append(shared.setdefault(tuple(countries), tuple(countries)))
            data.agencies.append(shared.setdefault(tuple(agencies), tuple(agencies)))
            data.arrests.append(arrests)
            if len(row) > 8:
                data.keys.append(row[8])
        data._sort_by_date()
        data.relations = list(relations)
        return data

    def _sort_by_date(self) -> None:
        # load_timeline reads the rows in this order already: checking costs a pass, where
        # sorting a million keys holds the GIL (freezing the window) for seconds.
        if all(a <= b for a, b in itertools.pairwise(zip(self.starts, self.ends, self.titles))):
            return
        keys = list(zip(self.starts, self.ends, self.titles))
        order = sorted(range(len(self.ids)), key=keys.__getitem__)
        for name in ("ids", "titles", "kinds", "countries", "agencies"):
            column = getattr(self, name)
            setattr(self, name, [column[i] for i in order])
        self.arrests = OptionalInts(self.arrests[i] for i in order)
        for name in ("starts", "ends", "precisions", "end_precisions") + (("keys",) if self.keys else ()):
            column = getattr(self, name)
            setattr(self, name, array(column.typecode, (column[i] for i in order)))


def _days(text: str | None, cache: dict[str, tuple[int, int, int]]) -> tuple[int, int, int] | None:
    """(first day, last day, precision) of a stored date string, or None if it is no date."""
    if not text:
        return None
    found = cache.get(text)
    if found is None:
        try:
            date = parse_partial_date(text)
        except InvalidDate:
            return None
        found = (date.first_day().toordinal(), date.last_day().toordinal(), int(date.precision))
        cache[text] = found
    return found


def _iso(ordinal: int, precision: int) -> str:
    day = dt.date.fromordinal(ordinal)
    if precision == Precision.YEAR:
        return f"{day.year:04d}"
    if precision == Precision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _first_day_sql(date: str) -> str:
    return f"CASE length({date}) WHEN 4 THEN {date} || '-01-01' WHEN 7 THEN {date} || '-01' ELSE {date} END"


def _last_day_sql(date: str) -> str:
    return (f"CASE length({date}) WHEN 4 THEN {date} || '-12-31' "
            f"WHEN 7 THEN date({date} || '-01', '+1 month', '-1 day') ELSE {date} END")


# In from_rows' order (first day, last day, title; then as stored), so it need not sort: SQLite
# sorts without holding Python's GIL, where sorting in Python froze the window for seconds.
_RECORDS_SQL = f"""
SELECT r.id, r.title, r.kind, r.date, r.end_date, r.country_list, r.arrests,
       (SELECT group_concat(agency_id, ',') FROM
           (SELECT agency_id FROM record_agencies WHERE record_id = r.id ORDER BY position)),
       r.key
FROM records r
WHERE r.deleted = 0
ORDER BY {_first_day_sql("r.date")},
         max({_last_day_sql("r.date")}, coalesce({_last_day_sql("r.end_date")}, {_last_day_sql("r.date")})),
         r.title, r.key
"""

_RELATIONS_SQL = """
SELECT rel.record_id, rel.other_id, rel.relation
FROM relations rel
JOIN records a ON a.id = rel.record_id AND a.deleted = 0
JOIN records b ON b.id = rel.other_id AND b.deleted = 0
ORDER BY rel.record_id, rel.position
"""


def load_timeline(store: Store) -> TimelineData:
    """Read every live record and the relations between live records for the timeline."""
    conn = store.db.conn
    agency_names = dict(conn.execute("SELECT id, name FROM agencies"))
    split_cache: dict[str | None, tuple[str, ...]] = {None: (), "": ()}

    def countries_of(text: str | None) -> tuple[str, ...]:
        found = split_cache.get(text)
        if found is None:
            found = split_cache[text] = tuple(text.split(","))
        return found

    agency_cache: dict[str | None, tuple[str, ...]] = {None: (), "": ()}

    def agencies_of(text: str | None) -> tuple[str, ...]:
        found = agency_cache.get(text)
        if found is None:
            found = agency_cache[text] = tuple(agency_names[int(part)] for part in text.split(","))
        return found

    rows = (
        (record_id, title, kind, date, end_date, countries_of(country_list), agencies_of(agency_ids), arrests, key)
        for record_id, title, kind, date, end_date, country_list, arrests, agency_ids, key in conn.execute(_RECORDS_SQL)
    )
    data = TimelineData.from_rows(rows)
    # Relations name their records with the very strings of data.ids (and share the three
    # relation names): at a million records that saves ~30 MB of duplicate strings.
    ids, names = data.ids, {}

    def shared(record_id: str) -> str:
        index = data.index_of(record_id)
        return record_id if index is None else ids[index]

    data.relations = [(shared(source), shared(target), names.setdefault(relation, relation))
                      for source, target, relation in conn.execute(_RELATIONS_SQL)]
    return data
