"""What noticing changes to anchored notes costs an import that updates every record.

Imports N generated records, anchors notes to the figures of some of them, then imports
the same records with every figure changed — once with the anchor check and once with it
switched off — and prints records/s for both and how many notes were flagged.

Run with `.venv/bin/python bench/anchor_bench.py [--records N] [--notes K]`. Times vary
with the machine's load: run it twice before trusting one.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from casenotes.store import Store  # noqa: E402
from casenotes.store.anchors import add_anchored_note, figure_anchor, review_count  # noqa: E402
from casenotes.store.interchange import bulk_writer, import_file  # noqa: E402
from tests.generated_records import write_generated_json  # noqa: E402


def changed_copy(path: Path, out: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    for record in data["records"]:
        for figure in record["figures"]:
            figure["value"] += 1
    out.write_text(json.dumps(data), encoding="utf-8")


def timed_update(base_db: Path, work_db: Path, changed: Path, *, check: bool) -> tuple[float, int]:
    shutil.copy(base_db, work_db)
    original = bulk_writer.check_anchors
    if not check:
        bulk_writer.check_anchors = lambda *args, **kwargs: 0
    try:
        with Store.open(work_db, before_migration=None) as store:
            started = time.perf_counter()
            summary = import_file(store, changed)
            seconds = time.perf_counter() - started
            assert len(summary.updated) == summary.record_total
            return seconds, review_count(store)
    finally:
        bulk_writer.check_anchors = original


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--notes", type=int, default=1_000, help="anchored notes, on evenly spread records")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        original, changed = folder / "original.json", folder / "changed.json"
        write_generated_json(original, args.records)
        changed_copy(original, changed)
        base_db = folder / "base.db"
        with Store.open(base_db) as store:
            import_file(store, original)
            step = max(1, args.records // max(1, args.notes))
            for number in range(0, args.records, step)[:args.notes]:
                add_anchored_note(store, f"gen-{number:07d}", "a note on the arrests", figure_anchor("arrests"))
        for check in (False, True, False, True):
            seconds, flagged = timed_update(base_db, folder / "work.db", changed, check=check)
            what = "with the anchor check   " if check else "without the anchor check"
            print(f"{args.records:,} records updated, {args.notes:,} anchored notes, {what}: "
                  f"{seconds:.2f} s = {args.records / seconds:,.0f} records/s; {flagged:,} notes flagged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
