"""A comma-separated tag field that completes each tag from the tags already in use."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget


def parse_tags(text: str) -> list[str]:
    return list(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))


class TagField(QLineEdit):
    """Emits ``tagsEdited`` with the new list when the user finishes editing and it changed."""

    tagsEdited = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("tags, separated by commas")
        self._known = QStringListModel(self)
        self._completer = QCompleter(self._known, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setWidget(self)
        self._completer.activated.connect(self._complete_with)
        self._committed: list[str] = []
        self.textEdited.connect(self._suggest)
        self.editingFinished.connect(self._commit)

    def set_known(self, names: list[str]) -> None:
        self._known.setStringList(names)

    def set_tags(self, tags: list[str]) -> None:
        self._committed = list(tags)
        self.setText(", ".join(tags))

    def tags(self) -> list[str]:
        return parse_tags(self.text())

    def _current_prefix(self) -> str:
        return self.text()[: self.cursorPosition()].split(",")[-1].strip()

    def _suggest(self, _text: str) -> None:
        prefix = self._current_prefix()
        if not prefix:
            self._completer.popup().hide()
            return
        self._completer.setCompletionPrefix(prefix)
        if self._completer.completionCount():
            self._completer.complete()

    def _complete_with(self, completion: str) -> None:
        before = self.text()[: self.cursorPosition()]
        after = self.text()[self.cursorPosition():]
        head = before.rsplit(",", 1)[0] + ", " if "," in before else ""
        self.setText(f"{head}{completion}, {after.lstrip(', ')}".rstrip())
        self.setCursorPosition(len(head) + len(completion) + 2)

    def _commit(self) -> None:
        tags = self.tags()
        if tags != self._committed:
            self._committed = tags
            self.tagsEdited.emit(tags)
