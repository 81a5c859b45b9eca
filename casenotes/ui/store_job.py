"""Running a long store operation in a worker thread with its own database connection.

SQLite connections must stay in the thread that made them, so the job opens the store
again by path inside the worker thread and closes it there. Results come back as Qt
signals, delivered in the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from casenotes.store import Store, StoreError
from casenotes.store.interchange import ImportCancelled

log = logging.getLogger(__name__)

# work(store, report_progress) -> result; report_progress(done, total) raises
# ImportCancelled once the job has been cancelled.
Work = Callable[[Store, Callable[[int, int], None]], object]


class _Worker(QObject):
    progressed = Signal(int)  # percent done
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, database_path: Path, work: Work, cancel_requested: threading.Event) -> None:
        super().__init__()
        self._database_path = database_path
        self._work = work
        self._cancel_requested = cancel_requested
        self._percent = -1

    def _report(self, done: int, total: int) -> None:
        if self._cancel_requested.is_set():
            raise ImportCancelled("cancelled")
        percent = min(100, done * 100 // total) if total else 100
        if percent != self._percent:
            self._percent = percent
            self.progressed.emit(percent)

    @Slot()
    def run(self) -> None:
        try:
            with Store.open(self._database_path) as store:
                result = self._work(store, self._report)
        except ImportCancelled:
            self.cancelled.emit()
        except StoreError as error:
            self.failed.emit(str(error))
        except Exception as error:  # a bug: report it in one line rather than lose the thread
            log.exception("store job failed")
            self.failed.emit(f"Unexpected error: {type(error).__name__}: {error}")
        else:
            self.succeeded.emit(result)


class StoreJob(QObject):
    """One run of ``work`` on a fresh connection to the database at ``database_path``.

    Connect to the signals, then :meth:`start`. Exactly one of ``succeeded``,
    ``failed`` or ``cancelled`` is emitted, then ``finished``.
    """

    progressed = Signal(int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, database_path: Path, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel_requested = threading.Event()
        self._thread = QThread(self)
        self._worker = _Worker(Path(database_path), work, self._cancel_requested)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self.progressed)
        for outcome in (self._worker.succeeded, self._worker.failed, self._worker.cancelled):
            outcome.connect(self._thread.quit)
        self._worker.succeeded.connect(self.succeeded)
        self._worker.failed.connect(self.failed)
        self._worker.cancelled.connect(self.cancelled)
        self._thread.finished.connect(self.finished)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        """Ask the job to stop at its next progress report (safe from any thread)."""
        self._cancel_requested.set()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def wait(self, milliseconds: int = 30_000) -> bool:
        """Block until the worker thread has ended (for closing the window mid-job)."""
        return self._thread.wait(milliseconds)
