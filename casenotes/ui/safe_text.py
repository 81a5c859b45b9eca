"""Showing text from records, notes and files in places where Qt would read it as HTML.

Tooltips, message boxes and labels guess: text that looks like HTML is rendered as HTML,
and an ``<img src="file:…">`` in it is read from disk. Everything that may hold such
text goes through these helpers, which always show it literally.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

Button = QMessageBox.StandardButton


def plain_tooltip(text: str | None) -> str | None:
    """A tooltip that shows ``text`` as written (escaped inside explicit rich text)."""
    if not text:
        return None
    return "<qt>" + html.escape(text, quote=False).replace("\n", "<br>") + "</qt>"


def tooltip_attribute(text: str) -> str:
    """``text`` for a ``title="…"`` attribute in a text browser, which shows it as a tooltip."""
    return html.escape(plain_tooltip(text) or "", quote=True)


def show_message(
    parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
    buttons: Button = Button.Ok, default: Button = Button.NoButton,
) -> Button:
    """A modal message box whose text is never taken for HTML; returns the button pressed."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default != Button.NoButton:
        box.setDefaultButton(default)
    return Button(box.exec())


def warn(parent: QWidget | None, title: str, text: str) -> None:
    show_message(parent, QMessageBox.Icon.Warning, title, text)


def ask(parent: QWidget | None, title: str, text: str, buttons: Button = Button.Yes | Button.No,
        default: Button = Button.No) -> Button:
    return show_message(parent, QMessageBox.Icon.Question, title, text, buttons, default)
