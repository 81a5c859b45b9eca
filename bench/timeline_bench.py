"""Timeline speed at 100,000 records: fit-all paint, zoom frames and pan frames.

Not a test: run ``.venv/bin/python bench/timeline_bench.py [--records N] [--repeats N]``.
It builds synthetic records (dates 2005-2026, a realistic mix of day, month and year
precision and end dates), renders the real TimelineView offscreen into a QImage and
prints the median and 95th percentile of each kind of frame. Target (issue 8): every
frame <= 50 ms on a 2-core machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from casenotes.store.timeline import TimelineData  # noqa: E402
from casenotes.ui.timeline import TimelineView  # noqa: E402

KINDS = (("arrest", 40), ("operation", 15), ("takedown", 10), ("raid", 12), ("prosecution", 18), ("other", 5))
COUNTRIES = ("US", "DE", "GB", "NL", "FR", "AU", "CA", "SE", "ES", "IT", "PL", "BR", "IN", "RU", "UA", "CH", "AT",
             "BE", "DK", "FI", "IE", "LT", "LV", "RO", "BG", "CZ", "HU", "PT", "NZ", "JP")
AGENCIES = ("FBI", "Europol", "Eurojust", "DEA", "HSI", "BKA", "NCA", "Dutch National Police", "RCMP", "AFP",
            "USPIS", "IRS-CI", "Guardia Civil", "Gendarmerie", "Polizia Postale", "CBSA", "ZIT", "JCODE")
WORDS = ("market", "vendor", "darknet", "Operation", "takedown", "raid", "arrests", "fraud", "ransomware", "botnet",
         "carding", "forum", "Silk", "Road", "Hydra", "Empire", "Alpha", "Bay", "Dream", "Wall", "Street")


def synthetic_timeline(count: int, seed: int = 1) -> TimelineData:
    """``count`` records spread over 2005-2026 with mixed precision, end dates and relations."""
    rng = random.Random(seed)
    first, last = dt.date(2005, 1, 1).toordinal(), dt.date(2026, 6, 30).toordinal()
    kinds = [kind for kind, weight in KINDS for _ in range(weight)]
    rows = []
    for number in range(count):
        day = dt.date.fromordinal(rng.randint(first, last))
        roll = rng.random()
        date = day.isoformat() if roll < 0.8 else day.strftime("%Y-%m") if roll < 0.95 else str(day.year)
        end_date = None
        if rng.random() < 0.1:
            end_date = dt.date.fromordinal(day.toordinal() + int(rng.expovariate(1 / 60)) + 1).isoformat()
        countries = tuple(sorted({rng.choice(COUNTRIES[: rng.randint(1, len(COUNTRIES))]) for _ in range(rng.randint(1, 3))}))
        agencies = tuple(sorted({rng.choice(AGENCIES[: rng.randint(1, len(AGENCIES))]) for _ in range(rng.randint(0, 3))}))
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5))) + f" {number}"
        arrests = rng.randint(1, 200) if rng.random() < 0.6 else None
        rows.append((f"synthetic-{number:07d}", title, rng.choice(kinds), date, end_date, countries, agencies, arrests))
    relations = [(rows[i][0], rows[rng.randrange(count)][0], rng.choice(("follows", "part_of", "related")))
                 for i in rng.sample(range(count), count // 20)]
    return TimelineData.from_rows(rows, relations)


def render(view: TimelineView, image: QImage) -> float:
    """Milliseconds to lay out and paint one frame of the view into ``image``."""
    start = time.perf_counter()
    view.viewport().render(image)
    return (time.perf_counter() - start) * 1000


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def summary(name: str, times: list[float]) -> str:
    return f"{name:<36} median {statistics.median(times):7.1f} ms   p95 {p95(times):7.1f} ms   (n={len(times)})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=860)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])

    started = time.perf_counter()
    data = synthetic_timeline(args.records)
    print(f"built {len(data):,} records in {time.perf_counter() - started:.2f} s")
    view = TimelineView()
    view.resize(args.width, args.height)
    view.show()
    app.processEvents()
    started = time.perf_counter()
    view.set_data(data)
    print(f"set_data: {(time.perf_counter() - started) * 1000:.0f} ms")
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)

    results: dict[str, list[float]] = {}
    for mode in ("kind", "country", "agency"):
        view.set_lane_mode(mode)
        results[f"[{mode}] first paint after switching"] = [render(view, image)]
        fit, zoom, pan_far, pan_near = [], [], [], []
        for _ in range(args.repeats):
            view.fit_all()
            fit.append(render(view, image))
        view.fit_all()
        render(view, image)
        for _ in range(2):  # zoom all the way in and back out, one wheel notch per frame
            for _ in range(28):
                view._zoom_by(1.25)  # noqa: SLF001  (the wheel's step, without synthesising events)
                zoom.append(render(view, image))
            for _ in range(28):
                view._zoom_by(1 / 1.25)  # noqa: SLF001
                zoom.append(render(view, image))
        view._show_days(dt.date(2015, 1, 1).toordinal(), dt.date(2016, 1, 1).toordinal())  # noqa: SLF001
        render(view, image)
        for _ in range(args.repeats * 2):
            view._pan_pixels(60)  # noqa: SLF001  (a drag step)
            pan_far.append(render(view, image))
        view._show_days(dt.date(2015, 3, 1).toordinal(), dt.date(2015, 4, 1).toordinal())  # noqa: SLF001
        render(view, image)
        for _ in range(args.repeats * 2):
            view._pan_pixels(60)  # noqa: SLF001
            pan_near.append(render(view, image))
        results[f"[{mode}] fit-all paint"] = fit
        results[f"[{mode}] zoom frame (wheel steps)"] = zoom
        results[f"[{mode}] pan frame, a year in view"] = pan_far
        results[f"[{mode}] pan frame, a month in view"] = pan_near
    print(f"{len(data):,} records, view {args.width}x{args.height}, scene items: {len(view.scene().items())}")
    for name, times in results.items():
        print(summary(name, times))
    frames = {name: times for name, times in results.items() if "first paint" not in name}
    worst = max(frames, key=lambda name: p95(frames[name]))
    print(f"worst fit-all/zoom/pan p95: {p95(frames[worst]):.1f} ms, {worst} (target <= 50 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
