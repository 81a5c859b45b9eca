"""Work prepared off the GUI thread gives what the view would have computed itself."""

from casenotes.store.timeline import TimelineData
from casenotes.ui.timeline import matching_mask, prepare_timeline, restricted_lanes, timeline_matches_steps
from casenotes.ui.timeline import prepared as prepared_module
from casenotes.ui.timeline.lanes import build_lanes, run_steps


def keyed_data():
    rows = [(f"r{n}", f"Record {n}", ("raid", "arrest")[n % 2], f"2015-01-{n + 1:02d}", None, ("US",), (), None, 100 + n)
            for n in range(9)]
    return TimelineData.from_rows(rows, [("r1", "r2", "follows")])


def test_the_mask_marks_exactly_the_listed_keys_whatever_the_slice_size(monkeypatch):
    data = keyed_data()
    for step in (1, 2, 4, 100):
        monkeypatch.setattr(prepared_module, "_STEP", step)
        assert list(matching_mask([104, 100, 108, 999], data)) == [1, 0, 0, 0, 1, 0, 0, 0, 1]


def test_the_stepped_matches_equal_the_direct_ones():
    data = keyed_data()
    lanes = prepare_timeline(data, "kind").lanes
    mask, restricted = run_steps(timeline_matches_steps([100, 103, 107], data, lanes))
    assert mask == matching_mask([100, 103, 107], data)
    assert [list(lane.members) for lane in restricted] == [list(lane.members) for lane in restricted_lanes(lanes, mask)]


def test_prepared_lanes_and_links_equal_the_ones_built_on_demand():
    data = keyed_data()
    prepared = prepare_timeline(data, "kind")
    fresh = build_lanes(data, "kind")
    assert [lane.title for lane in prepared.lanes] == [lane.title for lane in fresh]
    for ready, lazy in zip(prepared.lanes, fresh):
        assert ready.ends == lazy.ends and ready.overlapping(0, 10 ** 7) == lazy.overlapping(0, 10 ** 7)
    assert dict(prepared.links.items()) == {1: [(2, "follows")]}
    assert dict(prepared.incoming.items()) == {2: [(1, "follows")]}
    mask = matching_mask([100, 101, 102], data)
    assert [list(lane.members) for lane in restricted_lanes(prepared.lanes, mask)] == [
        [lane_member for lane_member in lane.members if mask[lane_member]] for lane in prepared.lanes]


def test_a_restricted_lane_cut_from_prepared_buckets_finds_what_a_fresh_one_finds(gwern_data):
    mask = bytearray(n % 3 == 0 for n in range(len(gwern_data)))
    for mode in ("kind", "country"):
        for prepared, fresh in zip(restricted_lanes([lane.prepare() for lane in build_lanes(gwern_data, mode)], mask),
                                   [lane.restricted(mask) for lane in build_lanes(gwern_data, mode)]):
            assert list(prepared.members) == list(fresh.members)
            for first, end in ((0, 10 ** 7), (734000, 735000), (735500, 735600)):
                assert prepared.overlapping(first, end) == fresh.overlapping(first, end)
                assert prepared.count_overlapping(first, end) == fresh.count_overlapping(first, end)
