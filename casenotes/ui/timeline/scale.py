"""The horizontal scale: which day sits at which scene x, and how far it may zoom. No Qt."""

from __future__ import annotations

from dataclasses import dataclass

MAX_PIXELS_PER_DAY = 240.0  # a day wider than this shows nothing new
MIN_SPAN_DAYS = 30  # "fit all" never shows less than a month, even for a single record
MAX_SCENE_WIDTH = 1.0e9  # keep scroll positions well inside a 32-bit int


@dataclass
class TimeScale:
    """Scene x = (day - origin) * pixels_per_day; day ``origin`` is at x 0."""

    origin: float = 0.0
    pixels_per_day: float = 1.0

    def x(self, day: float) -> float:
        return (day - self.origin) * self.pixels_per_day

    def day(self, x: float) -> float:
        return self.origin + x / self.pixels_per_day


def padded_range(first_day: int, last_day: int) -> tuple[float, float]:
    """The days [start, end) that "fit all" shows for records from first_day to last_day.

    A little room on both sides keeps marks off the edges; very short ranges are
    widened to :data:`MIN_SPAN_DAYS` around their middle.
    """
    start, end = float(first_day), float(last_day + 1)
    span = end - start
    if span < MIN_SPAN_DAYS:
        middle = (start + end) / 2
        start, end = middle - MIN_SPAN_DAYS / 2, middle + MIN_SPAN_DAYS / 2
        span = MIN_SPAN_DAYS
    pad = max(2.0, span * 0.015)
    return start - pad, end + pad


def zoom_limits(span_days: float, content_width: float) -> tuple[float, float]:
    """Smallest and largest pixels per day: everything in view, down to a wide day."""
    fit = content_width / max(span_days, 1.0)
    largest = min(MAX_PIXELS_PER_DAY, MAX_SCENE_WIDTH / max(span_days, 1.0))
    return min(fit, largest), max(largest, fit)
