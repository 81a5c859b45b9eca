"""Work on a million records in steps of about a millisecond (no Qt in here).

One C call holds the GIL until it returns, and the GUI thread needs the GIL for every
call from Qt into Python (a table repaint makes hundreds): a worker thread that sorts
or copies a million elements in one call freezes the window meanwhile. These helpers do
the same work a slice at a time, as generators: a worker runs them through with
:func:`run_steps`, the GUI thread a few steps between events (``casenotes.ui.sliced_task``).
"""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Generator, Iterator
from itertools import compress, islice
from typing import TypeVar

SLICE = 8192  # elements per C-level call: ~1 ms or less
T = TypeVar("T")


def run_steps(steps: Generator[None, None, T]) -> T:
    """Run a generator of steps to its end and return what it returns."""
    while True:
        try:
            next(steps)
        except StopIteration as finished:
            return finished.value


def mapped_steps(function, values, out: array) -> Iterator[None]:
    """Append map(function, values) to ``out``, a slice per step."""
    for start in range(0, len(values), SLICE):
        out.extend(map(function, values[start:start + SLICE]))
        yield


def compressed_steps(values: array, keep: array, out: array) -> Iterator[None]:
    """Append the values whose ``keep`` entry is true to ``out``, a slice per step."""
    for start in range(0, len(values), SLICE):
        out.extend(compress(values[start:start + SLICE], keep[start:start + SLICE]))
        yield


def mapped(typecode: str, function, values) -> array:
    """array(typecode, map(function, values)), a slice at a time."""
    out = array(typecode)
    run_steps(mapped_steps(function, values, out))
    return out


def compressed(values: array, keep: array) -> array:
    """The values whose ``keep`` entry is true, a slice at a time."""
    out = array(values.typecode)
    run_steps(compressed_steps(values, keep, out))
    return out


def stable_order_steps(values: array) -> Generator[None, None, array]:
    """The positions of ``values`` ordered by value, equal values in their own order.

    Slices are sorted one by one and then merged (``heapq.merge`` runs in Python, so it
    gives the GIL up as it goes). Each position and its value travel as one int,
    ``value * len(values) + position``, which sorts the same and costs no tuple.
    """
    count = len(values)
    runs = []
    for start in range(0, count, SLICE):
        runs.append(sorted(value * count + position
                           for position, value in enumerate(values[start:start + SLICE], start)))
        yield
    order = array("i")
    merged = heapq.merge(*runs)
    while len(order) < count:
        order.extend(combined % count for combined in islice(merged, SLICE))
        yield
    return order
