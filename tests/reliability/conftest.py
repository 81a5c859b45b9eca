"""Helpers for the reliability suite: real data folders, damaged files, other processes."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from casenotes.paths import database_path
from casenotes.store import open_data_dir

WORKTREE = Path(__file__).resolve().parents[2]


@pytest.fixture
def live_data_dir(data_dir: Path) -> Path:
    """A data folder holding a seeded store that has been opened and closed once."""
    open_data_dir(data_dir).close()
    return data_dir


@contextlib.contextmanager
def connected(database: Path):
    """A plain sqlite3 connection that commits at the end and is then closed.

    (sqlite3's own ``with connect(...)`` commits but leaves the connection open,
    and an open connection keeps WAL files around.)
    """
    conn = sqlite3.connect(database)
    try:
        with conn:
            yield conn
    finally:
        conn.close()


def database_of(data_dir: Path) -> Path:
    return database_path(data_dir)


def corrupt_btree_page(database: Path, object_name: str) -> None:
    """Overwrite the root page of a table or index with junk, leaving the schema readable.

    SQLite opens such a file happily; ``quick_check`` (or reading that object) finds the damage.
    """
    with connected(database) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (object_name,)).fetchone()[0]
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with database.open("r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(b"\xa5" * page_size)


def generated_records(count: int, prefix: str = "gen") -> list[dict]:
    return [
        {"id": f"{prefix}-{number}", "title": f"Generated operation {number}", "kind": "raid",
         "date": f"{2000 + number % 25}-0{1 + number % 9}", "summary": f"Generated summary {number} zanzibar",
         "agencies": ["FBI"], "countries": ["US"]}
        for number in range(count)
    ]


def write_import_file(path: Path, count: int, prefix: str = "gen") -> Path:
    path.write_text(json.dumps({"format": "casenotes", "version": 1, "records": generated_records(count, prefix)}))
    return path


def python_process(script: str, *args: str, **popen_options) -> subprocess.Popen:
    """Start ``python -c script args…`` with this checkout importable."""
    env = dict(os.environ, PYTHONPATH=str(WORKTREE), PYTHONUNBUFFERED="1")
    env.update(popen_options.pop("env", {}))
    return subprocess.Popen(
        [sys.executable, "-c", script, *args], env=env, cwd=WORKTREE, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, **popen_options,
    )


def run_python(script: str, *args: str, timeout: float = 60, **popen_options) -> subprocess.CompletedProcess:
    process = python_process(script, *args, **popen_options)
    out, err = process.communicate(timeout=timeout)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


@pytest.fixture
def future_migrations(monkeypatch):
    """Pretend this casenotes knows more migrations than it ships: ``add(name, function)``.

    Returns a function that registers one more migration after the real ones (the
    real ones come from ``registered_migrations()``).
    """
    from sqlite_utils.migrations import Migrations

    from casenotes.store import migrations as schema

    extended = Migrations(schema.MIGRATION_SET)
    registered = schema.registered_migrations()
    for name, function in registered:
        extended(name=name)(function)
    monkeypatch.setattr(schema, "migrations", extended)
    monkeypatch.setattr(schema, "_registered", registered)

    def add(name: str, function) -> None:
        extended(name=name)(function)
        registered.append((name, function))

    return add


def _drop_permission_override() -> None:
    """In a child of root: give up CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH, so file modes apply."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    pr_capbset_drop = 24
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(pr_capbset_drop, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def run_cli_respecting_file_modes(*argv: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run ``python -m casenotes argv…`` in a process that cannot ignore file permissions.

    Root ignores read-only modes; as root, the child drops the capabilities that let
    it, so a test of "the folder is read-only" means the same for every user.
    """
    preexec = _drop_permission_override if hasattr(os, "geteuid") and os.geteuid() == 0 else None
    env = dict(os.environ, PYTHONPATH=str(WORKTREE))
    return subprocess.run([sys.executable, "-m", "casenotes", *argv], env=env, cwd=WORKTREE, text=True,
                          capture_output=True, timeout=timeout, preexec_fn=preexec)


@pytest.fixture
def file_modes_apply(tmp_path):
    """Skip when no process here can be made to respect a read-only file."""
    probe = tmp_path / "read-only-probe"
    probe.write_text("")
    probe.chmod(0o400)
    script = f"open({str(probe)!r}, 'a')"
    preexec = _drop_permission_override if os.geteuid() == 0 else None
    try:
        outcome = subprocess.run([sys.executable, "-c", script], capture_output=True, preexec_fn=preexec, timeout=30)
    except (OSError, subprocess.SubprocessError) as error:
        pytest.skip(f"cannot start a process that respects file modes: {error}")
    if outcome.returncode == 0:
        pytest.skip("this environment lets every process write read-only files")
