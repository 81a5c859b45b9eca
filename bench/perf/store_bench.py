"""Store-level measurements: search, list keys and sorting, facets, note saves, the timeline read.

Each runs through the functions the window and the command line call (``search``,
``filtered_keys``, ``facets``, ``save_note_body``, ``load_timeline``), next to a baseline
doing the same job with plain ``sqlite3`` on its own connection, measured in the same run.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from bench.perf.stats import ratio, repeat_ms, summary, timed_ms
from casenotes.store import Store
from casenotes.store.listing import RELEVANCE, SORT_COLUMNS, RecordFilter, facets, filtered_keys
from casenotes.store.notes import add_note, save_note_body
from casenotes.store.ranking import RANK
from casenotes.store.search import match_expression, search
from casenotes.store.timeline import load_timeline

FIRST_PAGE = 200  # what the window asks for first (casenotes.ui.main_window.FIRST_PAGE)
# The baseline of a search: one plain FTS5 statement ranking every match with bm25 and
# returning the best 50 rows with the text a result list shows.
RAW_SEARCH = (
    f"SELECT s.rowid, {RANK} AS score, s.title, s.summary, s.note FROM search_index s "
    "WHERE search_index MATCH ? ORDER BY score LIMIT 50"
)
RAW_SORT = "SELECT key FROM records WHERE deleted = 0 ORDER BY {column} {direction}, key {direction}"
RAW_SAVE = "UPDATE notes SET body = ?, updated = ? WHERE id = ?"


def query_texts(queries: dict) -> dict[str, list[str]]:
    """Each query type with the texts it types: the prefix one letter by letter."""
    word = queries["prefix"]["text"]
    return {
        "rare word": [queries["rare"]["text"]],
        "common word": [queries["common"]["text"]],
        "two-word phrase": [queries["phrase"]["text"]],
        "prefix, typed": [word[:length] for length in range(1, len(word) + 1)],
        "note-only word": [queries["note_only"]["text"]],
    }


def measure_search(store: Store, raw: sqlite3.Connection, queries: dict, repeats: int) -> dict:
    results = {}
    for name, texts in query_texts(queries).items():
        ours, first_page, by_date, everything, baseline = [], [], [], [], []
        hits = 0
        for text in texts:  # one warm-up each: the first search of a word reads its index pages from disk
            search(store, text)
        for _ in range(repeats):
            for text in texts:
                elapsed, found = timed_ms(lambda: search(store, text))
                ours.append(elapsed)
                hits = len(found)
                flt = RecordFilter(query=text)
                first_page.append(timed_ms(lambda: filtered_keys(store, flt, sort=RELEVANCE, limit=FIRST_PAGE))[0])
                by_date.append(timed_ms(lambda: filtered_keys(store, flt, sort="date", descending=True,
                                                              limit=FIRST_PAGE))[0])
                expression = match_expression(text)
                baseline.append(timed_ms(lambda: raw.execute(RAW_SEARCH, (expression,)).fetchall())[0])
        for text in texts:  # the whole list is read once per text: it runs in the background
            flt = RecordFilter(query=text)
            elapsed, keys = timed_ms(lambda: filtered_keys(store, flt, sort=RELEVANCE))
            everything.append(elapsed)
        search_stats, page_stats, base_stats = summary(ours), summary(first_page), summary(baseline)
        results[name] = {
            "texts": texts, "hits": hits, "matching_records": len(keys),
            "search": search_stats, "list_first_page": page_stats, "list_first_page_by_date": summary(by_date),
            "list_all_keys": summary(everything),
            "baseline_raw_fts5": base_stats,
            "ratio_search_p95": ratio(search_stats["p95"], base_stats["p95"]),
            "ratio_first_page_p95": ratio(page_stats["p95"], base_stats["p95"]),
        }
    return results


def measure_sorting(store: Store, raw: sqlite3.Connection) -> dict:
    results = {}
    for sort_key, column in SORT_COLUMNS.items():
        descending = sort_key in ("date", "arrests", "notes")
        direction = "DESC" if descending else "ASC"
        full, keys = timed_ms(lambda: filtered_keys(store, sort=sort_key, descending=descending))
        page = min(repeat_ms(lambda: filtered_keys(store, sort=sort_key, descending=descending, limit=FIRST_PAGE), 3))
        base, _ = timed_ms(lambda: raw.execute(RAW_SORT.format(column=column.replace("r.", ""),
                                                                direction=direction)).fetchall())
        results[sort_key] = {"all_keys_ms": round(full, 1), "first_page_ms": round(page, 2),
                             "baseline_raw_sql_ms": round(base, 1), "ratio": ratio(full, base), "rows": len(keys)}
    return results


def measure_note_saves(store: Store, raw: sqlite3.Connection, record_id: str, saves: int) -> dict:
    """save_note_body with synchronous=FULL (the store's setting), against a plain UPDATE + COMMIT."""
    note = add_note(store, record_id, "A note for the save benchmark.")
    ours = [timed_ms(lambda n=n: save_note_body(store, note.id, f"Version {n} of the benchmark note."))[0]
            for n in range(saves)]
    baseline = []
    for n in range(saves):
        started = time.perf_counter()
        raw.execute("BEGIN IMMEDIATE")
        raw.execute(RAW_SAVE, (f"Raw version {n} of the benchmark note.", "2026-01-01T00:00:00Z", note.id))
        raw.execute("COMMIT")
        baseline.append((time.perf_counter() - started) * 1000)
    raw.execute("DELETE FROM notes WHERE id = ?", (note.id,))  # leave the cached store as it was
    ours_stats, base_stats = summary(ours), summary(baseline)
    return {"save_note_body": ours_stats, "baseline_raw_update_commit": base_stats,
            "ratio_p95": ratio(ours_stats["p95"], base_stats["p95"]), "synchronous": "FULL"}


def measure_facets_and_timeline(store: Store) -> dict:
    facet_ms = min(repeat_ms(lambda: facets(store), 2))
    timeline_ms, data = timed_ms(lambda: load_timeline(store))
    return {"facets_ms": round(facet_ms, 1), "load_timeline_ms": round(timeline_ms, 1), "timeline_records": len(data)}


def run(database: Path, queries: dict, sample_record: str, *, repeats: int = 5, saves: int = 30) -> dict:
    with Store.open(database, migrate=False) as store:
        raw = sqlite3.connect(database, isolation_level=None)
        raw.execute("PRAGMA synchronous = FULL")
        raw.execute("PRAGMA foreign_keys = ON")
        try:
            return {
                "search": measure_search(store, raw, queries, repeats),
                "sorting": measure_sorting(store, raw),
                "note_save": measure_note_saves(store, raw, sample_record, saves),
                **measure_facets_and_timeline(store),
            }
        finally:
            raw.close()
