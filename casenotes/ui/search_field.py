"""The search field: filters as you type, after a short pause, without blocking typing."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

DEBOUNCE_MS = 150


class SearchField(QLineEdit):
    """Emits ``queryChanged`` once typing pauses; Escape clears it."""

    queryChanged = Signal(str)
    moveToResults = Signal()  # Down or Enter: the user wants to go through the hits

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchField")
        self.setAccessibleName("Search records and notes")
        self.setPlaceholderText("Search records and notes  (Ctrl+F)")
        self.setToolTip(
            "Words match as prefixes and accents are ignored; every word must match.\n"
            "Put words in double quotes to match a phrase."
        )
        self.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._emit_now)
        self.textChanged.connect(lambda _text: self._timer.start())

    def _emit_now(self) -> None:
        self.queryChanged.emit(self.text())

    def set_query(self, text: str) -> None:
        """Replace the text and search at once (no pause)."""
        self.setText(text)
        self._timer.stop()
        self._emit_now()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.set_query("")
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down):
            if self._timer.isActive():
                self._timer.stop()
                self._emit_now()
            self.moveToResults.emit()
            return
        super().keyPressEvent(event)
