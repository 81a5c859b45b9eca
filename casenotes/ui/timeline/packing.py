"""Stacking marks into rows so that neither marks nor their labels overlap. No Qt in here."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass
class Packed:
    rows: list[int]  # row of each item
    label_limits: list[float]  # how far right each item's label may reach
    rows_used: int
    overlapping: int  # items that had to overlap another because every row was taken


def pack_rows(items: Sequence[tuple[float, float, float]], max_rows: int, gap: float) -> Packed:
    """Greedily give each item (left, mark right, label right), taken left to right, a row.

    An item goes to the first row where the previous item's label has ended; failing
    that a new row opens (up to ``max_rows``); failing that it takes a row where only
    a label is in the way and cuts that label short; failing all, it overlaps the row
    that frees up first and is counted in ``overlapping``.
    """
    mark_end: list[float] = []  # per row: right edge of its last mark, plus the gap
    label_end: list[float] = []  # per row: right edge of its last label, plus the gap
    last_item: list[int] = []
    rows = [0] * len(items)
    limits = [0.0] * len(items)
    overlapping = 0
    for position, (left, right, label_right) in enumerate(items):
        row = next((r for r, end in enumerate(label_end) if end <= left), None)
        if row is None and len(label_end) < max_rows:
            row = len(label_end)
            mark_end.append(0.0)
            label_end.append(0.0)
            last_item.append(-1)
        if row is None:
            row = next((r for r, end in enumerate(mark_end) if end <= left), None)
            if row is not None:
                previous = last_item[row]
                limits[previous] = min(limits[previous], left - gap)
        if row is None:
            row = min(range(len(mark_end)), key=mark_end.__getitem__)
            overlapping += 1
            previous = last_item[row]
            limits[previous] = min(limits[previous], left - gap)
        rows[position] = row
        limits[position] = label_right
        mark_end[row] = max(mark_end[row], right + gap)
        label_end[row] = max(mark_end[row], label_right + gap)
        last_item[row] = position
    return Packed(rows, limits, len(label_end), overlapping)


def overlaps_needed(spans: Sequence[tuple[float, float]], max_rows: int, gap: float, give_up_after: int) -> int:
    """How many marks (left, right), taken left to right, find all ``max_rows`` rows busy.

    Labels never cause that (they are cut short first), so this cheap check tells
    whether :func:`pack_rows` would work before any label is measured. It stops
    counting past ``give_up_after``.
    """
    row_ends: list[float] = []
    overlapping = 0
    for left, right in spans:
        if row_ends and row_ends[0] <= left:
            heapq.heapreplace(row_ends, right + gap)
        elif len(row_ends) < max_rows:
            heapq.heappush(row_ends, right + gap)
        else:
            overlapping += 1
            if overlapping > give_up_after:
                break
            heapq.heappushpop(row_ends, max(row_ends[0], right + gap))
    return overlapping
