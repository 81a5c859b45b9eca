"""Notes ▸ All notes: every note across records, newest first, filterable by tag."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from casenotes.store import Store
from casenotes.store.notes import all_notes, note_tag_names, tags_of_notes
from casenotes.store.records import titles_for
from casenotes.ui.time_text import local_time

ALL_TAGS = "All tags"
NOTE_ROLE = Qt.ItemDataRole.UserRole


class AllNotesDialog(QDialog):
    """Double-click or Enter on a note opens it in the window."""

    noteOpened = Signal(str, int)  # record id, note id

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("All notes")
        self._store = store
        self.tag_filter = QComboBox(self)
        self.tag_filter.setAccessibleName("Show notes with this tag")
        self.notes = QTreeWidget(self)
        self.notes.setObjectName("allNotes")
        self.notes.setAccessibleName("All notes, newest first")
        self.notes.setHeaderLabels(["Note", "Record", "Updated", "Tags"])
        self.notes.setRootIsDecorated(False)
        self.notes.setUniformRowHeights(True)
        self.notes.setColumnWidth(0, 320)
        self.notes.setColumnWidth(1, 240)
        self.notes.setColumnWidth(2, 140)
        self.count = QLabel(self)
        row = QHBoxLayout()
        row.addWidget(QLabel("Tag:", self))
        row.addWidget(self.tag_filter)
        row.addStretch(1)
        row.addWidget(self.count)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.notes, 1)
        layout.addWidget(buttons)
        self.notes.itemActivated.connect(self._activated)
        self.tag_filter.currentIndexChanged.connect(self.reload)
        self.resize(860, 520)
        self.tag_filter.blockSignals(True)
        self.tag_filter.addItem(ALL_TAGS)
        self.tag_filter.addItems(note_tag_names(store))
        self.tag_filter.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        tag = self.tag_filter.currentText()
        notes = all_notes(self._store, tag=None if tag == ALL_TAGS else tag)
        titles = titles_for(self._store, [note.record_id for note in notes])
        tags = tags_of_notes(self._store, [note.id for note in notes])
        self.notes.clear()
        for note in notes:
            pin = "📌 " if note.pinned else ""
            item = QTreeWidgetItem([
                pin + (note.first_line[:120] or "(empty)"), titles.get(note.record_id, note.record_id),
                local_time(note.updated), ", ".join(tags.get(note.id, [])),
            ])
            item.setData(0, NOTE_ROLE, (note.record_id, note.id))
            self.notes.addTopLevelItem(item)
        self.count.setText(f"{len(notes):,} notes")

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        record_id, note_id = item.data(0, NOTE_ROLE)
        self.noteOpened.emit(record_id, note_id)
