"""The baseline table model: rows of constant cells, nothing read from a store.

Imports Qt only, so the bare start-up baseline (bare_window.py) loads nothing of casenotes.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt


class TrivialModel(QAbstractTableModel):
    """As many rows and columns as asked for, each cell the string "cell"."""

    def __init__(self, rows: int, columns: int) -> None:
        super().__init__()
        self._rows, self._columns = rows, columns

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._columns

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return "cell" if role == Qt.ItemDataRole.DisplayRole else None
