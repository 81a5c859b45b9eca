"""Lanes answer "what overlaps these days" exactly, however the records are spread."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from casenotes.store.timeline import TimelineData
from casenotes.ui.timeline.lanes import build_lanes, lanes_of_record
from tests.ui.timeline.conftest import synthetic_timeline

BASE = 730_000  # an ordinal day in 2000


def data_from_ranges(ranges: list[tuple[int, int]], kinds: list[str] | None = None) -> TimelineData:
    import datetime as dt

    rows = []
    for number, (start, length) in enumerate(ranges):
        first = dt.date.fromordinal(BASE + start).isoformat()
        last = dt.date.fromordinal(BASE + start + length).isoformat() if length else None
        kind = kinds[number] if kinds else "raid"
        rows.append((f"r{number}", f"R{number}", kind, first, last, (), (), None))
    return TimelineData.from_rows(rows)


ranges = st.lists(st.tuples(st.integers(0, 400), st.sampled_from([0, 0, 0, 1, 5, 30, 200, 1000])), max_size=60)
windows = st.tuples(st.floats(-50, 1500, allow_nan=False), st.floats(0.01, 600, allow_nan=False))


@settings(max_examples=150, deadline=None)
@given(ranges, windows)
def test_counting_and_listing_overlaps_agree_with_checking_every_record(spans, window):
    data = data_from_ranges(spans)
    [lane] = build_lanes(data, "kind") or [None]
    first, end = BASE + window[0], BASE + window[0] + window[1]
    expected = [i for i in range(len(data)) if data.starts[i] < end and data.ends[i] + 1 > first]
    if lane is None:
        assert expected == []
        return
    assert lane.count_overlapping(first, end) == len(expected)
    assert lane.overlapping(first, end) == expected
    assert lane.first_overlapping(first, end) == (expected[0] if expected else None)
    edges = [first, (first + end) / 2, end]
    halves = lane.counts_between(edges)
    assert halves == [lane.count_overlapping(edges[0], edges[1]), lane.count_overlapping(edges[1], edges[2])]


@settings(max_examples=60, deadline=None)
@given(ranges)
def test_every_member_is_found_where_it_starts(spans):
    data = data_from_ranges(spans)
    for lane in build_lanes(data, "kind"):
        for position, index in enumerate(lane.members):
            assert lane.position_of(index) == position
            assert lane.contains(index)


def test_lanes_by_kind_follow_the_data_models_order():
    data = data_from_ranges([(0, 0), (1, 0), (2, 0)], kinds=["prosecution", "operation", "arrest"])
    assert [lane.title for lane in build_lanes(data, "kind")] == ["Operation", "Arrest", "Prosecution"]


def test_a_record_with_several_countries_is_in_each_of_their_lanes():
    data = TimelineData.from_rows([
        ("a", "A", "raid", "2016-02-23", None, ("DE", "NL"), (), None),
        ("b", "B", "raid", "2016-02-24", None, ("DE",), (), None),
        ("c", "C", "raid", "2016-02-25", None, (), (), None),
    ])
    lanes = build_lanes(data, "country")
    assert [lane.title for lane in lanes] == ["Germany", "Netherlands", "No country"]  # busiest first
    assert [lanes[p].key for p in lanes_of_record(lanes, data, "country", data.index_of("a"))] == ["DE", "NL"]
    assert [lanes[p].title for p in lanes_of_record(lanes, data, "country", data.index_of("c"))] == ["No country"]


def test_restricting_a_lane_keeps_only_matching_members():
    data = synthetic_timeline(600)
    lane = build_lanes(data, "kind")[0]
    mask = bytearray(len(data))
    for index in lane.members[::3]:
        mask[index] = 1
    restricted = lane.restricted(mask)
    assert list(restricted.members) == list(lane.members[::3])


def test_the_peak_count_is_the_busiest_window():
    data = data_from_ranges([(10, 0), (10, 0), (10, 0), (50, 0), (200, 0)])
    [lane] = build_lanes(data, "kind")
    assert lane.peak_count(1) == 3
    assert lane.nearest(BASE + 48) == data.index_of("r3")
