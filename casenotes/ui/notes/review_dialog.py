"""Notes ▸ Needs review: notes whose figure or field changed since they were written or last reviewed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from casenotes.store import Store
from casenotes.store.anchor_text import describe_cause, describe_change, describe_when, format_anchor_value
from casenotes.store.anchors import mark_reviewed, notes_needing_review
from casenotes.ui.anchor_html import anchor_title
from casenotes.ui.time_text import local_time
from casenotes.ui.safe_text import plain_tooltip

NOTE_ROLE = Qt.ItemDataRole.UserRole
NOTHING_TO_REVIEW = "Nothing needs review: no figure or field your notes are on has changed."


class NeedsReviewDialog(QDialog):
    """Each flagged note with what changed; Enter or double-click opens the note, "Mark reviewed" clears it."""

    noteOpened = Signal(str, int)  # record id, note id
    reviewed = Signal(str)  # record id of a note marked reviewed here

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Needs review")
        self._store = store
        self.intro = QLabel(
            "Notes on a figure or field whose value changed (by an import, a seed update or an edit) "
            "since you wrote or last reviewed them.", self)
        self.intro.setWordWrap(True)
        self.notes = QTreeWidget(self)
        self.notes.setObjectName("needsReview")
        self.notes.setAccessibleName("Notes that need review, most recent change first")
        self.notes.setHeaderLabels(["Note", "Record", "On", "Change", "How", "Noticed"])
        self.notes.setRootIsDecorated(False)
        self.notes.setUniformRowHeights(True)
        self.notes.setAlternatingRowColors(True)
        for column, width in enumerate((200, 150, 150, 140, 320)):
            self.notes.setColumnWidth(column, width)
        self.count = QLabel(self)
        self.count.setObjectName("reviewCount")
        self.open_button = QPushButton("&Open", self)
        self.open_button.setToolTip("Show the note in the window, with what changed")
        self.review_button = QPushButton("Mark &reviewed", self)
        self.review_button.setObjectName("reviewSelectedButton")
        self.review_button.setToolTip("You have read the change: clear the flag of the selected notes")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.count, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.review_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.notes, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.notes.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.notes.itemActivated.connect(self._activated)
        self.notes.itemSelectionChanged.connect(self._selection_changed)
        self.open_button.clicked.connect(self.open_selected)
        self.review_button.clicked.connect(self.review_selected)
        self.resize(1120, 360)
        self.reload()

    def reload(self) -> None:
        """Read the flagged notes again (after an import or a review elsewhere)."""
        items = notes_needing_review(self._store)
        self.notes.clear()
        for item in items:
            anchor = item.anchored.anchor
            latest = item.anchored.pending[-1]
            if len(item.anchored.pending) == 1:
                change = describe_change(anchor, latest)
            else:  # several changes since the last review: from the baseline to now
                change = (f"changed {len(item.anchored.pending)} times: "
                          f"{format_anchor_value(anchor, item.anchored.baseline)} → "
                          f"{format_anchor_value(anchor, item.anchored.value)}")
            row = QTreeWidgetItem([
                item.note.first_line[:120] or "(empty)", item.record_title, anchor_title(anchor), change,
                describe_cause(latest), local_time(latest.detected),
            ])
            row.setToolTip(4, plain_tooltip(describe_cause(latest)))
            row.setToolTip(3, plain_tooltip("\n".join(f"{describe_change(anchor, c)} {describe_when(c)}"
                                                     for c in item.anchored.pending)))
            row.setData(0, NOTE_ROLE, (item.note.record_id, item.note.id))
            self.notes.addTopLevelItem(row)
        count = len(items)
        self.count.setText(NOTHING_TO_REVIEW if not count
                           else f"{count:,} note{'s need' if count != 1 else ' needs'} review")
        if count:
            self.notes.setCurrentItem(self.notes.topLevelItem(0))
        self._selection_changed()

    def _selection_changed(self) -> None:
        chosen = bool(self.notes.selectedItems())
        self.open_button.setEnabled(chosen)
        self.review_button.setEnabled(chosen)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        record_id, note_id = item.data(0, NOTE_ROLE)
        self.noteOpened.emit(record_id, note_id)

    def open_selected(self) -> None:
        item = self.notes.currentItem()
        if item is not None:
            self._activated(item, 0)

    def review_selected(self) -> None:
        """Mark the selected notes reviewed; they leave the list."""
        chosen = [item.data(0, NOTE_ROLE) for item in self.notes.selectedItems()]
        for record_id, note_id in chosen:
            mark_reviewed(self._store, note_id)
        self.reload()
        for record_id in dict.fromkeys(record_id for record_id, _ in chosen):
            self.reviewed.emit(record_id)
