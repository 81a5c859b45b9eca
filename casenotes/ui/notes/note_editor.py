"""The note text editor: plain Markdown text, ``[[`` completes record links, search words highlighted."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QCompleter, QPlainTextEdit, QTextEdit, QWidget

_OPEN_LINK = re.compile(r"\[\[([^\[\]\n]{0,80})$")

TitleLookup = Callable[[str], list[tuple[str, str]]]  # typed text -> [(record id, title)]


class NoteEditor(QPlainTextEdit):
    """Where the user writes a note (``noteEditor``)."""

    def __init__(self, find_titles: TitleLookup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteEditor")
        self.setAccessibleName("Note text")
        self.setAccessibleDescription("Markdown. Type [[ to link another record.")
        self.setPlaceholderText("Write a note in Markdown… (type [[ to link a record)")
        self.setTabChangesFocus(True)
        self._find_titles = find_titles
        self._suggestions = QStringListModel(self)
        self.completer = QCompleter(self._suggestions, self)
        self.completer.setWidget(self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.activated.connect(self._insert_link_for_text)

    # -- [[ record links ----------------------------------------------------------

    def _link_prefix(self) -> str | None:
        cursor = self.textCursor()
        block_text = cursor.block().text()[: cursor.positionInBlock()]
        match = _OPEN_LINK.search(block_text)
        return match.group(1) if match else None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        popup = self.completer.popup()
        if popup.isVisible() and event.key() in (
            Qt.Key.Key_Enter, Qt.Key.Key_Return, Qt.Key.Key_Escape, Qt.Key.Key_Tab, Qt.Key.Key_Backtab,
        ):
            event.ignore()  # the popup takes these
            return
        super().keyPressEvent(event)
        prefix = self._link_prefix()
        if prefix is None:
            popup.hide()
            return
        self.show_link_suggestions(prefix)

    def show_link_suggestions(self, prefix: str) -> None:
        matches = self._find_titles(prefix) if prefix.strip() else []
        self._suggestions.setStringList([f"{title}  —  {record_id}" for record_id, title in matches])
        if not matches:
            self.completer.popup().hide()
            return
        rect = self.cursorRect()
        rect.setWidth(max(320, self.completer.popup().sizeHintForColumn(0) + 24))
        self.completer.complete(rect)

    def _insert_link_for_text(self, text: str) -> None:
        record_id = text.rsplit("  —  ", 1)[-1]
        prefix = self._link_prefix()
        if prefix is None:
            return
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(prefix))
        cursor.insertText(f"{record_id}]]")
        self.setTextCursor(cursor)

    # -- search highlights --------------------------------------------------------

    def highlight_words(self, words: list[str]) -> int:
        """Mark every word that starts with one of ``words``; return how many were marked."""
        selections = []
        highlight = QTextCharFormat()
        highlight.setBackground(QColor("#ffe066"))
        highlight.setForeground(QColor("#000000"))
        for word in words:
            pattern = re.compile(rf"\b{re.escape(word)}\w*", re.IGNORECASE)
            for match in pattern.finditer(self.toPlainText()):
                cursor = QTextCursor(self.document())
                cursor.setPosition(match.start())
                cursor.setPosition(match.end(), QTextCursor.MoveMode.KeepAnchor)
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format = highlight
                selections.append(selection)
        self.setExtraSelections(selections)
        if selections:
            self.setTextCursor(QTextCursor(selections[0].cursor.block()))
            self.ensureCursorVisible()
        return len(selections)
