"""Mouse, wheel, pinch and keyboard handling for :class:`TimelineView` (a mixin).

Wheel and pinch zoom the time axis around the pointer; dragging pans; a click selects
the mark under it (or zooms into the period a count stands for). The keyboard does all
of it too: see ``texts.KEY_BINDINGS``.
"""

from __future__ import annotations

import datetime as dt
import math
from bisect import bisect_left

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QGestureEvent, QMenu, QPinchGesture, QToolTip

from casenotes.store.dates import display_range
from casenotes.ui.timeline import navigation, texts
from casenotes.ui.timeline.lanes import lanes_of_record
from casenotes.ui.timeline.layout import AXIS_HEIGHT, GUTTER_WIDTH
from casenotes.ui.timeline.ticks import Tick

WHEEL_STEP = 1.25  # zoom per wheel notch (120 eighths of a degree)
KEY_PAN_FRACTION = 0.125  # an arrow key pans by this share of the visible time
PAGE_PAN_FRACTION = 0.9
KEY_SCROLL_PIXELS = 40


def _day_iso(ordinal: int) -> str:
    return dt.date.fromordinal(ordinal).isoformat()


class TimelineInteraction:
    """Input handling; mixed into TimelineView before QGraphicsView so these handlers win."""

    def _init_interaction(self) -> None:
        self._press_pos: QPointF | None = None
        self._last_drag_pos: QPointF | None = None
        self._dragging = False
        self.viewport().setMouseTracking(True)
        self.viewport().grabGesture(Qt.GestureType.PinchGesture)
        self._range_list = None

    # ---- mouse ------------------------------------------------------------------------------

    def mousePressEvent(self, event) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._press_pos = event.position()
            self._last_drag_pos = event.position()
            self._dragging = False
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        position = event.position()
        if self._press_pos is not None and event.buttons() & Qt.MouseButton.LeftButton:
            if not self._dragging and (position - self._press_pos).manhattanLength() >= QApplication.startDragDistance():
                self._dragging = True
                self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            if self._dragging:
                delta = position - self._last_drag_pos
                self._last_drag_pos = position
                self._pan_pixels(-delta.x(), -delta.y())
            event.accept()
            return
        over_something = self.mark_at(position) is not None or self._bin_at(position) is not None
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if over_something else Qt.CursorShape.ArrowCursor)
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if event.button() != Qt.MouseButton.LeftButton or self._press_pos is None:
            super().mouseReleaseEvent(event)
            return
        was_drag = self._dragging
        self._press_pos, self._dragging = None, False
        self.viewport().unsetCursor()
        event.accept()
        if was_drag:
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        box = self.mark_at(event.position())
        if box is not None:
            self._pick(box.index, box.lane)
            return
        period = self._bin_at(event.position())
        if period is not None:
            self._show_days(period[1], period[2])

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802
        box = self.mark_at(event.position()) if event.button() == Qt.MouseButton.LeftButton else None
        if box is None:
            super().mouseDoubleClickEvent(event)
            return
        self._pick(box.index, box.lane)
        self.recordActivated.emit(self._data.ids[box.index])
        event.accept()

    def wheelEvent(self, event) -> None:  # noqa: N802
        delta = event.angleDelta()
        modifiers = event.modifiers()
        if delta.x() and not delta.y():  # a sideways wheel or trackpad swipe pans through time
            self._pan_pixels(-delta.x() / 2)
        elif modifiers & Qt.KeyboardModifier.ShiftModifier:
            self._pan_pixels(-(delta.y() or delta.x()) / 2)
        elif modifiers & Qt.KeyboardModifier.AltModifier:
            self._pan_pixels(dy=-(delta.y() or delta.x()) / 2)
        elif delta.y():
            self._zoom_by(WHEEL_STEP ** (delta.y() / 120), event.position().x())
        event.accept()

    # ---- pinch ------------------------------------------------------------------------------

    def viewportEvent(self, event) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.NativeGesture and event.gestureType() == Qt.NativeGestureType.ZoomNativeGesture:
            self._zoom_by(1.0 + event.value(), event.position().x())
            event.accept()
            return True
        if kind == QEvent.Type.Gesture:
            return self._gesture(event)
        if kind == QEvent.Type.ToolTip:
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def _gesture(self, event: QGestureEvent) -> bool:
        pinch = event.gesture(Qt.GestureType.PinchGesture)
        if not isinstance(pinch, QPinchGesture):
            return False
        if pinch.changeFlags() & QPinchGesture.ChangeFlag.ScaleFactorChanged:
            centre = self.viewport().mapFromGlobal(pinch.centerPoint().toPoint())
            self._zoom_by(pinch.scaleFactor(), centre.x())
        event.accept(pinch)
        return True

    # ---- keyboard -----------------------------------------------------------------------------

    def keyPressEvent(self, event) -> None:  # noqa: N802
        key, modifiers = event.key(), event.modifiers()
        shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        selected = self._selected is not None
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal) or event.matches(QKeySequence.StandardKey.ZoomIn):
            self.zoom_in()
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore) or event.matches(QKeySequence.StandardKey.ZoomOut):
            self.zoom_out()
        elif key == Qt.Key.Key_Home:
            self.fit_all()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if key == Qt.Key.Key_Left else 1
            if shift or not selected:
                self._pan_pixels(step * KEY_PAN_FRACTION * self._content_width())
            else:
                self._step_in_date_order(step)
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = -1 if key == Qt.Key.Key_Up else 1
            if shift or not selected:
                self._pan_pixels(dy=step * KEY_SCROLL_PIXELS)
            else:
                self._step_lane(step)
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            step = -1 if key == Qt.Key.Key_PageUp else 1
            self._pan_pixels(step * PAGE_PAN_FRACTION * self._content_width())
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if selected:
                self.recordActivated.emit(self._data.ids[self._selected])
            else:
                self._select_first_in_view()
        elif key == Qt.Key.Key_Space and not selected:
            self._select_first_in_view()
        elif key == Qt.Key.Key_Escape and selected:
            self._set_selected(None, None)
        elif key == Qt.Key.Key_Z and not modifiers & ~Qt.KeyboardModifier.KeypadModifier:
            self.zoom_to_selection()
        elif key == Qt.Key.Key_L and not modifiers & ~Qt.KeyboardModifier.KeypadModifier:
            self.open_range_list()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _pick(self, index: int, lane: int | None) -> None:
        """The user chose a record: select it, bring it into view, tell the window."""
        self._set_selected(index, lane)
        self._scroll_to_record(index, lane)
        self.recordSelected.emit(self._data.ids[index])

    def _step_in_date_order(self, step: int) -> None:
        target = navigation.step_in_date_order(len(self._data), self._selected, step, self._mask)
        if target is None:
            return
        lane = self._focus_lane if self._focus_lane is not None and self._lanes[self._focus_lane].contains(target) else None
        if lane is None:
            holding = lanes_of_record(self._lanes, self._data, self._mode, target)
            lane = holding[0] if holding else None
        self._pick(target, lane)

    def _step_lane(self, step: int) -> None:
        lanes = self._matching() or self._lanes
        start = self._focus_lane if self._focus_lane is not None else 0
        found = navigation.neighbour_lane(lanes, start, step, self._data.starts[self._selected])
        if found is not None:
            self._pick(*found)

    def _select_first_in_view(self) -> None:
        first, end = self.visible_days()
        found = navigation.first_in_range(self._matching() or self._lanes, first, end)
        if found is not None:
            self._pick(*found)

    # ---- counts -------------------------------------------------------------------------------

    def _bin_at(self, viewport_pos: QPointF) -> tuple[int, float, float, Tick] | None:
        """(lane, first day, end day, tick) of the counted period under a position in a binned lane."""
        if viewport_pos.x() < GUTTER_WIDTH or viewport_pos.y() < AXIS_HEIGHT or self._ticks is None:
            return None
        scene = self.mapToScene(viewport_pos.toPoint())
        box = self.frame().lane_at(scene.y())
        if box is None or not box.binned:
            return None
        day = self._scale.day(scene.x())
        minor = self._ticks.minor
        for position in range(len(minor) - 1):
            if minor[position].day <= day < minor[position + 1].day:
                return box.lane, float(minor[position].day), float(minor[position + 1].day), minor[position]
        return None

    def _band_tooltip_at(self, viewport_pos: QPointF) -> str:
        if viewport_pos.x() < GUTTER_WIDTH or viewport_pos.y() < AXIS_HEIGHT:
            return ""
        scene = self.mapToScene(viewport_pos.toPoint())
        box = self.frame().lane_at(scene.y())
        if box is None or not box.covering or abs(scene.y() - box.band_y) > 9:
            return ""
        titles = [self._data.titles[i] for i in box.covering[:8]]
        return texts.covering_tooltip(self._lanes[box.lane].title, titles, len(box.covering))

    def _bin_tooltip_at(self, viewport_pos: QPointF) -> str:
        found = self._bin_at(viewport_pos)
        if found is None:
            return ""
        lane, first, end, _ = found
        count = self._lanes[lane].count_overlapping(first, end)
        if not count:
            return ""
        matching = self._matching()
        matched = matching[lane].count_overlapping(first, end) if matching is not None else None
        period = display_range(_day_iso(int(first)), _day_iso(int(end) - 1))
        return texts.bin_tooltip(self._lanes[lane].title, period, count, matched)

    # ---- menu and the list of what is in view ----------------------------------------------------

    def contextMenuEvent(self, event) -> None:  # noqa: N802
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        group = QActionGroup(menu)
        for mode, title in texts.LANE_MODE_MENU.items():
            action = QAction(title, menu, checkable=True, checked=mode == self._mode)
            action.triggered.connect(lambda _=False, m=mode: self.set_lane_mode(m))
            group.addAction(action)
            menu.addAction(action)
        menu.addSeparator()
        for title, shortcut, slot, enabled in (
            (texts.ACTION_ZOOM_IN, "+", self.zoom_in, True),
            (texts.ACTION_ZOOM_OUT, "-", self.zoom_out, True),
            (texts.ACTION_FIT_ALL, "Home", self.fit_all, True),
            (texts.ACTION_ZOOM_TO_SELECTION, "Z", self.zoom_to_selection, self._selected is not None or self._mask is not None),
            (texts.ACTION_LIST_RANGE, "L", self.open_range_list, bool(len(self._data))),
        ):
            action = menu.addAction(title, slot)
            action.setShortcut(QKeySequence(shortcut))
            action.setEnabled(enabled)
        menu.popup(event.globalPos() if event.reason() == event.Reason.Mouse else self.viewport().mapToGlobal(QPoint(GUTTER_WIDTH, AXIS_HEIGHT)))
        event.accept()

    def open_range_list(self):
        """Show the records in view as a list (for reading one by one); returns the dialog."""
        from casenotes.ui.timeline.range_list import RangeListDialog

        first, end = self.visible_days()
        data, mask = self._data, self._mask
        indexes = [
            i for i in range(bisect_left(data.starts, end))
            if data.ends[i] + 1 > first and (mask is None or mask[i])
        ]
        period = display_range(_day_iso(max(1, math.floor(first))), _day_iso(max(1, math.ceil(end) - 1)))
        if self._range_list is not None:
            self._range_list.close()
        self._range_list = RangeListDialog(self._data, indexes, period, self)
        self._range_list.chosen.connect(self._choose_from_list)
        self._range_list.open()
        return self._range_list

    def _choose_from_list(self, index: int) -> None:
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        holding = lanes_of_record(self._lanes, self._data, self._mode, index)
        self._pick(index, holding[0] if holding else None)

    def focusInEvent(self, event) -> None:  # noqa: N802
        super().focusInEvent(event)
        self._invalidate()

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self._invalidate()

