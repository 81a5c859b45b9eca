"""A note's history: earlier versions with their times, a diff against the current text, restore."""

from __future__ import annotations

import difflib
import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from casenotes.store import Store
from casenotes.store.notes import get_note, note_versions, restore_version
from casenotes.ui.safe_browser import SafeTextBrowser
from casenotes.ui.time_text import local_time


def diff_html(old: str, new: str) -> str:
    """Line diff from ``old`` to ``new``: removed lines struck through in red, added in green."""
    rows = []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        tag, text = line[:2], html.escape(line[2:])
        if tag == "- ":
            rows.append(f"<div style='background:#fbe3e4;color:#8a1f11'>− <s>{text}</s></div>")
        elif tag == "+ ":
            rows.append(f"<div style='background:#e6f6e6;color:#1d5c1d'>+ {text}</div>")
        elif tag == "  ":
            rows.append(f"<div>&nbsp; {text}</div>")
    return "".join(rows) or "<p><i>No differences.</i></p>"


class HistoryDialog(QDialog):
    """Lists earlier versions newest first; restoring one makes it the current text."""

    restored = Signal(int)  # note id

    def __init__(self, store: Store, note_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Note history")
        self._store = store
        self._note_id = note_id
        self.versions = QListWidget(self)
        self.versions.setAccessibleName("Earlier versions")
        self.diff_view = SafeTextBrowser(self)
        self.diff_view.setAccessibleName("Changes from this version to the current text")
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.versions)
        splitter.addWidget(self.diff_view)
        splitter.setStretchFactor(1, 3)
        self.restore_button = QPushButton("&Restore this version", self)
        self.restore_button.setToolTip("Make the chosen version the note's text (the current text stays in the history)")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.versions.currentRowChanged.connect(self._show_diff)
        self.resize(820, 520)
        self._load()

    def _load(self) -> None:
        note = get_note(self._store, self._note_id)
        self._current = note.body
        versions = note_versions(self._store, self._note_id)
        self.summary.setText(
            f"{len(versions)} earlier versions. Current text saved {local_time(note.updated)}."
            if versions else "This note has no earlier versions yet."
        )
        self.versions.clear()
        for version in versions:
            item = QListWidgetItem(f"{local_time(version.saved)}  ·  {len(version.body):,} characters")
            item.setData(Qt.ItemDataRole.UserRole, version.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, version.body)
            self.versions.addItem(item)
        self.restore_button.setEnabled(bool(versions))
        if versions:
            self.versions.setCurrentRow(0)
        else:
            self.diff_view.clear()

    def _show_diff(self, row: int) -> None:
        item = self.versions.item(row)
        if item is None:
            return
        self.diff_view.setHtml(diff_html(item.data(Qt.ItemDataRole.UserRole + 1), self._current))

    def restore_selected(self) -> None:
        item = self.versions.currentItem()
        if item is None:
            return
        restore_version(self._store, self._note_id, item.data(Qt.ItemDataRole.UserRole))
        self.restored.emit(self._note_id)
        self._load()
