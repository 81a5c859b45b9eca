"""What the open note is about (one figure or field of its record), and a banner when that changed."""

from __future__ import annotations

import html
from collections import OrderedDict

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QPalette
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton, QVBoxLayout, QWidget,
)

from casenotes.store import NotFound, Store
from casenotes.store.anchor_check import current_value
from casenotes.store.anchor_text import change_sentence, format_anchor_value
from casenotes.store.anchors import anchor_note, mark_reviewed, note_anchor, remove_anchor
from casenotes.store.models import ANCHOR_FIELD, ANCHOR_FIELDS, ANCHOR_FIGURE, Anchor, AnchoredNote, Record
from casenotes.store.records import get_record
from casenotes.ui.anchor_html import anchor_title
from casenotes.ui.time_text import local_time

WHOLE_RECORD = "The whole record"


def banner_subject(anchor: Anchor) -> str:
    return "this figure" if anchor.kind == ANCHOR_FIGURE else f"this record's {anchor_title(anchor).lower()}"


def _figure_anchors(record: Record) -> list[Anchor]:
    """The record's figures as anchors: totals first, then per country, as the detail view lists them."""
    found: OrderedDict[Anchor, None] = OrderedDict()
    for figure in sorted(record.figures, key=lambda f: f.country is not None):
        found.setdefault(Anchor(ANCHOR_FIGURE, figure.label, figure.country))
    return list(found)


