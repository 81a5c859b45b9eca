"""Notes ▸ Tags…: every tag with its use, and a checkbox that makes it private."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout,
    QWidget,
)

from casenotes.store import Store, StoreError
from casenotes.store.privacy import set_tag_private, tag_uses

NAME, RECORDS, NOTES, PRIVATE = range(4)


class TagsDialog(QDialog):
    """Lists tags; ticking Private keeps a tag out of shared exports and served snapshots at once."""

    privacyChanged = Signal(str, bool)  # tag name, now private

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagsDialog")
        self.setWindowTitle("Tags")
        self._store = store
        explanation = QLabel(
            "A <b>private</b> tag stays on this computer: shared exports (File ▸ Export… “For sharing”) and "
            "<tt>casenotes serve</tt> leave it out. The records and notes that carry it are still shared, "
            "without the tag.", self)
        explanation.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("tagTable")
        self.table.setAccessibleName("Tags")
        self.table.setHorizontalHeaderLabels(["Tag", "Records", "Notes", "Private"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (RECORDS, NOTES, PRIVATE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.status = QLabel(self)
        self.status.setObjectName("tagsStatus")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(520, 420)
        self.reload()
        self.table.itemChanged.connect(self._item_changed)

    def reload(self) -> None:
        uses = tag_uses(self._store)
        self.table.blockSignals(True)
        self.table.setRowCount(len(uses))
        for row, use in enumerate(uses):
            self.table.setItem(row, NAME, QTableWidgetItem(use.name))
            for column, count in ((RECORDS, use.records), (NOTES, use.notes)):
                item = QTableWidgetItem(f"{count:,}")
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
            private = QTableWidgetItem("Private")
            private.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            private.setCheckState(Qt.CheckState.Checked if use.private else Qt.CheckState.Unchecked)
            private.setData(Qt.ItemDataRole.AccessibleTextRole, f"{use.name} private")
            self.table.setItem(row, PRIVATE, private)
        self.table.blockSignals(False)
        self.status.setText("No tags yet: add tags to records or notes first." if not uses else
                            f"{len(uses):,} tags, {sum(use.private for use in uses):,} private")

    def row_of(self, name: str) -> int:
        for row in range(self.table.rowCount()):
            if self.table.item(row, NAME).text().casefold() == name.casefold():
                return row
        return -1

    def set_private(self, name: str, private: bool) -> None:
        """Tick or untick the Private box of ``name`` (as a click would)."""
        row = self.row_of(name)
        if row >= 0:
            self.table.item(row, PRIVATE).setCheckState(Qt.CheckState.Checked if private else Qt.CheckState.Unchecked)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != PRIVATE:
            return
        name = self.table.item(item.row(), NAME).text()
        private = item.checkState() == Qt.CheckState.Checked
        try:
            set_tag_private(self._store, name, private)
        except StoreError as error:
            self.status.setText(f"Could not change “{name}”: {error}")
            self.reload()
            return
        self.status.setText(f"“{name}” is {'private' if private else 'shared'}.")
        self.privacyChanged.emit(name, private)
