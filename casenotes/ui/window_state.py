"""Remembers the window's size, splitter positions, columns, sort and timeline lanes between launches."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

STATE_FILE = "window-state.ini"
PRIVATE_FILE_MODE = 0o600


class WindowState:
    """Window layout kept next to the store it belongs to (``DATA_DIR/window-state.ini``)."""

    def __init__(self, data_dir: Path) -> None:
        self._settings = QSettings(str(data_dir / STATE_FILE), QSettings.Format.IniFormat)

    def bytes(self, key: str) -> QByteArray | None:
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def text(self, key: str, default: str) -> str:
        value = self._settings.value(key, default)
        return value if isinstance(value, str) else default

    def flag(self, key: str, default: bool) -> bool:
        value = self._settings.value(key, default)
        if isinstance(value, str):
            return value.lower() == "true"
        return bool(value)

    def set(self, key: str, value: object) -> None:
        self._settings.setValue(key, value)

    def sync(self) -> None:
        self._settings.sync()
        # QSettings creates the file with the umask; like everything in the data folder it is private.
        with contextlib.suppress(OSError):
            os.chmod(self._settings.fileName(), PRIVATE_FILE_MODE)
