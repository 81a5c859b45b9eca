"""The timeline's frame: lane backgrounds, calendar grid, the time axis and the lane labels.

Backgrounds and grid are painted in scene coordinates under the marks; the axis (top)
and lane labels (left) are painted in viewport coordinates over them, so they stay put
while the marks scroll underneath.
"""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPen

from casenotes.ui.timeline.context import PaintContext
from casenotes.ui.timeline.describe import count_text, records_text
from casenotes.ui.timeline.layout import AXIS_HEIGHT, GUTTER_WIDTH
from casenotes.ui.timeline.texts import LANE_MODE_TITLES, NOTHING_TO_SHOW, undated_text

MAJOR_ROW = QRectF(0, 3, 0, 21)  # y and height of the top row of the axis
MINOR_ROW = QRectF(0, 24, 0, 20)
SWATCH_WIDTH = 4


def paint_lane_backgrounds(painter: QPainter, ctx: PaintContext) -> None:
    visible = ctx.visible
    painter.fillRect(visible, ctx.style.base)
    for number, box in enumerate(ctx.frame.lanes):
        if not ctx.lane_visible(box.top, box.height):
            continue
        if number % 2:
            painter.fillRect(QRectF(visible.left(), box.top, visible.width(), box.height), ctx.style.alternate)
    painter.setPen(QPen(ctx.style.line, 0))
    for box in ctx.frame.lanes:
        bottom = box.top + box.height
        if visible.top() <= bottom <= visible.bottom():
            painter.drawLine(QLineF(visible.left(), bottom - 0.5, visible.right(), bottom - 0.5))


def paint_grid(painter: QPainter, ctx: PaintContext) -> None:
    """Vertical lines at each period boundary, stronger at the larger periods."""
    top, bottom = max(ctx.visible.top(), AXIS_HEIGHT), ctx.visible.bottom()
    majors = {tick.day for tick in ctx.ticks.major}
    minor_lines, major_lines = [], []
    for tick in ctx.ticks.minor:
        x = round(ctx.scale.x(tick.day)) + 0.5
        (major_lines if tick.day in majors else minor_lines).append(QLineF(x, top, x, bottom))
    painter.setPen(QPen(ctx.style.grid_minor, 0))
    painter.drawLines(minor_lines)
    painter.setPen(QPen(ctx.style.grid_major, 0))
    painter.drawLines(major_lines)


def paint_axis(painter: QPainter, ctx: PaintContext, width: float) -> None:
    """The sticky time axis along the top, in viewport coordinates."""
    style, scale, origin_x = ctx.style, ctx.scale, ctx.visible.left()
    painter.fillRect(QRectF(0, 0, width, AXIS_HEIGHT), style.header)
    content_left = GUTTER_WIDTH

    def to_view(day: float) -> float:
        return scale.x(day) - origin_x

    painter.setPen(QPen(style.line, 0))
    ticks_lines = [QLineF(round(to_view(t.day)) + 0.5, AXIS_HEIGHT - 6, round(to_view(t.day)) + 0.5, AXIS_HEIGHT)
                   for t in ctx.ticks.minor]
    painter.drawLines(ticks_lines)
    majors = ctx.ticks.major
    painter.setFont(style.bold_font)
    painter.setPen(style.window_text)
    for position, tick in enumerate(majors):
        left, right = to_view(tick.day), to_view(majors[position + 1].day) if position + 1 < len(majors) else width
        if right <= content_left or left >= width:
            continue
        if left >= content_left:
            painter.drawLine(QLineF(round(left) + 0.5, MAJOR_ROW.top(), round(left) + 0.5, AXIS_HEIGHT))
        text_width = style.bold_metrics.horizontalAdvance(tick.label)
        # Sticky: the label of a period that began off-screen waits at the left edge.
        x = min(max(left, content_left) + 6, right - text_width - 6)
        if x < content_left:
            continue
        painter.drawText(QRectF(x, MAJOR_ROW.top(), text_width + 2, MAJOR_ROW.height()),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, tick.label)
    painter.setFont(style.font)
    painter.setPen(style.muted_text)
    minor = ctx.ticks.minor
    for position, tick in enumerate(minor[:-1]):
        left, right = to_view(tick.day), to_view(minor[position + 1].day)
        text_width = style.metrics.horizontalAdvance(tick.label)
        if right <= content_left or right - left < text_width + 4:
            continue
        centred = ctx.ticks.step == 1
        x = (left + right - text_width) / 2 if centred else left + 4
        if x < content_left:
            continue
        painter.drawText(QRectF(x, MINOR_ROW.top(), text_width + 2, MINOR_ROW.height()),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, tick.label)
    painter.setPen(QPen(style.line, 0))
    painter.drawLine(QLineF(0, AXIS_HEIGHT - 0.5, width, AXIS_HEIGHT - 0.5))


