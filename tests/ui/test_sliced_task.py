"""Long work on the GUI thread, a slice at a time: events get through, the result arrives, a cancel stops it."""

import time

from PySide6.QtCore import QTimer

from casenotes.ui import sliced_task
from casenotes.ui.sliced_task import SlicedTask


def slow_steps(count, seconds_each, trace):
    for step in range(count):
        time.sleep(seconds_each)
        trace.append(("step", step))
        yield
    return count * 10


def test_events_run_between_slices_and_the_result_arrives(qtbot, monkeypatch):
    monkeypatch.setattr(sliced_task, "SLICE_SECONDS", 0.004)
    trace, results = [], []
    ticker = QTimer()
    ticker.setInterval(1)
    ticker.timeout.connect(lambda: trace.append(("event", None)))
    ticker.start()
    task = SlicedTask(slow_steps(20, 0.002, trace), results.append)  # noqa: F841 (kept alive while it runs)
    qtbot.waitUntil(lambda: results == [200], timeout=5000)
    ticker.stop()
    steps_at = [position for position, (kind, _) in enumerate(trace) if kind == "step"]
    assert any(kind == "event" for kind, _ in trace[steps_at[0]:steps_at[-1]])  # events got in between


def test_a_cancelled_task_never_reports(qtbot):
    trace, results = [], []
    task = SlicedTask(slow_steps(1000, 0.001, trace), results.append)
    qtbot.wait(20)
    task.cancel()
    done = len(trace)
    qtbot.wait(50)
    assert results == [] and len(trace) == done < 1000
