from PySide6.QtWidgets import QWidget

from casenotes.app import create_main_window

GUI_NAMES = ["searchField", "recordList", "detailPane", "timelineView"]


def test_main_window_has_the_named_panes_with_accessible_names(qtbot, data_dir):
    window = create_main_window(data_dir)
    qtbot.addWidget(window)
    for name in GUI_NAMES:
        widget = window.findChild(QWidget, name)
        assert widget is not None, name
        assert widget.accessibleName(), name
