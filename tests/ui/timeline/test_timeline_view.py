"""The timeline pane as a mouse user meets it: marks, spans, bars, lanes, zoom, pan, dimming."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QNativeGestureEvent, QPalette, QPointingDevice, QWheelEvent

from casenotes.store.timeline import TimelineData
from casenotes.ui.timeline.layout import BAR, GUTTER_WIDTH, PERIOD, POINT
from tests.ui.timeline.conftest import click_mark, day, mark_centre


def test_view_is_named_for_the_window_and_assistive_tools(timeline):
    assert timeline.objectName() == "timelineView"
    assert timeline.accessibleName() == "Timeline"


def test_fit_all_shows_a_mark_for_every_seed_record(seed_timeline):
    data = seed_timeline.data()
    left = seed_timeline.mapToScene(0, 0).x() + GUTTER_WIDTH
    right = seed_timeline.mapToScene(seed_timeline.viewport().width(), 0).x()
    for record_id in data.ids:
        rects = seed_timeline.mark_rects(record_id)
        assert rects, record_id
        assert all(left <= rect.left() and rect.right() <= right for rect in rects), record_id


def test_fit_all_after_zooming_in_shows_every_record_again(gwern_timeline):
    for _ in range(6):
        gwern_timeline.zoom_in()
    first, end = gwern_timeline.visible_days()
    data = gwern_timeline.data()
    assert first > data.starts[0] or end < data.ends[-1] + 1
    gwern_timeline.fit_all()
    first, end = gwern_timeline.visible_days()
    assert first <= min(data.starts) and end >= max(data.ends) + 1


def test_a_month_precision_record_is_a_span_over_its_whole_month(seed_timeline):
    seed_timeline._show_days(day("2016-03-01"), day("2016-06-01"))
    [box] = seed_timeline.mark_boxes("silk-road-2-right-hand-man-plea")  # dated 2016-04
    scale = seed_timeline._scale
    assert box.shape == PERIOD
    assert box.x0 == pytest.approx(scale.x(day("2016-04-01")))
    assert box.x1 == pytest.approx(scale.x(day("2016-05-01")))


def test_an_end_date_is_drawn_as_a_bar_to_the_end_of_that_day(gwern_timeline):
    gwern_timeline._show_days(day("2015-05-01"), day("2015-08-01"))
    [box] = gwern_timeline.mark_boxes("gwern-market-horizon-market")  # 2015-05-23 to 2015-07-08
    scale = gwern_timeline._scale
    assert box.shape == BAR
    assert box.x0 == pytest.approx(scale.x(day("2015-05-23")))
    assert box.x1 == pytest.approx(scale.x(day("2015-07-09")))


def test_a_day_precision_record_is_a_point(seed_timeline):
    [box] = seed_timeline.mark_boxes("operation-disruptor")
    assert box.shape == POINT


def test_lanes_group_by_kind_then_country_then_agency(seed_timeline, qtbot):
    assert seed_timeline.lane_mode() == "kind"
    assert seed_timeline.lane_titles() == ["Operation", "Takedown", "Raid", "Arrest", "Prosecution"]
    kind_lanes = {box.lane for box in seed_timeline.mark_boxes("operation-disruptor")}
    assert [seed_timeline.lane_titles()[lane] for lane in kind_lanes] == ["Operation"]

    with qtbot.waitSignal(seed_timeline.laneModeChanged) as changed:
        seed_timeline.set_lane_mode("country")
    assert changed.args == ["country"]
    titles = seed_timeline.lane_titles()
    assert {"United States", "Germany", "Austria"} <= set(titles)
    lanes = sorted(titles[box.lane] for box in seed_timeline.mark_boxes("operation-disruptor"))
    assert lanes == sorted(["United States", "Germany", "Netherlands", "United Kingdom", "Austria", "Sweden", "Canada"])

    seed_timeline.set_lane_mode("agency")
    titles = seed_timeline.lane_titles()
    assert titles[0] == "Europol"  # the busiest agency first
    assert "JCODE" in {titles[box.lane] for box in seed_timeline.mark_boxes("operation-disruptor")}


def test_an_unknown_lane_mode_is_refused(timeline):
    with pytest.raises(ValueError, match="unknown lane mode"):
        timeline.set_lane_mode("colour")


def test_clicking_a_mark_selects_its_record(seed_timeline, qtbot):
    with qtbot.waitSignal(seed_timeline.recordSelected) as selected:
        click_mark(qtbot, seed_timeline, "operation-disruptor")
    assert selected.args == ["operation-disruptor"]
    assert seed_timeline.selected_record_id() == "operation-disruptor"


def test_clicking_empty_space_selects_nothing(seed_timeline, qtbot):
    with qtbot.assertNotEmitted(seed_timeline.recordSelected):
        qtbot.mouseClick(seed_timeline.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(GUTTER_WIDTH + 5, 660))


def test_double_clicking_a_mark_activates_its_record(seed_timeline, qtbot):
    with qtbot.waitSignal(seed_timeline.recordActivated) as activated:
        qtbot.mouseDClick(seed_timeline.viewport(), Qt.MouseButton.LeftButton,
                          pos=mark_centre(seed_timeline, "wall-street-market-takedown"))
    assert activated.args == ["wall-street-market-takedown"]


def test_select_record_scrolls_it_into_view_without_emitting(gwern_timeline, qtbot):
    gwern_timeline._show_days(day("2012-01-01"), day("2012-02-01"))
    first, end = gwern_timeline.visible_days()
    assert not first <= day("2020-09-22") < end
    with qtbot.assertNotEmitted(gwern_timeline.recordSelected):
        gwern_timeline.select_record("operation-disruptor")
    first, end = gwern_timeline.visible_days()
    assert first <= day("2020-09-22") < end
    assert gwern_timeline.selected_record_id() == "operation-disruptor"
    centre = mark_centre(gwern_timeline, "operation-disruptor")
    assert gwern_timeline.viewport().rect().contains(centre)


def test_select_record_scrolls_down_to_a_lane_below_the_fold(gwern_timeline):
    gwern_timeline.resize(900, 260)
    gwern_timeline.set_lane_mode("country")
    gwern_timeline.select_record("uk-stresser-guilty-plea")
    assert gwern_timeline.viewport().rect().contains(mark_centre(gwern_timeline, "uk-stresser-guilty-plea"))


def test_select_record_none_or_unknown_clears_the_selection(seed_timeline):
    seed_timeline.select_record("operation-onymous")
    seed_timeline.select_record("no-such-record")
    assert seed_timeline.selected_record_id() is None
    seed_timeline.select_record("operation-onymous")
    seed_timeline.select_record(None)
    assert seed_timeline.selected_record_id() is None


def test_non_matching_marks_are_dimmed(seed_timeline):
    before = seed_timeline.grab().toImage()
    centre = mark_centre(seed_timeline, "operation-onymous")
    seed_timeline.set_matching({"operation-disruptor"})
    assert [box.matching for box in seed_timeline.mark_boxes("operation-onymous")] == [False]
    assert [box.matching for box in seed_timeline.mark_boxes("operation-disruptor")] == [True]
    after = seed_timeline.grab().toImage()
    background = seed_timeline.palette().color(QPalette.ColorRole.Base)

    def distance(colour: QColor) -> int:
        return sum(abs(a - b) for a, b in zip(colour.getRgb()[:3], background.getRgb()[:3]))

    assert distance(after.pixelColor(centre)) < distance(before.pixelColor(centre)) / 2
    seed_timeline.set_matching(None)
    assert all(box.matching for box in seed_timeline.frame().marks)


def test_plus_and_minus_change_the_horizontal_scale_only(seed_timeline, qtbot):
    def heights() -> set[tuple[str, float]]:
        frame = seed_timeline.frame()
        return {(box.shape, rect.height()) for box in frame.marks for rect in seed_timeline.mark_rects(seed_timeline.data().ids[box.index])}

    scale = seed_timeline.pixels_per_day()
    lanes_before = [(box.top, box.height) for box in seed_timeline.frame().lanes]
    heights_before = heights()
    hyperion = seed_timeline.mark_boxes("operation-hyperion")[0]
    qtbot.keyClick(seed_timeline, Qt.Key.Key_Plus)
    assert seed_timeline.pixels_per_day() == pytest.approx(scale * 1.5)
    assert seed_timeline.transform().isIdentity()  # nothing is stretched: text stays crisp
    assert heights() <= heights_before
    assert [(box.top, box.height) for box in seed_timeline.frame().lanes] == lanes_before
    assert seed_timeline.mark_boxes("operation-hyperion")[0].y == hyperion.y
    qtbot.keyClick(seed_timeline, Qt.Key.Key_Minus)
    assert seed_timeline.pixels_per_day() == pytest.approx(scale)


def _wheel(view, position: QPointF, notches: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    event = QWheelEvent(position, view.viewport().mapToGlobal(position), QPoint(), QPoint(0, 120 * notches),
                        Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase, False)
    view.wheelEvent(event)


def test_the_wheel_zooms_time_around_the_pointer(gwern_timeline):
    position = QPointF(700, 300)
    day_under_pointer = gwern_timeline._day_at_viewport_x(position.x())
    scale = gwern_timeline.pixels_per_day()
    vertical = gwern_timeline.verticalScrollBar().value()
    _wheel(gwern_timeline, position, 2)
    assert gwern_timeline.pixels_per_day() == pytest.approx(scale * 1.25 ** 2)
    assert gwern_timeline._day_at_viewport_x(position.x()) == pytest.approx(day_under_pointer, abs=1 / gwern_timeline.pixels_per_day())
    assert gwern_timeline.verticalScrollBar().value() == vertical
    assert gwern_timeline.transform().isIdentity()
    _wheel(gwern_timeline, position, -2)
    assert gwern_timeline.pixels_per_day() == pytest.approx(scale)


def test_shift_wheel_pans_instead_of_zooming(gwern_timeline):
    for _ in range(4):
        gwern_timeline.zoom_in()
    scale, first = gwern_timeline.pixels_per_day(), gwern_timeline.visible_days()[0]
    _wheel(gwern_timeline, QPointF(600, 300), -1, Qt.KeyboardModifier.ShiftModifier)
    assert gwern_timeline.pixels_per_day() == scale
    assert gwern_timeline.visible_days()[0] > first


def test_a_pinch_zooms_time_around_the_fingers(gwern_timeline):
    scale = gwern_timeline.pixels_per_day()
    position = QPointF(500, 300)
    event = QNativeGestureEvent(
        Qt.NativeGestureType.ZoomNativeGesture, QPointingDevice.primaryPointingDevice(), 2,
        position, position, gwern_timeline.viewport().mapToGlobal(position), 0.5, QPointF(), 0,
    )
    gwern_timeline.viewportEvent(event)
    assert gwern_timeline.pixels_per_day() == pytest.approx(scale * 1.5)


def test_dragging_pans_and_does_not_select(gwern_timeline, qtbot):
    for _ in range(4):
        gwern_timeline.zoom_in()
    first = gwern_timeline.visible_days()[0]
    viewport = gwern_timeline.viewport()
    with qtbot.assertNotEmitted(gwern_timeline.recordSelected):
        qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=QPoint(800, 400))
        qtbot.mouseMove(viewport, QPoint(700, 400))
        qtbot.mouseMove(viewport, QPoint(500, 400))
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=QPoint(500, 400))
    assert (gwern_timeline.visible_days()[0] - first) * gwern_timeline.pixels_per_day() == pytest.approx(300, abs=2)


def test_zoom_to_selection_brings_the_record_close(gwern_timeline):
    gwern_timeline.select_record("wall-street-market-takedown")
    gwern_timeline.zoom_to_selection()
    first, end = gwern_timeline.visible_days()
    assert first <= day("2019-04-23") and day("2019-04-25") <= end
    assert end - first < 60


def test_zoom_to_selection_without_one_shows_the_search_matches(gwern_timeline):
    gwern_timeline.set_matching({"operation-onymous", "silk-road-2-takedown", "february-2016-darknet-raids"})
    gwern_timeline.zoom_to_selection()
    first, end = gwern_timeline.visible_days()
    assert first <= day("2014-11-06") and day("2016-02-25") <= end
    assert end - first < 600


def test_the_axis_shows_years_when_zoomed_out_and_days_when_zoomed_in(gwern_timeline):
    assert gwern_timeline.frame() and gwern_timeline._ticks.unit in ("month", "year")
    gwern_timeline._show_days(day("2014-11-01"), day("2014-12-01"))
    gwern_timeline.frame()
    ticks = gwern_timeline._ticks
    assert ticks.unit == "day"
    assert [tick.label for tick in ticks.major if day("2014-11-01") <= tick.day < day("2014-12-01")] == ["November 2014"]


def test_relations_are_drawn_as_arrows_between_visible_marks(seed_timeline):
    arrows = seed_timeline.visible_relations()
    assert ("operation-disruptor", "wall-street-market-takedown", "follows") in arrows
    assert ("silk-road-2-takedown", "operation-onymous", "part_of") in arrows


def test_the_selected_records_arrows_reach_marks_off_screen(seed_timeline):
    seed_timeline._show_days(day("2020-09-01"), day("2020-10-15"))
    assert seed_timeline.visible_relations() == []  # Wall Street Market (2019) is out of view
    seed_timeline.select_record("operation-disruptor")
    assert seed_timeline.visible_relations() == [("operation-disruptor", "wall-street-market-takedown", "follows")]


def test_marks_have_tooltips_with_title_and_date_at_its_precision(seed_timeline):
    text = seed_timeline.tooltip_at(QPointF(mark_centre(seed_timeline, "silk-road-2-right-hand-man-plea")))
    assert "Silk Road 2.0" in text and "April 2016" in text


def test_the_palette_decides_the_colours(seed_timeline):
    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1f22"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2d30"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e8e8e8"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e8e8e8"))
    seed_timeline.setPalette(dark)
    image = seed_timeline.grab().toImage()
    empty_spot = QPoint(seed_timeline.viewport().width() - 40, seed_timeline.viewport().height() - 20)
    assert image.pixelColor(empty_spot).lightnessF() < 0.25


def test_no_data_shows_an_empty_state_and_keys_do_nothing_harmful(timeline, qtbot):
    timeline.set_data(TimelineData())
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Plus, Qt.Key.Key_Home):
        qtbot.keyClick(timeline, key)
    assert timeline.selected_record_id() is None
    assert "No dated records" in timeline.accessibleDescription()
    timeline.grab()


def test_undated_records_are_counted_not_lost(timeline):
    timeline.set_data(TimelineData.from_rows([
        ("dated", "Dated", "raid", "2016-02-23", None, (), (), None),
        ("undated", "Undated", "raid", None, None, (), (), None),
    ]))
    assert timeline.data().undated_ids == ["undated"]
    assert timeline.mark_rects("dated")


def test_new_data_keeps_the_users_place_search_and_selection(gwern_timeline, gwern_data):
    gwern_timeline._show_days(day("2014-11-01"), day("2014-12-01"))
    gwern_timeline.set_matching({"operation-onymous"})
    gwern_timeline.select_record("operation-onymous")
    gwern_timeline.set_data(gwern_data)  # e.g. reloaded after an edit
    first, end = gwern_timeline.visible_days()
    assert first == pytest.approx(day("2014-11-01"), abs=1) and end == pytest.approx(day("2014-12-01"), abs=1)
    assert gwern_timeline.selected_record_id() == "operation-onymous"
    assert [box.matching for box in gwern_timeline.mark_boxes("silk-road-2-takedown")] == [False]


def test_a_font_sized_in_pixels_still_gives_smaller_label_fonts(seed_timeline):
    from PySide6.QtGui import QFont

    font = QFont(seed_timeline.font())
    font.setPixelSize(20)
    seed_timeline.setFont(font)
    style = seed_timeline._style
    assert 9 <= style.small_font.pixelSize() < style.label_font.pixelSize() < 20
    seed_timeline.grab()


@pytest.mark.qt_log_ignore("does not support raise", "does not support grabbing the keyboard")
def test_the_context_menu_switches_lanes_and_zooms(seed_timeline):
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QMenu

    position = QPoint(400, 100)
    seed_timeline.contextMenuEvent(QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, position, seed_timeline.viewport().mapToGlobal(position)))
    menu = seed_timeline.findChild(QMenu)
    actions = {action.text().replace("&", ""): action for action in menu.actions() if action.text()}
    assert actions["Lanes by Kind"].isChecked()
    actions["Lanes by Agency"].trigger()
    assert seed_timeline.lane_mode() == "agency"
    scale = seed_timeline.pixels_per_day()
    actions["Zoom In"].trigger()
    assert seed_timeline.pixels_per_day() > scale
    assert not actions["Zoom to Selection"].isEnabled()  # nothing selected, no search
    menu.close()


def test_a_reload_carries_the_search_matches_to_the_records_new_places(timeline, seeded_store):
    from casenotes.store.models import Record
    from casenotes.store.records import save_record
    from casenotes.store.timeline import load_timeline

    timeline.set_data(load_timeline(seeded_store))
    timeline.set_matching({"operation-disruptor", "operation-hyperion"})
    save_record(seeded_store, Record(id="earliest", title="Earliest", kind="raid", date="1999-01-01"))
    reloaded = load_timeline(seeded_store)  # every record one place later
    timeline.set_data(reloaded)
    matching = {reloaded.ids[i] for i in range(len(reloaded)) if timeline._mask[i]}
    assert matching == {"operation-disruptor", "operation-hyperion"}
    rows = [(record_id, record_id.upper(), "raid", "2015-01-01", None, (), (), None) for record_id in ("a", "b")]
    timeline.set_data(TimelineData.from_rows(rows))  # data without store keys: matched by id
    timeline.set_matching({"b"})
    timeline.set_data(TimelineData.from_rows([*rows, ("c", "C", "raid", "2014-01-01", None, (), (), None)]))
    assert list(timeline._mask) == [0, 0, 1]
