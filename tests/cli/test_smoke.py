"""``casenotes --smoke``: the self-test the packaged app runs."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from casenotes import __version__
from casenotes import smoke
from casenotes.cli import main
from casenotes.store import seed


def test_smoke_opens_the_window_searches_saves_a_note_and_exits_zero(qapp, capsys):
    assert main(["--smoke"]) == 0
    out = capsys.readouterr().out
    assert f"casenotes {__version__} smoke test passed" in out
    assert f"seed: {len(seed.bundled_seed().records)} records loaded" in out
    assert "search 'blackshades': 1 hit(s), first blackshades-arrests-2014" in out
    assert "note saved on blackshades-arrests-2014 and found by search" in out
    assert "Qt platform: offscreen" in out


def test_smoke_never_touches_the_chosen_data_dir(qapp, tmp_path, capsys):
    chosen = tmp_path / "real-data"
    assert main(["--data-dir", str(chosen), "--smoke"]) == 0
    assert not chosen.exists()
    assert not (tmp_path / "default-data-dir").exists()  # CASENOTES_DATA_DIR from conftest


def test_smoke_fails_with_one_line_when_the_seed_is_missing(qapp, monkeypatch, capsys):
    monkeypatch.setattr(seed, "SEED_RESOURCE", "seed/not-there.json")
    assert main(["--smoke"]) == smoke.EXIT_SMOKE_FAILED
    err = capsys.readouterr().err.strip()
    assert err.startswith("casenotes: smoke test failed: ")
    assert "seed/not-there.json" in err
    assert len(err.splitlines()) == 1


def test_smoke_fails_when_search_finds_nothing(qapp, monkeypatch, capsys):
    monkeypatch.setattr(smoke, "SMOKE_QUERY", "zzzznothingmatcheszzzz")
    assert main(["--smoke"]) == smoke.EXIT_SMOKE_FAILED
    assert "found nothing" in capsys.readouterr().err


@pytest.mark.qt_log_ignore("a plugin could not be loaded")  # the warning the smoke test must catch
def test_smoke_fails_on_a_qt_warning(qapp, monkeypatch, capsys):
    from PySide6.QtCore import qWarning

    real = smoke._exercise_app

    def exercise_then_warn():
        report = real()
        qWarning("a plugin could not be loaded")
        return report

    monkeypatch.setattr(smoke, "_exercise_app", exercise_then_warn)
    assert main(["--smoke"]) == smoke.EXIT_SMOKE_FAILED
    assert "Qt warning: a plugin could not be loaded" in capsys.readouterr().err


def test_smoke_forces_the_offscreen_platform_even_without_a_display(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": "", "WAYLAND_DISPLAY": ""}
    result = subprocess.run(
        [sys.executable, "-m", "casenotes", "--smoke"], env=env, cwd=tmp_path,
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Qt platform: offscreen" in result.stdout
