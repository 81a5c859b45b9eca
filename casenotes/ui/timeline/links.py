"""Relations between the timeline's records as positions: what the arrows are drawn from.

A million records have ~200,000 relations. Kept as three arrays sorted by the record they
start from (found with a binary search, after a byte per record says whether there is
anything to find) they take ~3.5 MB each way, where a dict of lists of tuples took ~30 MB.
No Qt in here.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import deque
from collections.abc import Generator, Iterator, Sequence
from itertools import repeat

from casenotes.store.timeline import TimelineData
from casenotes.ui.timeline.steps import SLICE, mapped_steps, run_steps, stable_order_steps


class Links:
    """For each record, the records it relates to and how: ``get(i)`` -> ``[(j, relation), ...]``.

    ``names`` are the relation names; entries refer to them by code. Entries from one
    record keep the order they were given in.
    """

    __slots__ = ("_froms", "_tos", "_codes", "names", "_has_entries")

    def __init__(self, froms: array, tos: array, codes: array, names: Sequence[str],
                 has_entries: bytearray | None = None) -> None:
        self._froms = froms  # ascending
        self._tos = tos
        self._codes = codes
        self.names = tuple(names)
        # A byte per record, 1 where it has entries: most records have none, and a frame
        # asks for each of up to 1,500 marks (a byte is ~20x faster than two bisections).
        if has_entries is None:
            has_entries = bytearray(froms[-1] + 1 if froms else 0)
            deque(map(has_entries.__setitem__, froms, repeat(1)), maxlen=0)
        self._has_entries = has_entries

    @classmethod
    def empty(cls) -> Links:
        return cls(array("i"), array("i"), array("i"), ())

    def get(self, index: int, default=()) -> list[tuple[int, str]] | tuple:
        """The records ``index`` relates to, with the relation's name, or ``default``."""
        if not 0 <= index < len(self._has_entries) or not self._has_entries[index]:
            return default
        froms = self._froms
        low = bisect_left(froms, index)
        high, end = low + 1, len(froms)
        while high < end and froms[high] == index:  # a record has a handful at most
            high += 1
        names, tos, codes = self.names, self._tos, self._codes
        return [(tos[position], names[codes[position]]) for position in range(low, high)]

    def __len__(self) -> int:
        return len(self._froms)

    def items(self) -> Iterator[tuple[int, list[tuple[int, str]]]]:
        """(record, its entries) for every record with entries, in record order."""
        position = 0
        while position < len(self._froms):
            index = self._froms[position]
            entries = self.get(index)
            yield index, entries
            position += len(entries)

    def reversed_steps(self) -> Generator[None, None, Links]:
        """The same relations seen from their other end (incoming arrows), in steps."""
        return sorted_links_steps(self._tos, self._froms, self._codes, self.names)

    def reversed(self) -> Links:
        return run_steps(self.reversed_steps())


def sorted_links_steps(froms: array, tos: array, codes: array, names: Sequence[str]) -> Generator[None, None, Links]:
    """:class:`Links` of these entries, ordered by ``froms`` in steps of about a millisecond."""
    order = yield from stable_order_steps(froms)
    columns = []
    for column in (froms, tos, codes):
        out = array("i")
        yield from mapped_steps(column.__getitem__, order, out)
        columns.append(out)
    has_entries = bytearray(columns[0][-1] + 1 if columns[0] else 0)
    for start in range(0, len(froms), SLICE):
        deque(map(has_entries.__setitem__, froms[start:start + SLICE], repeat(1)), maxlen=0)
        yield
    return Links(*columns, names, has_entries)


def build_links_steps(data: TimelineData) -> Generator[None, None, Links]:
    """The data's relations between dated records (none from a record to itself), in steps."""
    count = len(data)
    froms, tos, codes = array("i"), array("i"), array("i")
    relations = zip(data.relation_sources, data.relation_targets, data.relation_kinds.codes)
    for number, (source, target, code) in enumerate(relations, 1):
        if source < count and target < count and source != target:
            froms.append(source)
            tos.append(target)
            codes.append(code)
        if not number % 8192:
            yield
    return (yield from sorted_links_steps(froms, tos, codes, data.relation_kinds.values))


def build_links(data: TimelineData) -> Links:
    """Relations as record positions, dropping those with an undated end."""
    return run_steps(build_links_steps(data))


def incoming_links(links: Links) -> Links:
    """The same relations by the record they point to."""
    return links.reversed()
