"""An editable table of form rows (figures, sources, relations) that marks bad cells as you type."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QStringListModel, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QCompleter, QHBoxLayout, QHeaderView, QLineEdit, QPushButton,
    QStyledItemDelegate, QTableView, QVBoxLayout, QWidget,
)

from casenotes.ui.field_widgets import FieldMessage, mark_invalid
from casenotes.ui.safe_text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
EDIT = Qt.ItemDataRole.EditRole
MAX_PROBLEMS_SHOWN = 3
ERROR_BACKGROUND = QColor(230, 40, 40, 70)  # translucent, so it reads on light and dark themes


@dataclass(frozen=True)
class Column:
    """One column of a :class:`RowTableModel`.

    Text columns hold the text as typed; ``check`` says what is wrong with it ('' if
    nothing). Choice columns hold one of ``choices()`` values (shown by their labels).
    """

    key: str
    header: str
    width: int
    tooltip: str = ""
    check: Callable[[str], str] | None = None
    required: bool = False  # a row with anything in it needs this column
    suggestions: Callable[[], Sequence[str]] | None = None
    choices: Callable[[], Sequence[tuple[Any, str]]] | None = None
    editable: bool = True
    default: Any = ""

    @property
    def is_choice(self) -> bool:
        return self.choices is not None


class RowTableModel(QAbstractTableModel):
    """Rows of a form table, each a dict of column key to value, with per-cell problems."""

    edited = Signal()  # any change: a cell, a row added or removed

    def __init__(self, columns: Sequence[Column], parent=None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[dict[str, Any]] = []
        self._error_brush = QBrush(ERROR_BACKGROUND)

    # -- Qt model interface --------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt naming)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt naming)
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            column = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.header
            if role == Qt.ItemDataRole.ToolTipRole:
                return column.tooltip or None
        elif orientation == Qt.Orientation.Vertical and role == DISPLAY and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        column = self.columns[index.column()]
        value = self._rows[index.row()].get(column.key, column.default)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.display_text(column, value)
        problem = self.cell_problem(index.row(), column.key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(problem or column.tooltip)
        if role == Qt.ItemDataRole.BackgroundRole and problem:
            return self._error_brush
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return problem or None
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != EDIT or not index.isValid() or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        column = self.columns[index.column()]
        if not column.is_choice:
            value = "" if value is None else str(value)
        row = self._rows[index.row()]
        if row.get(column.key, column.default) == value:
            return True
        row[column.key] = value
        # A change can make another cell of the row required (e.g. a label once a value is typed).
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(self.columns) - 1))
        self.edited.emit()
        return True

    # -- rows -----------------------------------------------------------------------------

    def rows(self) -> list[dict[str, Any]]:
        """Every row (blank ones too), as copies."""
        return [dict(row) for row in self._rows]

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = [self._complete(row) for row in rows]
        self.endResetModel()
        self.edited.emit()

    def append_row(self, row: dict[str, Any] | None = None) -> int:
        position = len(self._rows)
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.append(self._complete(row or {}))
        self.endInsertRows()
        self.edited.emit()
        return position

    def remove_row(self, position: int) -> None:
        if 0 <= position < len(self._rows):
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._rows[position]
            self.endRemoveRows()
            self.edited.emit()

    def update_column(self, key: str, change: Callable[[Any], Any]) -> None:
        """Replace every value of column ``key`` by ``change(value)`` (e.g. after a source moved)."""
        for row in self._rows:
            row[key] = change(row.get(key))
        self.refresh_column(key)

    def refresh_column(self, key: str) -> None:
        """Repaint column ``key`` (its labels or checks depend on something outside the table)."""
        column = self.column_number(key)
        if self._rows:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    def column_number(self, key: str) -> int:
        return next(number for number, column in enumerate(self.columns) if column.key == key)

    def _complete(self, row: dict[str, Any]) -> dict[str, Any]:
        return {column.key: row.get(column.key, column.default) for column in self.columns} | {
            key: value for key, value in row.items() if key not in {c.key for c in self.columns}
        }

    def is_blank(self, position: int) -> bool:
        """A row with no text typed in it (left out when saving)."""
        row = self._rows[position]
        return not any(str(row.get(c.key) or "").strip() for c in self.columns if not c.is_choice and c.editable)

    # -- problems ---------------------------------------------------------------------------

    @staticmethod
    def display_text(column: Column, value: Any) -> str:
        if column.is_choice:
            labels = (label for choice, label in column.choices() if choice == value)
            return next(labels, "" if value is None else str(value))
        return "" if value is None else str(value)

    def cell_problem(self, position: int, key: str) -> str:
        if self.is_blank(position):
            return ""
        column = self.columns[self.column_number(key)]
        value = self._rows[position].get(key)
        if column.is_choice:
            if value is not None and value not in [choice for choice, _label in column.choices()]:
                return "no longer one of the choices"
            return ""
        text = "" if value is None else str(value)
        if column.required and not text.strip():
            return f"{column.header.lower()} is needed"
        return column.check(text) if column.check else ""

    def problems(self) -> list[tuple[int, str, str]]:
        """(row, column key, message) for every bad cell, in reading order."""
        return [
            (position, column.key, message)
            for position in range(len(self._rows))
            for column in self.columns
            if (message := self.cell_problem(position, column.key))
        ]


class CellDelegate(QStyledItemDelegate):
    """Edits a cell with a line (checked live, with suggestions) or a list of choices."""

    def __init__(self, model: RowTableModel, parent=None) -> None:
        super().__init__(parent)
        self._model = model
        self.open_editor: QWidget | None = None

    def createEditor(self, parent: QWidget, option, index: Index) -> QWidget:  # noqa: N802
        column = self._model.columns[index.column()]
        if column.is_choice:
            editor: QWidget = QComboBox(parent)
            for value, label in column.choices():
                editor.addItem(label, value)
        else:
            editor = QLineEdit(parent)
            if column.suggestions is not None:
                completer = QCompleter(QStringListModel(list(column.suggestions()), editor), editor)
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                editor.setCompleter(completer)
            if column.check is not None:
                check = column.check
                editor.textEdited.connect(lambda text, editor=editor: mark_invalid(editor, check(text)))
        editor.setAccessibleName(f"{column.header}, row {index.row() + 1}")
        self.open_editor = editor
        return editor

    def destroyEditor(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        if self.open_editor is editor:
            self.open_editor = None
        super().destroyEditor(editor, index)

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            position = editor.findData(value)
            editor.setCurrentIndex(max(position, 0))
        else:
            editor.setText("" if value is None else str(value))
            column = self._model.columns[index.column()]
            if column.check is not None:
                mark_invalid(editor, column.check(editor.text()))

    def setModelData(self, editor: QWidget, model, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class RowTableView(QTableView):
    """A compact table: fixed row heights, Tab leaves the table unless a cell is being edited."""

    def __init__(self, model: RowTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self._empty_hint = ""
        self.delegate = CellDelegate(model, self)
        self.setItemDelegate(self.delegate)
        self.setTabKeyNavigation(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setWordWrap(False)
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.horizontalHeader()
        for number, column in enumerate(model.columns):
            header.resizeSection(number, column.width)
        header.setStretchLastSection(True)

    def set_empty_hint(self, text: str) -> None:
        """What the empty table says (e.g. how to add the first row)."""
        self._empty_hint = text
        self.viewport().update()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().paintEvent(event)
        if self.model().rowCount() == 0 and self._empty_hint:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.viewport().rect().adjusted(12, 12, -12, -12),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._empty_hint)
            painter.end()

    def commit_open_editor(self) -> None:
        """Keep what is typed in a cell still being edited (before saving the form)."""
        editor = self.delegate.open_editor
        if editor is not None and self.state() == QAbstractItemView.State.EditingState:
            self.commitData(editor)
            self.closeEditor(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def edit_cell(self, row: int, key: str) -> None:
        index = self.model().index(row, self.model().column_number(key))
        self.setCurrentIndex(index)
        self.scrollTo(index)
        self.edit(index)


class RowTableEditor(QWidget):
    """A :class:`RowTableView` with Add and Remove buttons and its problems listed below it."""

    def __init__(self, model: RowTableModel, noun: str, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.noun = noun
        self.view = RowTableView(model, self)
        self.view.setAccessibleName(accessible_name)
        self.view.set_empty_hint(f"No {noun}s yet. “New {noun}” (Alt+N) adds one; Tab moves to the next cell.")
        self.add_button = QPushButton(f"&New {noun}", self)
        self.add_button.setToolTip(f"Add a {noun} and start typing it")
        self.remove_button = QPushButton(f"Remove {noun}", self)
        self.remove_button.setToolTip(f"Remove the selected {noun}")
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
        self.message = FieldMessage(self)
        self.message.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_current)
        model.edited.connect(self._update)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._update())
        self._update()

    def add_row(self) -> None:
        self.view.commit_open_editor()
        row = self.model.append_row()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.view.edit_cell(row, self.model.columns[0].key)

    def remove_current(self) -> None:
        self.view.commit_open_editor()
        index = self.view.currentIndex()
        if index.isValid():
            self.model.remove_row(index.row())

    def problem_lines(self) -> list[str]:
        lines = []
        for row, key, message in self.model.problems():
            header = self.model.columns[self.model.column_number(key)].header
            lines.append(f"{self.noun.capitalize()} {row + 1}, {header.lower()}: {message}")
        return lines

    def _update(self) -> None:
        lines = self.problem_lines()
        shown = lines[:MAX_PROBLEMS_SHOWN]
        if len(lines) > len(shown):
            shown.append(f"… and {len(lines) - len(shown)} more (hover over a red cell to read it)")
        self.message.show_error("\n".join(shown))
        self.remove_button.setEnabled(self.view.currentIndex().isValid() and self.model.rowCount() > 0)
