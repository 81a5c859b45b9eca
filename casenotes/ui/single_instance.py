"""One casenotes window per data folder: a second launch brings the first to the front and exits.

The first instance holds a lock file in the data folder (``QLockFile``: a lock left
by a crashed instance is detected and taken over) and listens on a local socket
whose name is derived from the data folder. A later launch cannot take the lock,
so it connects to that socket, asks the first instance to show itself, and quits.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
import time
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

LOCK_FILE_NAME = "casenotes.lock"
ACTIVATE = b"activate\n"
CONNECT_TIMEOUT_MS = 500
RETRY_FOR_MS = 3000  # the first instance may hold the lock but not yet listen


def server_name(data_dir: Path) -> str:
    """The local-socket name for ``data_dir``: the same for every launch on it, private to the user."""
    user = str(os.getuid()) if hasattr(os, "getuid") else getpass.getuser()
    digest = hashlib.sha256(str(Path(data_dir).expanduser().resolve()).encode()).hexdigest()[:16]
    return f"casenotes-{user}-{digest}"


class SingleInstance(QObject):
    """Claims ``data_dir`` for this process; ``activation_requested`` fires when a later launch asks."""

    activation_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.name = server_name(self.data_dir)
        self._lock = QLockFile(str(self.data_dir / LOCK_FILE_NAME))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone, never by age
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """True if this is the first instance on the data folder (it now listens).

        False if another instance has it: that instance has been asked to come to
        the front, and this process should exit.
        """
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as error:
            log.warning("cannot create %s (%s); not guarding against a second instance", self.data_dir, error)
            return True  # opening the store will report the real problem
        if self._lock.tryLock(0):
            self._listen()
            return True
        if self._lock.error() != QLockFile.LockError.LockFailedError:
            # No permission to write the lock file (a read-only folder): nobody can
            # hold it, so this launch cannot be the second one.
            log.warning("cannot lock %s (%s); not guarding against a second instance", self.data_dir, self._lock.error())
            self._listen()
            return True
        if self._ask_first_instance_to_activate():
            return False
        # The lock is held but nobody answers: the holder is still starting (or hung).
        log.warning("another casenotes holds %s but did not answer", self.data_dir)
        return False

    def _listen(self) -> None:
        # A socket file left by a crashed instance would make listen() fail; the lock
        # proves no live instance owns it.
        QLocalServer.removeServer(self.name)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self._server.listen(self.name):
            log.warning("cannot listen on %s: %s", self.name, self._server.errorString())
            return
        self._server.newConnection.connect(self._on_connection)

    def _on_connection(self) -> None:
        while self._server is not None and (socket := self._server.nextPendingConnection()) is not None:
            # The later launch writes its request right after connecting; a short
            # wait is enough and keeps the exchange free of callbacks.
            if socket.bytesAvailable() or socket.waitForReadyRead(CONNECT_TIMEOUT_MS):
                request = bytes(socket.readAll().data())
                if request.strip() == ACTIVATE.strip():
                    self.activation_requested.emit()
            socket.abort()
            socket.deleteLater()

    def _ask_first_instance_to_activate(self) -> bool:
        deadline = time.monotonic() + RETRY_FOR_MS / 1000
        while True:
            socket = QLocalSocket()
            socket.connectToServer(self.name)
            if socket.waitForConnected(CONNECT_TIMEOUT_MS):
                socket.write(ACTIVATE)
                socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
                socket.disconnectFromServer()
                return True
            if time.monotonic() > deadline:
                return False
            time.sleep(0.1)

    def release(self) -> None:
        """Stop listening and free the lock (also happens when the process ends)."""
        if self._server is not None:
            server, self._server = self._server, None
            server.close()
            # Delete it now, while the event loop still exists: left to its parent it would
            # be destroyed after the loop and warn about its socket notifier.
            server.setParent(None)
            del server
        if self._lock.isLocked():
            self._lock.unlock()


def bring_to_front(window: QWidget) -> None:
    """Show ``window`` un-minimised, raised and focused (what a second launch asks for)."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
