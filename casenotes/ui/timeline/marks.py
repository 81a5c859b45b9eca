"""Painting single marks: points for days, light spans for months and years, solid bars
for ranges with an end date, their labels, and the selection on top."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen

from casenotes.ui.timeline.context import PaintContext
from casenotes.ui.timeline.layout import (
    BAR, BAR_HEIGHT, GUTTER_WIDTH, LABEL_GAP, POINT, POINT_SIZE, ROW_HEIGHT, MarkBox,
)
from casenotes.ui.timeline.style import DIMMED_ALPHA, PERIOD_FILL_ALPHA
from casenotes.ui.timeline.texts import covering_text

CLIP_MARGIN = 40.0  # spans are cut a little outside the viewport: huge coordinates paint slowly
PILL_PAD = 5.0


def _visible_marks(ctx: PaintContext) -> list[MarkBox]:
    top, bottom = ctx.visible.top() - ROW_HEIGHT, ctx.visible.bottom() + ROW_HEIGHT
    return [mark for mark in ctx.frame.marks if top <= mark.y <= bottom and not mark.overlay]


def mark_rect(mark: MarkBox, left: float = -1e18, right: float = 1e18) -> QRectF:
    height = POINT_SIZE if mark.shape == POINT else BAR_HEIGHT
    x0, x1 = max(mark.x0, left), min(mark.x1, right)
    return QRectF(x0, mark.y - height / 2, max(x1 - x0, 0.0), height)


def paint_marks(painter: QPainter, ctx: PaintContext) -> None:
    left, right = ctx.visible.left() - CLIP_MARGIN, ctx.visible.right() + CLIP_MARGIN
    marks = _visible_marks(ctx)
    for mark in marks:
        _paint_shape(painter, ctx, mark, left, right)
    painter.setFont(ctx.style.label_font)
    metrics = ctx.style.label_metrics
    for mark in marks:
        if not mark.has_label or mark.index == ctx.selected:
            continue
        width = mark.label_limit - mark.label_x
        text = metrics.elidedText(ctx.data.titles[mark.index], Qt.TextElideMode.ElideRight, width)
        if mark.label_inside and mark.shape == BAR:
            painter.setPen(ctx.style.text_on(ctx.style.kind_colour(ctx.data.kinds[mark.index])))
        else:
            painter.setPen(ctx.style.text)
        side = Qt.AlignmentFlag.AlignRight if mark.label_before else Qt.AlignmentFlag.AlignLeft
        painter.drawText(QRectF(mark.label_x, mark.y - ROW_HEIGHT / 2, width, ROW_HEIGHT),
                         side | Qt.AlignmentFlag.AlignVCenter, text)


def _paint_shape(painter: QPainter, ctx: PaintContext, mark: MarkBox, left: float, right: float) -> None:
    style = ctx.style
    colour = style.kind_colour(ctx.data.kinds[mark.index])
    if not mark.matching:
        colour = style.with_alpha(colour, DIMMED_ALPHA)
    if mark.shape == POINT:
        painter.setPen(QPen(style.base, 1.5) if mark.matching else Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        centre = QPointF((mark.x0 + mark.x1) / 2, mark.y)
        painter.drawEllipse(centre, POINT_SIZE / 2, POINT_SIZE / 2)
        return
    rect = mark_rect(mark, left, right)
    if mark.shape == BAR:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
    else:
        # A month or a year: the event happened somewhere inside, so a light fill and a thin edge.
        # (A dotted edge said that better but took ~5 ms per long span to stroke.)
        fill = QColor(colour)
        fill.setAlpha(PERIOD_FILL_ALPHA if mark.matching else DIMMED_ALPHA // 2)
        painter.setPen(QPen(colour, 1.2))
        painter.setBrush(fill)
        rect = rect.adjusted(0.6, 0.6, -0.6, -0.6)
    painter.drawRoundedRect(rect, 3, 3)


def paint_covering_bands(painter: QPainter, ctx: PaintContext) -> None:
    """One band per lane for the many records that span everything in view (years, long ranges)."""
    style = ctx.style
    left, right = ctx.visible.left() + GUTTER_WIDTH, ctx.visible.right()
    for box in ctx.frame.lanes:
        if not box.covering or not ctx.lane_visible(box.top, box.height):
            continue
        colour = style.kind_colour(ctx.lanes[box.lane].key) if ctx.lane_mode == "kind" else style.neutral_bins
        rect = QRectF(left, box.band_y - BAR_HEIGHT / 2, right - left, BAR_HEIGHT)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(style.with_alpha(colour, PERIOD_FILL_ALPHA))
        painter.drawRect(rect)
        matching = None if ctx.matching_lanes is None else sum(1 for i in box.covering if ctx.matching_lanes[box.lane].contains(i))
        painter.setFont(style.small_font)
        painter.setPen(style.text)
        painter.drawText(rect.adjusted(8, -4, -8, 4), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         covering_text(len(box.covering), matching))


def paint_selection(painter: QPainter, ctx: PaintContext) -> None:
    """Rings around the selected record's marks and its title on a highlighted tag."""
    if ctx.selected is None:
        return
    boxes = ctx.frame.boxes_of.get(ctx.selected, [])
    left, right = ctx.visible.left() - CLIP_MARGIN, ctx.visible.right() + CLIP_MARGIN
    style = ctx.style
    for mark in boxes:
        if mark.overlay:
            _paint_shape(painter, ctx, mark, left, right)
        focused = mark.lane == ctx.focus_lane
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(style.highlight, 2.5 if focused else 1.5))
        if mark.shape == POINT:
            painter.drawEllipse(QPointF((mark.x0 + mark.x1) / 2, mark.y), POINT_SIZE / 2 + 3, POINT_SIZE / 2 + 3)
        else:
            painter.drawRoundedRect(mark_rect(mark, left, right).adjusted(-3, -3, 3, 3), 4, 4)
        if focused or len(boxes) == 1:
            _paint_title_tag(painter, ctx, mark)


def _paint_title_tag(painter: QPainter, ctx: PaintContext, mark: MarkBox) -> None:
    style = ctx.style
    # Title and date: what a sighted keyboard user needs to follow the focus (no tooltip needed).
    text = f"{ctx.data.titles[mark.index]} · {ctx.data.date_text(mark.index)}"
    title = style.label_metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, 420)
    width = style.label_metrics.horizontalAdvance(title) + 2 * PILL_PAD
    x = mark.x1 + LABEL_GAP + 2
    if x + width > ctx.visible.right() - 4:  # no room on the right: put it on the left
        x = max(mark.x0 - LABEL_GAP - 2 - width, ctx.visible.left() + GUTTER_WIDTH + 4)
    rect = QRectF(x, mark.y - ROW_HEIGHT / 2 + 1, width, ROW_HEIGHT - 2)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(style.highlight))
    painter.drawRoundedRect(rect, 4, 4)
    painter.setFont(style.label_font)
    painter.setPen(style.text_on(style.highlight))
    painter.drawText(rect.adjusted(PILL_PAD, 0, -PILL_PAD + 1, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, title)
