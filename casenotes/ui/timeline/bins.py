"""Counting records per screen column and per calendar period, for zoomed-out lanes. No Qt."""

from __future__ import annotations

import math
from dataclasses import dataclass

from casenotes.ui.timeline.lanes import Lane
from casenotes.ui.timeline.scale import TimeScale

BIN_WIDTH = 4  # pixels per histogram column


@dataclass
class Histogram:
    """Counts of records overlapping each ``BIN_WIDTH``-pixel column from scene x ``left``."""

    left: float
    counts: list[int]
    peak: int  # the lane's busiest column at this zoom, anywhere in time: the full-height count


def histogram(lane: Lane, scale: TimeScale, x_from: float, x_to: float) -> Histogram:
    """Columns are aligned to multiples of ``BIN_WIDTH`` in the scene so they hold still while panning."""
    first = math.floor(x_from / BIN_WIDTH)
    last = math.ceil(x_to / BIN_WIDTH)
    edges = [scale.day(k * BIN_WIDTH) for k in range(first, last + 1)]
    counts = lane.counts_between(edges) if len(edges) > 1 else []
    window = BIN_WIDTH / scale.pixels_per_day
    peak = lane.peak_count(1 << max(0, math.ceil(math.log2(max(window, 1.0)))))
    return Histogram(first * BIN_WIDTH, counts, peak)


def bar_fraction(count: int, peak: int) -> float:
    """Height of a column as a fraction of the lane: square-root scaled so single records show."""
    if count <= 0:
        return 0.0
    return min(1.0, math.sqrt(count / max(peak, 1)))
