"""Everything the timeline pane draws, read from the store (no Qt in here).

Records become day ranges: a date known to the day is one day, a month-precision date
covers its whole month and a year-precision date its whole year; an ``end_date``
extends the range to its own last day. Days are proleptic Gregorian ordinals
(``datetime.date.toordinal``), so the view can do arithmetic on plain integers.

The data is kept column-wise in arrays and buffers (:mod:`casenotes.store.columns`), so a
million records take ~125 MB: ids and titles are one UTF-8 buffer each, kinds and
country and agency lists a code per record, relations three arrays of positions.
"""

from __future__ import annotations

import datetime as dt
import itertools
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from itertools import compress
from operator import itemgetter

from casenotes.store.columns import KeyPositions, NameLists, OptionalInts, PackedStrings, SharedValues
from casenotes.store.database import Store
from casenotes.store.dates import InvalidDate, Precision, display_range, parse_partial_date

__all__ = ["NO_END", "OptionalInts", "TimelineData", "TimelineRow", "load_timeline"]

NO_END = 0  # end_precisions value of a record without an end date
_SLICE = 8192  # rows per step where a step runs in C (see KeyPositions)
_TEXT_ERRORS = "surrogatepass"  # as PackedStrings stores them

# (id, title, kind, date, end_date, countries, agencies, arrests[, key]): one record as
# the timeline needs it, before it is turned into day numbers.
TimelineRow = tuple[str, str, str, "str | None", "str | None", tuple[str, ...], tuple[str, ...], "int | None"]


class TimelineData:
    """The live records in date order, column by column; index ``i`` is one record.

    ``starts[i]``/``ends[i]`` are the first and last day (inclusive) the record may
    mean. Records without a date cannot be placed in time; their ids are in
    ``undated_ids``. Relations between records of the data are kept as positions
    (``relation_sources``, ``relation_targets``, ``relation_kinds``): below ``len(self)``
    a dated record, from there on ``undated_ids[position - len(self)]``; ``relations``
    spells them out as ids.
    """

    def __init__(self) -> None:
        self.ids = PackedStrings()
        self.titles = PackedStrings()
        self.kinds: SharedValues[str] = SharedValues()
        self.starts = array("i")
        self.ends = array("i")
        self.precisions = array("b")
        self.end_precisions = array("b")
        self.countries = NameLists()
        self.agencies = NameLists()
        self.arrests = OptionalInts()
        self.undated_ids: list[str] = []
        # The records' store keys, when the rows carried them (load_timeline's do): lets the
        # window turn the list's keys into the timeline's search matches without ids.
        self.keys = array("q")
        self.relation_sources = array("i")
        self.relation_targets = array("i")
        self.relation_kinds: SharedValues[str] = SharedValues()
        self._id_order: array | None = None  # positions of the dated records in id order
        self._last_day: int | None = None
        self._key_positions: KeyPositions | None = None

    def __len__(self) -> int:
        return len(self.starts)

    def __repr__(self) -> str:
        return f"<TimelineData: {len(self)} dated records, {len(self.undated_ids)} undated>"

    def index_of(self, record_id: str) -> int | None:
        """Position of a dated record, or None for an unknown or undated id (a binary search)."""
        if self._id_order is None:
            self._id_order = _sorted_positions(self.ids)
        order, encoded = self._id_order, self.ids.encoded
        wanted = record_id.encode("utf-8", _TEXT_ERRORS)
        found = bisect_left(order, wanted, key=encoded)
        if found < len(order) and encoded(order[found]) == wanted:
            return order[found]
        return None

    def last_day(self) -> int | None:
        """The latest day any record reaches, None without records.

        Kept from building the columns: max() over a million days is one C call that
        holds the GIL for 10-70 ms, and the view asks on the GUI thread.
        """
        if self._last_day is None and len(self):
            self._last_day = max(max(self.ends[start:start + _SLICE]) for start in range(0, len(self), _SLICE))
        return self._last_day

    def key_positions(self) -> KeyPositions:
        """Record key -> position (``len(self)`` for keys of records not placed in time)."""
        if self._key_positions is None or self._key_positions.missing != len(self):
            self._key_positions = KeyPositions(self.keys if len(self.keys) == len(self) else array("q"), len(self))
        return self._key_positions

    def id_at(self, position: int) -> str:
        """The id of a dated record or, from ``len(self)`` on, of an undated one."""
        count = len(self)
        return self.ids[position] if position < count else self.undated_ids[position - count]

    @property
    def relations(self) -> list[tuple[str, str, str]]:
        """``(from id, to id, relation)`` of every relation, spelled out anew on each call."""
        id_at = self.id_at
        return [(id_at(source), id_at(target), relation)
                for source, target, relation in zip(self.relation_sources, self.relation_targets, self.relation_kinds)]

    def add_relation(self, source: int, target: int, relation: str) -> None:
        """A relation between two positions (see the class's description)."""
        self.relation_sources.append(source)
        self.relation_targets.append(target)
        self.relation_kinds.append(relation)

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
        with the record's store key (a ninth item), which fills ``keys``. Relations are
        ``(from id, to id, relation)``; those naming an id not among the rows are dropped.
        """
        data, _ = _read_rows(rows)
        data._sort_by_date()
        data._id_order = _sorted_positions(data.ids)
        if data.keys:
            data.key_positions()  # now, not on the thread that first asks
        position_of = {record_id: position for position, record_id in enumerate(itertools.chain(data.ids, data.undated_ids))}
        for from_id, to_id, relation in relations:
            source, target = position_of.get(from_id), position_of.get(to_id)
            if source is not None and target is not None:
                data.add_relation(source, target, relation)
        return data

    def _sort_by_date(self) -> None:
        # load_timeline reads the rows in this order already: checking costs a pass, where
        # sorting a million keys holds the GIL (freezing the window) for seconds.
        if all(a <= b for a, b in itertools.pairwise(zip(self.starts, self.ends, self.titles))):
            return
        keys = list(zip(self.starts, self.ends, self.titles))
        order = sorted(range(len(self)), key=keys.__getitem__)
        self.ids, self.titles = self.ids.reordered(order), self.titles.reordered(order)
        self.kinds, self.countries, self.agencies = (
            self.kinds.reordered(order), self.countries.reordered(order), self.agencies.reordered(order))
        self.arrests = OptionalInts(self.arrests[i] for i in order)
        for name in ("starts", "ends", "precisions", "end_precisions") + (("keys",) if self.keys else ()):
            column = getattr(self, name)
            setattr(self, name, array(column.typecode, (column[i] for i in order)))


def _read_rows(rows: Iterable[TimelineRow]) -> tuple[TimelineData, list[int]]:
    """The rows as columns, in the order given; also the keys of the undated rows."""
    data = TimelineData()
    undated_keys: list[int] = []
    day_cache: dict[str, tuple[int, int, int]] = {}
    ids, titles, kinds, starts, ends = data.ids, data.titles, data.kinds, data.starts, data.ends
    precisions, end_precisions, countries, agencies = data.precisions, data.end_precisions, data.countries, data.agencies
    arrests, keys = data.arrests, data.keys
    latest = None
    for row in rows:
        record_id, title, kind, date, end_date, record_countries, record_agencies, record_arrests = row[:8]
        start = _days(date, day_cache)
        if start is None:
            data.undated_ids.append(record_id)
            if len(row) > 8:
                undated_keys.append(row[8])
            continue
        first, last, precision = start
        end_precision = NO_END
        end = _days(end_date, day_cache) if end_date else None
        if end is not None:
            last, end_precision = max(last, end[1]), end[2]
        if latest is None or last > latest:
            latest = last
        ids.append(record_id)
        titles.append(title)
        kinds.append(kind)
        starts.append(first)
        ends.append(last)
        precisions.append(precision)
        end_precisions.append(end_precision)
        countries.append(record_countries)
        agencies.append(record_agencies)
        arrests.append(record_arrests)
        if len(row) > 8:
            keys.append(row[8])
    data._last_day = latest
    return data, undated_keys


def _sorted_positions(strings: PackedStrings) -> array:
    """Positions 0..n-1 in the byte order of their strings (for data not read from a store)."""
    return array("i", sorted(range(len(strings)), key=strings.encoded))


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
SELECT a.key, b.key, rel.relation
FROM relations rel
JOIN records a ON a.id = rel.record_id AND a.deleted = 0
JOIN records b ON b.id = rel.other_id AND b.deleted = 0
ORDER BY rel.record_id, rel.position
"""