class AnchorBar(QWidget):
    """A banner above the open note when its figure changed, with "Mark reviewed".

    The notes panel places two more of its widgets: ``label`` ("On: Arrests in Austria
    (AT) · 3", beside the editor's tabs) and ``attach_button``, which anchors the note to
    another figure or field or detaches it. Changes to stored notes are made here; for a
    new note not yet stored, the choice is reported through ``draftAnchorChanged``.
    """

    changed = Signal(int)  # a stored note's anchor or review state changed
    draftAnchorChanged = Signal(object)  # Anchor | None for the note being started

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("anchorBar")
        self._store = store
        self._record_id: str | None = None
        self._note_id: int | None = None
        self._anchor: Anchor | None = None

        self.label = QLabel(parent)
        self.label.setObjectName("anchorLabel")
        self.label.setAccessibleName("What this note is about")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setContentsMargins(8, 0, 4, 0)
        self.banner = QFrame(self)
        self.banner.setObjectName("anchorBanner")
        self.banner.setAccessibleName("The figure changed")
        self.banner_text = QLabel(self.banner)
        self.banner_text.setObjectName("anchorChange")
        self.banner_text.setWordWrap(True)
        self.banner_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.review_button = QPushButton("Mark &reviewed", self.banner)
        self.review_button.setObjectName("markReviewedButton")
        self.review_button.setToolTip("You have read the change: clear the flag; the value now becomes the one "
                                      "this note is checked against")
        self.review_button.clicked.connect(self.mark_reviewed)
        banner_layout = QHBoxLayout(self.banner)
        banner_layout.setContentsMargins(8, 4, 4, 4)
        banner_layout.addWidget(self.banner_text, 1)
        banner_layout.addWidget(self.review_button, 0, Qt.AlignmentFlag.AlignVCenter)

        self.attach_button = QToolButton(parent)
        self.attach_button.setObjectName("attachButton")
        self.attach_button.setText("On…")
        self.attach_button.setToolTip("Attach this note to one figure or field of the record; "
                                      "you are told when that value changes")
        self.attach_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu = QMenu(self.attach_button)
        self.menu.aboutToShow.connect(self._fill_menu)
        self.attach_button.setMenu(self.menu)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        self._apply_palette()
        self.show_for(None, None)

    # -- showing ------------------------------------------------------------------------

    def show_for(self, record_id: str | None, note_id: int | None, *, draft_anchor: Anchor | None = None) -> None:
        """Show the anchor of ``note_id`` (or ``draft_anchor`` of a new note on ``record_id``)."""
        self._record_id, self._note_id = record_id, note_id
        anchored = note_anchor(self._store, note_id) if note_id is not None else None
        self._anchor = anchored.anchor if anchored else (draft_anchor if note_id is None else None)
        self.attach_button.setEnabled(record_id is not None)
        if self._anchor is None:
            self.label.setText("")
            self.label.setToolTip("")
            self.banner.hide()
            self.hide()
            return
        self._show_label(anchored)
        self._show_banner(anchored)

    def _show_label(self, anchored: AnchoredNote | None) -> None:
        anchor = self._anchor
        value = anchored.baseline if anchored else self._value_now(anchor)
        shown = "" if value is None or anchor.label == "summary" else f" · {format_anchor_value(anchor, value)}"
        new = " <i>(this new note)</i>" if anchored is None else ""
        self.label.setText(f"On: <b>{html.escape(anchor_title(anchor))}</b>{html.escape(shown)}{new}")
        self.label.setToolTip("The value this note was written against (or last reviewed)" if anchored else "")

    def _show_banner(self, anchored: AnchoredNote | None) -> None:
        if anchored is None or not anchored.needs_review:
            self.banner.hide()
            self.hide()
            return
        subject = banner_subject(anchored.anchor)
        lines = [html.escape("⚠ " + change_sentence(anchored.anchor, change, subject)) for change in anchored.pending]
        self.banner_text.setText("<br>".join(lines))
        self.banner_text.setToolTip("\n".join(f"Noticed {local_time(c.detected)}" for c in anchored.pending))
        self.banner.show()
        self.show()

    def _value_now(self, anchor: Anchor) -> object:
        try:
            return current_value(get_record(self._store, self._record_id), anchor)
        except NotFound:
            return None

    def _apply_palette(self) -> None:
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        background, border, text = ("#4a3a12", "#a67c1a", "#f5e6c4") if dark else ("#fff4d6", "#d9a520", "#4a3300")
        self.banner.setStyleSheet(
            f"QFrame#anchorBanner {{ background: {background}; border: 1px solid {border}; border-radius: 3px; }}"
            f"QLabel#anchorChange {{ color: {text}; background: transparent; border: none; }}"
        )

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        if event.type() == event.Type.PaletteChange:
            self._apply_palette()
        super().changeEvent(event)

    # -- changing -----------------------------------------------------------------------

    def mark_reviewed(self) -> None:
        """The user has read the change: the value now becomes the note's baseline."""
        if self._note_id is None:
            return
        mark_reviewed(self._store, self._note_id)
        self.show_for(self._record_id, self._note_id)
        self.changed.emit(self._note_id)

    def choose(self, anchor: Anchor | None) -> None:
        """Attach the open note (or the new one) to ``anchor``; None: to the whole record."""
        if self._note_id is None:
            self.show_for(self._record_id, None, draft_anchor=anchor)
            self.draftAnchorChanged.emit(anchor)
            return
        if anchor is None:
            remove_anchor(self._store, self._note_id)
        else:
            anchor_note(self._store, self._note_id, anchor)
        self.show_for(self._record_id, self._note_id)
        self.changed.emit(self._note_id)

    def _fill_menu(self) -> None:
        self.menu.clear()
        if self._record_id is None:
            return
        try:
            record = get_record(self._store, self._record_id)
        except NotFound:
            return
        group = QActionGroup(self.menu)
        self._add_choice(group, WHOLE_RECORD, None)
        if record.figures:
            self.menu.addSection("Figures")
        for anchor in _figure_anchors(record):
            value = format_anchor_value(anchor, current_value(record, anchor))
            self._add_choice(group, f"{anchor_title(anchor)} · {value}", anchor)
        self.menu.addSection("Fields")
        for name in ANCHOR_FIELDS:
            anchor = Anchor(ANCHOR_FIELD, name)
            if current_value(record, anchor) is not None or name in ("date", "summary"):
                self._add_choice(group, anchor_title(anchor), anchor)

    def _add_choice(self, group: QActionGroup, text: str, anchor: Anchor | None) -> QAction:
        action = QAction(text.replace("&", "&&"), self.menu)
        action.setCheckable(True)
        action.setChecked(anchor == self._anchor)
        action.setData(anchor)
        action.triggered.connect(lambda _checked=False, chosen=anchor: self.choose(chosen))
        group.addAction(action)
        self.menu.addAction(action)
        return action
