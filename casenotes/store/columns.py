"""Compact columns for the timeline's million records (no Qt in here).

A Python ``str`` costs ~50 bytes before its first character, an ``int`` 28 and a list
slot 8: a list of a million titles was ~90 MB where the text is ~30 MB. These columns
keep the values in arrays and buffers and make a Python object only for the value
asked for, which is what a frame needs (the few hundred marks drawn and described).
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Hashable, Iterable, Iterator, Sequence
from itertools import chain, compress, islice, repeat
from operator import eq, sub
from typing import Generic, TypeVar, overload

T = TypeVar("T", bound=Hashable)
_SLICE = 8192  # elements per C-level call, so no single call holds the GIL for long
# Text is kept as UTF-8; "surrogatepass" lets any Python string through and keeps byte
# order equal to code point order (and so to SQLite's BINARY collation and str's order).
_ERRORS = "surrogatepass"


class PackedStrings(Sequence[str]):
    """Strings in one UTF-8 buffer plus where each ends: ~1 byte a character and 8 bytes each."""

    __slots__ = ("_buffer", "_ends")

    def __init__(self, values: Iterable[str] = ()) -> None:
        self._buffer = bytearray()
        self._ends = array("q")
        for value in values:
            self.append(value)

    def append(self, value: str) -> None:
        self._buffer += value.encode("utf-8", _ERRORS)
        self._ends.append(len(self._buffer))

    def encoded(self, index: int) -> bytes:
        """The UTF-8 bytes of one string (what comparisons in byte order use)."""
        ends = self._ends
        if index < 0:
            index += len(ends)
        return bytes(self._buffer[ends[index - 1] if index else 0:ends[index]])

    def __len__(self) -> int:
        return len(self._ends)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index):
        # Asked for every label of every frame (up to 1,500): kept to one slice and one decode.
        ends = self._ends
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(ends)))]
        if index < 0:
            index += len(ends)
            if index < 0:
                raise IndexError("string index out of range")
        return self._buffer[ends[index - 1] if index else 0:ends[index]].decode("utf-8", _ERRORS)

    def __iter__(self) -> Iterator[str]:
        # Slices, not a memoryview: a view held by a half-read iterator would stop append().
        buffer, start = self._buffer, 0
        for end in self._ends:
            yield buffer[start:end].decode("utf-8", _ERRORS)
            start = end

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (PackedStrings, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  (mutable, compared by value)

    def __repr__(self) -> str:
        return f"PackedStrings({list(self)!r})"

    def reordered(self, order: Sequence[int]) -> PackedStrings:
        """The same strings in the order of positions ``order``."""
        return PackedStrings(self[i] for i in order)

    def nbytes(self) -> int:
        """Bytes held in the buffer and the offsets (for tests and measurements)."""
        return len(self._buffer) + self._ends.itemsize * len(self._ends)


class SharedValues(Sequence[T], Generic[T]):
    """A column of few distinct values (kinds, country lists): one 4-byte code per row.

    Each distinct value is one object, so equal values are the very same object.
    """

    __slots__ = ("codes", "values", "_code_of")

    def __init__(self, values: Iterable[T] = ()) -> None:
        self.codes = array("i")  # per row, the position of its value in ``values``
        self.values: list[T] = []  # each distinct value once, in order of first appearance
        self._code_of: dict[T, int] = {}
        for value in values:
            self.append(value)

    def append(self, value: T) -> None:
        code = self._code_of.get(value)
        if code is None:
            code = self._code_of[value] = len(self.values)
            self.values.append(value)
        self.codes.append(code)

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self.values[code] for code in self.codes[index]]
        return self.values[self.codes[index]]

    def __iter__(self) -> Iterator[T]:
        return map(self.values.__getitem__, self.codes)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (SharedValues, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def reordered(self, order: Sequence[int]) -> SharedValues[T]:
        column: SharedValues[T] = SharedValues()
        column.values, column._code_of = list(self.values), dict(self._code_of)
        column.codes = array("i", (self.codes[i] for i in order))
        return column


class NameLists(Sequence[tuple[str, ...]]):
    """Per row a short tuple of names from a small vocabulary (a record's countries, its agencies).

    Each name is stored once; a row is a run of 2-byte codes, found through an offsets
    array. A million records name ~400,000 different country lists: a tuple for each cost
    ~40 MB, this ~8 MB. Rows are built as tuples when asked for.
    """

    __slots__ = ("names", "_code_of", "_codes", "_offsets")

    def __init__(self, rows: Iterable[Iterable[str]] = ()) -> None:
        self.names: list[str] = []  # each distinct name once, in order of first appearance
        self._code_of: dict[str, int] = {}
        self._codes = array("H")
        self._offsets = array("i", [0])
        for row in rows:
            self.append(row)

    def append(self, row: Iterable[str]) -> None:
        code_of, codes = self._code_of, self._codes
        for name in row:
            code = code_of.get(name)
            if code is None:
                code = code_of[name] = len(self.names)
                self.names.append(name)
                if code > 0xFFFF and codes.typecode == "H":
                    codes = self._codes = array("i", codes)
            codes.append(code)
        self._offsets.append(len(codes))

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def codes(self, index: int) -> array:
        """The codes (positions in ``names``) of one row."""
        if index < 0:
            index += len(self)
        return self._codes[self._offsets[index]:self._offsets[index + 1]]

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError("row index out of range")
        return tuple(map(self.names.__getitem__, self.codes(index)))

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (NameLists, list, tuple)):
            return len(self) == len(other) and all(a == tuple(b) for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def entries(self) -> Iterator[tuple[int, int]]:
        """(row, code) for every name of every row, in row order (the loop runs in C)."""
        offsets = self._offsets
        lengths = map(sub, islice(offsets, 1, None), offsets)
        return zip(chain.from_iterable(map(repeat, range(len(self)), lengths)), self._codes)

    def empty_rows(self) -> Iterator[int]:
        """The rows that name nothing (found in C, a slice of rows per call)."""
        offsets = self._offsets
        for start in range(0, len(self), _SLICE):
            stop = min(start + _SLICE, len(self))
            yield from compress(range(start, stop), map(eq, offsets[start + 1:stop + 1], offsets[start:stop]))

    def reordered(self, order: Sequence[int]) -> NameLists:
        column = NameLists()
        column.names, column._code_of = list(self.names), dict(self._code_of)
        column._codes = array(self._codes.typecode)
        for index in order:
            column._codes.extend(self.codes(index))
            column._offsets.append(len(column._codes))
        return column

    def nbytes(self) -> int:
        return self._codes.itemsize * len(self._codes) + self._offsets.itemsize * len(self._offsets)


class OptionalInts:
    """A column of integers or None, 8 bytes each (a list of Python ints costs 36)."""

    __slots__ = ("_values",)
    _NONE = -(2 ** 63)

    def __init__(self, values: Iterable[int | None] = ()) -> None:
        self._values = array("q", (self._NONE if value is None else value for value in values))

    def append(self, value: int | None) -> None:
        self._values.append(self._NONE if value is None else value)

    def __getitem__(self, index: int) -> int | None:
        value = self._values[index]
        return None if value == self._NONE else value

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self):
        return (None if value == self._NONE else value for value in self._values)

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, (OptionalInts, list)) else NotImplemented

    __hash__ = None  # type: ignore[assignment]


class KeyPositions:
    """Where each record key sits in a column of keys, or ``missing`` for a key not in it.

    Record keys are SQLite rowids, close to 1..count: a table indexed by key (4 bytes a
    key) answers a million lookups in C, where a dict of a million ints costs ~70 MB.
    Keys too far apart for that (a store whose keys were set by hand) get a dict.
    """

    __slots__ = ("missing", "_table", "_dict")

    def __init__(self, keys: Sequence[int], missing: int) -> None:
        self.missing = missing
        self._table: array | None = None
        self._dict: dict[int, int] | None = None
        if not keys:
            self._table = array("i", [missing])
            return
        starts = range(0, len(keys), _SLICE)
        low = min(min(keys[start:start + _SLICE]) for start in starts)
        high = max(max(keys[start:start + _SLICE]) for start in starts)
        if low >= 0 and high <= 4 * len(keys) + 1024:
            # One slot per key up to the highest, and one more that every key outside answers.
            table = array("i", [missing]) * (high + 2)
            for start in range(0, len(keys), _SLICE):
                deque(map(table.__setitem__, keys[start:start + _SLICE], range(start, start + _SLICE)), maxlen=0)
            self._table = table
        else:
            self._dict = {}
            for position, key in enumerate(keys):
                self._dict[key] = position

    def get(self, key: int) -> int:
        """The position of ``key``, or ``missing``."""
        if self._dict is not None:
            return self._dict.get(key, self.missing)
        table = self._table
        assert table is not None
        return table[key] if 0 <= key < len(table) - 1 else self.missing

    def positions(self, keys: Sequence[int]) -> Iterator[int]:
        """The position of each of ``keys`` (``missing`` for the unknown), looked up in C.

        Meant for a slice of keys at a time: it checks the slice's range first.
        """
        if self._dict is not None:
            return map(self._dict.get, keys, repeat(self.missing))
        table = self._table
        assert table is not None
        outside = len(table) - 1
        if keys and (min(keys) < 0 or max(keys) >= outside):
            keys = [key if 0 <= key < outside else outside for key in keys]
        return map(table.__getitem__, keys)

    def nbytes(self) -> int:
        if self._table is not None:
            return self._table.itemsize * len(self._table)
        return 0  # a dict: not measured
