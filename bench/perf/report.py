"""The results table in docs/performance.md, rewritten between two markers on every run."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DOCUMENT = REPO / "docs" / "performance.md"
START = "<!-- bench results: start (written by bench/performance.py) -->"
END = "<!-- bench results: end -->"
SEARCH_TYPES = ("rare word", "common word", "two-word phrase", "prefix, typed", "note-only word")


def _size_label(size: str) -> str:
    count = int(size)
    return f"{count // 1_000_000}M" if count >= 1_000_000 else f"{count // 1000}k"


def _ms(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f} ms" if value >= 100 else f"{value:.1f} ms" if value >= 1 else f"{value:.2f} ms"


def _with_ratio(value: float | None, times: float | None) -> str:
    return _ms(value) + (f" (×{times:.2f})" if times is not None else "")


def _rows(results: dict) -> list[tuple[str, str, list[str]]]:
    """(what, target, one cell per size) for every line of the table."""
    sizes = results["sizes"]
    keys = list(sizes)

    def cells(function) -> list[str]:
        out = []
        for size in keys:
            try:
                out.append(function(sizes[size]))
            except (KeyError, TypeError, ValueError):
                out.append("–")
        return out

    rows: list[tuple[str, str, list[str]]] = [
        ("Cold start to first painted list, p50 (× bare Qt table)", "≤ 1.0 s at 100k, ≤ 1.5 s at 1M",
         cells(lambda e: _with_ratio(e["cold_start"]["casenotes"]["p50"], e["cold_start"]["ratio_p50"]))),
        ("Cold start, p95", "", cells(lambda e: _ms(e["cold_start"]["casenotes"]["p95"]))),
    ]
    for kind in SEARCH_TYPES:
        rows.append((f"Search `search()` p95, {kind} (× raw FTS5 bm25 query)", "≤ 30 ms at 100k, ≤ 100 ms at 1M",
                     cells(lambda e, k=kind: _with_ratio(e["store_functions"]["search"][k]["search"]["p95"],
                                                         e["store_functions"]["search"][k]["ratio_search_p95"]))))
    for kind in SEARCH_TYPES:
        rows.append((f"List first page p95, {kind} (× raw FTS5)", "same",
                     cells(lambda e, k=kind: _with_ratio(e["store_functions"]["search"][k]["list_first_page"]["p95"],
                                                         e["store_functions"]["search"][k]["ratio_first_page_p95"]))))
    rows.append(("List first page sorted by date, common word", "",
                 cells(lambda e: _ms(e["store_functions"]["search"]["common word"]["list_first_page_by_date"]["p95"]))))
    rows += [
        ("Whole result list (background), common word", "off the GUI thread",
         cells(lambda e: _ms(e["store_functions"]["search"]["common word"]["list_all_keys"]["p50"]))),
        ("Raw FTS5 bm25 query alone, common word (the naive way)", "",
         cells(lambda e: _ms(e["store_functions"]["search"]["common word"]["baseline_raw_fts5"]["p50"]))),
        ("Typed search in the window: first rows shown, worst type", "",
         cells(lambda e: _ms(max(t["first_rows_shown_ms"] for t in e["window"]["typing"].values())))),
        ("List open: set_keys + paint (× bare QTableView)", "≤ 300 ms at 1M",
         cells(lambda e: _with_ratio(e["window"]["list"]["open_ms"], e["window"]["list"]["ratio_open"]))),
        ("List scroll to end + paint (× bare QTableView)", "no freeze > 100 ms",
         cells(lambda e: _with_ratio(e["window"]["list"]["scroll_to_end_ms"], e["window"]["list"]["ratio_scroll"]))),
        ("Sort by a column, until shown: slowest column", "no freeze > 100 ms",
         cells(lambda e: _ms(max(max(c["shown_ms"]) for c in e["window"]["sorting"].values())))),
        ("Sort keys in SQL, slowest column (× raw SQL)", "",
         cells(lambda e: _with_ratio(*max(((c["all_keys_ms"], c["ratio"]) for c in e["store_functions"]["sorting"].values()),
                                          key=lambda pair: pair[0])))),
        ("Longest GUI stall while sorting", "≤ 100 ms",
         cells(lambda e: _ms(max(c["longest_gui_stall_ms"] for c in e["window"]["sorting"].values())))),
        ("Timeline fit-all paint p95", "≤ 50 ms at 100k",
         cells(lambda e: _ms(e["window"]["timeline"]["fit_all"]["p95"]))),
        ("Timeline zoom frame p95 / pan frame p95", "≤ 50 ms at 100k",
         cells(lambda e: f"{_ms(e['window']['timeline']['zoom_frame']['p95'])} / "
                         f"{_ms(e['window']['timeline']['pan_frame']['p95'])}")),
        ("Import throughput when the store was built", "≥ 20,000 records/s",
         cells(lambda e: f"{e['store']['import_records_per_second']:,}/s")),
        ("Note save p95, synchronous=FULL (× raw UPDATE + COMMIT)", "≤ 20 ms",
         cells(lambda e: _with_ratio(e["store_functions"]["note_save"]["save_note_body"]["p95"],
                                     e["store_functions"]["note_save"]["ratio_p95"]))),
        ("Facets (background)", "", cells(lambda e: _ms(e["store_functions"]["facets_ms"]))),
        ("Timeline read `load_timeline` (background)", "", cells(lambda e: _ms(e["store_functions"]["load_timeline_ms"]))),
        ("Longest GUI stall, whole window session", "≤ 100 ms", cells(lambda e: _ms(e["window"]["longest_gui_stall_ms"]))),
        ("Peak memory (RSS) of the window process", "≤ 500 MB at 1M",
         cells(lambda e: f"{e['window']['peak_rss_mb']:.0f} MB")),
        ("Store: records / notes / database size", "",
         cells(lambda e: f"{e['store']['records']:,} / {e['store']['notes']:,} / {e['store']['database_bytes'] / 1e6:,.0f} MB")),
    ]
    return rows


def table(results: dict) -> str:
    sizes = [_size_label(size) for size in results["sizes"]]
    machine = results["machine"]
    lines = [
        f"Measured {results['started']} on {machine['cpu']}, {machine['cores']} cores, {machine['ram_gb']} GB RAM; "
        f"{machine['os']}; Python {machine['python']}, SQLite {machine['sqlite']}, PySide6 {machine['pyside6']}; "
        f"load average at start {', '.join(map(str, machine['load_average_at_start']))}. "
        f"Whole run: {results['total_seconds']:.0f} s. Raw numbers: `bench/results.json`.",
        "",
        "| measure | target | " + " | ".join(sizes) + " |",
        "|---|---|" + "---|" * len(sizes),
    ]
    for what, target, cells in _rows(results):
        lines.append(f"| {what} | {target} | " + " | ".join(cells) + " |")
    sample = results.get("import_sample")
    if sample:
        lines += ["", f"Fresh import on this run: {sample['records']:,} records and {sample['notes']:,} notes "
                      f"({sample['file_mb']} MB of JSON) into an empty store in {sample['seconds']} s = "
                      f"{sample['records_per_second']:,} records/s."]
    return "\n".join(lines)


def write(results: dict, document: Path = DOCUMENT) -> Path:
    """Put the table between the markers of ``document`` (added at the end if missing)."""
    text = document.read_text(encoding="utf-8") if document.exists() else "# Performance\n\n"
    block = f"{START}\n{table(results)}\n{END}"
    if START in text and END in text:
        text = text[:text.index(START)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    document.write_text(text, encoding="utf-8")
    return document
