"""Measurements inside a window process: list, sorting, scrolling, typing a search, timeline, memory.

Run by ``bench/performance.py`` as ``python -m bench.perf.window_bench DATA_DIR QUERIES_JSON``
(offscreen); prints one JSON object. A stall detector — a 5 ms timer that records how
late it fires — runs throughout, so every phase also reports the longest time the GUI
thread could not react. The daily check is held back: it would write a backup of the
cached store, and it runs in its own thread anyway.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import QElapsedTimer, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from bench.perf.stats import peak_rss_mb, ratio, summary  # noqa: E402
from bench.perf.store_bench import query_texts  # noqa: E402
from bench.perf.trivial_model import TrivialModel  # noqa: E402
from bench.timeline_bench import p95, render  # noqa: E402
from casenotes.ui import main_window as main_window_module  # noqa: E402
from casenotes.ui.record_model import COLUMNS, PAGE_SIZE  # noqa: E402

STALL_TICK_MS = 5
TYPING_GAP_MS = 120  # between keystrokes: a fast typist


class GcWatch:
    """The longest garbage-collection pause per phase (they hold the GIL, so they stall the GUI too)."""

    def __init__(self, stalls: StallDetector) -> None:
        self._stalls = stalls
        self._started = 0.0
        self.worst: dict[str, float] = {}
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, _info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
            return
        pause = (time.perf_counter() - self._started) * 1000
        key = self._stalls.phase
        if pause > self.worst.get(key, 0):
            self.worst[key] = pause


class StallDetector:
    """A timer that should fire every few milliseconds; how late it fires is how long the GUI thread was busy."""

    def __init__(self) -> None:
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(STALL_TICK_MS)
        self._timer.timeout.connect(self._tick)
        self._clock = QElapsedTimer()
        self._last = 0
        self.phase = "start"
        self.worst: dict[str, float] = {}

    def start(self) -> None:
        self._clock.start()
        self._last = 0
        self._timer.start()

    def _tick(self) -> None:
        now = self._clock.elapsed()
        gap = now - self._last - STALL_TICK_MS
        self._last = now
        if gap > self.worst.get(self.phase, 0):
            self.worst[self.phase] = gap

    def during(self, phase: str) -> None:
        # A late tick is counted against the phase that made it late, not the next one.
        QApplication.processEvents()
        self.phase = phase
        self.worst.setdefault(phase, 0)


def wait(app: QApplication, condition, timeout_s: float = 120.0) -> float:
    """Process events until ``condition()``; return the milliseconds it took."""
    started = time.perf_counter()
    while not condition():
        app.processEvents()
        if time.perf_counter() - started > timeout_s:
            raise TimeoutError("the window did not finish in time")
        time.sleep(0.001)
    return (time.perf_counter() - started) * 1000


def pause(app: QApplication, milliseconds: float) -> None:
    end = time.perf_counter() + milliseconds / 1000
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)


class Counter:
    """Counts a signal's emissions and remembers the last time it fired."""

    def __init__(self, signal) -> None:
        self.count = 0
        self.at = 0.0
        signal.connect(self._fired)

    def _fired(self, *_args) -> None:
        self.count += 1
        self.at = time.perf_counter()


def paint_ms(widget, image: QImage) -> float:
    started = time.perf_counter()
    widget.render(image)
    return (time.perf_counter() - started) * 1000


