"""Where everything goes in one frame: lane heights, which lanes show single marks and
which show counts, and the position of every mark on screen. No Qt in here.

Level of detail: a lane shows its records one by one only while few of them are in view
(and they fit in its rows); otherwise it shows binned counts. The work done here grows
with what is visible, never with the number of records.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from casenotes.store.dates import Precision
from casenotes.store.timeline import NO_END, TimelineData
from casenotes.ui.timeline.lanes import Lane
from casenotes.ui.timeline.packing import overlaps_needed, pack_rows
from casenotes.ui.timeline.scale import TimeScale

AXIS_HEIGHT = 46
GUTTER_WIDTH = 160
RIGHT_PAD = 24
BOTTOM_PAD = 16
ROW_HEIGHT = 20
LANE_PAD = 7
MIN_LANE_HEIGHT = 42
BINNED_LANE_HEIGHT = 64
MAX_ROWS = 24
POINT_SIZE = 10.0
BAR_HEIGHT = 12.0
MIN_SPAN_WIDTH = 6.0
LABEL_GAP = 5.0
MARK_GAP = 4.0
INSIDE_PAD = 6.0
MIN_LABEL_WIDTH = 28.0
MAX_LABEL_WIDTH = 240.0
MAX_MARKS_PER_LANE = 400
MAX_MARKS_IN_VIEW = 1500
MAX_COVERING_MARKS = 5  # more records than this spanning the whole view share one band

POINT, PERIOD, BAR = "point", "period", "bar"  # a day; a month or year; a range with an end date


@dataclass
class MarkBox:
    """One record drawn as a single mark in one lane."""

    index: int  # record
    lane: int  # position in the frame's lanes
    shape: str
    x0: float  # scene x of the mark's left and right edges
    x1: float
    y: float  # scene y of the mark's vertical centre
    label_x: float
    label_limit: float  # the label may use [label_x, label_limit); too little room = no label
    label_inside: bool
    matching: bool
    overlay: bool = False  # drawn over a binned lane (the selected record)
    label_before: bool = False  # label to the left of the mark (no room on the right)

    @property
    def has_label(self) -> bool:
        return self.label_limit - self.label_x >= MIN_LABEL_WIDTH

    def hit_span(self) -> tuple[float, float]:
        """Left and right of what a click may hit: the mark and its label."""
        if not self.has_label or self.label_inside:
            return self.x0, self.x1
        if self.label_before:
            return self.label_x, self.x1
        return self.x0, max(self.x1, self.label_limit)


@dataclass
class LaneBox:
    lane: int
    top: float
    height: float
    binned: bool
    in_view: int  # records overlapping the visible days
    rows: int = 0
    covering: list[int] = field(default_factory=list)  # records spanning the whole view, in one band

    @property
    def band_y(self) -> float:
        """Scene y of the centre of the band row (the first row) for ``covering``."""
        return self.top + LANE_PAD + ROW_HEIGHT / 2


@dataclass
class Frame:
    """The laid-out frame for one view position and zoom."""

    first_day: float  # visible days [first_day, end_day)
    end_day: float
    lanes: list[LaneBox] = field(default_factory=list)
    marks: list[MarkBox] = field(default_factory=list)
    boxes_of: dict[int, list[MarkBox]] = field(default_factory=dict)

    @property
    def content_height(self) -> float:
        return (self.lanes[-1].top + self.lanes[-1].height if self.lanes else AXIS_HEIGHT) + BOTTOM_PAD

    def lane_at(self, y: float) -> LaneBox | None:
        for box in self.lanes:
            if box.top <= y < box.top + box.height:
                return box
        return None


@dataclass
class FrameRequest:
    """What the layout needs to know about the view."""

    data: TimelineData
    lanes: Sequence[Lane]
    scale: TimeScale
    content_left: float  # scene x range of the visible time area (right of the gutter)
    content_right: float
    label_width: Callable[[int], float]
    mask: bytes | bytearray | None = None  # 1 = matches the search; None = all match
    selected: int | None = None


def mark_shape(data: TimelineData, index: int) -> str:
    if data.end_precisions[index] != NO_END:
        return BAR
    return POINT if data.precisions[index] == Precision.DAY else PERIOD


def mark_extent(data: TimelineData, index: int, scale: TimeScale) -> tuple[str, float, float]:
    """(shape, left x, right x) of a record's mark at this scale."""
    shape = mark_shape(data, index)
    if shape == POINT:
        centre = scale.x(data.starts[index] + 0.5)
        return shape, centre - POINT_SIZE / 2, centre + POINT_SIZE / 2
    left, right = scale.x(data.starts[index]), scale.x(data.ends[index] + 1)
    if right - left < MIN_SPAN_WIDTH:
        middle = (left + right) / 2
        left, right = middle - MIN_SPAN_WIDTH / 2, middle + MIN_SPAN_WIDTH / 2
    return shape, left, right


