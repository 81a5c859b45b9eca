"""Relations of a record to others, each chosen by title with suggestions from the store."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from casenotes.store import Store
from casenotes.store.choices import TitleMatch, find_records_by_title, records_titled
from casenotes.store.dates import display_date
from casenotes.store.models import RELATION_KINDS, Relation
from casenotes.store.records import record_exists, titles_for
from casenotes.ui.field_widgets import FieldMessage, mark_invalid
from casenotes.ui.row_table import Column, RowTableEditor, RowTableModel

RELATION_LABELS = {"follows": "follows", "part_of": "is part of", "related": "is related to"}
TITLE_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
SUGGESTIONS = 15


def relation_choices() -> list[tuple[str, str]]:
    return [(kind, RELATION_LABELS.get(kind, kind)) for kind in RELATION_KINDS]


class RelationTableModel(RowTableModel):
    """The record's relations: the kind (editable), the other record's title and id."""

    def __init__(self, parent=None) -> None:
        super().__init__([
            Column("relation", "Relation", 150, "How this record relates to the other", choices=relation_choices,
                   default="related"),
            Column("title", "Record", 330, "The other record", editable=False),
            Column("id", "Id", 200, "The other record's id", editable=False),
        ], parent)

    def relations(self) -> list[Relation]:
        return [Relation(row["id"], row["relation"]) for row in self.rows()]

    def has(self, record_id: str, relation: str) -> bool:
        return any(row["id"] == record_id and row["relation"] == relation for row in self.rows())


class RelationEditor(QWidget):
    """Add a relation by choosing a kind and typing the other record's title; list the chosen ones."""

    changed = Signal()

    def __init__(self, store: Store, own_id: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._own_id = own_id
        self._chosen: TitleMatch | None = None
        self.kind_combo = QComboBox(self)
        self.kind_combo.setAccessibleName("Kind of relation to add")
        for kind, label in relation_choices():
            self.kind_combo.addItem(f"This record {label}", kind)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData("related"))
        self.target_edit = QLineEdit(self)
        self.target_edit.setAccessibleName("Related record: type its title")
        self.target_edit.setPlaceholderText("Type a record's title…")
        self.target_edit.setToolTip("Type part of the other record's title and pick it from the list")
        self.suggestions = QStandardItemModel(self)
        self.completer = QCompleter(self.suggestions, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCompletionRole(TITLE_ROLE)
        self.completer.setMaxVisibleItems(SUGGESTIONS)
        self.target_edit.setCompleter(self.completer)
        self.add_button = QPushButton("Add &relation", self)
        self.add_button.setAutoDefault(False)
        self.add_button.setToolTip("Add the relation to the record typed on the left")
        self.message = FieldMessage(self)
        self.message.hide()
        self.model = RelationTableModel(self)
        self.table = RowTableEditor(self.model, "relation", "Relations", self)
        self.table.add_button.hide()  # relations are added from the line above the table
        self.table.view.set_empty_hint("No relations yet. Type another record's title above and press Enter.")

        add_row = QHBoxLayout()
        add_row.addWidget(self.kind_combo)
        add_row.addWidget(self.target_edit, 1)
        add_row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(add_row)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)

        self.target_edit.textEdited.connect(self._text_edited)
        self.target_edit.returnPressed.connect(self.commit_pending)
        self.completer.activated[QModelIndex].connect(self._suggestion_chosen)
        self.add_button.clicked.connect(self.commit_pending)
        self.model.edited.connect(self.changed)

    # -- values -------------------------------------------------------------------------------

    def relations(self) -> list[Relation]:
        return self.model.relations()

    def set_relations(self, relations: Sequence[Relation]) -> None:
        titles = titles_for(self._store, [r.id for r in relations])
        self.model.set_rows([
            {"relation": r.relation, "id": r.id, "title": titles.get(r.id, "(not in this store)")} for r in relations
        ])

    def pending_text(self) -> str:
        return self.target_edit.text().strip()

    def problem(self) -> str:
        return self.message.text() if self.message.is_error() else ""

    def commit_pending(self) -> bool:
        """Add the relation typed above the table; False (with the reason shown) if it cannot be."""
        text = self.pending_text()
        if not text:
            self._show_problem("")
            return True
        target, problem = self._resolve(text)
        if target is None:
            self._show_problem(problem)
            return False
        kind = self.kind_combo.currentData()
        if not self.model.has(target.id, kind):
            self.model.append_row({"relation": kind, "title": target.title, "id": target.id})
        self.target_edit.clear()
        self._chosen = None
        self._show_problem("")
        return True

    # -- internals ------------------------------------------------------------------------------

    def _resolve(self, text: str) -> tuple[TitleMatch | None, str]:
        if self._chosen is not None and self._chosen.title == text:
            target = self._chosen
        else:
            matches = [m for m in records_titled(self._store, text) if m.id != self._own_id]
            if len(matches) > 1:
                return None, f"{len(matches)} records are titled {text!r}: pick one from the suggestions"
            if matches:
                target = matches[0]
            elif record_exists(self._store, text):
                target = TitleMatch(text, titles_for(self._store, [text]).get(text, text), None)
            else:
                return None, f"no record is titled {text!r}: pick one from the suggestions"
        if target.id == self._own_id:
            return None, "a record cannot be related to itself"
        return target, ""

    def _show_problem(self, problem: str) -> None:
        if problem:
            self.message.show_error(problem)
        else:
            self.message.show_note("")
        mark_invalid(self.target_edit, problem)
        self.changed.emit()

    def _text_edited(self, text: str) -> None:
        self._chosen = None
        if self.message.is_error():
            self._show_problem("")
        self.suggestions.clear()
        for match in find_records_by_title(self._store, text, limit=SUGGESTIONS, exclude=self._own_id):
            when = display_date(match.date)
            item = QStandardItem(f"{match.title}  ·  {when}" if when else match.title)
            item.setData(match.title, TITLE_ROLE)
            item.setData(match.id, ID_ROLE)
            item.setData(match.date, ID_ROLE + 1)
            item.setToolTip(match.id)
            self.suggestions.appendRow(item)
        if self.suggestions.rowCount():
            self.completer.complete()
        self.changed.emit()

    def _suggestion_chosen(self, index: QModelIndex) -> None:
        self._chosen = TitleMatch(index.data(ID_ROLE), index.data(TITLE_ROLE), index.data(ID_ROLE + 1))
        self.target_edit.setText(self._chosen.title)
