"""Starting the window: ``create_main_window`` for tests, ``run_gui`` for people."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from casenotes import APP_ID, APP_NAME, __version__
from casenotes.store import DamagedDatabaseError, StoreError, open_data_dir
from casenotes.store.recovery import set_aside_damaged
from casenotes.ui.first_paint import report_first_paint_if_asked
from casenotes.ui.icons import app_icon
from casenotes.ui.main_window import MainWindow
from casenotes.ui.recovery import recover_from_damage
from casenotes.ui.single_instance import SingleInstance, bring_to_front
from casenotes.ui.safe_text import show_message


# How long a thread holding the GIL may keep it from a thread that wants it (Python's
# default is 5 ms). The GUI thread takes the GIL for every call from Qt into Python — a
# table repaint asks the model for ~900 cells — so while a reader thread crunches a
# million keys, 5 ms per hand-over added up to a second-long freeze.
GIL_SWITCH_INTERVAL_S = 0.0001


def _application() -> QApplication:
    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("casenotes")
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    return app


def create_main_window(data_dir: Path | str) -> MainWindow:
    """Open the store in ``data_dir`` and build the main window without entering the event loop.

    The daily check and backup run after the window has painted (``storeDamaged`` reports damage).
    """
    _application()
    store = open_data_dir(Path(data_dir), defer_daily_check=True)
    return MainWindow(store, Path(data_dir))


def _show_window(window: MainWindow, data_dir: Path, instance: SingleInstance) -> None:
    instance.activation_requested.connect(lambda: bring_to_front(window))
    window.storeDamaged.connect(lambda cause: _recover_while_open(window, data_dir, instance, cause))
    report_first_paint_if_asked(window)
    window.show()


def _recover_while_open(window: MainWindow, data_dir: Path, instance: SingleInstance, cause: str) -> None:
    """The daily check found the open store damaged: do what a start on that file would have done.

    The window closes (saving what it can), the damaged files are moved aside untouched,
    and the recovery dialog offers the newest good backup; then a new window opens.
    """
    app = QApplication.instance()
    app.setQuitOnLastWindowClosed(False)
    try:
        if not window.close():
            QMessageBox.warning(None, "casenotes: the database is damaged",
                                f"The database is damaged ({cause}). Close casenotes and start it again "
                                "to move the damaged file aside and restore a backup.")
            return
        instance.activation_requested.disconnect()
        damage = set_aside_damaged(data_dir, cause)
        if not recover_from_damage(damage, data_dir):
            app.quit()
            return
        _show_window(create_main_window(data_dir), data_dir, instance)
    except StoreError as error:
        QMessageBox.critical(None, "casenotes cannot open its data", str(error))
        app.quit()
    finally:
        app.setQuitOnLastWindowClosed(True)


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
    _show_window(window, Path(data_dir), instance)
    status = app.exec()
    instance.release()
    return status
