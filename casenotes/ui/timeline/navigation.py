"""Moving the keyboard focus between marks: in date order, and between lanes. No Qt in here."""

from __future__ import annotations

from collections.abc import Sequence

from casenotes.ui.timeline.lanes import Lane


def step_in_date_order(count: int, current: int, step: int, mask: bytes | bytearray | None) -> int | None:
    """The previous (step -1) or next (step +1) record in date order that matches, or None at the end.

    Records are stored in date order, so this walks indexes; ``mask`` skips the ones the
    search filtered out (``bytearray.find`` keeps that fast on a million records).
    """
    if mask is None:
        target = current + step
        return target if 0 <= target < count else None
    if step > 0:
        found = mask.find(1, current + 1)
    else:
        found = mask.rfind(1, 0, max(current, 0))
    return found if found >= 0 else None


def first_in_range(lanes: Sequence[Lane], first_day: float, end_day: float) -> tuple[int, int] | None:
    """(record, lane position) of the earliest record overlapping the days, or None."""
    best: tuple[int, int] | None = None
    for position, lane in enumerate(lanes):
        found = lane.first_overlapping(first_day, end_day)
        if found is not None and (best is None or found < best[0]):
            best = (found, position)
    return best


def neighbour_lane(lanes: Sequence[Lane], from_lane: int, step: int, day: float) -> tuple[int, int] | None:
    """(record, lane position) nearest in time to ``day`` in the next non-empty lane above or below."""
    position = from_lane + step
    while 0 <= position < len(lanes):
        nearest = lanes[position].nearest(day)
        if nearest is not None:
            return nearest, position
        position += step
    return None
