"""Import speed: records per second for a generated format-v1 file (and CSV), on a fresh store.

Run with `make bench` or `.venv/bin/python bench/import_bench.py [--records N] [--csv]`.
The target (issue 6) is at least 20,000 records/s for 100,000 records on these machines.
Numbers vary with the disk and the machine's load; run it twice before trusting one.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from casenotes.store import Store  # noqa: E402
from casenotes.store.interchange import CSV_COLUMNS, import_file  # noqa: E402
from tests.generated_records import generated_record, write_generated_json  # noqa: E402


def write_csv_file(path: Path, count: int, seed: int = 6) -> None:
    import csv

    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for number in range(count):
            r = generated_record(number, rng)
            source = r["sources"][0]
            writer.writerow([r["id"], r["title"], r["kind"], r["date"], "", r["summary"], "; ".join(r["agencies"]),
                             "; ".join(r["countries"]), "; ".join(r["tags"]), source["title"], source["url"],
                             source["published"]])


def timed_import(store: Store, path: Path) -> tuple[float, int]:
    started = time.perf_counter()
    summary = import_file(store, path)
    return time.perf_counter() - started, summary.record_total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--csv", action="store_true", help="also time a CSV file of the same records")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        files = [("json", folder / "bench.json", write_generated_json)]
        if args.csv:
            files.append(("csv", folder / "bench.csv", write_csv_file))
        for name, path, write in files:
            write(path, args.records)
            size_mb = path.stat().st_size / 1e6
            with Store.open(folder / f"{name}.db") as store:
                seconds, count = timed_import(store, path)
                print(f"{name}: {count:,} records ({size_mb:.0f} MB) into an empty store: "
                      f"{seconds:.2f} s = {count / seconds:,.0f} records/s")
                seconds, count = timed_import(store, path)
                print(f"{name}: the same file again (all unchanged): {seconds:.2f} s = {count / seconds:,.0f} records/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
