"""100,000 records stay a handful of scene items and paint as counts (level of detail)."""

from __future__ import annotations

from PySide6.QtGui import QImage, QPalette

from casenotes.ui.timeline.layout import MAX_MARKS_IN_VIEW, MAX_MARKS_PER_LANE
from tests.ui.timeline.conftest import day, synthetic_timeline


def test_a_hundred_thousand_records_paint_as_bins_with_a_bounded_scene(timeline):
    data = synthetic_timeline(100_000)
    timeline.set_data(data)
    frame = timeline.frame()
    assert len(timeline.scene().items()) < 10
    assert len(frame.marks) <= MAX_MARKS_IN_VIEW
    assert all(box.binned for box in frame.lanes if box.in_view > MAX_MARKS_PER_LANE)
    assert sum(box.in_view for box in frame.lanes) == len(data)

    image = QImage(timeline.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    timeline.viewport().render(image)
    base = timeline.palette().color(QPalette.ColorRole.Base).rgb()
    lane = frame.lanes[0]
    row = int(lane.top + lane.height - 8 - timeline.mapToScene(0, 0).y())
    painted = sum(1 for x in range(200, image.width() - 40, 5) if image.pixel(x, row) != base)
    assert painted > 100  # the histogram covers most of the lane's width


def test_zoomed_in_on_a_week_the_same_records_become_single_marks(timeline):
    timeline.set_data(synthetic_timeline(100_000))
    timeline._show_days(day("2015-03-02"), day("2015-03-09"))
    frame = timeline.frame()
    assert any(not box.binned and box.in_view for box in frame.lanes)
    assert 0 < len(frame.marks) <= MAX_MARKS_IN_VIEW
    assert len(timeline.scene().items()) < 10
    timeline.grab()
