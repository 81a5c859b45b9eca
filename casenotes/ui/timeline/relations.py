"""Arrows between related records (DisrupTor → Wall Street Market): solid for "follows",
dashed for "part of", dotted for "related"; the selected record's arrows stand out."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen, QPolygonF

from casenotes.ui.timeline.context import PaintContext
from casenotes.ui.timeline.layout import BAR_HEIGHT, LANE_PAD, POINT, POINT_SIZE, ROW_HEIGHT, MarkBox, mark_extent
from casenotes.ui.timeline.links import Links

ARROW_SIZE = 7.0


@dataclass
class Arrow:
    source: MarkBox
    target: MarkBox
    relation: str  # follows | part_of | related
    strong: bool  # an arrow of the selected record
LINE_STYLES = {"follows": Qt.PenStyle.SolidLine, "part_of": Qt.PenStyle.DashLine, "related": Qt.PenStyle.DotLine}


def relation_arrows(ctx: PaintContext, incoming: Links) -> list[Arrow]:
    """Arrows between marks that are both on screen, plus every arrow of the selected record.

    An end that is off screen (only for the selected record's arrows) is placed where its
    mark would be: at its dates, in the first row of its lane.
    """
    primary = _primary_boxes(ctx)
    arrows: list[Arrow] = []
    drawn: set[tuple[int, int]] = set()
    for source, box in primary.items():
        for target, relation in ctx.links_from.get(source, ()):
            target_box = primary.get(target)
            involved = ctx.selected in (source, target)
            if target_box is None and involved:
                target_box = _estimated_box(ctx, target)
            if target_box is not None and not involved and not (box.matching or target_box.matching):
                continue  # both ends dimmed by the search: their arrow would only add noise
            if target_box is not None:
                arrows.append(Arrow(box, target_box, relation, involved))
                drawn.add((source, target))
    selected = ctx.selected
    if selected is not None and selected in primary:
        for source, relation in incoming.get(selected, ()):
            if (source, selected) not in drawn:
                source_box = _estimated_box(ctx, source)
                if source_box is not None:
                    arrows.append(Arrow(source_box, primary[selected], relation, True))
    return arrows


def paint_relations(painter: QPainter, ctx: PaintContext, incoming: Links) -> None:
    for arrow in relation_arrows(ctx, incoming):
        _paint_arrow(painter, ctx, arrow)


def _primary_boxes(ctx: PaintContext) -> dict[int, MarkBox]:
    """One mark per record to draw arrows from (the focused lane's, for the selected record)."""
    primary: dict[int, MarkBox] = {}
    for mark in ctx.frame.marks:
        if mark.index not in primary or (mark.index == ctx.selected and mark.lane == ctx.focus_lane):
            primary[mark.index] = mark
    return primary


def _estimated_box(ctx: PaintContext, index: int) -> MarkBox | None:
    """Where an off-screen record would be: its dates, first row of its first lane."""
    for box in ctx.frame.lanes:
        if ctx.lanes[box.lane].contains(index):
            shape, x0, x1 = mark_extent(ctx.data, index, ctx.scale)
            y = box.top + LANE_PAD + ROW_HEIGHT / 2
            return MarkBox(index, box.lane, shape, x0, x1, y, x1, x1, False, True)
    return None


def _anchor(box: MarkBox, towards_x: float, towards_y: float) -> QPointF:
    """The point on a mark's edge facing the other end of the arrow."""
    x = min(max(towards_x, box.x0), box.x1)
    half = (POINT_SIZE if box.shape == POINT else BAR_HEIGHT) / 2 + 2
    if abs(towards_y - box.y) < 1:
        return QPointF(x, box.y - half)
    return QPointF(x, box.y - half if towards_y < box.y else box.y + half)


def _paint_arrow(painter: QPainter, ctx: PaintContext, arrow: Arrow) -> None:
    source, target, relation, strong = arrow.source, arrow.target, arrow.relation, arrow.strong
    target_middle = (target.x0 + target.x1) / 2
    source_middle = (source.x0 + source.x1) / 2
    start = _anchor(source, target_middle, target.y)
    end = _anchor(target, source_middle, source.y)
    path = QPainterPath(start)
    if abs(start.y() - end.y()) < 1:  # same row: arc over the marks in between
        lift = min(28.0, 10 + abs(end.x() - start.x()) / 8)
        first, second = QPointF(start.x(), start.y() - lift), QPointF(end.x(), end.y() - lift)
    else:
        middle_y = (start.y() + end.y()) / 2
        first, second = QPointF(start.x(), middle_y), QPointF(end.x(), middle_y)
    path.cubicTo(first, second, end)
    faded = not (source.matching and target.matching)
    colour = ctx.style.highlight if strong else ctx.style.with_alpha(ctx.style.relation, 60 if faded else 150)
    pen = QPen(colour, 1.8 if strong else 1.1, LINE_STYLES.get(relation, Qt.PenStyle.SolidLine))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    angle = math.atan2(end.y() - second.y(), end.x() - second.x())
    if second == end:
        angle = math.atan2(end.y() - start.y(), end.x() - start.x())
    back = QPointF(end.x() - ARROW_SIZE * math.cos(angle), end.y() - ARROW_SIZE * math.sin(angle))
    spread = QPointF(-math.sin(angle) * ARROW_SIZE / 2.2, math.cos(angle) * ARROW_SIZE / 2.2)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawPolygon(QPolygonF([end, back + spread, back - spread]))
