"""Generated stores of 10k, 100k and 1M records, built through the real import and cached.

A store is built by writing a format-v1 JSON file and importing it with
``casenotes.store.interchange.import_file`` into a fresh data folder (opened like the
app opens it, so the seed is in it too): the import's time is the import-throughput
figure. Finished stores are kept in ``bench/cache/`` (gitignored), keyed by size,
generator version, corpus and schema, so later runs skip the build.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.perf.corpus import NOTE_ONLY_WORDS, Corpus, load_corpus
from bench.perf.records import RecordGenerator, Vocabulary, pseudonym, record_id

GENERATOR_VERSION = 2
CACHE_DIR = Path(__file__).resolve().parents[1] / "cache"
META_FILE = "bench-store.json"

Log = Callable[[str], None]


@dataclass
class BenchStore:
    """A generated store ready to measure: its data folder and what building it found."""

    size: int
    data_dir: Path
    meta: dict

    @property
    def database(self) -> Path:
        return self.data_dir / "casenotes.db"


def cache_key(size: int, corpus: Corpus) -> str:
    from casenotes.store.migrations import known_migration_names

    return f"{size}-g{GENERATOR_VERSION}-c{corpus.digest}-s{len(known_migration_names())}"


def write_import_file(path: Path, size: int, corpus: Corpus) -> dict:
    """Write ``size`` generated records and their notes as one format-v1 file; return counts."""
    generator = RecordGenerator(Vocabulary.for_size(corpus, size), size)
    notes_path = path.with_suffix(".notes.tmp")
    notes = 0
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    with open(path, "w", encoding="utf-8") as out, open(notes_path, "w", encoding="utf-8") as notes_out:
        out.write('{"format":"casenotes","version":1,"records":[\n')
        for number, (record, record_notes) in enumerate(generator.records_and_notes()):
            out.write(("," if number else "") + dumps(record) + "\n")
            for note in record_notes:
                notes_out.write(("," if notes else "") + dumps(note) + "\n")
                notes += 1
    with open(path, "a", encoding="utf-8") as out, open(notes_path, encoding="utf-8") as notes_in:
        out.write('],"notes":[\n')
        shutil.copyfileobj(notes_in, out, 1 << 20)
        out.write("]}\n")
    notes_path.unlink()
    return {"records": size, "notes": notes, "file_bytes": path.stat().st_size}


def choose_queries(database: Path, size: int) -> dict:
    """The words the benchmark searches for, picked from the store's own index statistics."""
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.bench_vocab USING fts5vocab(main, search_index, 'row')")
        rows = conn.execute("SELECT count(*) FROM search_index").fetchone()[0]
        # The most frequent real word (not a number): a common word in most records.
        common = conn.execute(
            "SELECT term, doc FROM temp.bench_vocab WHERE length(term) >= 3 AND term GLOB '[a-z]*' "
            "ORDER BY doc DESC LIMIT 1"
        ).fetchone()
        # A word in about 1 record in 300: what people often look for (a drug, a place).
        mid = conn.execute(
            "SELECT term, doc FROM temp.bench_vocab WHERE length(term) >= 6 AND term GLOB '[a-z]*' "
            "ORDER BY abs(doc - ?) LIMIT 1", (max(3, rows // 300),)
        ).fetchone()
        rare = pseudonym(size // 2 % max(200, size // 4)).lower()
        rare_docs = conn.execute("SELECT doc FROM temp.bench_vocab WHERE term = ?", (rare,)).fetchone()
        note_word = NOTE_ONLY_WORDS[0]
    finally:
        conn.close()
    return {
        "rare": {"text": rare, "docs": rare_docs[0] if rare_docs else 0},
        "common": {"text": common[0], "docs": common[1], "rows": rows},
        "phrase": {"text": '"silk road"'},
        "two_words": {"text": f"{common[0]} {mid[0]}"},
        "prefix": {"text": mid[0]},
        "note_only": {"text": note_word},
    }


def build_store(size: int, *, log: Log = print, corpus: Corpus | None = None, rebuild: bool = False) -> BenchStore:
    """The cached store of ``size`` records, built (and timed) first if it is missing."""
    from casenotes.store import open_data_dir
    from casenotes.store.interchange import import_file

    corpus = corpus or load_corpus()
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    key = cache_key(size, corpus)
    final = CACHE_DIR / key
    meta_path = final / META_FILE
    if final.is_dir() and meta_path.exists() and not rebuild:
        meta = json.loads(meta_path.read_text())
        meta["cached"] = True
        return BenchStore(size, final / "data", meta)
    building = CACHE_DIR / f"{key}.building"
    shutil.rmtree(building, ignore_errors=True)
    shutil.rmtree(final, ignore_errors=True)
    building.mkdir(parents=True)
    started = time.perf_counter()
    source = building / "import.json"
    counts = write_import_file(source, size, corpus)
    generated = time.perf_counter() - started
    log(f"  generated {size:,} records and {counts['notes']:,} notes "
        f"({counts['file_bytes'] / 1e6:.0f} MB of JSON) in {generated:.1f} s")
    data_dir = building / "data"
    store = open_data_dir(data_dir)
    try:
        started = time.perf_counter()
        summary = import_file(store, source)
        seconds = time.perf_counter() - started
    finally:
        store.close()
    source.unlink()
    # The import's own "before import" backup holds only the seed; it is not needed.
    shutil.rmtree(data_dir / "backups", ignore_errors=True)
    database = data_dir / "casenotes.db"
    _checkpoint(database)
    imported = len(summary.added) + len(summary.updated)
    log(f"  imported in {seconds:.1f} s: {imported / seconds:,.0f} records/s "
        f"({summary.notes_added:,} notes; database {database.stat().st_size / 1e6:.0f} MB)")
    meta = {
        "size": size, "key": key, "generator_version": GENERATOR_VERSION, "corpus": list(corpus.sources),
        "records": imported, "notes": summary.notes_added, "file_bytes": counts["file_bytes"],
        "generate_seconds": round(generated, 2), "import_seconds": round(seconds, 2),
        "import_records_per_second": round(imported / seconds),
        "database_bytes": database.stat().st_size, "built": time.strftime("%Y-%m-%d %H:%M:%S"),
        "queries": choose_queries(database, size), "sample_record": record_id(size // 3),
    }
    (building / META_FILE).write_text(json.dumps(meta, indent=1))
    os.replace(building, final)
    meta["cached"] = False
    return BenchStore(size, final / "data", meta)


def _checkpoint(database: Path) -> None:
    """Fold the WAL into the database, so the cached store is one file read from the start."""
    conn = sqlite3.connect(database)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