# Every key in id order, read from the id column's unique index: deleted and undated
# records are left out in Python (they have no position). The index's BINARY order is
# the byte order of UTF-8, which index_of's binary search over ids.encoded() relies on.
_KEYS_BY_ID_SQL = "SELECT key FROM records ORDER BY id"


def load_timeline(store: Store) -> TimelineData:
    """Read every live record and the relations between live records for the timeline.

    Three queries, each its own snapshot: a record added or deleted in between is simply
    missed by the later ones (the window reloads the timeline after every change anyway),
    and ids never change, so the order of ids read second holds for the records read first.
    """
    conn = store.db.conn
    agency_names = dict(conn.execute("SELECT id, name FROM agencies"))
    # The lists are split row by row, not cached by their text: a million records have
    # hundreds of thousands of different lists, and a cache of them cost ~50 MB.
    rows = (
        (record_id, title, kind, date, end_date, country_list.split(",") if country_list else (),
         map(agency_names.__getitem__, map(int, agency_ids.split(","))) if agency_ids else (), arrests, key)
        for record_id, title, kind, date, end_date, country_list, arrests, agency_ids, key in conn.execute(_RECORDS_SQL)
    )
    data, undated_keys = _read_rows(rows)
    data._sort_by_date()  # a check: the query sorted them
    positions = data.key_positions()
    data._id_order = _positions_in_id_order(conn, positions)
    count = len(data)
    undated = {key: count + offset for offset, key in enumerate(undated_keys)}
    for source_key, target_key, relation in conn.execute(_RELATIONS_SQL):
        source, target = positions.get(source_key), positions.get(target_key)
        source = undated.get(source_key) if source == count else source
        target = undated.get(target_key) if target == count else target
        if source is not None and target is not None:
            data.add_relation(source, target, relation)
    return data


def _positions_in_id_order(conn, positions: KeyPositions) -> array:
    """The positions of the dated records, in the order of their ids (no sorting in Python)."""
    order = array("i")
    missing = positions.missing
    cursor = conn.execute(_KEYS_BY_ID_SQL)
    while rows := cursor.fetchmany(_SLICE):
        found = array("i", positions.positions(list(map(itemgetter(0), rows))))
        order.extend(compress(found, map(missing.__ne__, found)))
    return order
