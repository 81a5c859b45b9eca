"""Which records the list shows, in what order, and the facet values to filter them by."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from casenotes.store.batching import batches, marks
from casenotes.store.database import Store
from casenotes.store.models import RecordRow
from casenotes.store import ranking
from casenotes.store.search import match_expression, matched_records_sql
from casenotes.store.text_match import QueryTerms

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
_BATCH = 500  # rows read at a time


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


def _conditions(flt: RecordFilter) -> tuple[list[str], list[object]]:
    where = ["r.deleted = 0"]
    params: list[object] = []
    if flt.kinds:
        where.append(f"r.kind IN {marks(flt.kinds)}")
        params += flt.kinds
    if flt.agencies:
        where.append(
            "r.id IN (SELECT ra.record_id FROM record_agencies ra JOIN agencies a ON a.id = ra.agency_id "
            f"WHERE a.name IN {marks(flt.agencies)})"
        )
        params += flt.agencies
    if flt.countries:
        where.append(f"r.id IN (SELECT record_id FROM record_countries WHERE country_code IN {marks(flt.countries)})")
        params += flt.countries
    if flt.tags:
        # A tag on the record itself or on one of its live notes.
        where.append(
            "(r.id IN (SELECT rt.record_id FROM record_tags rt JOIN tags t ON t.id = rt.tag_id "
            f"WHERE t.name IN {marks(flt.tags)}) OR r.id IN (SELECT n.record_id FROM notes n "
            f"JOIN note_tags nt ON nt.note_id = n.id JOIN tags t ON t.id = nt.tag_id "
            f"WHERE n.deleted = 0 AND t.name IN {marks(flt.tags)}))"
        )
        params += flt.tags + flt.tags
    if flt.year_from is not None:
        where.append("r.date >= ?")
        params.append(f"{flt.year_from:04d}")
    if flt.year_to is not None:
        where.append("r.date < ?")
        params.append(f"{flt.year_to + 1:04d}")
    if flt.record_ids is not None:
        where.append(f"r.id IN {marks(flt.record_ids)}")
        params += flt.record_ids
    return where, params


def selection_sql(flt: RecordFilter, *, score: str = "0") -> tuple[str, list[object], bool]:
    """FROM ... WHERE ... for the records passing ``flt``, its parameters, and whether it searches text.

    When it searches, ``m.score`` is each record's best score by ``score`` (an SQL
    expression over the matching index row, such as ``casenotes.store.ranking.RANK``);
    the default ``"0"`` skips ranking, for callers that only count or collect records.
    """
    where, params = _conditions(flt)
    expression = match_expression(flt.query)
    source = "records r"
    if expression is not None:
        source = f"records r JOIN ({matched_records_sql(score=score)}) m ON m.key = r.key"
        params = [expression, expression] + params
    return f"{source} WHERE {' AND '.join(where)}", params, expression is not None


def filtered_keys(
    store: Store, flt: RecordFilter = RecordFilter(), *, sort: str = "date", descending: bool = False,
    limit: int | None = None,
) -> list[int]:
    """Keys of the live records that pass ``flt``, sorted (only the first ``limit``, if given).

    ``sort`` is a key of :data:`SORT_COLUMNS` or ``"relevance"`` (best search match first,
    which falls back to date order when there is no search text). When more than
    ``ranking.RANKED_ROWS`` index rows match, relevance is the bounded ranking of
    :mod:`casenotes.store.ranking` followed by the other matches, newest first.
    """
    conn = store.db.conn
    expression = match_expression(flt.query)
    relevance = expression is not None and sort == RELEVANCE
    if relevance and limit is not None:
        page = _first_page_by_relevance(store, flt, ranking.rank(conn, expression, limit * 4), limit)
        if page is not None:
            return page
    complete = expression is None or ranking.can_rank_all(conn, expression)
    selection, params, searching = selection_sql(flt, score=ranking.RANK if complete else "0")
    direction = "DESC" if descending else "ASC"
    order = f"{SORT_COLUMNS.get(sort, 'r.date')} {direction}"
    if relevance and not complete:
        return _capped_relevance_order(store, flt, expression, selection, params, limit)
    if limit is not None and not complete:
        return _first_page_in_column_order(store, flt, f"{order}, r.key {direction}", limit)
    if searching:
        order = "m.score" if sort == RELEVANCE else f"{order}, m.score"
    sql = f"SELECT r.key FROM {selection} ORDER BY {order}, r.key {direction}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [key for (key,) in conn.execute(sql, params)]


def _ranked_keys(store: Store, ranked: ranking.Ranking) -> list[tuple[int, float]]:
    """(record key, best score) for ranked index rows, best first; a note counts for its record."""
    note_ids = [(rowid - 1) // 2 for rowid, _ in ranked.rows if rowid % 2 == 1]
    record_of_note: dict[int, int] = {}
    for batch in batches(note_ids):
        record_of_note.update(store.db.conn.execute(
            f"SELECT n.id, r.key FROM notes n JOIN records r ON r.id = n.record_id "
            f"WHERE n.deleted = 0 AND n.id IN {marks(batch)}", batch,
        ).fetchall())
    best: dict[int, float] = {}
    for rowid, score in ranked.rows:
        key = rowid // 2 if rowid % 2 == 0 else record_of_note.get((rowid - 1) // 2)
        if key is not None and key not in best:
            best[key] = score
    return list(best.items())


def _passing(store: Store, flt: RecordFilter, keys: list[int]) -> set[int]:
    """Which of these keys belong to live records that pass the filters (not the text)."""
    where, params = _conditions(flt)
    passing: set[int] = set()
    for batch in batches(keys):
        passing.update(row[0] for row in store.db.conn.execute(
            f"SELECT r.key FROM records r WHERE {' AND '.join(where)} AND r.key IN {marks(batch)}", params + batch
        ))
    return passing


def _first_page_by_relevance(
    store: Store, flt: RecordFilter, ranked: ranking.Ranking, limit: int,
) -> list[int] | None:
    """The first ``limit`` keys by relevance straight from the best-ranked rows; None if they are too few.

    The ranking holds a few times ``limit`` rows: when the filters leave fewer than
    ``limit`` of them and more rows match, the caller runs the full query instead.
    """
    keys = _ranked_keys(store, ranked)
    passing = _passing(store, flt, [key for key, _ in keys])
    page = [key for key, _ in keys if key in passing][:limit]
    if len(page) < limit and (not ranked.complete or len(ranked.rows) >= limit * 4):
        return None
    return page


def _capped_relevance_order(
    store: Store, flt: RecordFilter, expression: str, selection: str, params: list[object], limit: int | None,
) -> list[int]:
    """Relevance order when too many rows match to rank them all: the bounded ranking, then the rest, newest first."""
    ranked = _ranked_keys(store, ranking.rank(store.db.conn, expression, ranking.RANKED_ROWS))
    passing = _passing(store, flt, [key for key, _ in ranked])
    head = [key for key, _ in ranked if key in passing]
    if limit is not None and len(head) >= limit:
        return head[:limit]
    seen = set(head)
    sql = f"SELECT r.key FROM {selection} ORDER BY r.key DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit) + len(head)}"
    keys = head + [key for (key,) in store.db.conn.execute(sql, params) if key not in seen]
    return keys if limit is None else keys[:limit]


def _first_page_in_column_order(store: Store, flt: RecordFilter, order: str, limit: int) -> list[int]:
    """The first ``limit`` matching keys in a column's order, when the words match very many records.

    Reading every match to sort them takes seconds at a million records; but when the
    words are that common, most records in the column's order match, so this walks that
    order a chunk at a time and matches each record's own text and its notes' in Python
    (:mod:`casenotes.store.text_match`) until the page is full.
    """
    conn = store.db.conn
    terms = QueryTerms.parse(flt.query)
    where, params = _conditions(flt)
    cursor = conn.execute(f"SELECT r.key, r.id FROM records r WHERE {' AND '.join(where)} ORDER BY {order}", params)
    page: list[int] = []
    try:
        while len(page) < limit and (chunk := cursor.fetchmany(_BATCH)):
            keys = [key for key, _ in chunk]
            texts = {rowid // 2: columns for rowid, *columns in conn.execute(
                f"SELECT rowid, title, summary, agencies, sources FROM search_index WHERE rowid IN {marks(keys)}",
                [key * 2 for key in keys],
            )}
            notes: dict[str, list[str]] = {}
            for record_id, body in conn.execute(
                f"SELECT record_id, body FROM notes WHERE deleted = 0 AND record_id IN {marks(chunk)}",
                [record_id for _, record_id in chunk],
            ):
                notes.setdefault(record_id, []).append(body)
            for key, record_id in chunk:
                if (key in texts and terms.matches(texts[key])) or any(
                        terms.matches([body]) for body in notes.get(record_id, ())):
                    page.append(key)
                    if len(page) == limit:
                        break
    finally:
        cursor.close()
    return page


def filtered_ids(store: Store, flt: RecordFilter) -> set[str]:
    """Ids of the live records that pass ``flt`` (to mark matches on the timeline)."""
    selection, params, _ = selection_sql(flt)
    return {row[0] for row in store.db.conn.execute(f"SELECT r.id FROM {selection}", params)}


def rows_for_keys(store: Store, keys: Sequence[int]) -> dict[int, RecordRow]:
    """List rows for these record keys (missing or deleted keys are left out)."""
    rows: dict[int, RecordRow] = {}
    for batch in batches(keys):
        for row in store.db.conn.execute(
            "SELECT key, id, title, kind, date, end_date, country_list, arrests, note_count FROM records "
            f"WHERE deleted = 0 AND key IN {marks(batch)}",
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
    """The values the list can be filtered by, with how many live records have each.

    Counts come from the link tables' own indexes, less the links of deleted records
    (tombstones are few), so no link row is joined to its record: at a million records
    that is the difference between ten seconds and a fraction of one.
    """
    conn = store.db.conn
    kinds = conn.execute(
        "SELECT kind, count(*) FROM records WHERE deleted = 0 GROUP BY kind ORDER BY count(*) DESC, kind"
    ).fetchall()
    agencies = _live_counts(conn, "record_agencies", "agency_id")
    agency_names = dict(conn.execute("SELECT id, name FROM agencies"))
    countries = _live_counts(conn, "record_countries", "country_code")
    tags = _live_counts(conn, "record_tags", "tag_id")
    # A tag on a live note counts for its record, once, unless the record has the tag itself.
    for tag_id, count in conn.execute(
        "SELECT nt.tag_id, count(DISTINCT n.record_id) FROM note_tags nt JOIN notes n ON n.id = nt.note_id "
        "JOIN records r ON r.id = n.record_id WHERE n.deleted = 0 AND r.deleted = 0 AND NOT EXISTS "
        "(SELECT 1 FROM record_tags rt WHERE rt.record_id = n.record_id AND rt.tag_id = nt.tag_id) GROUP BY nt.tag_id"
    ):
        tags[tag_id] = tags.get(tag_id, 0) + count
    tag_names = dict(conn.execute("SELECT id, name FROM tags"))
    first, last = conn.execute(
        "SELECT min(date), max(date) FROM records WHERE deleted = 0 AND date IS NOT NULL"
    ).fetchone()
    return Facets(
        kinds=kinds,
        agencies=_by_count({agency_names[key]: count for key, count in agencies.items()}, _nocase),
        countries=_by_count(countries, str),
        tags=_by_count({tag_names[key]: count for key, count in tags.items()}, _nocase),
        first_year=int(first[:4]) if first else None, last_year=int(last[:4]) if last else None,
    )


def _live_counts(conn, table: str, column: str) -> dict:
    """Live records per value of a link table's column: all links, less those of deleted records."""
    counts = dict(conn.execute(f"SELECT {column}, count(*) FROM {table} GROUP BY {column}"))
    # CROSS JOIN keeps this order: without statistics SQLite would rather scan every link
    # row and look its record up than start from the few deleted records.
    for value, count in conn.execute(
        f"SELECT l.{column}, count(*) FROM records r CROSS JOIN {table} l ON l.record_id = r.id "
        f"WHERE r.deleted = 1 GROUP BY l.{column}"
    ):
        counts[value] -= count
    return {value: count for value, count in counts.items() if count > 0}


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _nocase(name: str) -> str:
    """How SQLite's NOCASE collation compares a name (ASCII letters only)."""
    return name.translate(_ASCII_LOWER)


def _by_count(counts: dict[str, int], collate) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], collate(item[0])))
