"""Running long Python work on the GUI thread a few milliseconds at a time, between events.

CPU-bound Python in a worker thread does not leave the GUI thread alone: both need the
GIL, and the GUI thread takes it for every call from Qt into Python (a table repaint
makes hundreds), so it ends up waiting for the worker again and again. Work written as
a generator that yields every millisecond or so runs here instead, in slices of a few
milliseconds from a zero-interval timer: paints and keystrokes go in between.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator

from PySide6.QtCore import QObject, QTimer

SLICE_SECONDS = 0.008


class SlicedTask(QObject):
    """Runs ``steps`` to its end in slices; ``on_done(result)`` gets what the generator returned.

    Keep a reference (or give it a parent) while it runs.
    """

    def __init__(self, steps: Generator, on_done: Callable[[object], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._steps = steps
        self._on_done = on_done
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._run_slice)
        self._timer.start()

    def _run_slice(self) -> None:
        deadline = time.perf_counter() + SLICE_SECONDS
        try:
            while time.perf_counter() < deadline:
                next(self._steps)
        except StopIteration as finished:
            self._timer.stop()
            self._on_done(finished.value)
            self.deleteLater()

    def is_running(self) -> bool:
        return self._timer.isActive()

    def cancel(self) -> None:
        """Stop without calling ``on_done``."""
        self._timer.stop()
        self._steps.close()
        self.deleteLater()
