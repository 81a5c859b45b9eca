"""The main window: wires the list, detail and timeline panes together."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListWidget, QMainWindow, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from casenotes.store import Store
from casenotes.store.listing import RecordFilter, filtered_keys, rows_for_keys


class MainWindow(QMainWindow):
    def __init__(self, store: Store, data_dir: Path) -> None:
        super().__init__()
        self.store = store
        self.data_dir = data_dir
        self.setWindowTitle("casenotes")
        self.resize(1280, 800)
        left = QWidget()
        layout = QVBoxLayout(left)
        self.search_field = QLineEdit(objectName="searchField", placeholderText="Search records and notes")
        self.search_field.setAccessibleName("Search")
        self.record_list = QListWidget(objectName="recordList")
        self.record_list.setAccessibleName("Records")
        layout.addWidget(self.search_field)
        layout.addWidget(self.record_list)
        self.detail = QTextBrowser(objectName="detailPane")
        self.detail.setAccessibleName("Record detail")
        self.timeline = QListWidget(objectName="timelineView")
        self.timeline.setAccessibleName("Timeline")
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.addWidget(self.timeline)
        self.setCentralWidget(splitter)
        self.search_field.textChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        keys = filtered_keys(self.store, RecordFilter(query=self.search_field.text()))
        rows = rows_for_keys(self.store, keys)
        self.record_list.clear()
        self.record_list.addItems([f"{rows[k].date or ''}  {rows[k].title}" for k in keys if k in rows])

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        self.store.close()
        super().closeEvent(event)