def measure_list(app, window, stalls: StallDetector) -> dict:
    """Open (set_keys + first page painted), scroll to the end, against a bare QTableView."""
    stalls.during("list: open and scroll")
    table, model = window.record_list.table, window.record_list.model
    keys = model.keys()
    image = QImage(table.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    open_ms, scroll_ms = _open_and_scroll_ms(app, table, lambda: model.set_keys(keys), image)
    last_row = model.data(model.index(model.rowCount() - 1, 0))
    bare = QTableView()
    bare.resize(table.size())
    bare.verticalHeader().setDefaultSectionSize(table.verticalHeader().defaultSectionSize())
    bare.show()
    app.processEvents()
    bare_open_ms, bare_scroll_ms = _open_and_scroll_ms(
        app, bare, lambda: bare.setModel(TrivialModel(len(keys), len(COLUMNS))), image)
    bare.close()
    table.scrollToTop()
    app.processEvents()
    return {
        "rows": len(keys), "open_ms": round(open_ms, 1), "scroll_to_end_ms": round(scroll_ms, 1),
        "last_row_title": last_row, "page_size": PAGE_SIZE,
        "baseline_bare_tableview_open_ms": round(bare_open_ms, 1),
        "baseline_bare_tableview_scroll_ms": round(bare_scroll_ms, 1),
        "ratio_open": ratio(open_ms, bare_open_ms), "ratio_scroll": ratio(scroll_ms, bare_scroll_ms),
    }


def _open_and_scroll_ms(app, view: QTableView, open_rows, image: QImage) -> tuple[float, float]:
    """Best of three: ``open_rows()`` with the first page painted, then scrolling to the end painted."""
    opens, scrolls = [], []
    for _ in range(3):
        view.scrollToTop()
        for action, times in ((open_rows, opens), (view.scrollToBottom, scrolls)):
            started = time.perf_counter()
            action()
            view.viewport().render(image)
            times.append((time.perf_counter() - started) * 1000)
            app.processEvents()
    return min(opens), min(scrolls)


def measure_sorting(app, window, stalls: StallDetector, loaded: Counter) -> dict:
    """Click each column header (descending then ascending): time until the sorted list is shown."""
    results = {}
    header = window.record_list.table.horizontalHeader()
    for section, column in enumerate(COLUMNS):
        times = []
        for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
            stalls.during(f"sort: {column.sort_key}")
            before = loaded.count
            started = time.perf_counter()
            header.setSortIndicator(section, order)
            wait(app, lambda: loaded.count > before)
            times.append((loaded.at - started) * 1000)
        results[column.sort_key] = {"shown_ms": [round(t, 1) for t in times],
                                    "longest_gui_stall_ms": round(stalls.worst[f"sort: {column.sort_key}"], 1)}
    header.setSortIndicator(COLUMNS.index(next(c for c in COLUMNS if c.sort_key == "date")),
                            Qt.SortOrder.DescendingOrder)
    wait(app, lambda: True)
    return results


def measure_typing(app, window, stalls: StallDetector, queries: dict, loaded: Counter, paged: Counter) -> dict:
    """Type each query as a person would; time from the search starting (the field waits for a
    pause in typing first) to the first rows and to the whole list being shown."""
    results = {}
    field = window.search_field
    searched = Counter(field.queryChanged)
    # As in a window where no column was clicked: searches list the best matches first.
    # (Column-sorted searches are measured at store level, bench/perf/store_bench.py.)
    window._sort = None  # noqa: SLF001
    for name, texts in query_texts(queries).items():
        stalls.during(f"typing: {name}")
        word = texts[-1]
        field.set_query("")
        wait(app, lambda: window._list_complete_for is not None and not window._list_complete_for.query)  # noqa: SLF001
        before_page = paged.count
        for length in range(1, len(word) + 1):
            field.setText(word[:length])
            pause(app, TYPING_GAP_MS)
        wait(app, lambda: window._list_complete_for is not None  # noqa: SLF001
             and window._list_complete_for.query == word)  # noqa: SLF001
        typed = searched.at
        # The first page is skipped when the whole list is ready before it is delivered.
        first_shown = paged.at if paged.count > before_page and paged.at >= typed else loaded.at
        results[name] = {
            "text": word,
            "first_rows_shown_ms": round((first_shown - typed) * 1000, 1),
            "whole_list_ms": round((loaded.at - typed) * 1000, 1),
            "shown": window.record_list.model.rowCount(),
            "longest_gui_stall_ms": round(stalls.worst[f"typing: {name}"], 1),
        }
    field.set_query("")
    wait(app, lambda: window._list_complete_for is not None and not window._list_complete_for.query)  # noqa: SLF001
    return results


def measure_timeline(app, window, stalls: StallDetector) -> dict:
    """Fit-all paint and wheel-zoom frames of the real timeline pane (bench/timeline_bench.py's method)."""
    stalls.during("timeline frames")
    view = window.timeline
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    fit, zoom = [], []
    # Events are processed between frames, as between wheel notches, so the stall detector
    # sees single frames rather than the whole loop.
    for _ in range(5):
        view.fit_all()
        fit.append(render(view, image))
        app.processEvents()
    view.fit_all()
    render(view, image)
    for factor in [1.25] * 20 + [1 / 1.25] * 20:
        view._zoom_by(factor)  # noqa: SLF001 (one wheel notch)
        zoom.append(render(view, image))
        app.processEvents()
    view._show_days(dt.date(2015, 1, 1).toordinal(), dt.date(2016, 1, 1).toordinal())  # noqa: SLF001
    render(view, image)
    pan = []
    for _ in range(20):
        view._pan_pixels(60)  # noqa: SLF001
        pan.append(render(view, image))
        app.processEvents()
    view.fit_all()
    app.processEvents()
    switches = {}
    for mode in ("country", "agency", "kind"):
        stalls.during(f"timeline: lanes by {mode}")
        started = time.perf_counter()
        view.set_lane_mode(mode)
        wait(app, lambda m=mode: view.lane_mode() == m)
        render(view, image)
        switches[mode] = round((time.perf_counter() - started) * 1000, 1)
    return {"records": len(view.data()), "lane_switch_ms": switches, "fit_all": summary(fit), "zoom_frame": summary(zoom),
            "pan_frame": summary(pan), "worst_p95_ms": round(max(p95(fit), p95(zoom), p95(pan)), 1),
            "viewport": [view.viewport().width(), view.viewport().height()]}


def measure_selection(app, window, stalls: StallDetector) -> dict:
    """Selecting records one after another (detail pane, notes, timeline highlight) on the GUI thread."""
    stalls.during("selecting records")
    model = window.record_list.model
    times = []
    for row in range(0, min(model.rowCount(), 400), 20):
        record_id = model.record_row(row).id
        started = time.perf_counter()
        window.select_record(record_id, source="list")
        times.append((time.perf_counter() - started) * 1000)
        app.processEvents()
    return summary(times)


def main() -> int:
    data_dir, queries = Path(sys.argv[1]), json.loads(sys.argv[2])
    main_window_module.DAILY_CHECK_DELAY_MS = 10 ** 9
    from casenotes.app import create_main_window

    app = QApplication.instance() or QApplication([])
    stalls = StallDetector()
    collections = GcWatch(stalls)
    started = time.perf_counter()
    window = create_main_window(data_dir)
    loaded, paged = Counter(window.listLoaded), Counter(window.listPageShown)
    stalls.start()
    stalls.during("startup: loading list, facets, timeline")
    window.resize(1360, 860)
    window.show()
    wait(app, lambda: loaded.count > 0)
    list_ready = (loaded.at - started) * 1000
    # Facets and saved-search counts are read before the timeline, on the same thread.
    wait(app, lambda: len(window.timeline.data()) > 0)
    pause(app, 300)
    everything_ready = (time.perf_counter() - started) * 1000
    results = {
        "startup": {"whole_list_ms": round(list_ready, 1), "timeline_and_facets_ms": round(everything_ready, 1)},
        "list": measure_list(app, window, stalls),
        "sorting": measure_sorting(app, window, stalls, loaded),
        "typing": measure_typing(app, window, stalls, queries, loaded, paged),
        "timeline": measure_timeline(app, window, stalls),
        "selection": measure_selection(app, window, stalls),
    }
    results["gui_stalls_ms"] = {phase: round(worst, 1) for phase, worst in stalls.worst.items()}
    results["longest_gui_stall_ms"] = round(max(stalls.worst.values()), 1)
    results["longest_gc_pause_ms"] = {phase: round(pause, 1) for phase, pause in collections.worst.items() if pause > 5}
    results["peak_rss_mb"] = round(peak_rss_mb(), 1)
    window.close()
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
