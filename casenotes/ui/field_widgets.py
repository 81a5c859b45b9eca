"""Form fields that check themselves as they are typed: a partial-date field and a token list."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QCompleter, QHBoxLayout, QLabel, QLineEdit, QListView, QListWidget, QListWidgetItem, QSizePolicy, QVBoxLayout,
    QWidget,
)

from casenotes.ui.record_form import DATE_FORMATS, DateCheck, State, check_date
from casenotes.ui.safe_text import plain_tooltip

INVALID_PROPERTY = "invalid"
CHIP_REMOVE_MARK = "✕"
CHIP_REMOVE_WIDTH = 18  # pixels at a chip's right end that remove it when clicked
MAX_CHIP_ROWS = 3


def error_colour(palette: QPalette) -> str:
    """A red that reads well on the palette's base colour."""
    return "#ff7b72" if palette.color(QPalette.ColorRole.Base).lightness() < 128 else "#c62828"


def invalid_frame_style(palette: QPalette) -> str:
    """Style sheet giving fields marked invalid (see :func:`mark_invalid`) a red frame."""
    colour = error_colour(palette)
    return (
        f'QLineEdit[{INVALID_PROPERTY}="true"], QPlainTextEdit[{INVALID_PROPERTY}="true"] '
        f"{{ border: 1px solid {colour}; border-radius: 3px; padding: 1px; }}"
    )


def mark_invalid(widget: QWidget, message: str) -> None:
    """Frame ``widget`` in red when ``message`` is set, and tell assistive technology why."""
    invalid = bool(message)
    if bool(widget.property(INVALID_PROPERTY)) != invalid:
        widget.setProperty(INVALID_PROPERTY, invalid)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
    widget.setAccessibleDescription(message)


