"""A table model over a draft's proposed values: keep or drop each, edit its value and detail."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from casenotes.extract import Draft, Proposal
from casenotes.extract.countries import lookup_country
from casenotes.extract.draft import FIELD_LABELS, RelationCandidate
from casenotes.extract.editing import edit_detail, edit_value, editable_detail
from casenotes.store.errors import InvalidInput
from casenotes.store.models import Figure
from casenotes.ui.safe_text import plain_tooltip

KEEP, FIELD, VALUE, DETAIL, FLAGS, SENTENCE = range(6)
HEADERS = ("Keep", "Field", "Value", "Country / relation", "Check", "From the sentence")
_FLAGGED = QColor(255, 243, 205)  # a pale amber: look here


class ProposalTableModel(QAbstractTableModel):
    """Rows are a draft's proposals, in the draft's order. Edits go straight into the draft."""

    editRefused = Signal(str)  # why an edit was not taken, in one line
    draftChanged = Signal()  # the user kept, dropped or edited a value

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._draft: Draft | None = None

    def set_draft(self, draft: Draft | None) -> None:
        self.beginResetModel()
        self._draft = draft
        self.endResetModel()

    def proposal(self, row: int) -> Proposal:
        return self._draft.proposals[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        if parent.isValid() or self._draft is None:
            return 0
        return len(self._draft.proposals)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == KEEP:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == VALUE:
            return base | Qt.ItemFlag.ItemIsEditable
        if index.column() == DETAIL and editable_detail(self.proposal(index.row())):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._draft is None or not 0 <= index.row() < len(self._draft.proposals):
            return None
        proposal = self.proposal(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == KEEP:
            return Qt.CheckState.Checked if proposal.accepted else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(proposal, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_text(proposal, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == FLAGS or (column != SENTENCE and proposal.flags):
                return plain_tooltip("\n".join(flag.message for flag in proposal.flags))
            if column == SENTENCE:
                return plain_tooltip(proposal.sentence)
        if role == Qt.ItemDataRole.BackgroundRole and proposal.flags and proposal.accepted:
            return QBrush(_FLAGGED)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and proposal.flags:
            return "; ".join(flag.message for flag in proposal.flags)
        return None

    @staticmethod
    def _display(proposal: Proposal, column: int) -> str | None:
        if column == FIELD:
            return FIELD_LABELS.get(proposal.field, proposal.field)
        if column == VALUE:
            text = proposal.display_value()
            if isinstance(proposal.value, RelationCandidate) and proposal.value.record_title:
                text = f"{proposal.value.record_title} ({text})"
            elif not text:
                text = "(type a value)"
            return text
        if column == DETAIL:
            return proposal.display_detail()
        if column == FLAGS:
            return "⚑ " + "; ".join(flag.message for flag in proposal.flags) if proposal.flags else ""
        if column == SENTENCE:
            return proposal.sentence
        return None

    @staticmethod
    def _edit_text(proposal: Proposal, column: int) -> str:
        value = proposal.value
        if column == VALUE:
            if isinstance(value, Figure):
                return str(value.value)
            if isinstance(value, RelationCandidate):
                return value.record_id or ""
            return "" if value is None else str(value)
        if column == DETAIL:
            if isinstance(value, Figure):
                return value.country or ""
            if isinstance(value, RelationCandidate):
                return value.relation
        return ""

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or self._draft is None:
            return False
        proposal = self.proposal(index.row())
        column = index.column()
        try:
            if column == KEEP and role == Qt.ItemDataRole.CheckStateRole:
                keep = Qt.CheckState(value) == Qt.CheckState.Checked
                if keep and not proposal.is_usable():
                    raise InvalidInput(f"{FIELD_LABELS[proposal.field]} has no value yet: type one to keep it")
                proposal.accepted = keep
            elif column == VALUE and role == Qt.ItemDataRole.EditRole:
                edit_value(proposal, str(value), country_lookup=lookup_country)
            elif column == DETAIL and role == Qt.ItemDataRole.EditRole and editable_detail(proposal):
                edit_detail(proposal, str(value), country_lookup=lookup_country)
            else:
                return False
        except InvalidInput as error:
            self.editRefused.emit(str(error))
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(HEADERS) - 1))
        self.draftChanged.emit()
        return True
