"""Notes ▸ Trash: deleted notes, to restore one or empty the trash (which asks first)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QMessageBox, QPushButton, QVBoxLayout, QWidget,
)

from casenotes.store import Store
from casenotes.store.notes import empty_trash, restore_note, trashed_notes
from casenotes.store.records import titles_for
from casenotes.ui.time_text import local_time

NOTE_ROLE = Qt.ItemDataRole.UserRole


class TrashDialog(QDialog):
    changed = Signal(str)  # record id whose notes came back; "" after emptying

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Trash")
        self._store = store
        self.summary = QLabel(self)
        self.notes = QListWidget(self)
        self.notes.setObjectName("trashedNotes")
        self.notes.setAccessibleName("Deleted notes")
        self.restore_button = QPushButton("&Restore", self)
        self.restore_button.setToolTip("Put the chosen note back on its record")
        self.empty_button = QPushButton("&Empty trash…", self)
        self.empty_button.setToolTip("Delete every note in the trash for good (asks first)")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.empty_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty_button.clicked.connect(self.empty)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.notes, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)
        self.reload()

    def reload(self) -> None:
        notes = trashed_notes(self._store)
        titles = titles_for(self._store, [note.record_id for note in notes])
        self.notes.clear()
        for note in notes:
            item = QListWidgetItem(
                f"{note.first_line[:80] or '(empty)'}  —  {titles.get(note.record_id, note.record_id)}  ·  "
                f"deleted {local_time(note.updated)}"
            )
            item.setData(NOTE_ROLE, (note.id, note.record_id))
            self.notes.addItem(item)
        self.summary.setText(f"{len(notes)} notes in the trash." if notes else "The trash is empty.")
        self.restore_button.setEnabled(bool(notes))
        self.empty_button.setEnabled(bool(notes))
        if notes:
            self.notes.setCurrentRow(0)

    def restore_selected(self) -> None:
        item = self.notes.currentItem()
        if item is None:
            return
        note_id, record_id = item.data(NOTE_ROLE)
        restore_note(self._store, note_id)
        self.reload()
        self.changed.emit(record_id)

    def empty(self) -> None:
        count = self.notes.count()
        answer = QMessageBox.question(
            self, "Empty the trash?",
            f"Delete {count} notes for good? This cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        empty_trash(self._store)
        self.reload()
        self.changed.emit("")
