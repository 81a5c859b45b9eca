"""Work the timeline does on new data, done beforehand in a worker thread.

At a million records building the relation links and the lanes takes about a second and
restricting the lanes to a search's matches a few hundred milliseconds: on the GUI thread
that would freeze the window. These functions are plain Python over the data (no Qt
objects), so the window runs them next to the store query that produced the data and
hands the results to :meth:`TimelineView.set_data` and :meth:`TimelineView.set_matching_mask`.
"""

from __future__ import annotations

import gc
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field

from casenotes.store.database import Store
from casenotes.store.timeline import TimelineData, load_timeline
from casenotes.ui.timeline.lanes import Lane, build_lanes, run_steps

_STEP = 8192  # keys per step of matching_mask_steps
from casenotes.ui.timeline.relations import build_links, incoming_links


@dataclass(frozen=True, eq=False)
class PreparedTimeline:
    """Data with its links and its lanes for one lane mode."""

    data: TimelineData
    mode: str
    links: dict[int, list[tuple[int, str]]] = field(repr=False)
    incoming: dict[int, list[tuple[int, str]]] = field(repr=False)
    lanes: list[Lane] = field(repr=False)


def prepare_timeline(data: TimelineData, mode: str) -> PreparedTimeline:
    """Everything set_data would compute for ``data`` shown in lanes by ``mode``."""
    links = build_links(data, data.relations)
    lanes = [lane.prepare() for lane in build_lanes(data, mode)]
    return PreparedTimeline(data, mode, links, incoming_links(links), lanes)


def restricted_lanes(lanes: Sequence[Lane], mask: bytes | bytearray) -> list[Lane]:
    """The lanes holding only the records whose ``mask`` byte is set (what a search dims the rest by)."""
    return [run_steps(lane.restricted_steps(mask)) for lane in lanes]


def matching_mask(keys: Sequence[int], data: TimelineData) -> bytearray:
    """One byte per record of ``data``: 1 when its key is among ``keys`` (the listed records)."""
    return run_steps(matching_mask_steps(keys, data))


def matching_mask_steps(keys: Sequence[int], data: TimelineData) -> Generator[None, None, bytearray]:
    """:func:`matching_mask` in steps of about a millisecond (a generator returning the mask)."""
    listed: set[int] = set()
    for start in range(0, len(keys), _STEP):
        listed.update(keys[start:start + _STEP])
        yield
    mask = bytearray(len(data))
    for start in range(0, len(data), _STEP):
        mask[start:start + _STEP] = bytes(map(listed.__contains__, data.keys[start:start + _STEP]))
        yield
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
