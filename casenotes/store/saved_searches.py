"""Saved searches: a named query with its facets that reports what is new since it was last opened."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from casenotes.store.database import Store
from casenotes.store.dates import utc_now
from casenotes.store.errors import InvalidInput, NotFound
from casenotes.store.listing import RELEVANCE, RecordFilter, filtered_keys, rows_for_keys, selection_sql
from casenotes.store.search import SearchHit, record_snippets

MAX_NAME = 200
_FILTER_FIELDS = ("query", "kinds", "agencies", "countries", "tags", "year_from", "year_to")


@dataclass(frozen=True)
class SavedSearch:
    id: int
    name: str
    filter: RecordFilter
    created: str
    last_opened: str


def filter_to_json(flt: RecordFilter) -> str:
    data = {key: value for key, value in asdict(flt).items() if key in _FILTER_FIELDS}
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def filter_from_json(text: str) -> RecordFilter:
    data = json.loads(text)
    return RecordFilter(
        query=data.get("query", ""),
        kinds=tuple(data.get("kinds", ())), agencies=tuple(data.get("agencies", ())),
        countries=tuple(data.get("countries", ())), tags=tuple(data.get("tags", ())),
        year_from=data.get("year_from"), year_to=data.get("year_to"),
    )


def _from_row(row: tuple) -> SavedSearch:
    return SavedSearch(row[0], row[1], filter_from_json(row[2]), row[3], row[4])


def save_search(store: Store, name: str, flt: RecordFilter) -> SavedSearch:
    """Save ``flt`` under ``name`` (replacing a search of that name); it starts as seen now."""
    name = name.strip() if isinstance(name, str) else ""
    if not name:
        raise InvalidInput("a saved search needs a name")
    if len(name) > MAX_NAME:
        raise InvalidInput(f"a saved search name has at most {MAX_NAME} characters")
    now = utc_now()
    with store.transaction():
        store.db.conn.execute(
            "INSERT INTO saved_searches (name, filter, created, last_opened) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET filter = excluded.filter, last_opened = excluded.last_opened",
            (name, filter_to_json(flt), now, now),
        )
    return get_saved_search(store, name)


def get_saved_search(store: Store, name: str) -> SavedSearch:
    row = store.db.conn.execute(
        "SELECT id, name, filter, created, last_opened FROM saved_searches WHERE name = ?", (name,)
    ).fetchone()
    if row is None:
        raise NotFound(f"no saved search called {name!r}")
    return _from_row(row)


def saved_searches(store: Store) -> list[SavedSearch]:
    rows = store.db.conn.execute(
        "SELECT id, name, filter, created, last_opened FROM saved_searches ORDER BY name COLLATE NOCASE"
    ).fetchall()
    return [_from_row(row) for row in rows]


def delete_saved_search(store: Store, name: str) -> None:
    with store.transaction():
        if not store.db.conn.execute("DELETE FROM saved_searches WHERE name = ?", (name,)).rowcount:
            raise NotFound(f"no saved search called {name!r}")


def count_matches(store: Store, saved: SavedSearch, *, since: str | None = None) -> int:
    """How many live records match; with ``since``, only those added or changed after it."""
    selection, params, _ = selection_sql(saved.filter)
    if since is not None:
        selection += " AND r.updated > ?"
        params = params + [since]
    return store.db.conn.execute(f"SELECT count(*) FROM {selection}", params).fetchone()[0]


def new_or_changed_ids(store: Store, saved: SavedSearch) -> set[str]:
    """Ids of matching records added or changed since the search was last opened."""
    selection, params, _ = selection_sql(saved.filter)
    rows = store.db.conn.execute(f"SELECT r.id FROM {selection} AND r.updated > ?", params + [saved.last_opened])
    return {row[0] for row in rows}


def mark_opened(store: Store, name: str) -> SavedSearch:
    """Record that the user looked at the search now: its records are no longer new."""
    with store.transaction():
        if not store.db.conn.execute(
            "UPDATE saved_searches SET last_opened = ? WHERE name = ?", (utc_now(), name)
        ).rowcount:
            raise NotFound(f"no saved search called {name!r}")
    return get_saved_search(store, name)


def saved_search_hits(store: Store, saved: SavedSearch, *, new_only: bool = False, limit: int = 50) -> list[SearchHit]:
    """The records a saved search finds (best first when it has words, else newest first)."""
    flt = saved.filter
    if flt.has_text():
        keys = filtered_keys(store, flt, sort=RELEVANCE)
    else:
        keys = filtered_keys(store, flt, sort="date", descending=True)
    rows = rows_for_keys(store, keys)
    wanted = new_or_changed_ids(store, saved) if new_only else None
    chosen = [rows[key] for key in keys if key in rows and (wanted is None or rows[key].id in wanted)][:limit]
    snippets = record_snippets(store, flt.query, [row.key for row in chosen])
    summaries = dict(store.db.conn.execute(
        f"SELECT key, substr(summary, 1, 160) FROM records WHERE key IN ({', '.join('?' for _ in chosen)})",
        [row.key for row in chosen],
    ).fetchall()) if chosen else {}
    return [
        SearchHit(row.id, "record", row.id, row.title, row.kind, row.date,
                  snippets.get(row.key) or summaries.get(row.key, ""), 0.0)
        for row in chosen
    ]
