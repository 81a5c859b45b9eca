"""Which records the list shows, in what order, and the facet values to filter them by."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from casenotes.store.database import Store
from casenotes.store.models import RecordRow
from casenotes.store.search import match_expression, matched_records_sql

# Sort keys the list offers, each mapped to a column that has an index.
SORT_COLUMNS = {
    "title": "r.title COLLATE NOCASE",
    "kind": "r.kind",
    "date": "r.date",
    "countries": "r.country_list",
    "arrests": "r.arrests",
    "notes": "r.note_count",
}
RELEVANCE = "relevance"
_BATCH = 500


@dataclass(frozen=True)
class RecordFilter:
    """What the user narrowed the list to; empty fields do not filter."""

    query: str = ""
    kinds: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    record_ids: tuple[str, ...] | None = field(default=None)  # restrict to these ids

    def has_text(self) -> bool:
        """Whether the query holds any word to search for."""
        return match_expression(self.query) is not None

    def has_facets(self) -> bool:
        return bool(self.kinds or self.agencies or self.countries or self.tags or self.record_ids is not None
                    or self.year_from is not None or self.year_to is not None)

    def narrows(self) -> bool:
        """Whether this filter can leave records out."""
        return self.has_text() or self.has_facets()


def _in(values: Sequence[object]) -> str:
    return "(" + ", ".join("?" for _ in values) + ")"


def _conditions(flt: RecordFilter) -> tuple[list[str], list[object]]:
    where = ["r.deleted = 0"]
    params: list[object] = []
    if flt.kinds:
        where.append(f"r.kind IN {_in(flt.kinds)}")
        params += flt.kinds
    if flt.agencies:
        where.append(
            "r.id IN (SELECT ra.record_id FROM record_agencies ra JOIN agencies a ON a.id = ra.agency_id "
            f"WHERE a.name IN {_in(flt.agencies)})"
        )
        params += flt.agencies
    if flt.countries:
        where.append(f"r.id IN (SELECT record_id FROM record_countries WHERE country_code IN {_in(flt.countries)})")
        params += flt.countries
    if flt.tags:
        # A tag on the record itself or on one of its live notes.
        where.append(
            "(r.id IN (SELECT rt.record_id FROM record_tags rt JOIN tags t ON t.id = rt.tag_id "
            f"WHERE t.name IN {_in(flt.tags)}) OR r.id IN (SELECT n.record_id FROM notes n "
            f"JOIN note_tags nt ON nt.note_id = n.id JOIN tags t ON t.id = nt.tag_id "
            f"WHERE n.deleted = 0 AND t.name IN {_in(flt.tags)}))"
        )
        params += flt.tags + flt.tags
    if flt.year_from is not None:
        where.append("r.date >= ?")
        params.append(f"{flt.year_from:04d}")
    if flt.year_to is not None:
        where.append("r.date < ?")
        params.append(f"{flt.year_to + 1:04d}")
    if flt.record_ids is not None:
        where.append(f"r.id IN {_in(flt.record_ids)}")
        params += flt.record_ids
    return where, params


def selection_sql(flt: RecordFilter) -> tuple[str, list[object], bool]:
    """FROM ... WHERE ... for the records passing ``flt``, its parameters, and whether it searches text."""
    where, params = _conditions(flt)
    expression = match_expression(flt.query)
    source = "records r"
    if expression is not None:
        source = f"records r JOIN ({matched_records_sql()}) m ON m.key = r.key"
        params = [expression, expression] + params
    return f"{source} WHERE {' AND '.join(where)}", params, expression is not None


def filtered_keys(
    store: Store, flt: RecordFilter = RecordFilter(), *, sort: str = "date", descending: bool = False
) -> list[int]:
    """Keys of the live records that pass ``flt``, sorted.

    ``sort`` is a key of :data:`SORT_COLUMNS` or ``"relevance"`` (best search match first,
    which falls back to date order when there is no search text).
    """
    selection, params, searching = selection_sql(flt)
    direction = "DESC" if descending else "ASC"
    order = f"{SORT_COLUMNS.get(sort, 'r.date')} {direction}"
    if searching:
        order = "m.score" if sort == RELEVANCE else f"{order}, m.score"
    sql = f"SELECT r.key FROM {selection} ORDER BY {order}, r.key {direction}"
    return [row[0] for row in store.db.conn.execute(sql, params)]


def filtered_ids(store: Store, flt: RecordFilter) -> set[str]:
    """Ids of the live records that pass ``flt`` (to mark matches on the timeline)."""
    selection, params, _ = selection_sql(flt)
    return {row[0] for row in store.db.conn.execute(f"SELECT r.id FROM {selection}", params)}


def rows_for_keys(store: Store, keys: Sequence[int]) -> dict[int, RecordRow]:
    """List rows for these record keys (missing or deleted keys are left out)."""
    rows: dict[int, RecordRow] = {}
    for start in range(0, len(keys), _BATCH):
        batch = list(keys[start:start + _BATCH])
        for row in store.db.conn.execute(
            "SELECT key, id, title, kind, date, end_date, country_list, arrests, note_count FROM records "
            f"WHERE deleted = 0 AND key IN {_in(batch)}",
            batch,
        ):
            rows[row[0]] = RecordRow(*row)
    return rows


def key_for_id(store: Store, record_id: str) -> int | None:
    row = store.db.conn.execute("SELECT key FROM records WHERE id = ? AND deleted = 0", (record_id,)).fetchone()
    return row[0] if row else None


@dataclass
class Facets:
    kinds: list[tuple[str, int]]
    agencies: list[tuple[str, int]]
    countries: list[tuple[str, int]]
    tags: list[tuple[str, int]]
    first_year: int | None
    last_year: int | None


def facets(store: Store) -> Facets:
    """The values the list can be filtered by, with how many live records have each."""
    conn = store.db.conn
    kinds = conn.execute(
        "SELECT kind, count(*) FROM records WHERE deleted = 0 GROUP BY kind ORDER BY count(*) DESC, kind"
    ).fetchall()
    agencies = conn.execute(
        "SELECT a.name, count(*) FROM record_agencies ra JOIN agencies a ON a.id = ra.agency_id "
        "JOIN records r ON r.id = ra.record_id WHERE r.deleted = 0 GROUP BY a.id ORDER BY count(*) DESC, a.name"
    ).fetchall()
    countries = conn.execute(
        "SELECT rc.country_code, count(*) FROM record_countries rc JOIN records r ON r.id = rc.record_id "
        "WHERE r.deleted = 0 GROUP BY rc.country_code ORDER BY count(*) DESC, rc.country_code"
    ).fetchall()
    tags = conn.execute(
        "SELECT t.name, count(DISTINCT tagged.record_id) FROM ("
        "  SELECT record_id, tag_id FROM record_tags"
        "  UNION SELECT n.record_id, nt.tag_id FROM note_tags nt JOIN notes n ON n.id = nt.note_id WHERE n.deleted = 0"
        ") tagged JOIN tags t ON t.id = tagged.tag_id JOIN records r ON r.id = tagged.record_id "
        "WHERE r.deleted = 0 GROUP BY t.id ORDER BY count(DISTINCT tagged.record_id) DESC, t.name"
    ).fetchall()
    first, last = conn.execute(
        "SELECT min(substr(date, 1, 4)), max(substr(date, 1, 4)) FROM records WHERE deleted = 0 AND date IS NOT NULL"
    ).fetchone()
    return Facets(
        kinds=kinds, agencies=agencies, countries=countries, tags=tags,
        first_year=int(first) if first else None, last_year=int(last) if last else None,
    )
