"""What one paint of the timeline needs, gathered in one place for the painters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF

from casenotes.store.timeline import TimelineData
from casenotes.ui.timeline.lanes import Lane
from casenotes.ui.timeline.layout import Frame
from casenotes.ui.timeline.links import Links
from casenotes.ui.timeline.scale import TimeScale
from casenotes.ui.timeline.style import TimelineStyle
from casenotes.ui.timeline.ticks import AxisTicks


@dataclass
class PaintContext:
    data: TimelineData
    lanes: Sequence[Lane]
    matching_lanes: Sequence[Lane] | None  # the same lanes holding only matches; None = no search
    frame: Frame
    scale: TimeScale
    style: TimelineStyle
    ticks: AxisTicks
    visible: QRectF  # the scene area in the viewport
    lane_mode: str
    selected: int | None
    focus_lane: int | None
    has_focus: bool
    links_from: Links
    undated: int

    def lane_visible(self, top: float, height: float) -> bool:
        return top < self.visible.bottom() and top + height > self.visible.top()
