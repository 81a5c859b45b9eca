"""One window per data folder; the command line reads and writes beside it without harm."""

from __future__ import annotations

import signal
import sqlite3
import time


from casenotes.cli import main
from casenotes.store import open_data_dir
from casenotes.store import database as database_module
from casenotes.store.health import check_store
from casenotes.store.notes import add_note, note_count, save_note_body
from casenotes.ui.single_instance import SingleInstance, server_name
from casenotes.ui.store_watcher import StoreWatcher
from tests.reliability.conftest import database_of, python_process


# ---- one instance per data folder ------------------------------------------------------


def test_a_second_instance_on_the_same_folder_asks_the_first_to_come_forward(qtbot, data_dir):
    first = SingleInstance(data_dir)
    assert first.claim()
    try:
        second = SingleInstance(data_dir)
        with qtbot.waitSignal(first.activation_requested, timeout=3000):
            assert second.claim() is False
    finally:
        first.release()


def test_instances_on_different_folders_do_not_interfere(tmp_path):
    first, other = SingleInstance(tmp_path / "a"), SingleInstance(tmp_path / "b")
    try:
        assert first.claim() and other.claim()
        assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    finally:
        first.release()
        other.release()


def test_after_the_first_instance_quits_the_next_launch_is_first(data_dir):
    first = SingleInstance(data_dir)
    assert first.claim()
    first.release()
    again = SingleInstance(data_dir)
    try:
        assert again.claim()
    finally:
        again.release()


def test_a_folder_where_no_lock_can_be_written_does_not_stop_the_app(data_dir, monkeypatch):
    from PySide6.QtCore import QLockFile

    class UnwritableLock:
        def tryLock(self, timeout):  # noqa: N802 (Qt naming)
            return False

        def error(self):
            return QLockFile.LockError.PermissionError

        def isLocked(self):  # noqa: N802
            return False

    guard = SingleInstance(data_dir)
    monkeypatch.setattr(guard, "_lock", UnwritableLock())
    try:
        assert guard.claim() is True
    finally:
        guard.release()


HOLD_INSTANCE = """
import sys
from PySide6.QtCore import QCoreApplication
from casenotes.ui.single_instance import SingleInstance
app = QCoreApplication([])
guard = SingleInstance(sys.argv[1])
print("first" if guard.claim() else "second", flush=True)
guard.activation_requested.connect(lambda: (print("activated", flush=True), app.quit()))
app.exec()
"""


def test_a_launch_in_another_process_activates_the_running_one(qtbot, data_dir):
    running = python_process(HOLD_INSTANCE, str(data_dir))
    try:
        assert running.stdout.readline().strip() == "first"
        assert SingleInstance(data_dir).claim() is False
        assert running.stdout.readline().strip() == "activated"
        assert running.wait(timeout=10) == 0
    finally:
        running.kill()


def test_an_instance_killed_with_sigkill_does_not_lock_the_folder_forever(data_dir):
    crashed = python_process(HOLD_INSTANCE, str(data_dir))
    assert crashed.stdout.readline().strip() == "first"
    crashed.send_signal(signal.SIGKILL)
    crashed.wait(timeout=10)
    survivor = SingleInstance(data_dir)
    try:
        assert survivor.claim()
    finally:
        survivor.release()


# ---- the command line beside an open window -------------------------------------------


def test_cli_reads_while_the_window_is_in_the_middle_of_a_save(live_data_dir, capsys):
    with open_data_dir(live_data_dir) as window_store:
        window_store.db.conn.execute("BEGIN IMMEDIATE")
        window_store.db.conn.execute("UPDATE records SET title = 'half-saved' WHERE id = 'operation-onymous'")
        try:
            assert main(["--data-dir", str(live_data_dir), "search", "onymous", "--json"]) == 0
            assert main(["--data-dir", str(live_data_dir), "show", "operation-onymous"]) == 0
        finally:
            window_store.db.conn.execute("ROLLBACK")
    out = capsys.readouterr().out
    assert "Operation Onymous" in out and "half-saved" not in out


def test_cli_write_while_the_store_is_locked_says_busy_and_try_again(live_data_dir, capsys, monkeypatch):
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 150)
    holder = sqlite3.connect(database_of(live_data_dir), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code = main(["--data-dir", str(live_data_dir), "note", "add", "operation-onymous", "hello"])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("casenotes: error: could not save: the store is busy") and "try again" in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_the_window_notices_notes_the_cli_added(qtbot, live_data_dir, capsys):
    with open_data_dir(live_data_dir) as window_store:
        watcher = StoreWatcher(window_store, interval_ms=20)
        watcher.start()
        try:
            add_note(window_store, "operation-onymous", "the window's own save")
            with qtbot.assertNotEmitted(watcher.changed, wait=100):
                pass
            with qtbot.waitSignal(watcher.changed, timeout=3000):
                assert main(["--data-dir", str(live_data_dir), "note", "add", "operation-onymous", "from the CLI"]) == 0
            assert note_count(window_store) == 2
        finally:
            watcher.stop()


def test_the_watcher_stops_quietly_when_the_store_is_closed(qtbot, live_data_dir):
    store = open_data_dir(live_data_dir)
    watcher = StoreWatcher(store, interval_ms=10)
    watcher.start()
    store.close()
    assert watcher.poll() is False
    assert not watcher.is_active()


CLI_WRITER = """
import sys
from casenotes.cli import main
failures = 0
for number in range(int(sys.argv[3])):
    code = main(["--data-dir", sys.argv[1], "note", "add", "operation-onymous", f"{sys.argv[2]} note {number}"])
    failures += code != 0
print(failures, flush=True)
"""


def test_two_cli_writers_and_an_open_window_never_corrupt_the_store(live_data_dir):
    per_writer = 25
    writers = [python_process(CLI_WRITER, str(live_data_dir), name, str(per_writer)) for name in ("alpha", "beta")]
    window_saves = 0
    with open_data_dir(live_data_dir) as window_store:
        note = add_note(window_store, "operation-hyperion", "window note 0")
        while any(writer.poll() is None for writer in writers):
            window_saves += 1
            save_note_body(window_store, note.id, f"window note {window_saves}")
            time.sleep(0.005)
        results = [writer.communicate(timeout=120) for writer in writers]
        assert [writer.returncode for writer in writers] == [0, 0], results
        assert [out.splitlines()[-1] for out, _ in results] == ["0", "0"], results  # every CLI write went through
        report = check_store(window_store, thorough=True)
        assert report.ok, report.describe()
        bodies = {n for (n,) in window_store.db.conn.execute("SELECT body FROM notes")}
    for name in ("alpha", "beta"):
        assert {f"{name} note {number}" for number in range(per_writer)} <= bodies
    assert f"window note {window_saves}" in bodies
    assert window_saves > 0
