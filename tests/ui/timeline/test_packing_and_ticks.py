"""Stacking marks into rows, and calendar ticks for the axis (both without Qt)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from casenotes.ui.timeline.packing import pack_rows
from casenotes.ui.timeline.ticks import axis_ticks, choose_step
from casenotes.ui.timeline.navigation import step_in_date_order

items = st.lists(st.tuples(st.floats(0, 2000), st.floats(1, 200), st.floats(0, 300)), max_size=80).map(
    lambda raw: sorted((left, left + width, left + width + label) for left, width, label in raw)
)


@given(items)
def test_packed_marks_and_shown_labels_never_overlap_while_rows_last(boxes):
    packed = pack_rows(boxes, max_rows=1000, gap=4)
    assert packed.overlapping == 0
    by_row: dict[int, list[tuple[float, float]]] = {}
    for (left, right, _), row, limit in zip(boxes, packed.rows, packed.label_limits):
        by_row.setdefault(row, []).append((left, max(right, limit)))
    for spans in by_row.values():
        for (_, end), (start, _) in zip(spans, spans[1:]):
            assert end <= start


@given(items)
def test_with_few_rows_labels_are_cut_short_before_marks_overlap(boxes):
    packed = pack_rows(boxes, max_rows=3, gap=4)
    assert packed.rows_used <= 3
    for row in range(packed.rows_used):
        placed = [(box, limit) for box, r, limit in zip(boxes, packed.rows, packed.label_limits) if r == row]
        for ((left, right, _), limit), ((next_left, _, _), _) in zip(placed, placed[1:]):
            overlaps_mark = right + 4 > next_left
            assert overlaps_mark or min(limit, right if limit < right else limit) <= next_left


def test_zoom_level_picks_days_months_or_years():
    assert choose_step(40.0) == ("day", 1)
    assert choose_step(2.0) == ("month", 1)
    assert choose_step(0.4) == ("month", 3)
    assert choose_step(0.3) == ("month", 6)
    assert choose_step(0.05) == ("year", 5)


def test_ticks_cover_the_whole_range_with_calendar_labels():
    first, last = dt.date(2014, 10, 28).toordinal(), dt.date(2014, 12, 3).toordinal()
    ticks = axis_ticks(first, last, 30.0)
    assert ticks.unit == "day"
    assert ticks.minor[0].day <= first and ticks.minor[-1].day > last
    assert [t.label for t in ticks.major] == ["October 2014", "November 2014", "December 2014", "January 2015"]
    months = axis_ticks(dt.date(2011, 1, 1).toordinal(), dt.date(2016, 12, 31).toordinal(), 0.3)
    assert months.unit == "month" and {t.label for t in months.minor} == {"Jan", "Jul"}
    assert [t.label for t in months.major][:2] == ["2011", "2012"]


def test_stepping_in_date_order_skips_non_matches_and_stops_at_the_ends():
    assert step_in_date_order(5, 2, 1, None) == 3
    assert step_in_date_order(5, 4, 1, None) is None
    assert step_in_date_order(5, 0, -1, None) is None
    mask = bytearray([1, 0, 0, 1, 0])
    assert step_in_date_order(5, 0, 1, mask) == 3
    assert step_in_date_order(5, 3, -1, mask) == 0
    assert step_in_date_order(5, 3, 1, mask) is None


@given(items, st.integers(1, 6))
def test_the_quick_crowding_check_agrees_with_packing(boxes, rows):
    from casenotes.ui.timeline.packing import overlaps_needed

    spans = [(left, right) for left, right, _ in boxes]
    assert overlaps_needed(spans, rows, 4, len(spans)) == pack_rows(boxes, rows, 4).overlapping
