"""Starting the window: ``create_main_window`` for tests, ``run_gui`` for people."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from casenotes import APP_ID, APP_NAME, __version__
from casenotes.store import DamagedDatabaseError, StoreError, open_data_dir
from casenotes.ui.icons import app_icon
from casenotes.ui.main_window import MainWindow
from casenotes.ui.recovery import recover_from_damage
from casenotes.ui.single_instance import SingleInstance, bring_to_front
from casenotes.ui.safe_text import show_message


def _application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("casenotes")
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    return app


def create_main_window(data_dir: Path | str) -> MainWindow:
    """Open the store in ``data_dir`` and build the main window without entering the event loop."""
    _application()
    store = open_data_dir(Path(data_dir))
    return MainWindow(store, Path(data_dir))


def run_gui(data_dir: Path) -> int:
    app = _application()
    instance = SingleInstance(Path(data_dir), parent=app)
    if not instance.claim():
        print(f"casenotes is already open on {data_dir}; brought that window to the front.", file=sys.stderr)
        return 0
    try:
        try:
            window = create_main_window(data_dir)
        except DamagedDatabaseError as damage:
            # The damaged files are already moved aside; ask whether to restore a backup.
            if not recover_from_damage(damage, Path(data_dir)):
                print(f"casenotes: error: {damage}", file=sys.stderr)
                return 2
            window = create_main_window(data_dir)
    except StoreError as error:
        show_message(None, QMessageBox.Icon.Critical, "casenotes cannot open its data", str(error))
        print(f"casenotes: error: {error}", file=sys.stderr)
        return 2
    instance.activation_requested.connect(lambda: bring_to_front(window))
    window.show()
    status = app.exec()
    instance.release()
    return status
