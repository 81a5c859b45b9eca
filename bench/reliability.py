"""Timings of the safety machinery on a 100,000-record store.

    .venv/bin/python bench/reliability.py [RECORDS]

The store is built once (import of generated records) and cached in bench/cache/.
Prints one line per operation: what it costs the user, and when it happens.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import time
from pathlib import Path

from casenotes.paths import database_path
from casenotes.store import Store, open_data_dir
from casenotes.store.backup import backup_now, list_backups
from casenotes.store.health import check_store, repair_store
from casenotes.store.interchange import import_document, parse_document
from casenotes.store.models import Record
from casenotes.store.notes import add_note
from casenotes.store.recovery import probe_damage
from casenotes.store.records import save_record
from casenotes.store.restore import restore_database
from casenotes.store.search import search

CACHE = Path(__file__).resolve().parent / "cache"


def generated(count: int) -> dict:
    return {"format": "casenotes", "version": 1, "records": [
        {"id": f"bench-{n}", "title": f"Operation {n} against market {n % 977}", "kind": "raid",
         "date": f"{2000 + n % 25}-0{1 + n % 9}", "summary": f"Summary {n}: alpha beta gamma delta {n * 7}",
         "agencies": ["FBI", "Europol"][: 1 + n % 2], "countries": ["US", "DE"][: 1 + n % 2]}
        for n in range(count)]}


def cached_store(count: int) -> Path:
    folder = CACHE / f"reliability-{count}"
    if not database_path(folder).exists():
        shutil.rmtree(folder, ignore_errors=True)
        with open_data_dir(folder) as store:
            import_document(store, parse_document(generated(count)))
            for n in range(1000):
                add_note(store, f"bench-{n}", f"note {n} on market {n % 977} " * 20)
    return folder


def timed(label: str, when: str, action, repeat: int = 1):
    start = time.perf_counter()
    for _ in range(repeat):
        result = action()
    per_call = (time.perf_counter() - start) / repeat
    print(f"{label:<48} {per_call * 1000:10.3f} ms   ({when})")
    return result


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    source = cached_store(count)
    work = CACHE / "reliability-work"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(source, work)
    shutil.rmtree(work / "backups", ignore_errors=True)
    database = database_path(work)
    print(f"{count} records, {database.stat().st_size / 1e6:.0f} MB")
    timed("probe (schema read, read-only)", "every start", lambda: probe_damage(database, quick_check=False), 20)
    timed("probe with quick_check", "first start of the day", lambda: probe_damage(database, quick_check=True))
    timed("open_data_dir, first start of the day", "quick_check + daily backup",
          lambda: open_data_dir(work).close())
    timed("open_data_dir, later starts", "every start", lambda: open_data_dir(work).close(), 5)
    with Store.open(database) as store:
        timed("data_version poll", "every 1.5 s in the window", store.data_version, 1000)
        backup = timed("backup_now (VACUUM INTO)", "before imports, migrations, on demand",
                       lambda: backup_now(store, "manual", now=dt.datetime(2000, 1, 1)))
        timed("check_store (quick)", "casenotes check / Tools > Check database", lambda: check_store(store))
        timed("check_store (thorough)", "casenotes check --thorough", lambda: check_store(store, thorough=True))
        timed("repair_store (rebuild search index)", "casenotes check --repair", lambda: repair_store(store))
        save_record(store, Record(id="pasted-megabyte", title="Pasted", kind="other",
                                  summary=("lorem ipsum dolor " * 58255)[:1_048_576]))
        timed("search a word repeated 174,000 times in 1 MB", "any search hitting such a row",
              lambda: search(store, "lorem"), 3)
    timed("restore_database", "casenotes restore FILE", lambda: restore_database(work, backup))
    print(f"backups kept: {len(list_backups(work))}")


if __name__ == "__main__":
    main()
