"""Relation links kept as sorted arrays find what a dict of lists would have held."""

from array import array

from hypothesis import given
from hypothesis import strategies as st

from casenotes.store.timeline import TimelineData
from casenotes.ui.timeline import steps
from casenotes.ui.timeline.links import Links, build_links, sorted_links_steps
from casenotes.ui.timeline.steps import run_steps, stable_order_steps

NAMES = ("follows", "part_of", "related")


@given(st.lists(st.integers(0, 40), max_size=200), st.sampled_from([1, 3, 8192]))
def test_the_stepped_order_is_a_stable_sort_whatever_the_slice(values, slice_size):
    steps.SLICE = slice_size
    try:
        order = run_steps(stable_order_steps(array("i", values)))
    finally:
        steps.SLICE = 8192
    assert list(order) == sorted(range(len(values)), key=values.__getitem__)


@given(st.lists(st.tuples(st.integers(0, 20), st.integers(0, 20), st.integers(0, 2)), max_size=80))
def test_links_answer_like_a_dict_of_lists_both_ways(entries):
    froms, tos, codes = (array("i", column) for column in zip(*entries)) if entries else (array("i"),) * 3
    links = run_steps(sorted_links_steps(froms, tos, codes, NAMES))
    outgoing: dict[int, list] = {}
    incoming: dict[int, list] = {}
    for source, target, code in entries:
        outgoing.setdefault(source, []).append((target, NAMES[code]))
        incoming.setdefault(target, []).append((source, NAMES[code]))
    assert dict(links.items()) == outgoing and len(links) == len(entries)
    assert all(links.get(index, ()) == outgoing.get(index, ()) for index in range(22))
    assert {index: sorted(found) for index, found in links.reversed().items()} == {
        index: sorted(found) for index, found in incoming.items()}


def test_links_leave_out_undated_ends_and_links_to_itself():
    data = TimelineData.from_rows([
        ("a", "A", "raid", "2015-01-01", None, (), (), None),
        ("b", "B", "raid", "2016-01-01", None, (), (), None),
        ("c", "C", "raid", None, None, (), (), None),
    ], [("b", "a", "follows"), ("a", "c", "related"), ("a", "a", "related"), ("b", "a", "part_of")])
    links = build_links(data)
    assert dict(links.items()) == {1: [(0, "follows"), (0, "part_of")]}
    assert dict(links.reversed().items()) == {0: [(1, "follows"), (1, "part_of")]}
    assert Links.empty().get(0) == () and not len(Links.empty())