class FieldMessage(QLabel):
    """The line next to a field: its meaning or a hint in a quiet colour, a problem in red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._is_error = False

    def show_error(self, message: str) -> None:
        self._is_error = True
        self._show(message)

    def show_note(self, message: str) -> None:
        self._is_error = False
        self._show(message)

    def is_error(self) -> bool:
        return self._is_error and bool(self.text())

    def _show(self, message: str) -> None:
        self.setText(message)
        palette = self.palette()
        if self._is_error:
            self.setStyleSheet(f"color: {error_colour(palette)};")
        else:
            self.setStyleSheet(f"color: {palette.color(QPalette.ColorRole.PlaceholderText).name()};")
        self.setVisible(bool(message))


class DateField(QWidget):
    """A line for ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` that shows what the date means.

    A date that can never be right (``2014-13``) is marked at once; one still being typed
    (``2014-1``) only once the field is left.
    """

    changed = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName(accessible_name)
        self.edit.setPlaceholderText("YYYY-MM-DD")
        self.edit.setToolTip(f"As precise as the source: {DATE_FORMATS}")
        self.edit.setMaxLength(32)
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("0000-00-00") * 2)
        self.meaning = FieldMessage(self)
        self.meaning.setMinimumWidth(self.meaning.fontMetrics().horizontalAdvance("22 September 2020 · exact day"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.meaning, 1)
        self.setFocusProxy(self.edit)
        self._left_unfinished = False
        self._range_problem = ""
        self.edit.textChanged.connect(self._text_changed)
        self.edit.editingFinished.connect(self._editing_finished)
        self._show()

    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str | None) -> None:
        self.edit.setText(text or "")

    def check(self) -> DateCheck:
        return check_date(self.edit.text())

    def set_range_problem(self, message: str) -> None:
        """A problem with this date that only the pair of dates shows (set by the form)."""
        if message != self._range_problem:
            self._range_problem = message
            self._show()

    def problem(self) -> str:
        """What stops this date from being saved, or ''."""
        result = self.check()
        if result.state is State.INVALID:
            return result.message
        if result.state is State.INCOMPLETE:
            return f"not a whole date yet: use {DATE_FORMATS}"
        return self._range_problem

    def _text_changed(self) -> None:
        self._left_unfinished = False
        self._show()
        self.changed.emit()

    def _editing_finished(self) -> None:
        if self.check().state is State.INCOMPLETE:
            self._left_unfinished = True
            self._show()

    def _show(self) -> None:
        result = self.check()
        error = ""
        if result.state is State.INVALID:
            error = result.message
        elif result.state is State.INCOMPLETE and self._left_unfinished:
            error = self.problem()
        elif self._range_problem:
            error = self._range_problem
        mark_invalid(self.edit, error)
        if error:
            self.meaning.show_error(error)
        else:
            self.meaning.show_note(result.message)
        self.meaning.setVisible(True)  # keep the row's height steady while typing


class ChipList(QListWidget):
    """Chosen values shown as wrapping chips; Delete, Backspace or a click on ✕ removes one."""

    removeRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSpacing(2)
        self.setUniformItemSizes(False)
        self.setFrameShape(QListWidget.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setStyleSheet(
            "QListWidget { background: transparent; }"
            "QListWidget::item { border: 1px solid palette(mid); border-radius: 9px; padding: 1px 6px; }"
            "QListWidget::item:selected { background: palette(highlight); color: palette(highlighted-text); }"
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentRow() >= 0:
            self.removeRequested.emit(self.currentRow())
            return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt naming)
        item = self.itemAt(event.position().toPoint())
        if item is not None and event.button() == Qt.MouseButton.LeftButton:
            rect = self.visualItemRect(item)
            if event.position().x() >= rect.right() - CHIP_REMOVE_WIDTH:
                self.removeRequested.emit(self.row(item))
                return
        super().mouseReleaseEvent(event)

    def fit_height(self) -> None:
        """Be as tall as the chips need, up to a few rows (then scroll)."""
        if self.count() == 0:
            self.setFixedHeight(0)
            return
        self.doItemsLayout()
        bottom = max(self.visualItemRect(self.item(row)).bottom() for row in range(self.count()))
        row_height = self.visualItemRect(self.item(0)).height() + 2 * self.spacing()
        needed = bottom + self.verticalScrollBar().value() + 2 * self.spacing() + 2
        self.setFixedHeight(min(needed, row_height * MAX_CHIP_ROWS + 2 * self.spacing()))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self.fit_height)


class TokenEditor(QWidget):
    """A list of names (agencies, countries, tags): type one, press Enter, it joins the chips.

    ``resolve`` turns what was typed into the value kept (raising ``ValueError`` with the
    reason if it cannot); ``describe`` gives a kept value's chip text. Text typed but not
    yet added is added when the field is left or the form is saved, never dropped.
    """

    changed = Signal()

    def __init__(
        self,
        field_name: str,
        noun: str,
        *,
        completions: Sequence[str] = (),
        resolve: Callable[[str], str] = str.strip,
        describe: Callable[[str], str] = str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._resolve = resolve
        self._describe = describe
        self._values: list[str] = []
        self._noun = noun
        self.input = QLineEdit(self)
        self.input.setPlaceholderText(f"Add {noun}…")
        self.input.setAccessibleName(f"{field_name}: add {noun}")
        self.input.setToolTip(f"Type {noun} and press Enter; suggestions come from your records")
        self.input.setMinimumWidth(self.input.fontMetrics().horizontalAdvance("M" * 14))
        self.completer = QCompleter(QStringListModel(list(completions), self), self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setMaxVisibleItems(10)
        self.input.setCompleter(self.completer)
        self.chips = ChipList(self)
        self.chips.setAccessibleName(field_name)
        self.chips.setToolTip(f"Chosen {field_name.lower()}: Delete removes the selected one")
        self.message = FieldMessage(self)
        self.message.hide()

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.input, 2, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.chips, 5, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.setFocusProxy(self.input)

        self.input.returnPressed.connect(self.commit_pending)
        self.completer.activated[str].connect(self._completion_chosen)
        self.input.textEdited.connect(self._text_edited)
        self.input.installEventFilter(self)
        self.chips.removeRequested.connect(self.remove_at)
        self._refresh_chips()

    # -- values -----------------------------------------------------------------------

    def values(self) -> list[str]:
        return list(self._values)

    def set_values(self, values: Sequence[str]) -> None:
        self._values = list(dict.fromkeys(values))
        self._refresh_chips()

    def set_completions(self, completions: Sequence[str]) -> None:
        self.completer.model().setStringList(list(completions))

    def pending_text(self) -> str:
        return self.input.text().strip()

    def problem(self) -> str:
        """Why the typed text could not be added, or ''."""
        return self.message.text() if self.message.is_error() else ""

    def commit_pending(self) -> bool:
        """Add the typed text as a value; False (with the reason shown) if it is not acceptable."""
        text = self.pending_text()
        if not text:
            self._clear_problem()
            return True
        try:
            value = self._resolve(text)
        except ValueError as error:
            self.message.show_error(str(error))
            mark_invalid(self.input, str(error))
            self.changed.emit()
            return False
        if value.casefold() not in {v.casefold() for v in self._values}:
            self._values.append(value)
        self.input.clear()
        self.completer.popup().hide()
        self._clear_problem()
        self._refresh_chips()
        self.changed.emit()
        return True

    def remove_at(self, row: int) -> None:
        if 0 <= row < len(self._values):
            del self._values[row]
            self._refresh_chips()
            self.chips.setCurrentRow(min(row, len(self._values) - 1))
            if not self._values:
                self.input.setFocus(Qt.FocusReason.OtherFocusReason)
            self.changed.emit()

    # -- internals ----------------------------------------------------------------------

    def _completion_chosen(self, text: str) -> None:
        self.input.setText(text)
        self.commit_pending()

    def _text_edited(self) -> None:
        self._clear_problem()
        self.changed.emit()

    def _clear_problem(self) -> None:
        if self.message.is_error():
            self.message.show_note("")
            mark_invalid(self.input, "")

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt naming)
        # Leaving the field adds what was typed, so it is never silently left behind.
        if watched is self.input and event.type() == QEvent.Type.FocusOut and not self.completer.popup().isVisible():
            self.commit_pending()
        return super().eventFilter(watched, event)

    def _refresh_chips(self) -> None:
        self.chips.clear()
        for value in self._values:
            label = self._describe(value)
            item = QListWidgetItem(f"{label}  {CHIP_REMOVE_MARK}")
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, label)
            item.setToolTip(plain_tooltip(f"{label} — click ✕ or press Delete to remove"))
            self.chips.addItem(item)
        has_chips = bool(self._values)
        self.chips.setFocusPolicy(Qt.FocusPolicy.StrongFocus if has_chips else Qt.FocusPolicy.NoFocus)
        self.chips.fit_height()
