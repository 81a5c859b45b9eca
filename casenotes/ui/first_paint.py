"""Telling a benchmark when the window first painted records (``CASENOTES_REPORT_FIRST_PAINT``).

With ``CASENOTES_REPORT_FIRST_PAINT=FILE`` set, the window writes one JSON line to FILE
as soon as the record list has painted rows — ``{"monotonic": seconds, "rows": n,
"peak_rss_mb": m}``, where ``monotonic`` is ``time.monotonic()`` (the same clock in
every process) — and then closes itself. ``bench/perf`` uses it to time a cold start
from the moment it starts the process. Without the variable nothing is installed.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer

ENVIRONMENT_VARIABLE = "CASENOTES_REPORT_FIRST_PAINT"


def peak_rss_mb() -> float | None:
    """The most memory this process has held so far (Linux ``VmHWM``), in MB; None elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class FirstPaintReporter(QObject):
    """Watches the list's viewport; after the first paint that shows rows, reports and closes the window."""

    def __init__(self, window, target: Path) -> None:
        super().__init__(window)
        self._window = window
        self._target = target
        self._viewport = window.record_list.table.viewport()
        self._viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        if event.type() == QEvent.Type.Paint and self._window.record_list.model.rowCount() > 0:
            self._viewport.removeEventFilter(self)
            # Report on the next turn of the event loop: this paint has then finished.
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        line = {"monotonic": time.monotonic(), "rows": self._window.record_list.model.rowCount(),
                "peak_rss_mb": peak_rss_mb()}
        with open(self._target, "a", encoding="utf-8") as out:
            out.write(json.dumps(line) + "\n")
        self._window.close()


def report_first_paint_if_asked(window) -> FirstPaintReporter | None:
    """Install the reporter when ``CASENOTES_REPORT_FIRST_PAINT`` names a file."""
    target = os.environ.get(ENVIRONMENT_VARIABLE)
    return FirstPaintReporter(window, Path(target)) if target else None
