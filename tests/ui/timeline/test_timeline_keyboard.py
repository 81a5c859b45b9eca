"""The timeline from the keyboard alone (issue 11: a timeline everyone can use)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from casenotes.ui.timeline import TimelineView
from casenotes.ui.timeline.range_list import RECORD_ID_ROLE, RangeListDialog
from tests.ui.timeline.conftest import day


# Showing a top-level window with a layout makes the offscreen platform say it cannot pass size hints on.
OFFSCREEN_SIZE_HINTS = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@OFFSCREEN_SIZE_HINTS
def test_tab_moves_focus_into_the_timeline_and_on(qtbot, seeded_store):
    from casenotes.store.timeline import load_timeline

    window = QWidget()
    qtbot.addWidget(window)
    before, after = QLineEdit(), QLineEdit()
    view = TimelineView()
    layout = QVBoxLayout(window)
    for widget in (before, view, after):
        layout.addWidget(widget)
    view.set_data(load_timeline(seeded_store))
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    before.setFocus()
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert view.hasFocus()
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert after.hasFocus()


def test_with_nothing_selected_arrows_pan_and_select_nothing(gwern_timeline, qtbot):
    for _ in range(4):
        gwern_timeline.zoom_in()
    first = gwern_timeline.visible_days()[0]
    with qtbot.assertNotEmitted(gwern_timeline.recordSelected):
        qtbot.keyClick(gwern_timeline, Qt.Key.Key_Right)
    assert gwern_timeline.visible_days()[0] > first
    qtbot.keyClick(gwern_timeline, Qt.Key.Key_Left)
    assert gwern_timeline.visible_days()[0] == first


def test_space_selects_the_first_mark_in_view(seed_timeline, qtbot):
    with qtbot.waitSignal(seed_timeline.recordSelected) as selected:
        qtbot.keyClick(seed_timeline, Qt.Key.Key_Space)
    assert selected.args == ["blackshades-arrests-2014"]  # the earliest record


def test_left_and_right_walk_through_records_in_date_order(seed_timeline, qtbot):
    data = seed_timeline.data()
    seed_timeline.select_record(data.ids[0])
    visited = [data.ids[0]]
    for _ in range(len(data) - 1):
        with qtbot.waitSignal(seed_timeline.recordSelected) as selected:
            qtbot.keyClick(seed_timeline, Qt.Key.Key_Right)
        visited.append(selected.args[0])
    assert visited == data.ids
    starts = [data.starts[data.index_of(record_id)] for record_id in visited]
    assert starts == sorted(starts)
    with qtbot.assertNotEmitted(seed_timeline.recordSelected):
        qtbot.keyClick(seed_timeline, Qt.Key.Key_Right)  # the last one stays selected
    with qtbot.waitSignal(seed_timeline.recordSelected) as selected:
        qtbot.keyClick(seed_timeline, Qt.Key.Key_Left)
    assert selected.args == [data.ids[-2]]


def test_stepping_scrolls_the_next_mark_into_view(gwern_timeline, qtbot):
    gwern_timeline._show_days(day("2019-04-01"), day("2019-05-01"))
    gwern_timeline.select_record("wall-street-market-takedown")
    qtbot.keyClick(gwern_timeline, Qt.Key.Key_Right)
    assert gwern_timeline.selected_record_id() == "operation-disruptor"
    first, end = gwern_timeline.visible_days()
    assert first <= day("2020-09-22") < end


def test_stepping_skips_records_the_search_filtered_out(seed_timeline, qtbot):
    seed_timeline.set_matching({"blackshades-arrests-2014", "operation-disruptor"})
    seed_timeline.select_record("blackshades-arrests-2014")
    with qtbot.waitSignal(seed_timeline.recordSelected) as selected:
        qtbot.keyClick(seed_timeline, Qt.Key.Key_Right)
    assert selected.args == ["operation-disruptor"]


def test_up_and_down_move_to_the_nearest_record_in_the_next_lane(seed_timeline, qtbot):
    seed_timeline.select_record("operation-onymous")  # Operation lane, 6 November 2014
    with qtbot.waitSignal(seed_timeline.recordSelected) as selected:
        qtbot.keyClick(seed_timeline, Qt.Key.Key_Down)
    assert selected.args == ["silk-road-2-takedown"]  # Takedown lane, the same day
    with qtbot.waitSignal(seed_timeline.recordSelected) as selected:
        qtbot.keyClick(seed_timeline, Qt.Key.Key_Down)
    assert selected.args == ["february-2016-darknet-raids"]  # Raid lane's only record
    with qtbot.waitSignal(seed_timeline.recordSelected) as selected:
        qtbot.keyClick(seed_timeline, Qt.Key.Key_Up)
    assert selected.args == ["silk-road-2-takedown"]


def test_shift_arrows_pan_even_with_a_mark_selected(gwern_timeline, qtbot):
    gwern_timeline._show_days(day("2015-01-01"), day("2015-03-01"))
    gwern_timeline.select_record("gwern-market-horizon-market")
    first = gwern_timeline.visible_days()[0]
    with qtbot.assertNotEmitted(gwern_timeline.recordSelected):
        qtbot.keyClick(gwern_timeline, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert gwern_timeline.visible_days()[0] > first
    assert gwern_timeline.selected_record_id() == "gwern-market-horizon-market"


def test_enter_opens_the_selected_record(seed_timeline, qtbot):
    seed_timeline.select_record("operation-hyperion")
    with qtbot.waitSignal(seed_timeline.recordActivated) as activated:
        qtbot.keyClick(seed_timeline, Qt.Key.Key_Return)
    assert activated.args == ["operation-hyperion"]


def test_escape_clears_the_selection_and_home_fits_all(gwern_timeline, qtbot):
    gwern_timeline.select_record("operation-hyperion")
    gwern_timeline.zoom_to_selection()
    qtbot.keyClick(gwern_timeline, Qt.Key.Key_Escape)
    assert gwern_timeline.selected_record_id() is None
    qtbot.keyClick(gwern_timeline, Qt.Key.Key_Home)
    first, end = gwern_timeline.visible_days()
    data = gwern_timeline.data()
    assert first <= data.starts[0] and end > max(data.ends)


def test_the_focused_mark_is_described_for_screen_readers(seed_timeline, qtbot):
    assert "records from 2014 to 2020" in seed_timeline.accessibleDescription()
    seed_timeline.select_record("operation-onymous")
    qtbot.keyClick(seed_timeline, Qt.Key.Key_Right)  # same day, next in date order
    seed_timeline.select_record("operation-disruptor")
    assert seed_timeline.accessibleDescription() == "Operation DisrupTor, 22 September 2020, operation, 179 arrests"
    seed_timeline.select_record("wall-street-market-takedown")
    assert seed_timeline.accessibleDescription() == "Wall Street Market takedown, 23 April 2019 – 24 April 2019, takedown"


@OFFSCREEN_SIZE_HINTS
def test_l_lists_the_records_in_view_and_enter_there_selects_one(gwern_timeline, qtbot, qtmodeltester):
    gwern_timeline._show_days(day("2014-11-01"), day("2014-11-10"))
    qtbot.keyClick(gwern_timeline, Qt.Key.Key_L)
    dialog = gwern_timeline.findChild(RangeListDialog)
    assert dialog is not None and dialog.isVisible()
    qtmodeltester.check(dialog.model)
    rows = [dialog.model.index(row, 0).data() for row in range(dialog.model.rowCount())]
    assert "Operation Onymous, 6 November 2014, operation, 17 arrests" in rows
    assert all("2015" not in row.split(", ")[1] for row in rows if row.startswith("Operation"))
    target = rows.index("Operation Onymous, 6 November 2014, operation, 17 arrests")
    dialog.list_view.setCurrentIndex(dialog.model.index(target, 0))
    with qtbot.waitSignal(gwern_timeline.recordSelected) as selected:
        qtbot.keyClick(dialog.list_view, Qt.Key.Key_Return)
    assert selected.args == ["operation-onymous"]
    assert not dialog.isVisible()
    assert dialog.model.index(target, 0).data(RECORD_ID_ROLE) == "operation-onymous"


def test_selection_changes_are_announced_when_accessibility_is_on(seed_timeline, qtbot):
    from PySide6.QtGui import QAccessible

    QAccessible.setActive(True)
    try:
        seed_timeline.setFocus()
        seed_timeline.select_record("operation-onymous")
        with qtbot.waitSignal(seed_timeline.recordSelected):
            qtbot.keyClick(seed_timeline, Qt.Key.Key_Right)
        assert seed_timeline.accessibleDescription().startswith("Silk Road 2.0 takedown, 6 November 2014, takedown")
        interface = QAccessible.queryAccessibleInterface(seed_timeline)
        assert interface.text(QAccessible.Text.Description) == seed_timeline.accessibleDescription()
        assert interface.text(QAccessible.Text.Name) == "Timeline"
    finally:
        QAccessible.setActive(False)
