"""The records in the timeline's view as a plain list: one key away (L), for reading them
one by one with a screen reader or the keyboard. Enter on a row selects it in the timeline."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListView, QVBoxLayout, QWidget

from casenotes.store.timeline import TimelineData
from casenotes.ui.timeline.describe import describe_record, record_tooltip
from casenotes.ui.timeline.texts import range_list_title

RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class RangeListModel(QAbstractListModel):
    """Rows are records (by position in the timeline data); text is each one's description."""

    def __init__(self, data: TimelineData, indexes: Sequence[int], parent=None) -> None:
        super().__init__(parent)
        self._data = data
        self._indexes = list(indexes)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._indexes)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._indexes) or index.column() != 0:
            return None
        record = self._indexes[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return describe_record(self._data, record)
        if role == Qt.ItemDataRole.ToolTipRole:
            return record_tooltip(self._data, record)
        if role == RECORD_ID_ROLE:
            return self._data.ids[record]
        return None

    def record_at(self, row: int) -> int:
        return self._indexes[row]


class RangeListDialog(QDialog):
    chosen = Signal(int)  # position of the record in the timeline data

    def __init__(self, data: TimelineData, indexes: Sequence[int], period: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = range_list_title(period, len(indexes))
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.resize(640, 480)
        self.model = RangeListModel(data, indexes, self)
        self.list_view = QListView(self, objectName="timelineRangeList")
        self.list_view.setAccessibleName(title)
        self.list_view.setUniformItemSizes(True)  # cheap even for every record at once
        self.list_view.setModel(self.model)
        self.list_view.activated.connect(self._choose)
        heading = QLabel(title, self)
        heading.setBuddy(self.list_view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.list_view)
        layout.addWidget(buttons)
        if indexes:
            self.list_view.setCurrentIndex(self.model.index(0, 0))
        self.list_view.setFocus()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        # Enter picks the current row instead of pressing the dialog's default button.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.list_view.currentIndex().isValid():
            self._choose(self.list_view.currentIndex())
            return
        super().keyPressEvent(event)

    def _choose(self, index: QModelIndex) -> None:
        if index.isValid():
            self.chosen.emit(self.model.record_at(index.row()))
            self.accept()
