"""File ▸ Merge…: what merging another user's export would do, and a choice for each conflict.

Each conflict (a record or note both stores changed since their last common state)
shows both versions side by side; the user keeps theirs, ours, or both. Merging is
one transaction after a backup (:func:`casenotes.store.merging.apply.apply_merge`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase, QGuiApplication, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QButtonGroup, QDialog, QDialogButtonBox, QGridLayout, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
    QPlainTextEdit, QRadioButton, QSplitter, QTextEdit, QVBoxLayout, QWidget,
)

from casenotes.store import Store, StoreError
from casenotes.store.dates import display_range
from casenotes.store.merging.apply import BOTH, CONFLICT_TAG, MINE, THEIRS, MergeSummary, apply_merge
from casenotes.store.merging.plan import Conflict, MergePlan, NoteStep, plan_merge
from casenotes.store.merging.remote import MergeFile, read_merge_file
from casenotes.store.models import Record
from casenotes.ui.safe_text import plain_tooltip

MERGE_FILE_FILTER = "casenotes exports (*.json);;All files (*)"
CHOICE_LABELS = {MINE: "Keep mine", THEIRS: "Take theirs", BOTH: f"Keep both (tagged “{CONFLICT_TAG}”)"}
DELETED_TEXT = "(deleted)"


def record_text(record: Record | None) -> str:
    """A record as plain text, for comparing two versions line by line."""
    if record is None:
        return DELETED_TEXT
    lines = [record.title, f"{record.kind} · {display_range(record.date, record.end_date) or 'undated'}"]
    for label, values in (("Countries", record.countries), ("Agencies", record.agencies), ("Tags", record.tags)):
        if values:
            lines.append(f"{label}: {', '.join(values)}")
    if record.summary.strip():
        lines += ["", record.summary.strip()]
    if record.figures:
        lines += ["", "Figures:"]
        for figure in record.figures:
            where = f" ({figure.country})" if figure.country else ""
            cited = f" [{figure.source + 1}]" if figure.source is not None else ""
            lines.append(f"  {figure.label}: {figure.value:g}{' ' + figure.unit if figure.unit else ''}{where}{cited}")
    if record.sources:
        lines += ["", "Sources:"]
        for number, source in enumerate(record.sources, start=1):
            details = ", ".join(part for part in (source.publisher, source.published, source.url) if part)
            lines.append(f"  {number}. {source.title}" + (f" — {details}" if details else ""))
    if record.related:
        lines += ["", "Related: " + ", ".join(f"{r.relation} {r.id}" for r in record.related)]
    return "\n".join(lines)


def conflict_texts(conflict: Conflict) -> tuple[str, str]:
    """(ours, theirs) as plain text."""
    step = conflict.step
    if isinstance(step, NoteStep):
        ours = step.local.body if step.local is not None and step.local.body is not None else DELETED_TEXT
        theirs = step.remote.body if step.remote.body is not None else DELETED_TEXT
        return ours, theirs
    ours = None if step.local is None or step.local.deleted else step.local
    return record_text(ours), record_text(step.remote.record)


def _mark_lines_not_in(view: QPlainTextEdit, other: str) -> None:
    """Highlight the lines of ``view`` that the other version does not have."""
    others = set(other.splitlines())
    highlight = QTextCharFormat()
    highlight.setBackground(QColor("#fff1a8"))
    highlight.setForeground(QColor("#000000"))
    selections = []
    block = view.document().firstBlock()
    while block.isValid():
        if block.text().strip() and block.text() not in others:
            cursor = QTextCursor(block)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = highlight
            selections.append(selection)
        block = block.next()
    view.setExtraSelections(selections)


def read_and_plan(store: Store, path: Path) -> tuple[MergeFile, MergePlan]:
    """Read a file and plan its merge (raises StoreError with a one-line message)."""
    remote = read_merge_file(path)
    return remote, plan_merge(store, path, merge_file=remote)


class MergeDialog(QDialog):
    """Shows what a merge would do and lets the user resolve each conflict, then merges."""

    merged = Signal(object)  # the MergeSummary

    def __init__(self, store: Store, remote: MergeFile, plan: MergePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle(f"Merge {remote.path.name}")
        self._store = store
        self._remote = remote
        self._plan = plan
        self.conflicts = plan.conflicts
        self.choices: dict[tuple[str, str], str] = {(c.kind, c.key): BOTH for c in self.conflicts}
        self.summary: MergeSummary | None = None

        origin = f"store {plan.peer_store_id[:8]}" if plan.peer_store_id else "a plain export (no store id)"
        shared = ", a shared copy without private notes" if plan.profile == "share" else ""
        self.overview = QLabel(f"<b>{remote.path.name}</b> from {origin}{shared}.<br>{plan.describe()}.", self)
        self.overview.setObjectName("mergeOverview")
        self.overview.setWordWrap(True)
        self.overview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.conflict_list = QListWidget(self)
        self.conflict_list.setObjectName("conflictList")
        self.conflict_list.setAccessibleName("Conflicts")
        self.conflict_list.setWordWrap(True)
        self.conflict_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for conflict in self.conflicts:
            item = QListWidgetItem(self._item_text(conflict))
            item.setToolTip(plain_tooltip(conflict.label))
            self.conflict_list.addItem(item)
        self.mine_text = self._version_view("mineText", "Your version")
        self.theirs_text = self._version_view("theirsText", "Their version")
        self.choice_buttons = {choice: QRadioButton(label, self) for choice, label in CHOICE_LABELS.items()}
        group = QButtonGroup(self)
        choice_row = QHBoxLayout()
        for choice, button in self.choice_buttons.items():
            button.setObjectName(f"choose_{choice}")
            group.addButton(button)
            choice_row.addWidget(button)
            button.toggled.connect(lambda checked, choice=choice: checked and self._choose(choice))
        choice_row.addStretch(1)

        versions = QWidget(self)
        grid = QGridLayout(versions)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel("<b>Yours</b> (this store) — lines they do not have are marked", versions), 0, 0)
        grid.addWidget(QLabel("<b>Theirs</b> (the file) — lines you do not have are marked", versions), 0, 1)
        grid.addWidget(self.mine_text, 1, 0)
        grid.addWidget(self.theirs_text, 1, 1)
        grid.addLayout(choice_row, 2, 0, 1, 2)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.conflict_list)
        splitter.addWidget(versions)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([220, 680])
        self.conflict_area = splitter

        heading = (f"<b>{len(self.conflicts)} conflict{'s' if len(self.conflicts) != 1 else ''}</b>: you both changed "
                   "these since you last merged. Choose what to keep for each." if self.conflicts else
                   "No conflicts: everything can be merged as it is.")
        self.conflict_heading = QLabel(heading, self)
        self.conflict_heading.setWordWrap(True)
        self.status = QLabel("The store is backed up before merging; the merge is all or nothing.", self)
        self.status.setObjectName("mergeStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.merge_button = self.buttons.addButton("Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setObjectName("mergeButton")
        self.buttons.accepted.connect(self.merge)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.overview)
        layout.addWidget(self.conflict_heading)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        splitter.setVisible(bool(self.conflicts))
        self.conflict_list.currentRowChanged.connect(self._show_conflict)
        if self.conflicts:
            self.conflict_list.setCurrentRow(0)
            self.resize(960, 600)
        else:
            self.resize(560, 200)

    def _version_view(self, name: str, accessible: str) -> QPlainTextEdit:
        view = QPlainTextEdit(self)
        view.setObjectName(name)
        view.setAccessibleName(accessible)
        view.setReadOnly(True)
        view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont))
        return view

    def _item_text(self, conflict: Conflict) -> str:
        step = conflict.step
        if isinstance(step, NoteStep):
            ours, _ = conflict_texts(conflict)
            name = "Note: " + (ours.strip().splitlines() or [""])[0][:40]
        else:
            record = step.local or step.remote.record
            name = record.title if record is not None else conflict.key
        return f"{name}\n→ {CHOICE_LABELS[self.choices[(conflict.kind, conflict.key)]]}"

    def _show_conflict(self, row: int) -> None:
        if not 0 <= row < len(self.conflicts):
            return
        conflict = self.conflicts[row]
        ours, theirs = conflict_texts(conflict)
        self.mine_text.setPlainText(ours)
        self.theirs_text.setPlainText(theirs)
        _mark_lines_not_in(self.mine_text, theirs)
        _mark_lines_not_in(self.theirs_text, ours)
        chosen = self.choices[(conflict.kind, conflict.key)]
        self.choice_buttons[chosen].setChecked(True)

    def _choose(self, choice: str) -> None:
        row = self.conflict_list.currentRow()
        if not 0 <= row < len(self.conflicts):
            return
        conflict = self.conflicts[row]
        self.choices[(conflict.kind, conflict.key)] = choice
        self.conflict_list.item(row).setText(self._item_text(conflict))

    def choose(self, row: int, choice: str) -> None:
        """Resolve conflict ``row`` with ``choice`` (as clicking its button would)."""
        self.conflict_list.setCurrentRow(row)
        self.choice_buttons[choice].setChecked(True)

    def merge(self) -> None:
        """Back up, then merge with the chosen resolutions; close when done."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.summary = apply_merge(self._store, self._remote, self.choices)
        except StoreError as error:
            self.status.setText(f"Not merged: {error}. Nothing was changed.")
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.merged.emit(self.summary)
        self.accept()