def layout_frame(request: FrameRequest) -> Frame:
    """Decide each lane's level of detail and place every visible mark."""
    scale = request.scale
    first_day, end_day = scale.day(request.content_left), scale.day(request.content_right)
    frame = Frame(first_day, end_day)
    counts = [lane.count_overlapping(first_day, end_day) for lane in request.lanes]
    detailed = _lanes_within_budget(counts)
    placed: dict[int, list[MarkBox]] = {}
    for position in detailed:
        boxes, rows, covering = _place_lane(request, position, first_day, end_day)
        if boxes is not None:
            placed[position] = boxes
            frame.lanes.append(LaneBox(position, 0.0, 0.0, False, counts[position], rows, covering))
    top = float(AXIS_HEIGHT)
    boxes_by_lane = {box.lane: box for box in frame.lanes}
    frame.lanes = []
    for position, count in enumerate(counts):
        box = boxes_by_lane.get(position) or LaneBox(position, 0.0, 0.0, True, count)
        box.top = top
        if box.binned:
            box.height = BINNED_LANE_HEIGHT
        else:
            box.height = max(MIN_LANE_HEIGHT, 2 * LANE_PAD + box.rows * ROW_HEIGHT)
            for mark in placed[position]:
                mark.y += top
                frame.marks.append(mark)
        frame.lanes.append(box)
        top += box.height
    _add_selected_overlays(request, frame)
    for mark in frame.marks:
        frame.boxes_of.setdefault(mark.index, []).append(mark)
    return frame


def _lanes_within_budget(counts: Sequence[int]) -> list[int]:
    """Lanes that may show single marks: the least crowded first, within the frame's budget."""
    chosen, total = [], 0
    for position in sorted(range(len(counts)), key=lambda p: (counts[p], p)):
        count = counts[position]
        if count > MAX_MARKS_PER_LANE or total + count > MAX_MARKS_IN_VIEW:
            break
        chosen.append(position)
        total += count
    return sorted(chosen)


def _place_lane(
    request: FrameRequest, position: int, first_day: float, end_day: float
) -> tuple[list[MarkBox] | None, int, list[int]]:
    """Marks of one lane stacked in rows (y relative to the lane top), or None if too crowded.

    Also returns the rows used and the records that span the whole view when there are
    too many of them to stack (they get one band in the first row instead of a row each).
    """
    data, scale, mask = request.data, request.scale, request.mask
    left_edge, right_edge = request.content_left, request.content_right
    indexes = request.lanes[position].overlapping(first_day, end_day)
    extents = [mark_extent(data, index, scale) for index in indexes]
    spans = [(max(x0, left_edge), x1) for _, x0, x1 in extents if not (x0 <= left_edge and x1 >= right_edge)]
    allowed = max(2, len(indexes) // 10)
    if overlaps_needed(spans, MAX_ROWS - 1, MARK_GAP, allowed) > allowed:
        return None, 0, []  # too crowded for single marks: cheap to find out before measuring labels
    boxes: list[MarkBox] = []
    items: list[tuple[float, float, float]] = []
    for index, (shape, x0, x1) in zip(indexes, extents):
        matching = mask is None or bool(mask[index])
        visible_left = max(x0, left_edge)
        # A label needs its mark in sight: none for non-matches or marks hidden under the lane titles.
        labelled = (matching or index == request.selected) and x1 >= left_edge + MIN_SPAN_WIDTH
        label_width = min(request.label_width(index), MAX_LABEL_WIDTH) if labelled else 0.0
        inside = shape != POINT and min(x1, right_edge) - visible_left >= label_width + 2 * INSIDE_PAD and label_width > 0
        flipped = False
        if inside:
            label_x = visible_left + INSIDE_PAD
            label_right = label_x + label_width
        else:
            label_x = x1 + LABEL_GAP
            label_right = label_x + label_width if label_width else x1
            # Near the right edge a label would be cut off: put it before the mark instead.
            if label_width and label_right > right_edge and x0 - LABEL_GAP - label_width >= left_edge:
                flipped = True
                label_x, label_right = x0 - LABEL_GAP - label_width, x0 - LABEL_GAP
        box = MarkBox(index, position, shape, x0, x1, 0.0, label_x, label_right, inside, matching)
        box.label_before = flipped
        boxes.append(box)
        items.append((label_x if flipped else visible_left, x1, x1 if flipped else max(x1, label_right)))
    covering: list[int] = []
    spanning = [k for k, box in enumerate(boxes) if box.x0 <= left_edge and box.x1 >= right_edge]
    if len(spanning) > MAX_COVERING_MARKS:
        covering = [boxes[k].index for k in spanning]
        keep = set(range(len(boxes))) - set(spanning)
        boxes = [box for k, box in enumerate(boxes) if k in keep]
        items = [item for k, item in enumerate(items) if k in keep]
    packed = pack_rows(items, MAX_ROWS - bool(covering), MARK_GAP)
    if packed.overlapping > max(2, len(items) // 10):
        return None, 0, []
    first_row = 1 if covering else 0
    for box, row, limit in zip(boxes, packed.rows, packed.label_limits):
        box.y = LANE_PAD + (first_row + row) * ROW_HEIGHT + ROW_HEIGHT / 2
        if not (box.label_inside or box.label_before):
            box.label_limit = min(box.label_limit, limit)
    return boxes, packed.rows_used + first_row, covering


def _add_selected_overlays(request: FrameRequest, frame: Frame) -> None:
    """The selected record stays visible (and clickable) even where its lane shows counts."""
    selected = request.selected
    if selected is None:
        return
    for box in frame.lanes:
        if box.binned and request.lanes[box.lane].contains(selected):
            y = box.top + box.height / 2
        elif selected in box.covering:
            y = box.band_y
        else:
            continue
        shape, x0, x1 = mark_extent(request.data, selected, request.scale)
        if x1 < request.content_left or x0 > request.content_right:
            continue
        label_x = x1 + LABEL_GAP
        width = min(request.label_width(selected), MAX_LABEL_WIDTH)
        frame.marks.append(MarkBox(
            selected, box.lane, shape, x0, x1, y, label_x, label_x + width, False,
            request.mask is None or bool(request.mask[selected]), overlay=True,
        ))

