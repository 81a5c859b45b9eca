"""Noticing changes other programs (the command line) made to the store while the window is open."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from casenotes.store import Store

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_MS = 1500


class StoreWatcher(QObject):
    """Polls :meth:`Store.data_version` and emits ``changed`` when another connection committed.

    The window's own saves do not change the value, so it does not reload after
    its own writes. Polling one PRAGMA is a few microseconds and holds no lock.
    """

    changed = Signal()

    def __init__(self, store: Store, interval_ms: int = DEFAULT_INTERVAL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._last = store.data_version()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        self._last = self.store.data_version()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def is_active(self) -> bool:
        return self._timer.isActive()

    def poll(self) -> bool:
        """Check once; emit ``changed`` and return True if another program changed the store."""
        try:
            version = self.store.data_version()
        except Exception as error:  # noqa: BLE001 - a closed or vanished store: stop watching quietly
            log.info("store watcher stopped: %s", error)
            self.stop()
            return False
        if version == self._last:
            return False
        self._last = version
        self.changed.emit()
        return True
