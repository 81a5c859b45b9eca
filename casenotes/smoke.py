"""``casenotes --smoke``: prove an installed or frozen casenotes works, without a screen.

Opens the real main window offscreen on a throw-away data folder, checks the seed loaded,
searches, saves a note, shows the About dialog and closes everything again. Any failure
(an exception, a Qt warning, a check that does not hold) is reported in one line and
gives a non-zero exit code, so packaging tests and people can trust a zero.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

SMOKE_QUERY = "blackshades"
SMOKE_NOTE = "casenotes smoke test note: zyxwvutsmoke"
SMOKE_NOTE_WORD = "zyxwvutsmoke"
EXIT_SMOKE_FAILED = 1
# The offscreen platform says this whenever a window with a layout is shown; it is about
# the platform plugin, not about casenotes.
BENIGN_QT_MESSAGES = ("This plugin does not support propagateSizeHints()",)


class SmokeFailure(Exception):
    """A step of the smoke test did not do what it should."""


def run_smoke(out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the smoke test; print what was checked and return the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    # Forced, not defaulted: the smoke test must not need (or touch) a real display.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        with _problems_reported() as problems:
            report = _exercise_app()
        if problems:
            raise SmokeFailure(problems[0])
    except Exception as error:  # every failure, expected or not, becomes one line and exit 1
        print(f"casenotes: smoke test failed: {type(error).__name__}: {error}", file=err)
        return EXIT_SMOKE_FAILED
    for line in report:
        print(line, file=out)
    return 0


def _check(condition: object, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


def _exercise_app() -> list[str]:
    from PySide6.QtWidgets import QApplication, QLineEdit

    from casenotes import __version__
    from casenotes.app import create_main_window
    from casenotes.paths import resource_path
    from casenotes.store.interchange import import_file
    from casenotes.store.notes import add_note, notes_for_record
    from casenotes.store.records import record_count
    from casenotes.store.search import search
    from casenotes.store.seed import SEED_RESOURCE, bundled_seed
    from casenotes.ui.about import LICENSE_RESOURCE, AboutDialog
    from casenotes.ui.icons import ICON_SIZES, icon_resource
    from casenotes.ui.single_instance import SingleInstance

    # Everything the app reads at run time, so a package missing one fails here.
    needed = [SEED_RESOURCE, LICENSE_RESOURCE, *(icon_resource(size) for size in ICON_SIZES)]
    found = [resource_path(name) for name in needed]

    with tempfile.TemporaryDirectory(prefix="casenotes-smoke-") as scratch:
        data_dir = Path(scratch) / "data"
        window = create_main_window(data_dir)
        instance = SingleInstance(data_dir)
        _check(instance.claim(), "could not claim the data folder for this window")
        app = QApplication.instance()
        try:
            window.show()
            app.processEvents()
            _check(not app.windowIcon().isNull(), "the application icon did not load")

            expected = len(bundled_seed().records)
            loaded = record_count(window.store)
            _check(loaded == expected, f"the store holds {loaded} records, the seed has {expected}")

            hits = search(window.store, SMOKE_QUERY)
            _check(hits, f"searching {SMOKE_QUERY!r} found nothing")
            search_field = window.findChild(QLineEdit, "searchField")
            _check(search_field is not None, "the window has no search field")
            search_field.setText(SMOKE_QUERY)
            app.processEvents()

            note = add_note(window.store, hits[0].record_id, SMOKE_NOTE)
            saved = [n.body for n in notes_for_record(window.store, hits[0].record_id)]
            _check(SMOKE_NOTE in saved, "the saved note cannot be read back")
            note_hits = [h for h in search(window.store, SMOKE_NOTE_WORD) if h.type == "note"]
            _check([h.id for h in note_hits] == [note.id], "the saved note is not found by search")

            # The import path streams with ijson's C backend and checks records against the schema.
            dry_run = import_file(window.store, resource_path(SEED_RESOURCE), dry_run=True)
            _check(len(dry_run.unchanged) == expected, f"importing the seed again would change {dry_run.describe()}")

            about = AboutDialog(window, data_dir)
            about.show()
            app.processEvents()
            about.close()
        finally:
            window.close()
            window.deleteLater()
            app.processEvents()
            window.store.close()  # closeEvent closes it too; closing twice is harmless
            instance.release()

    return [
        f"casenotes {__version__} smoke test passed",
        f"resources: {found[0].parent.parent} ({len(found)} files found)",
        f"seed: {loaded} records loaded",
        f"search {SMOKE_QUERY!r}: {len(hits)} hit(s), first {hits[0].record_id}",
        f"note saved on {hits[0].record_id} and found by search",
        f"Qt platform: {QApplication.platformName()}",
    ]


@contextmanager
def _problems_reported() -> Iterator[list[str]]:
    """Collect Qt warnings and exceptions raised inside Qt slots while the block runs.

    Qt prints those and carries on, which would let a broken package pass.
    """
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    problems: list[str] = []
    serious = {QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg}

    def on_qt_message(kind, context, message):  # noqa: ANN001 (Qt's signature)
        if message in BENIGN_QT_MESSAGES:
            return
        if kind in serious:
            problems.append(f"Qt {kind.name.removeprefix('Qt').removesuffix('Msg').lower()}: {message}")
        if previous_handler is not None:
            previous_handler(kind, context, message)

    def on_exception(kind, value, traceback):  # noqa: ANN001 (sys.excepthook's signature)
        problems.append(f"{kind.__name__} in a Qt callback: {value}")
        previous_hook(kind, value, traceback)

    previous_handler = qInstallMessageHandler(on_qt_message)
    previous_hook, sys.excepthook = sys.excepthook, on_exception
    try:
        yield problems
    finally:
        sys.excepthook = previous_hook
        qInstallMessageHandler(previous_handler)
