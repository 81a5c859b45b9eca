"""A note typed one second before the app is killed (kill -9) is in the store afterwards."""

import os
import signal
import subprocess
import sys
import time

from casenotes.paths import database_path
from casenotes.store import Store
from casenotes.store.notes import notes_for_record

TYPE_THEN_WAIT = r"""
import sys
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from casenotes.app import create_main_window

window = create_main_window(sys.argv[1])

def type_note(_count):
    window.listLoaded.disconnect(type_note)
    window.select_record("operation-hyperion")
    editor = window.detail.notes.editor
    editor.setFocus()
    QTest.keyClicks(editor, sys.argv[2])
    print("typed", flush=True)

window.listLoaded.connect(type_note)
window.show()
QApplication.instance().exec()
"""


def test_a_note_typed_a_second_before_kill_9_is_saved(data_dir):
    text = "Typed just before the power went out: **RCMP** lead"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    app = subprocess.Popen(
        [sys.executable, "-c", TYPE_THEN_WAIT, str(data_dir), text],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    try:
        line = app.stdout.readline()
        assert line.strip() == "typed", app.stderr.read()
        time.sleep(1.0)
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=10)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == -signal.SIGKILL
    with Store.open(database_path(data_dir)) as store:
        assert [note.body for note in notes_for_record(store, "operation-hyperion")] == [text]
