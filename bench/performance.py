"""The benchmark of issue 8 (``make bench``): casenotes at 10k, 100k and 1M records.

For each size it builds (or takes from ``bench/cache/``) a generated store, imported
through the real import path, then measures cold start to the first painted window,
search latency per query type, opening, sorting and scrolling the list, the timeline's
frames, note saves, import throughput, the longest GUI stall and peak memory — each
beside a baseline measured in the same run where one exists. Results go to
``bench/results.json`` and the table in ``docs/performance.md``.

Usage: ``.venv/bin/python bench/performance.py [--sizes 10000,100000,1000000] [--quick]``;
``--import-only --sizes 100000`` times only fresh imports (the median of ``--import-runs``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.perf import report, stores, store_bench  # noqa: E402
from bench.perf.stats import ratio, summary  # noqa: E402

SIZES = (10_000, 100_000, 1_000_000)
RESULTS = REPO / "bench" / "results.json"
IMPORT_RESULTS = REPO / "bench" / "import-results.json"
COLD_STARTS = 5
IMPORT_SAMPLE = 20_000  # records imported afresh on every run (the cached stores were imported once)


def log(message: str) -> None:
    print(message, flush=True)


def machine() -> dict:
    import sqlite3

    import PySide6

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal"))
    return {
        "cpu": cpu, "cores": os.cpu_count(), "ram_gb": round(memory_kb / 1024 / 1024, 1),
        "python": platform.python_version(), "sqlite": sqlite3.sqlite_version, "pyside6": PySide6.__version__,
        "os": f"{platform.system()} {platform.release()}",
        "load_average_at_start": [round(value, 2) for value in os.getloadavg()],
    }


def _first_paint(command: list[str], *, report_as_argument: bool) -> dict:
    """Start ``command``; return how long after its start it painted, the rows shown and its memory then.

    casenotes is told where to report through ``CASENOTES_REPORT_FIRST_PAINT``; the bare
    baseline window takes the file as its last argument.
    """
    with tempfile.TemporaryDirectory() as folder:
        report_file = Path(folder) / "first-paint.json"
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CASENOTES_REPORT_FIRST_PAINT=str(report_file))
        argv = [*command, str(report_file)] if report_as_argument else command
        started = time.monotonic()
        process = subprocess.run(argv, env=env, cwd=REPO, capture_output=True, text=True, timeout=300)
        if not report_file.exists():
            raise RuntimeError(f"no first paint from {command}: {process.stderr[-1500:]}")
        line = json.loads(report_file.read_text().splitlines()[0])
        return {"ms": (line["monotonic"] - started) * 1000, "rows": line.get("rows"), "rss": line.get("peak_rss_mb")}


def measure_cold_start(data_dir: Path, rows: int, runs: int) -> dict:
    """The real app (``python -m casenotes``) from exec to its first paint with records, and a bare Qt table."""
    app_command = [sys.executable, "-m", "casenotes", "--data-dir", str(data_dir)]
    bare_command = [sys.executable, str(REPO / "bench" / "perf" / "bare_window.py"), str(rows)]
    ours, bare, shown, rss = [], [], [], []
    for _ in range(runs):
        found = _first_paint(app_command, report_as_argument=False)
        ours.append(found["ms"])
        shown.append(found["rows"])
        rss.append(found["rss"])
        bare.append(_first_paint(bare_command, report_as_argument=True)["ms"])
    ours_stats, bare_stats = summary(ours), summary(bare)
    return {"casenotes": ours_stats, "baseline_bare_qt_table": bare_stats,
            "ratio_p50": ratio(ours_stats["p50"], bare_stats["p50"]),
            "rows_in_first_paint": shown, "rss_at_first_paint_mb": max(rss)}


def measure_import_sample(size: int = IMPORT_SAMPLE, runs: int = 1) -> dict:
    """Fresh imports of one generated file into empty stores (the median of ``runs``), on every run."""
    from casenotes.store import Store
    from casenotes.store.interchange import import_file

    corpus = stores.load_corpus()
    times = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "import.json"
        counts = stores.write_import_file(path, size, corpus)
        for run in range(runs):
            with Store.open(Path(folder) / f"casenotes-{run}.db") as store:
                started = time.perf_counter()
                summary_ = import_file(store, path)
                times.append(time.perf_counter() - started)
            log(f"  import {run + 1}/{runs} of {size:,} records: {times[-1]:.2f} s")
    seconds = sorted(times)[len(times) // 2]
    return {"records": size, "notes": summary_.notes_added, "seconds": round(seconds, 2),
            "records_per_second": round(size / seconds), "file_mb": round(counts["file_bytes"] / 1e6, 1),
            "runs": [round(value, 2) for value in times]}


def import_only(sizes: list[int], runs: int) -> int:
    """``--import-only``: fresh imports of each size, the median of ``runs``; no store is built or measured."""
    results = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S"), "runs": runs, "sizes": {}}
    for size in sizes:
        entry = results["sizes"][str(size)] = measure_import_sample(size, runs)
        log(f"{size:,} records and {entry['notes']:,} notes ({entry['file_mb']} MB): median {entry['seconds']} s "
            f"= {entry['records_per_second']:,} records/s (runs: {', '.join(map(str, entry['runs']))} s)")
    IMPORT_RESULTS.write_text(json.dumps(results, indent=1) + "\n")
    log(f"results: {IMPORT_RESULTS.relative_to(REPO)}")
    return 0


def measure_window(data_dir: Path, queries: dict) -> dict:
    process = subprocess.run(
        [sys.executable, "-m", "bench.perf.window_bench", str(data_dir), json.dumps(queries)],
        cwd=REPO, capture_output=True, text=True, timeout=1200, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    if process.returncode != 0:
        raise RuntimeError(f"window benchmark failed: {process.stderr[-3000:]}")
    return json.loads(process.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated record counts")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (for trying the benchmark out)")
    parser.add_argument("--no-report", action="store_true", help="do not rewrite docs/performance.md")
    parser.add_argument("--import-only", action="store_true",
                        help="only time fresh imports of --sizes records (writes bench/import-results.json)")
    parser.add_argument("--import-runs", type=int, default=3, help="imports of each size for --import-only")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",") if size]
    if args.import_only:
        return import_only(sizes, args.import_runs)
    started = time.perf_counter()
    results = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M:%S"), "sizes": {}}
    corpus = stores.load_corpus()
    log(f"corpus: {len(corpus.words):,} words from {', '.join(corpus.sources)}")
    results["import_sample"] = measure_import_sample()
    log(f"fresh import of {IMPORT_SAMPLE:,} records: {results['import_sample']['records_per_second']:,}/s")
    for size in sizes:
        log(f"== {size:,} records")
        store = stores.build_store(size, log=log, corpus=corpus)
        meta = store.meta
        log(f"  store: {meta['records']:,} records, {meta['notes']:,} notes, "
            f"{meta['database_bytes'] / 1e6:.0f} MB ({'cached' if meta['cached'] else 'built now'})")
        entry: dict = {"store": meta}
        entry["cold_start"] = measure_cold_start(store.data_dir, meta["records"], 3 if args.quick else COLD_STARTS)
        log(f"  cold start p50 {entry['cold_start']['casenotes']['p50']:.0f} ms")
        entry["store_functions"] = store_bench.run(store.database, meta["queries"], meta["sample_record"],
                                                   repeats=2 if args.quick else 7, saves=10 if args.quick else 30)
        log("  store functions measured")
        entry["window"] = measure_window(store.data_dir, meta["queries"])
        log(f"  window: longest GUI stall {entry['window']['longest_gui_stall_ms']} ms, "
            f"peak RSS {entry['window']['peak_rss_mb']} MB")
        results["sizes"][str(size)] = entry
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    RESULTS.write_text(json.dumps(results, indent=1) + "\n")
    log(f"results: {RESULTS.relative_to(REPO)} ({results['total_seconds']:.0f} s)")
    if not args.no_report:
        path = report.write(results)
        log(f"table: {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
