"""The saved-searches sidebar: each saved search with its hit count and how many are new since last opened."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout, QInputDialog, QLabel, QListWidget, QListWidgetItem, QMessageBox, QToolButton, QVBoxLayout, QWidget,
)

from casenotes.store import Store
from casenotes.store.saved_searches import SavedSearch, count_matches, saved_searches
from casenotes.ui.safe_text import ask

NAME_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class SavedSearchCount:
    search: SavedSearch
    hits: int
    new: int


def count_saved_searches(store: Store) -> list[SavedSearchCount]:
    """Hit and new counts for every saved search (run on the reader thread)."""
    return [
        SavedSearchCount(saved, count_matches(store, saved), count_matches(store, saved, since=saved.last_opened))
        for saved in saved_searches(store)
    ]


class SavedSearchesPanel(QWidget):
    """Lists saved searches; ``opened`` asks the window to apply one, ``saveRequested`` to save the current one."""

    opened = Signal(str)  # name
    saveRequested = Signal(str)  # name chosen by the user
    deleteRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("savedSearches")
        heading = QLabel("<b>Saved searches</b>", self)
        self.list = QListWidget(self)
        self.list.setObjectName("savedSearchList")
        self.list.setAccessibleName("Saved searches")
        self.list.setToolTip("Click to run a saved search; the number of new or changed records shows in bold")
        self.save_button = QToolButton(self)
        self.save_button.setText("Save current…")
        self.save_button.setToolTip("Save the current search and filters under a name (Ctrl+Shift+S)")
        self.delete_button = QToolButton(self)
        self.delete_button.setText("Delete")
        self.delete_button.setToolTip("Delete the selected saved search (records are not touched)")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.save_button.clicked.connect(self.ask_name_and_save)
        self.delete_button.clicked.connect(self._delete_selected)
        self.show_counts([])

    def show_counts(self, counts: list[SavedSearchCount]) -> None:
        selected = self.selected_name()
        self.list.clear()
        for count in counts:
            new = f" · {count.new:,} new" if count.new else ""
            item = QListWidgetItem(f"{count.search.name}  ({count.hits:,}){new}")
            item.setData(NAME_ROLE, count.search.name)
            item.setToolTip(f"{count.hits:,} records match; {count.new:,} added or changed since you last opened it")
            if count.new:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.list.addItem(item)
            if count.search.name == selected:
                self.list.setCurrentItem(item)
        if not counts:
            placeholder = QListWidgetItem("None yet")
            placeholder.setToolTip("Search or filter, then press “Save current…” (Ctrl+Shift+S)")
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(placeholder)
        self.delete_button.setEnabled(bool(counts))

    def selected_name(self) -> str | None:
        item = self.list.currentItem()
        return item.data(NAME_ROLE) if item is not None else None

    def ask_name_and_save(self) -> None:
        name, accepted = QInputDialog.getText(self, "Save search", "Name for this search:")
        if accepted and name.strip():
            self.saveRequested.emit(name.strip())

    def _activated(self, item: QListWidgetItem) -> None:
        name = item.data(NAME_ROLE)
        if name:
            self.opened.emit(name)

    def _delete_selected(self) -> None:
        name = self.selected_name()
        if not name:
            return
        answer = ask(self, "Delete saved search?", f"Delete the saved search “{name}”?")
        if answer == QMessageBox.StandardButton.Yes:
            self.deleteRequested.emit(name)
