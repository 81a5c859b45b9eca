"""CASENOTES_REPORT_FIRST_PAINT: the window says when it first painted records, then closes (for the benchmark)."""

import json
import os
import subprocess
import sys
import time


def test_the_window_reports_its_first_painted_rows_and_closes(tmp_path):
    report = tmp_path / "first-paint.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CASENOTES_REPORT_FIRST_PAINT=str(report))
    started = time.monotonic()
    finished = subprocess.run([sys.executable, "-m", "casenotes", "--data-dir", str(tmp_path / "data")],
                              env=env, capture_output=True, text=True, timeout=60)
    assert finished.returncode == 0, finished.stderr
    line = json.loads(report.read_text().splitlines()[0])
    assert line["rows"] > 0 and started < line["monotonic"] < time.monotonic()
    assert line["peak_rss_mb"] is None or line["peak_rss_mb"] > 10


def test_without_the_variable_nothing_is_reported(qtbot, window, tmp_path, monkeypatch):
    from casenotes.ui.first_paint import report_first_paint_if_asked

    monkeypatch.delenv("CASENOTES_REPORT_FIRST_PAINT", raising=False)
    assert report_first_paint_if_asked(window) is None
