"""The record list pane: a table over the lazy record model, with an empty state that explains itself."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from casenotes.store import Store
from casenotes.ui.record_model import COLUMNS, RECORD_ID_ROLE, RecordTableModel

ROW_HEIGHT_PADDING = 8


class RecordTable(QTableView):
    """The table itself (``recordList``); fixed row heights keep a million rows instant."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordList")
        self.setAccessibleName("Records")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = self.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + ROW_HEIGHT_PADDING)
        horizontal = self.horizontalHeader()
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        horizontal.setStretchLastSection(False)
        horizontal.setHighlightSections(False)
        horizontal.setSectionsMovable(True)


class RecordListPane(QWidget):
    """List of the records that pass the search and filters; reports the current record."""

    currentRecordChanged = Signal(object)  # record id or None
    clearFiltersRequested = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RecordTableModel(store, self)
        self.table = RecordTable(self)
        self.table.setModel(self.model)
        for section, column in enumerate(COLUMNS):
            self.table.setColumnWidth(section, column.default_width)
        # The title takes whatever width the other columns leave.
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.empty_label = QLabel(self.table.viewport())
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setTextFormat(Qt.TextFormat.RichText)
        self.empty_label.linkActivated.connect(lambda _link: self.clearFiltersRequested.emit())
        self.empty_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self._quiet = False

    def set_keys(self, keys, *, keep_record: str | None, empty_reason: str) -> None:
        """Show these record keys; keep ``keep_record`` selected if it is still listed."""
        self._quiet = True
        try:
            self.model.set_keys(keys)
        finally:
            self._quiet = False
        self.empty_label.setText(empty_reason)
        self.empty_label.setVisible(not len(keys))
        self._place_empty_label()
        if keep_record is not None:
            self.select_record(keep_record, key=None, emit=False)

    def select_record(self, record_id: str | None, *, key: int | None, emit: bool = False) -> bool:
        """Make ``record_id`` the current row if it is listed; return whether it is."""
        row = self.model.row_for_key(key) if key is not None else self._row_of(record_id)
        self._quiet = not emit
        try:
            if row is None:
                self.table.selectionModel().clearCurrentIndex()
                self.table.clearSelection()
                return False
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            )
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
            return True
        finally:
            self._quiet = False

    def _row_of(self, record_id: str | None) -> int | None:
        if record_id is None:
            return None
        current = self.table.currentIndex()
        if current.isValid() and current.data(RECORD_ID_ROLE) == record_id:
            return current.row()
        return self.model.row_for_record_id(record_id)

    def detach(self) -> None:
        """Stop showing and reporting records: the store is closing."""
        self._quiet = True
        self.model.detach()

    def current_record_id(self) -> str | None:
        index = self.table.currentIndex()
        return index.data(RECORD_ID_ROLE) if index.isValid() else None

    def selected_record_ids(self) -> list[str]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.index(row, 0).data(RECORD_ID_ROLE) for row in rows]

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._quiet:
            self.currentRecordChanged.emit(current.data(RECORD_ID_ROLE) if current.isValid() else None)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self._place_empty_label()

    def _place_empty_label(self) -> None:
        viewport = self.table.viewport().rect()
        self.empty_label.setGeometry(viewport.adjusted(24, 24, -24, -24))
