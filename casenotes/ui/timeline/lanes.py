"""Lanes: the records of the timeline grouped by kind, country or agency, indexed by time.

A lane answers "how many records overlap these days" with two binary searches and
"which records overlap these days" by looking only near the answer, so the view's work
per frame depends on what is on screen, not on how many records there are.
No Qt in here.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Generator, Sequence
from functools import partial
from operator import sub

from casenotes.store.countries import country_name
from casenotes.store.models import RECORD_KINDS
from casenotes.store.timeline import TimelineData
from casenotes.ui.timeline.steps import SLICE, compressed, compressed_steps, mapped, mapped_steps, run_steps

__all__ = ["LANE_MODES", "NO_VALUE", "Lane", "build_lanes", "lane_title", "lanes_of_record", "run_steps"]

LANE_MODES = ("kind", "country", "agency")
NO_VALUE = ""  # lane key for records with no country / no agency
# Lanes hold record positions and days as 4-byte ints ("i"): positions stay below 2**31
# and so do day ordinals (the year 9999 is day 3,652,059).
_INT = "i"


class Lane:
    """Records sharing one kind, country or agency, in date order."""

    def __init__(self, key: str, title: str, members: array, data: TimelineData, *, starts: array | None = None) -> None:
        self.key = key
        self.title = title
        self.members = members  # record indexes, ascending = date order
        self._data = data
        # ascending; given when the caller has them already
        self.starts = starts if starts is not None else mapped(_INT, data.starts.__getitem__, members)
        self._ends: array | None = None
        self._buckets: list[tuple[int, array, array]] | None = None
        self._peaks: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self.members)

    def prepare(self) -> Lane:
        """Build now what the first paint would build (sorted last days, length buckets).

        For a lane of a million records that is about a second of Python; the window does
        it in a worker thread so the paint does not freeze the window.
        """
        self.ends  # noqa: B018 (built on first use)
        self._duration_buckets()
        return self

    @property
    def ends(self) -> array:
        """Each member's last day, ascending (built on first use; 4 bytes each, not a list of ints)."""
        if self._ends is None:
            self._ends = array(_INT, sorted(mapped(_INT, self._data.ends.__getitem__, self.members)))
        return self._ends

    def count_overlapping(self, first_day: float, end_day: float) -> int:
        """How many members overlap the days [first_day, end_day).

        Those are the members starting before ``end_day`` less those whose last day is
        before ``first_day`` (which all started before it too).
        """
        return bisect_left(self.starts, end_day) - bisect_right(self.ends, first_day - 1)

    def counts_between(self, edges: Sequence[float]) -> list[int]:
        """Members overlapping each interval [edges[k], edges[k+1])."""
        # map() over a partial keeps the per-edge work inside C: this runs for every
        # histogram column of every zoomed-out lane, every frame.
        started = map(partial(bisect_left, self.starts), edges[1:])
        ended = map(partial(bisect_right, self.ends), [edge - 1 for edge in edges[:-1]])
        return list(map(sub, started, ended))

    def overlapping(self, first_day: float, end_day: float) -> list[int]:
        """Record indexes overlapping [first_day, end_day), in date order."""
        found: list[int] = []
        ends = self._data.ends
        for longest, starts, members in self._duration_buckets():
            low = bisect_left(starts, first_day - longest)
            high = bisect_left(starts, end_day, low)
            found.extend(i for i in members[low:high] if ends[i] + 1 > first_day)
        found.sort()
        return found

    def contains(self, index: int) -> bool:
        """Whether record ``index`` is in this lane (a binary search, not a scan)."""
        return self.position_of(index) is not None

    def position_of(self, index: int) -> int | None:
        """Where record ``index`` sits among the members, or None."""
        day = self._data.starts[index]
        low = bisect_left(self.starts, day)
        high = bisect_right(self.starts, day, low)
        for position in range(low, high):
            if self.members[position] == index:
                return position
        return None

    def first_overlapping(self, first_day: float, end_day: float) -> int | None:
        """The earliest record (in date order) overlapping [first_day, end_day), or None."""
        best = None
        ends = self._data.ends
        for longest, starts, members in self._duration_buckets():
            low = bisect_left(starts, first_day - longest)
            high = bisect_left(starts, end_day, low)
            for position in range(low, high):
                index = members[position]
                if best is not None and index >= best:
                    break
                if ends[index] + 1 > first_day:
                    best = index
                    break
        return best

    def nearest(self, day: float) -> int | None:
        """The member whose first day is closest to ``day`` (earlier wins a tie)."""
        if not self.members:
            return None
        position = bisect_left(self.starts, day)
        candidates = [p for p in (position - 1, position) if 0 <= p < len(self.members)]
        best = min(candidates, key=lambda p: (abs(self.starts[p] - day), p))
        return self.members[best]

    def peak_count(self, window_days: int) -> int:
        """The most members overlapping any window of ``window_days`` (sampled; cached)."""
        window_days = max(1, int(window_days))
        if window_days not in self._peaks:
            peak = 0
            if self.members:
                first, last = self.starts[0], self.ends[-1] + 1
                # Sample at most ~4096 windows so a long, finely zoomed lane stays cheap.
                step = max(window_days, (last - first) // 4096 + 1)
                counts = self.counts_between(range(first, last + 2 * step, step))
                peak = max(counts, default=0)
                if step > window_days:
                    peak = -(-peak * window_days // step)
            self._peaks[window_days] = max(peak, 1)
        return self._peaks[window_days]

    def restricted(self, mask: bytes | bytearray) -> Lane:
        """The same lane holding only the members whose ``mask`` byte is set."""
        return run_steps(self.restricted_steps(mask))

    def restricted_steps(self, mask: bytes | bytearray) -> Generator[None, None, Lane]:
        """:meth:`restricted` in steps of about a millisecond (a generator returning the lane).

        The loops run in C, a slice at a time; its length buckets are cut from this lane's
        when they are built, and the lane comes out ready to paint. The window runs the
        steps on the GUI thread between events (``casenotes.ui.sliced_task``): in a worker
        thread they would fight the GUI thread for the GIL.
        """
        keep = array("B")
        yield from mapped_steps(mask.__getitem__, self.members, keep)
        members, starts = array(_INT), array(_INT)
        yield from compressed_steps(self.members, keep, members)
        yield from compressed_steps(self.starts, keep, starts)
        lane = Lane(self.key, self.title, members, self._data, starts=starts)
        if self._buckets is not None:
            lane._buckets = []
            for longest, bucket_starts, bucket_members in self._buckets:
                kept, cut_starts, cut_members = array("B"), array(_INT), array(_INT)
                yield from mapped_steps(mask.__getitem__, bucket_members, kept)
                yield from compressed_steps(bucket_starts, kept, cut_starts)
                yield from compressed_steps(bucket_members, kept, cut_members)
                lane._buckets.append((longest, cut_starts, cut_members))
        ends = array(_INT)
        yield from mapped_steps(self._data.ends.__getitem__, members, ends)
        lane._ends = array(_INT, sorted(ends))  # nearly in order already (members are by first day): fast
        yield
        if lane._buckets is None:
            lane._duration_buckets()
        return lane

    def _duration_buckets(self) -> list[tuple[int, array, array]]:
        """Members split by length (up to 1, 2, 4, ... days), each part in date order.

        A record overlapping [a, b) starts before b and no earlier than a minus its
        length, so within a bucket only starts in [a - longest, b) need checking.
        """
        if self._buckets is None:
            ends = mapped(_INT, self._data.ends.__getitem__, self.members)
            # A length of n days goes in the bucket of the power of two >= n: (n - 1).bit_length().
            powers = array("B")
            for start in range(0, len(ends), SLICE):
                powers.extend(map(int.bit_length, map(sub, ends[start:start + SLICE], self.starts[start:start + SLICE])))
            self._buckets = []
            for power in sorted(set(powers)):
                keep = mapped("B", power.__eq__, powers)
                self._buckets.append((1 << power, compressed(self.starts, keep), compressed(self.members, keep)))
        return self._buckets


def build_lanes(data: TimelineData, mode: str) -> list[Lane]:
    """The lanes for ``mode`` ('kind', 'country' or 'agency'), in display order.

    Kinds keep the data model's order; countries and agencies go busiest first, with a
    lane for records that name none at the end.
    """
    if mode not in LANE_MODES:
        raise ValueError(f"unknown lane mode {mode!r}; expected one of {', '.join(LANE_MODES)}")
    groups: dict[str, array] = {}
    if mode == "kind":
        # Each kind's records, gathered by the kind's code (no string per record).
        appenders = [groups.setdefault(kind, array(_INT)).append for kind in data.kinds.values]
        for i, code in enumerate(data.kinds.codes):
            appenders[code](i)
        order = [kind for kind in RECORD_KINDS if kind in groups] + sorted(k for k in groups if k not in RECORD_KINDS)
        return [Lane(kind, kind.capitalize(), groups[kind], data) for kind in order]
    column = data.countries if mode == "country" else data.agencies
    appenders = [groups.setdefault(name, array(_INT)).append for name in column.names]
    for i, code in column.entries():
        appenders[code](i)
    nothing = array(_INT, column.empty_rows())
    if nothing:
        groups[NO_VALUE] = nothing
    order = sorted((k for k in groups if k != NO_VALUE), key=lambda k: (-len(groups[k]), k.casefold()))
    if NO_VALUE in groups:
        order.append(NO_VALUE)
    return [Lane(key, lane_title(mode, key), groups[key], data) for key in order]


def lane_title(mode: str, key: str) -> str:
    if key == NO_VALUE:
        return "No country" if mode == "country" else "No agency"
    if mode == "country":
        return country_name(key)
    return key


def lanes_of_record(lanes: Sequence[Lane], data: TimelineData, mode: str, index: int) -> list[int]:
    """Positions (in ``lanes``) of the lanes that hold record ``index``."""
    if mode == "kind":
        keys = (data.kinds[index],)
    else:
        keys = (data.countries if mode == "country" else data.agencies)[index] or (NO_VALUE,)
    wanted = set(keys)
    return [position for position, lane in enumerate(lanes) if lane.key in wanted]
