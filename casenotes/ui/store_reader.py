"""Runs read-only store queries off the GUI thread, newest request first.

A query the user has already replaced (another keystroke, another sort) is skipped or
interrupted, so typing never waits for a search that no longer matters.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMetaObject, QObject, Qt, QThread, QTimer, Signal, Slot

from casenotes.store import Store, StoreError

log = logging.getLogger(__name__)

Query = Callable[[Store], Any]


class _Worker(QObject):
    """Lives on the reader thread and owns that thread's own connection."""

    done = Signal(str, int, object)
    failed = Signal(str, int, str)

    def __init__(self, database: Path) -> None:
        super().__init__()
        self._database = database
        self._store: Store | None = None
        self.latest: dict[str, int] = {}
        self.running_channel: str | None = None

    @Slot(str, int, object)
    def run(self, channel: str, request: int, query: Query) -> None:
        for _attempt in range(2):
            if request < self.latest.get(channel, 0):
                return  # superseded while it waited or ran
            try:
                if self._store is None:
                    self._store = Store.open(self._database, migrate=False)
                self.running_channel = channel
                result = query(self._store)
            except sqlite3.OperationalError as error:
                if "interrupted" in str(error):
                    continue  # stopped for a newer request, maybe of another channel: rerun if still wanted
                self._fail(channel, request, error)
                return
            except (StoreError, sqlite3.Error) as error:
                self._fail(channel, request, error)
                return
            finally:
                self.running_channel = None
            self.done.emit(channel, request, result)
            return

    def _fail(self, channel: str, request: int, error: Exception) -> None:
        log.error("background query failed: %s", error)
        self.failed.emit(channel, request, str(error))

    def interrupt(self) -> None:
        store = self._store
        if store is not None:
            store.db.conn.interrupt()

    @Slot()
    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


class StoreReader(QObject):
    """Submit ``query(store)`` callables; ``finished(channel, result)`` delivers the newest per channel.

    Channels keep unrelated queries (the list, the facets, the timeline) from superseding
    each other. A store without a file (in memory) is queried on the GUI thread instead.
    """

    finished = Signal(str, object)
    failed = Signal(str, str)
    _submit = Signal(str, int, object)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._requests: dict[str, int] = {}
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        if store.path is not None:
            self._thread = QThread(self)
            self._thread.setObjectName("casenotes-store-reader")
            self._worker = _Worker(store.path)
            self._worker.moveToThread(self._thread)
            self._submit.connect(self._worker.run)
            self._worker.done.connect(self._deliver)
            self._worker.failed.connect(self._report)
            self._thread.start()

    def submit(self, channel: str, query: Query) -> None:
        """Queue ``query`` on ``channel``; an earlier request on that channel is dropped."""
        self.submit_all({channel: query})

    def submit_all(self, queries: dict[str, Query]) -> None:
        """Queue several queries, run in this order; earlier requests on any of their channels are dropped.

        All of them are marked newest before the running query is interrupted, so a
        superseded query of one of these channels is stopped rather than run again.
        """
        requests = {}
        for channel in queries:
            requests[channel] = self._requests.get(channel, 0) + 1
            self._requests[channel] = requests[channel]
        if self._worker is None:
            for channel, query in queries.items():
                QTimer.singleShot(0, self, lambda c=channel, r=requests[channel], q=query: self._run_here(c, r, q))
            return
        self._worker.latest.update(requests)
        if self._worker.running_channel in queries:
            self._worker.interrupt()
        for channel, query in queries.items():
            self._submit.emit(channel, requests[channel], query)

    def _run_here(self, channel: str, request: int, query: Query) -> None:
        if request != self._requests.get(channel):
            return
        try:
            result = query(self._store)
        except (StoreError, sqlite3.Error) as error:
            self._report(channel, request, str(error))
            return
        self._deliver(channel, request, result)

    @Slot(str, int, object)
    def _deliver(self, channel: str, request: int, result: object) -> None:
        if request == self._requests.get(channel):
            self.finished.emit(channel, result)

    @Slot(str, int, str)
    def _report(self, channel: str, request: int, message: str) -> None:
        if request == self._requests.get(channel):
            self.failed.emit(channel, message)

    def shutdown(self) -> None:
        """Stop the reader thread and close its connection."""
        if self._thread is None or self._worker is None:
            return
        self._worker.latest = {channel: 1 << 62 for channel in self._requests}
        self._worker.interrupt()
        # The connection belongs to the reader thread, so it must be closed there.
        QMetaObject.invokeMethod(self._worker, "close", Qt.ConnectionType.BlockingQueuedConnection)
        self._thread.quit()
        self._thread.wait(5000)
        self._thread = None
