"""Fixtures for widget tests: a main window over a seeded store in a temporary data dir."""

from __future__ import annotations

import pytest

from casenotes.app import create_main_window


@pytest.fixture
def open_window(qtbot, data_dir):
    """Open a main window on ``data_dir`` (or another dir) and wait until its list is filled."""
    opened = []

    def opener(directory=data_dir):
        window = create_main_window(directory)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.listLoaded, timeout=10_000):
            window.show()
        opened.append(window)
        return window

    yield opener
    for window in opened:
        window.close()


@pytest.fixture
def window(open_window):
    return open_window()


def search_for(qtbot, window, text: str) -> int:
    """Type ``text`` into the search field and return how many records the list shows after."""
    with qtbot.waitSignal(window.listLoaded, timeout=10_000) as blocker:
        window.search_field.clear()
        qtbot.keyClicks(window.search_field, text)
    return blocker.args[0]


def listed_ids(window) -> list[str]:
    from casenotes.ui.record_model import RECORD_ID_ROLE

    model = window.record_list.model
    return [model.index(row, 0).data(RECORD_ID_ROLE) for row in range(model.rowCount())]
