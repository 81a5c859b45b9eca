"""Running the daily check and backup in the background once the window has painted.

See :mod:`casenotes.store.daily_check` for why it is not done before the window opens.
The outcome comes back on the GUI thread: nothing to say when all is well, a notice in
the status bar when the backup failed, and ``damaged(cause)`` when the file is damaged,
which ``casenotes.app`` answers as it would have at start: close the store, move the
files aside, offer the newest good backup.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from casenotes.store.daily_check import DailyCheck, DailyCheckResult

log = logging.getLogger(__name__)


class DailyCheckRunner(QObject):
    """Runs one :class:`DailyCheck` in a thread; ``finished(result)`` arrives on the GUI thread."""

    finished = Signal(object)  # DailyCheckResult

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._check = DailyCheck(data_dir)
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="casenotes-daily-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            result = self._check.run()
        except Exception as error:  # a bug: report it as a failed backup rather than lose the thread
            log.exception("daily check failed")
            result = DailyCheckResult(backup_failure=f"unexpected error: {error}")
        self.finished.emit(result)  # queued to the GUI thread: this object lives there

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout: float = 10.0) -> None:
        """Interrupt the check (the window is closing) and wait for the thread to end."""
        self._check.interrupt()
        if self._thread is not None:
            self._thread.join(timeout)
