"""Helpers for the reliability suite: real data folders, damaged files, other processes."""

from __future__ import annotations

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


def database_of(data_dir: Path) -> Path:
    return database_path(data_dir)


def corrupt_btree_page(database: Path, object_name: str) -> None:
    """Overwrite the root page of a table or index with junk, leaving the schema readable.

    SQLite opens such a file happily; ``quick_check`` (or reading that object) finds the damage.
    """
    with sqlite3.connect(database) as conn:
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
    real ones are read back through sqlite-utils' public ``pending()``).
    """
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    from casenotes.store import migrations as schema

    real = schema.migrations.pending(Database(memory=True))
    extended = Migrations(schema.MIGRATION_SET)
    names = []
    for migration in real:
        extended(name=migration.name)(migration.fn)
        names.append(migration.name)
    monkeypatch.setattr(schema, "migrations", extended)
    monkeypatch.setattr(schema, "_migration_names", names)

    def add(name: str, function) -> None:
        extended(name=name)(function)
        names.append(name)

    return add