def paint_gutter(painter: QPainter, ctx: PaintContext, height: float) -> None:
    """Lane titles and counts down the left edge, in viewport coordinates."""
    style, origin_y = ctx.style, ctx.visible.top()
    painter.fillRect(QRectF(0, AXIS_HEIGHT, GUTTER_WIDTH, height - AXIS_HEIGHT), style.header)
    painter.save()
    painter.setClipRect(QRectF(0, AXIS_HEIGHT, GUTTER_WIDTH, height - AXIS_HEIGHT))
    text_left, text_width = 12.0, GUTTER_WIDTH - 20.0
    for number, box in enumerate(ctx.frame.lanes):
        if not ctx.lane_visible(box.top, box.height):
            continue
        lane = ctx.lanes[box.lane]
        top = box.top - origin_y
        if number % 2:
            painter.fillRect(QRectF(0, top, GUTTER_WIDTH, box.height), style.alternate)
        if ctx.lane_mode == "kind":
            painter.fillRect(QRectF(0, top + 6, SWATCH_WIDTH, box.height - 12), style.kind_colour(lane.key))
        focused = box.lane == ctx.focus_lane and ctx.selected is not None
        painter.setFont(style.bold_font)
        painter.setPen(style.highlight if focused else style.window_text)
        title = style.bold_metrics.elidedText(lane.title, Qt.TextElideMode.ElideRight, text_width)
        painter.drawText(QRectF(text_left, top + 5, text_width, 18),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        painter.setFont(style.small_font)
        painter.setPen(style.muted_text)
        total = len(lane)
        if ctx.matching_lanes is not None:
            summary = f"{count_text(len(ctx.matching_lanes[box.lane]))} of {count_text(total)}"
        else:
            summary = records_text(total) if total < 10_000 else f"{count_text(total)} records"
        painter.drawText(QRectF(text_left, top + 22, text_width, 16),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, summary)
        painter.setPen(QPen(style.line, 0))
        painter.drawLine(QLineF(0, top + box.height - 0.5, GUTTER_WIDTH, top + box.height - 0.5))
    painter.restore()
    painter.setPen(QPen(style.line, 0))
    painter.drawLine(QLineF(GUTTER_WIDTH - 0.5, 0, GUTTER_WIDTH - 0.5, height))


def paint_corner(painter: QPainter, ctx: PaintContext) -> None:
    """Top-left: what the lanes group by and how many records there are."""
    style = ctx.style
    painter.fillRect(QRectF(0, 0, GUTTER_WIDTH, AXIS_HEIGHT), style.header)
    painter.setFont(style.bold_font)
    painter.setPen(style.window_text)
    painter.drawText(QRectF(12, MAJOR_ROW.top(), GUTTER_WIDTH - 20, MAJOR_ROW.height()),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, LANE_MODE_TITLES[ctx.lane_mode])
    painter.setFont(style.small_font)
    painter.setPen(style.muted_text)
    summary = records_text(len(ctx.data))
    if ctx.undated:
        summary += f" · {undated_text(ctx.undated)}"
    summary = style.small_metrics.elidedText(summary, Qt.TextElideMode.ElideRight, GUTTER_WIDTH - 20)
    painter.drawText(QRectF(12, MINOR_ROW.top(), GUTTER_WIDTH - 20, MINOR_ROW.height()),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, summary)
    painter.setPen(QPen(style.line, 0))
    painter.drawLine(QLineF(0, AXIS_HEIGHT - 0.5, GUTTER_WIDTH, AXIS_HEIGHT - 0.5))
    painter.drawLine(QLineF(GUTTER_WIDTH - 0.5, 0, GUTTER_WIDTH - 0.5, AXIS_HEIGHT))


def paint_empty(painter: QPainter, ctx: PaintContext, width: float, height: float) -> None:
    painter.setFont(ctx.style.font)
    painter.setPen(ctx.style.muted_text)
    text = NOTHING_TO_SHOW if not ctx.undated else f"{NOTHING_TO_SHOW} ({undated_text(ctx.undated)})"
    painter.drawText(QRectF(GUTTER_WIDTH, AXIS_HEIGHT, width - GUTTER_WIDTH, height - AXIS_HEIGHT),
                     Qt.AlignmentFlag.AlignCenter, text)


def selected_day_marker(painter: QPainter, ctx: PaintContext, x: float) -> None:
    """A small triangle on the axis over the selected record's date (viewport coordinates)."""
    if x < GUTTER_WIDTH:
        return
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ctx.style.highlight)
    painter.drawPolygon([QPointF(x - 5, AXIS_HEIGHT - 7), QPointF(x + 5, AXIS_HEIGHT - 7), QPointF(x, AXIS_HEIGHT - 1)])
