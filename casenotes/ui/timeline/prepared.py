"""Work the timeline does on new data, done beforehand in a worker thread.

At a million records building the relation links and the lanes takes about a second and
restricting the lanes to a search's matches a few hundred milliseconds: on the GUI thread
that would freeze the window. These functions are plain Python over the data (no Qt
objects), so the window runs them next to the store query that produced the data and
hands the results to :meth:`TimelineView.set_data` and :meth:`TimelineView.set_matching_mask`.
"""

from __future__ import annotations

import gc
from collections import deque
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from itertools import repeat

from casenotes.store.database import Store
from casenotes.store.timeline import TimelineData, load_timeline
from casenotes.ui.timeline.lanes import Lane, build_lanes
from casenotes.ui.timeline.links import Links, build_links_steps
from casenotes.ui.timeline.steps import run_steps

_STEP = 8192  # keys per step of matching_mask_steps


@dataclass(frozen=True, eq=False)
class PreparedTimeline:
    """Data with its links and its lanes for one lane mode."""

    data: TimelineData
    mode: str
    links: Links = field(repr=False)
    incoming: Links = field(repr=False)
    lanes: list[Lane] = field(repr=False)


def prepare_timeline(data: TimelineData, mode: str) -> PreparedTimeline:
    """Everything set_data would compute for ``data`` shown in lanes by ``mode``."""
    links = run_steps(build_links_steps(data))
    incoming = run_steps(links.reversed_steps())
    lanes = [lane.prepare() for lane in build_lanes(data, mode)]
    return PreparedTimeline(data, mode, links, incoming, lanes)


def restricted_lanes(lanes: Sequence[Lane], mask: bytes | bytearray) -> list[Lane]:
    """The lanes holding only the records whose ``mask`` byte is set (what a search dims the rest by)."""
    return [run_steps(lane.restricted_steps(mask)) for lane in lanes]


def matching_mask(keys: Sequence[int], data: TimelineData) -> bytearray:
    """One byte per record of ``data``: 1 when its key is among ``keys`` (the listed records)."""
    return run_steps(matching_mask_steps(keys, data))


def matching_mask_steps(keys: Sequence[int], data: TimelineData) -> Generator[None, None, bytearray]:
    """:func:`matching_mask` in steps of about a millisecond (a generator returning the mask).

    Each listed key's position comes from the data's key table (in C, a slice at a
    time); keys of records the timeline does not hold land on one extra byte, dropped at
    the end. No set of the listed keys is built (at a million keys that was ~60 MB).
    """
    positions = data.key_positions()
    mask = bytearray(len(data) + 1)  # the last byte: keys the timeline does not hold
    for start in range(0, len(keys), _STEP):
        deque(map(mask.__setitem__, positions.positions(keys[start:start + _STEP]), repeat(1)), maxlen=0)
        yield
    del mask[-1]
    return mask


def timeline_matches_steps(
    keys: Sequence[int], data: TimelineData, lanes: Sequence[Lane],
) -> Generator[None, None, tuple[bytearray, list[Lane]]]:
    """The mask of the listed records and the lanes restricted to it, in small steps.

    At a million records this is about a second of Python. The window runs it on the
    GUI thread a few milliseconds at a time between events (``casenotes.ui.sliced_task``):
    run in a worker thread it took the GIL from the GUI thread, which needs it for each
    of the hundreds of calls a repaint makes into Python, and froze the window.
    """
    mask = yield from matching_mask_steps(keys, data)
    restricted = []
    for lane in lanes:
        restricted.append((yield from lane.restricted_steps(mask)))
    return mask, restricted


def load_prepared_timeline(store: Store, mode: str) -> PreparedTimeline:
    """:func:`load_timeline` and :func:`prepare_timeline` in one go, for a worker thread.

    Building a million records' worth of Python objects sets off Python's full garbage
    collection again and again, each pass holding the GIL (and so freezing the window)
    for 150-250 ms while it walks every object. The collector is off while they are
    built, and what was built is then moved out of its reach (``gc.freeze``): it lives
    until the next reload and holds no reference cycles, so refcounting frees it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        prepared = prepare_timeline(load_timeline(store), mode)
        gc.freeze()
        return prepared
    finally:
        if was_enabled:
            gc.enable()
