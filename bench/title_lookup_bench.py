"""How fast the record dialog's title suggestions are on a big store.

    .venv/bin/python bench/title_lookup_bench.py [RECORDS]

Builds a throw-away in-memory store with RECORDS records (default 100,000) whose titles
share common words, then times find_records_by_title for a rare prefix, a very common
word and a word in the middle of titles, and unique_record_id for a title whose slug is
taken many times over, and the figure labels and units the dialog offers (read once
when it opens; FIGURES_PER_RECORD figures per record). Each suggestion runs on every keystroke, so it should stay well
under ~20 ms.
"""

from __future__ import annotations

import random
import sys
import time

from casenotes.store import Store
from casenotes.store.choices import agency_names, figure_labels, figure_units, find_records_by_title, unique_record_id

FIGURES_PER_RECORD = 5
WORDS = ["market", "vendor", "darknet", "arrests", "takedown", "raid", "forum", "fraud", "botnet", "ransomware"]


def build(count: int) -> Store:
    store = Store.in_memory()
    rng = random.Random(7)
    rows = []
    for number in range(count):
        title = f"Operation {rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {number}"
        rows.append((f"record-{number}", "operation", title, f"{2010 + number % 15}"))
    rows.append(("operation-foo", "operation", "Operation Foo", "2020"))
    rows += [(f"operation-foo-{n}", "operation", "Operation Foo", "2020") for n in range(2, 200)]
    labels = ["arrests", "seized_usd", "drugs_kg", "firearms", "premises_searched"]
    units = ["people", "USD", "kg", "items", "premises"]
    figures = [(f"record-{n}", p, labels[p], n % 97, units[p]) for n in range(count) for p in range(FIGURES_PER_RECORD)]
    with store.transaction():
        store.db.conn.executemany(
            "INSERT INTO records (id, kind, title, date, summary, created, updated) VALUES (?, ?, ?, ?, '', '', '')",
            rows,
        )
        store.db.conn.executemany(
            "INSERT INTO figures (record_id, position, label, value, unit) VALUES (?, ?, ?, ?, ?)", figures,
        )
        store.db.conn.executemany("INSERT INTO agencies (name) VALUES (?)", [(f"Agency {n}",) for n in range(50)])
        store.db.conn.executemany(
            "INSERT INTO record_agencies (record_id, agency_id, position) VALUES (?, ?, 0)",
            [(f"record-{n}", n % 50 + 1) for n in range(count)],
        )
    return store


def timed(label: str, call, repeat: int = 20) -> None:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = call()
        best = min(best, time.perf_counter() - start)
    size = len(result) if isinstance(result, list) else result
    print(f"{label:<48} {best * 1000:8.2f} ms  ({size})")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    started = time.perf_counter()
    store = build(count)
    print(f"built {count:,} records in {time.perf_counter() - started:.1f} s")
    timed("prefix shared by every title ('operation')", lambda: find_records_by_title(store, "operation"))
    timed("rare prefix ('operation foo')", lambda: find_records_by_title(store, "operation foo"))
    timed("common word inside titles ('vendor')", lambda: find_records_by_title(store, "vendor"))
    timed("no match ('zzzz')", lambda: find_records_by_title(store, "zzzz"))
    timed("unique id, slug taken 199 times", lambda: unique_record_id(store, "Operation Foo"))
    timed("agency names (dialog opening)", lambda: agency_names(store), repeat=5)
    timed("figure labels (dialog opening)", lambda: figure_labels(store), repeat=5)
    timed("figure units (dialog opening)", lambda: figure_units(store), repeat=5)


if __name__ == "__main__":
    main()
