"""Splitting long id lists for ``IN (...)`` queries."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

# Ids per IN (...) list: well under SQLite's limit of 32,766 variables a statement, and
# large enough that the per-statement cost does not show.
BATCH_SIZE = 500

T = TypeVar("T")


def batches(items: Sequence[T], size: int = BATCH_SIZE) -> Iterator[list[T]]:
    """``items`` in consecutive lists of at most ``size``."""
    for start in range(0, len(items), size):
        yield list(items[start:start + size])


def marks(values: Sequence[object]) -> str:
    """``(?, ?, ?)``: one placeholder for each value, in brackets, for ``IN``."""
    return "(" + ", ".join("?" * len(values)) + ")"
