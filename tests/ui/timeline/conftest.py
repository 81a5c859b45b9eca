"""Timeline views over the seed, the gwern.net data and synthetic records."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPointF, Qt

from casenotes.store.interchange import import_document, read_document
from casenotes.store.timeline import TimelineData, load_timeline
from casenotes.ui.timeline import TimelineView
from tests.conftest import GWERN

VIEW_SIZE = (1200, 700)


@pytest.fixture
def timeline(qtbot) -> TimelineView:
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(*VIEW_SIZE)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def seed_timeline(timeline, seeded_store) -> TimelineView:
    timeline.set_data(load_timeline(seeded_store))
    return timeline


@pytest.fixture(scope="session")
def gwern_data(tmp_path_factory) -> TimelineData:
    from casenotes.store import Store
    from casenotes.store.seed import apply_seed, bundled_seed

    with Store.in_memory() as store:
        apply_seed(store, bundled_seed())
        import_document(store, read_document(GWERN / "gwern_dnm_combined.casenotes.json"))
        return load_timeline(store)


@pytest.fixture
def gwern_timeline(timeline, gwern_data) -> TimelineView:
    timeline.set_data(gwern_data)
    return timeline


def synthetic_timeline(count: int) -> TimelineData:
    """``count`` records over 2005-2026: mostly days, some months and years, some ranges."""
    first = dt.date(2005, 1, 1).toordinal()
    kinds = ("arrest", "operation", "takedown", "raid", "prosecution", "other")
    countries = (("US",), ("DE", "NL"), ("GB",), ("FR", "US"), ("AU",))
    rows = []
    for number in range(count):
        day = dt.date.fromordinal(first + (number * 7919) % 7800)
        kind_of_date = number % 20
        date = str(day.year) if kind_of_date == 0 else day.strftime("%Y-%m") if kind_of_date < 4 else day.isoformat()
        end_date = dt.date.fromordinal(day.toordinal() + number % 90 + 1).isoformat() if number % 10 == 5 else None
        rows.append((f"r{number:06d}", f"Record {number}", kinds[number % 6], date, end_date,
                     countries[number % 5], ("FBI",) if number % 3 else (), number % 50 or None))
    return TimelineData.from_rows(rows, [(f"r{n:06d}", f"r{n + 1:06d}", "follows") for n in range(0, count - 1, 97)])


def mark_centre(view: TimelineView, record_id: str, lane: int | None = None):
    """Viewport position of the middle of a record's (first) mark."""
    boxes = [box for box in view.mark_boxes(record_id) if lane is None or box.lane == lane]
    assert boxes, f"{record_id} has no mark in view"
    box = boxes[0]
    x0, x1 = max(box.x0, view.mapToScene(0, 0).x() + 170), box.x1
    return view.mapFromScene(QPointF((x0 + x1) / 2, box.y))


def click_mark(qtbot, view: TimelineView, record_id: str) -> None:
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=mark_centre(view, record_id))


def viewport_days(view: TimelineView) -> tuple[float, float]:
    return view.visible_days()


def day(text: str) -> int:
    return dt.date.fromisoformat(text).toordinal()
