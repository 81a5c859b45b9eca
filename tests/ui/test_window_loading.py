"""How the window loads a big store without freezing: a first page, then everything, work off the GUI thread."""

from __future__ import annotations

import itertools

from casenotes.app import create_main_window
from casenotes.store.listing import filtered_keys, rows_for_keys
from casenotes.ui import main_window as main_window_module
from casenotes.ui.timeline import view as timeline_view_module
from tests.ui.conftest import search_for


def dimmed_ids(window) -> set[str] | None:
    mask = window.timeline._mask  # noqa: SLF001 (what the view dims by)
    return None if mask is None else set(itertools.compress(window.timeline.data().ids, mask))


def listed_ids(window) -> set[str]:
    rows = rows_for_keys(window.store, list(window.record_list.model.keys()))
    return {row.id for row in rows.values()}


def test_a_search_dims_the_timeline_records_outside_the_list_and_clearing_it_undims(qtbot, window):
    search_for(qtbot, window, "silk road")
    qtbot.waitUntil(lambda: dimmed_ids(window) is not None, timeout=5000)
    dated = set(window.timeline.data().ids)
    assert dimmed_ids(window) == listed_ids(window) & dated and 0 < len(dimmed_ids(window)) < len(dated)
    with qtbot.waitSignal(window.listLoaded, timeout=10_000):
        window.clear_filters()
    qtbot.waitUntil(lambda: dimmed_ids(window) is None, timeout=5000)


def test_the_first_page_is_shown_before_the_whole_list(qtbot, data_dir, monkeypatch):
    monkeypatch.setattr(main_window_module, "FIRST_PAGE", 2)
    window = create_main_window(data_dir)
    qtbot.addWidget(window)
    pages: list[tuple[int, int]] = []
    window.listPageShown.connect(lambda shown: pages.append((shown, window.record_list.model.rowCount())))
    with qtbot.waitSignal(window.listLoaded, timeout=10_000) as whole:
        window.show()
    assert pages == [(2, 2)] and whole.args[0] == len(filtered_keys(window.store)) > 2
    assert window.record_list.model.rowCount() == whole.args[0]
    window.close()


def test_the_window_gets_its_timeline_lanes_built_off_the_gui_thread(qtbot, data_dir, open_window, monkeypatch):
    built_here = []
    original = timeline_view_module.build_lanes

    def spy(data, mode):
        built_here.append(mode)
        return original(data, mode)

    monkeypatch.setattr(timeline_view_module, "build_lanes", spy)
    window = open_window()
    qtbot.waitUntil(lambda: len(window.timeline.data()) > 0, timeout=10_000)
    assert built_here == [] and window.timeline.lanes()
