"""The timeline pane: every record on a zoomable time axis, in lanes by kind, country or agency.

The scene holds no item per record. Its coordinates are pixels at the current zoom
(scene x = days since the origin x pixels per day), so zooming changes the scene's width,
never the view's transform, and text stays crisp. Each frame is laid out for what is in
view (:mod:`layout`) and painted directly (:mod:`chrome`, :mod:`density`, :mod:`marks`,
:mod:`relations`); mouse, wheel, pinch and keys live in :mod:`interaction`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import threading
from array import array
from collections.abc import Collection

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent, QPainter
from PySide6.QtWidgets import QFrame, QGraphicsScene, QGraphicsView, QWidget

from casenotes.store.timeline import TimelineData
from casenotes.ui.timeline import chrome, density, marks, relations
from casenotes.ui.timeline.context import PaintContext
from casenotes.ui.timeline.describe import describe_record, record_tooltip
from casenotes.ui.timeline.interaction import TimelineInteraction
from casenotes.ui.timeline.lanes import LANE_MODES, Lane, build_lanes, lanes_of_record
from casenotes.ui.timeline.layout import (
    AXIS_HEIGHT, GUTTER_WIDTH, RIGHT_PAD, Frame, FrameRequest, MarkBox, layout_frame, mark_extent,
)
from casenotes.ui.timeline.links import Links, build_links
from casenotes.ui.timeline.prepared import PreparedTimeline, matching_mask
from casenotes.ui.timeline.scale import TimeScale, padded_range, zoom_limits
from casenotes.ui.timeline.style import TimelineStyle
from casenotes.ui.timeline.texts import view_summary
from casenotes.ui.timeline.ticks import AxisTicks, axis_ticks

ZOOM_STEP = 1.5  # one press of + or -
BACKGROUND_LANES_FROM = 50_000  # records; fewer are grouped into lanes at once (< 0.1 s)
SELECTION_MARGIN = 48  # pixels kept between a mark scrolled into view and the edge


class TimelineView(TimelineInteraction, QGraphicsView):
    """Records on a time axis. Build it, then :meth:`set_data` with :func:`load_timeline`'s result."""

    recordSelected = Signal(str)  # the user picked a mark (click or keyboard)
    recordActivated = Signal(str)  # double-click or Enter on a mark
    laneModeChanged = Signal(str)
    _lanesBuilt = Signal(object, str, object)  # data, mode, lanes: from the worker thread

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineView")
        self.setAccessibleName("Timeline")
        scene = QGraphicsScene(self)
        scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)  # it holds no items
        self.setScene(scene)
        self.setInteractive(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        # The axis and lane labels stay put while the rest scrolls, so every frame is repainted whole.
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheNone)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        # Always showing the vertical bar keeps the time area's width steady as lanes grow.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(GUTTER_WIDTH + 200, AXIS_HEIGHT + 80)
        self._init_interaction()

        self._data = TimelineData()
        self._mode = "kind"
        self._pending_mode: str | None = None  # lanes being built in a worker thread
        self._lanesBuilt.connect(self._lanes_built)
        self._lanes: list[Lane] = []
        self._mask: bytearray | None = None
        self._matching_lanes: list[Lane | None] = []
        self._links = Links.empty()
        self._incoming = Links.empty()
        self._selected: int | None = None
        self._focus_lane: int | None = None
        self._scale = TimeScale()
        self._fit_mode = True
        self._frame: Frame | None = None
        self._frame_dirty = True
        self._ticks: AxisTicks | None = None
        self._style = TimelineStyle(self.palette(), self.font())
        self._label_widths: dict[int, float] = {}
        self._range = padded_range(dt.date.today().toordinal() - 365, dt.date.today().toordinal())
        self._update_description(announce=False)

    # ---- the API the main window uses ------------------------------------------------

    def set_data(
        self, data: TimelineData, *, prepared: PreparedTimeline | None = None, keep_matching: bool = True,
    ) -> None:
        """Show these records, replacing any shown before.

        The first data fits all; new data for a view the user has zoomed keeps the days in
        view, so a refresh after an edit does not throw the user's place away. The lane
        mode, the selection and the search matches (by id) carry over; with
        ``keep_matching=False`` everything shows as matching until the caller sets new
        matches. ``prepared`` (from :func:`prepare_timeline` on the same data) saves the
        work of building links and lanes here.
        """
        selected_id = self.selected_record_id()
        keep_days = self.visible_days() if len(self._data) and not self._fit_mode else None
        matching_keys = matching_ids = None
        if keep_matching and self._mask is not None:
            old = self._data
            if len(old.keys) == len(old) and len(data.keys) == len(data):
                # By store key, in C: looking a million ids up one by one would take seconds.
                matching_keys = array("q", itertools.compress(old.keys, self._mask))
            else:
                matching_ids = list(itertools.compress(old.ids, self._mask))
        if prepared is not None and prepared.data is not data:
            prepared = None
        self._data = data
        if prepared is None:
            self._links = build_links(data)
            self._incoming = self._links.reversed()
        else:
            self._links, self._incoming = prepared.links, prepared.incoming
        self._label_widths.clear()
        self._selected = None
        if len(data):
            self._range = padded_range(data.starts[0], data.last_day())
        if prepared is not None and prepared.mode == self._mode:
            self._lanes = prepared.lanes
            self._matching_lanes = [None] * len(self._lanes)
            self._focus_lane = None
            self._invalidate()
        else:
            self._rebuild_lanes()
        if matching_keys is not None:
            self.set_matching_mask(matching_mask(matching_keys, data))
        else:
            self.set_matching(matching_ids)
        if keep_days is None:
            self.fit_all()
        else:
            self._show_days(*keep_days)
        if selected_id is not None:
            self.select_record(selected_id)
        self._update_description(announce=False)
        pending, self._pending_mode = self._pending_mode, None
        if pending is not None and pending != self._mode:
            self.set_lane_mode(pending)  # a switch asked for while the old data's lanes were built

    def set_matching(self, record_ids: Collection[str] | None) -> None:
        """Dim every record not in ``record_ids``; None means everything matches."""
        if record_ids is None:
            self._mask = None
        else:
            mask = bytearray(len(self._data))
            index_of = self._data.index_of
            for record_id in record_ids:
                index = index_of(record_id)
                if index is not None:
                    mask[index] = 1
            self._mask = mask
        self._matching_lanes = [None] * len(self._lanes)
        self._invalidate()

    def set_matching_mask(
        self, mask: bytes | bytearray | None, *, lanes: list[Lane] | None = None,
        restricted: list[Lane] | None = None,
    ) -> None:
        """Like :meth:`set_matching`, given one byte per record of :meth:`data` (1 = matches).

        Building the mask from a million ids takes a while, so the window builds it in a
        worker thread, against the same :class:`TimelineData` object, and with it the
        ``restricted`` lanes (:func:`restricted_lanes` of :meth:`lanes`, passed as ``lanes``);
        they are used if the view still shows those lanes.
        """
        if mask is not None and len(mask) != len(self._data):
            raise ValueError(f"the mask has {len(mask)} entries for {len(self._data)} records")
        self._mask = None if mask is None else bytearray(mask)
        if mask is not None and restricted is not None and lanes is self._lanes:
            self._matching_lanes = list(restricted)
        else:
            self._matching_lanes = [None] * len(self._lanes)
        self._invalidate()

    def lanes(self) -> list[Lane]:
        """The lanes shown now (the same list until the data or the lane mode changes)."""
        return self._lanes

    def select_record(self, record_id: str | None) -> None:
        """Highlight a record and scroll it into view, without emitting :attr:`recordSelected`."""
        index = self._data.index_of(record_id) if record_id is not None else None
        if index is None:
            self._set_selected(None, None)
            return
        lane = self._focus_lane if self._focus_lane is not None and self._lanes[self._focus_lane].contains(index) else None
        if lane is None:
            lanes = lanes_of_record(self._lanes, self._data, self._mode, index)
            lane = lanes[0] if lanes else None
        self._set_selected(index, lane)
        self._scroll_to_record(index, lane)

    def set_lane_mode(self, mode: str) -> None:
        """Group the lanes by "kind", "country" or "agency".

        With many records (:data:`BACKGROUND_LANES_FROM`) the lanes are built in a worker
        thread (half a second at a million records) and the view switches when they are
        ready; ``laneModeChanged`` says when.
        """
        if mode not in LANE_MODES:
            raise ValueError(f"unknown lane mode {mode!r}; expected one of {', '.join(LANE_MODES)}")
        if mode == self._mode and self._pending_mode is None:
            return
        if len(self._data) >= BACKGROUND_LANES_FROM:
            self._pending_mode = mode
            threading.Thread(target=self._build_lanes_elsewhere, args=(self._data, mode),
                             name="casenotes-timeline-lanes", daemon=True).start()
            return
        self._pending_mode = None
        self._switch_lanes(mode, build_lanes(self._data, mode))

    def _build_lanes_elsewhere(self, data: TimelineData, mode: str) -> None:
        lanes = [lane.prepare() for lane in build_lanes(data, mode)]
        with contextlib.suppress(RuntimeError):  # the view was closed meanwhile
            self._lanesBuilt.emit(data, mode, lanes)

    def _lanes_built(self, data: TimelineData, mode: str, lanes: list[Lane]) -> None:
        if data is self._data and mode == self._pending_mode:
            self._pending_mode = None
            self._switch_lanes(mode, lanes)

    def _switch_lanes(self, mode: str, lanes: list[Lane]) -> None:
        self._mode = mode
        self._lanes = lanes
        self._matching_lanes = [None] * len(self._lanes)
        self._focus_lane = None
        if self._selected is not None:
            lanes = lanes_of_record(self._lanes, self._data, mode, self._selected)
            self._focus_lane = lanes[0] if lanes else None
        self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())
        self._invalidate()
        self._update_description(announce=False)
        self.laneModeChanged.emit(mode)

    def lane_mode(self) -> str:
        return self._mode

    def fit_all(self) -> None:
        """Zoom out until every record is in view."""
        self._fit_mode = True
        self._set_scale(self._fit_pixels_per_day())
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())
        self._set_scene_left(-GUTTER_WIDTH)
        self._invalidate()

    def zoom_to_selection(self) -> None:
        """Zoom to the selected record (with room around it), or to the search matches."""
        if self._selected is not None:
            index = self._selected
            first, last = self._data.starts[index], self._data.ends[index] + 1
            span = max(last - first, 10) * 3
            middle = (first + last) / 2
            self._show_days(middle - span / 2, middle + span / 2)
            self._scroll_to_record(index, self._focus_lane)
        elif self._mask is not None and any(self._mask):
            first = self._data.starts[self._mask.find(1)]
            last = max(itertools.compress(self._data.ends, self._mask))
            self._show_days(*padded_range(first, last))

    def zoom_in(self) -> None:
        self._zoom_by(ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_by(1 / ZOOM_STEP)

    # ---- what tests, benchmarks and the main window may read ---------------------------

    def selected_record_id(self) -> str | None:
        return self._data.ids[self._selected] if self._selected is not None else None

    def pixels_per_day(self) -> float:
        return self._scale.pixels_per_day

    def visible_days(self) -> tuple[float, float]:
        """The days [first, end) in the time area (ordinals, fractional)."""
        frame = self.frame()
        return frame.first_day, frame.end_day

    def lane_titles(self) -> list[str]:
        return [lane.title for lane in self._lanes]

    def frame(self) -> Frame:
        """The current frame's layout (computed now if the view changed since)."""
        self._ensure_frame()
        assert self._frame is not None
        return self._frame

    def mark_rects(self, record_id: str) -> list[QRectF]:
        """Scene rectangles of a record's marks in the current frame (one per lane it is drawn in)."""
        index = self._data.index_of(record_id)
        if index is None:
            return []
        return [marks.mark_rect(box) for box in self.frame().boxes_of.get(index, [])]

    def mark_boxes(self, record_id: str) -> list[MarkBox]:
        index = self._data.index_of(record_id)
        return [] if index is None else list(self.frame().boxes_of.get(index, []))

    def data(self) -> TimelineData:
        return self._data

    def visible_relations(self) -> list[tuple[str, str, str]]:
        """(from id, to id, relation) of the arrows the current frame draws."""
        ids = self._data.ids
        arrows = relations.relation_arrows(self._paint_context(), self._incoming)
        return [(ids[arrow.source.index], ids[arrow.target.index], arrow.relation) for arrow in arrows]

    # ---- state --------------------------------------------------------------------------

    def _rebuild_lanes(self) -> None:
        self._lanes = build_lanes(self._data, self._mode)
        self._matching_lanes = [None] * len(self._lanes)
        self._focus_lane = None
        self._invalidate()

    def _matching(self) -> list[Lane] | None:
        if self._mask is None:
            return None
        for position, lane in enumerate(self._lanes):
            if self._matching_lanes[position] is None:
                self._matching_lanes[position] = lane.restricted(self._mask)
        return self._matching_lanes  # type: ignore[return-value]

    def _set_selected(self, index: int | None, lane: int | None) -> None:
        self._selected, self._focus_lane = index, lane
        self._invalidate()
        self._update_description(announce=self.hasFocus())

    def _invalidate(self) -> None:
        self._frame_dirty = True
        self.viewport().update()

    def _label_width(self, index: int) -> float:
        width = self._label_widths.get(index)
        if width is None:
            width = self._label_widths[index] = self._style.label_metrics.horizontalAdvance(self._data.titles[index]) + 1
        return width

    # ---- geometry -------------------------------------------------------------------------

    def _content_width(self) -> float:
        return max(1.0, self.viewport().width() - GUTTER_WIDTH - RIGHT_PAD)

    def _time_area_width(self) -> float:
        """Width of everything right of the lane titles (fit-all leaves a margin inside it)."""
        return max(1.0, self.viewport().width() - GUTTER_WIDTH)

    def _span_days(self) -> float:
        return self._range[1] - self._range[0]

    def _fit_pixels_per_day(self) -> float:
        return self._content_width() / self._span_days()

    def _zoom_limits(self) -> tuple[float, float]:
        return zoom_limits(self._span_days(), self._content_width())

    def _scene_left(self) -> float:
        """Scene x at the viewport's left edge."""
        return self.mapToScene(0, 0).x()

    def _set_scene_left(self, x: float) -> None:
        self.horizontalScrollBar().setValue(round(x))

    def _set_scale(self, pixels_per_day: float) -> None:
        low, high = self._zoom_limits()
        self._scale = TimeScale(self._range[0], min(max(pixels_per_day, low), high))
        self._update_scene_rect()

    def _update_scene_rect(self, height: float | None = None) -> None:
        width = GUTTER_WIDTH + self._span_days() * self._scale.pixels_per_day + RIGHT_PAD
        if self._fit_mode:
            width = max(width, self.viewport().width())
        current = self.sceneRect()
        height = height if height is not None else max(current.height(), AXIS_HEIGHT)
        wanted = QRectF(-GUTTER_WIDTH, 0, width, height)
        if wanted != current:
            self.setSceneRect(wanted)

    def _day_at_viewport_x(self, x: float) -> float:
        return self._scale.day(self._scene_left() + x)

    def _zoom_by(self, factor: float, anchor_x: float | None = None) -> None:
        """Zoom the time axis by ``factor`` keeping the day under viewport x ``anchor_x`` still."""
        if anchor_x is None:
            anchor_x = GUTTER_WIDTH + self._content_width() / 2
        anchor_x = max(float(GUTTER_WIDTH), anchor_x)
        old = self._scale.pixels_per_day
        low, high = self._zoom_limits()
        new = min(max(old * factor, low), high)
        if abs(new - old) < 1e-9 * old:
            return
        anchor_day = self._day_at_viewport_x(anchor_x)
        self._fit_mode = False
        self._set_scale(new)
        self._set_scene_left(self._scale.x(anchor_day) - anchor_x)
        self._invalidate()

    def _show_days(self, first_day: float, end_day: float) -> None:
        """Zoom and pan so the days [first_day, end_day) fill the time area."""
        self._fit_mode = False
        self._set_scale(self._time_area_width() / max(end_day - first_day, 1e-6))
        middle = (first_day + end_day) / 2
        self._set_scene_left(self._scale.x(middle) - GUTTER_WIDTH - self._time_area_width() / 2)
        self._invalidate()

    def _pan_pixels(self, dx: float = 0.0, dy: float = 0.0) -> None:
        if dx:
            self._set_scene_left(self._scene_left() + dx)
        if dy:
            bar = self.verticalScrollBar()
            bar.setValue(round(bar.value() + dy))

    def _scroll_to_record(self, index: int, lane: int | None) -> None:
        """Bring a record's mark into view: pan the least needed, centring it if it is far off."""
        _, x0, x1 = mark_extent(self._data, index, self._scale)
        left = self._scene_left() + GUTTER_WIDTH + SELECTION_MARGIN
        right = self._scene_left() + self.viewport().width() - RIGHT_PAD - SELECTION_MARGIN
        if x1 < left or x0 > right:
            if x1 - x0 > right - left or x1 < left - self._content_width() or x0 > right + self._content_width():
                self._set_scene_left((x0 + x1) / 2 - GUTTER_WIDTH - self._content_width() / 2)
            elif x1 < left:
                self._set_scene_left(self._scene_left() - (left - x0))
            else:
                self._set_scene_left(self._scene_left() + (x1 - right))
        self._frame_dirty = True
        frame = self.frame()
        boxes = [box for box in frame.boxes_of.get(index, []) if lane is None or box.lane == lane]
        if boxes:
            y = boxes[0].y
        elif lane is not None:
            lane_box = frame.lanes[lane]
            y = lane_box.top + lane_box.height / 2
        else:
            return
        top = self.mapToScene(0, 0).y() + AXIS_HEIGHT + 24
        bottom = self.mapToScene(0, self.viewport().height()).y() - 24
        if y < top:
            self._pan_pixels(dy=y - top)
        elif y > bottom:
            self._pan_pixels(dy=y - bottom)

    # ---- layout -----------------------------------------------------------------------------

    def _ensure_frame(self) -> None:
        if not self._frame_dirty and self._frame is not None:
            return
        self._frame_dirty = False
        old = self._frame
        anchor = self._vertical_anchor(old)
        left = self._scene_left()
        request = FrameRequest(
            self._data, self._lanes, self._scale, left + GUTTER_WIDTH, left + self.viewport().width(),
            self._label_width, self._mask, self._selected,
        )
        self._frame = layout_frame(request)
        first, end = self._frame.first_day, self._frame.end_day
        self._ticks = axis_ticks(first, end, self._scale.pixels_per_day)
        self._update_scene_rect(self._frame.content_height)
        if anchor is not None and old is not None and len(old.lanes) == len(self._frame.lanes):
            lane, offset = anchor
            box = self._frame.lanes[lane]
            self.verticalScrollBar().setValue(round(box.top - AXIS_HEIGHT + min(offset, box.height)))
        self._frame_dirty = False

    def _vertical_anchor(self, frame: Frame | None) -> tuple[int, float] | None:
        """(lane, pixels into it) at the top of the lanes area, to keep it there as heights change."""
        top = self.verticalScrollBar().value()
        if frame is None or top <= 0:
            return None
        box = frame.lane_at(top + AXIS_HEIGHT)
        return None if box is None else (box.lane, top + AXIS_HEIGHT - box.top)

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802 (Qt naming)
        super().scrollContentsBy(dx, dy)
        if dx:
            self._frame_dirty = True  # other days came into view; a vertical scroll changes nothing
        self.viewport().update()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._fit_mode:
            self.fit_all()
        else:
            self._set_scale(self._scale.pixels_per_day)
        self._invalidate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._style = TimelineStyle(self.palette(), self.font())
            self._label_widths.clear()
            self._invalidate()
        super().changeEvent(event)

    # ---- painting -------------------------------------------------------------------------

    def paintEvent(self, event) -> None:  # noqa: N802
        self._ensure_frame()  # may resize the scene, so before Qt decides what to draw
        super().paintEvent(event)

    def _paint_context(self) -> PaintContext:
        self._ensure_frame()
        assert self._frame is not None and self._ticks is not None
        viewport = self.viewport().rect()
        visible = QRectF(self.mapToScene(0, 0), self.mapToScene(viewport.width(), viewport.height()))
        return PaintContext(
            self._data, self._lanes, self._matching(), self._frame, self._scale, self._style, self._ticks,
            visible, self._mode, self._selected, self._focus_lane, self.hasFocus(), self._links,
            len(self._data.undated_ids),
        )

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802
        ctx = self._paint_context()
        chrome.paint_lane_backgrounds(painter, ctx)
        if not len(self._data):
            return
        chrome.paint_grid(painter, ctx)
        for box in ctx.frame.lanes:
            if box.binned and ctx.lane_visible(box.top, box.height):
                density.paint_binned_lane(painter, ctx, box)
        relations.paint_relations(painter, ctx, self._incoming)
        marks.paint_covering_bands(painter, ctx)
        marks.paint_marks(painter, ctx)
        marks.paint_selection(painter, ctx)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802
        ctx = self._paint_context()
        painter.save()
        # From here on, viewport pixels: the axis and the lane labels do not scroll.
        painter.setWorldTransform(self.viewportTransform().inverted()[0] * painter.worldTransform())
        width, height = self.viewport().width(), self.viewport().height()
        if len(self._data):
            chrome.paint_axis(painter, ctx, width)
            if self._selected is not None:
                x = self._scale.x(self._data.starts[self._selected]) - ctx.visible.left()
                x_end = self._scale.x(self._data.ends[self._selected] + 1) - ctx.visible.left()
                chrome.selected_day_marker(painter, ctx, (x + x_end) / 2)
            chrome.paint_gutter(painter, ctx, height)
        else:
            chrome.paint_empty(painter, ctx, width, height)
        chrome.paint_corner(painter, ctx)
        painter.restore()

    # ---- hit testing and words ----------------------------------------------------------------

    def mark_at(self, viewport_pos: QPointF) -> MarkBox | None:
        """The mark (or its label) under a viewport position, topmost first."""
        if viewport_pos.x() < GUTTER_WIDTH or viewport_pos.y() < AXIS_HEIGHT:
            return None
        scene = self.mapToScene(viewport_pos.toPoint())
        x, y = scene.x(), scene.y()
        frame = self.frame()
        selected = frame.boxes_of.get(self._selected, []) if self._selected is not None else []
        for box in [*selected, *reversed(frame.marks)]:
            left, right = box.hit_span()
            if abs(y - box.y) <= 9 and left - 3 <= x <= right + 3:
                return box
        return None

    def tooltip_at(self, viewport_pos: QPointF) -> str:
        box = self.mark_at(viewport_pos)
        if box is not None:
            return record_tooltip(self._data, box.index)
        return self._band_tooltip_at(viewport_pos) or self._bin_tooltip_at(viewport_pos)

    def _update_description(self, *, announce: bool) -> None:
        """Keep the accessible description on what has focus, and tell screen readers it changed."""
        if self._selected is not None:
            text = describe_record(self._data, self._selected)
        else:
            years = (dt.date.fromordinal(self._data.starts[0]).year, dt.date.fromordinal(self._data.last_day()).year) \
                if len(self._data) else (None, None)
            text = view_summary(len(self._data), years[0], years[1], self._mode)
        if text == self.accessibleDescription():
            return
        self.setAccessibleDescription(text)
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.DescriptionChanged))
            if announce:
                QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, text))
