"""The cold-start baseline: a bare Qt window with a table of N trivial rows, timed like casenotes.

Run as ``python bench/perf/bare_window.py ROWS REPORT_FILE``: writes ``{"monotonic": t}``
once the table has painted its rows, then quits.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.perf.trivial_model import TrivialModel  # noqa: E402

# As many columns as the record list (title, kind, date, countries, arrests, notes).
COLUMNS = 6


class Reporter(QObject):
    def __init__(self, app: QApplication, target: str) -> None:
        super().__init__()
        self._app, self._target = app, target

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        with open(self._target, "a", encoding="utf-8") as out:
            out.write(json.dumps({"monotonic": time.monotonic()}) + "\n")
        self._app.quit()


def main() -> int:
    rows, target = int(sys.argv[1]), sys.argv[2]
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    table = QTableView(window)
    table.setModel(TrivialModel(rows, COLUMNS))
    window.setCentralWidget(table)
    window.resize(1360, 860)
    reporter = Reporter(app, target)
    table.viewport().installEventFilter(reporter)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
