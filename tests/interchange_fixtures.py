"""Fixtures for import/export tests: a seeded store in a file (so its dump can be compared)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casenotes.paths import database_path
from casenotes.store import Store, open_data_dir


@pytest.fixture
def file_store(data_dir: Path) -> Store:
    """A seeded store in a data directory on disk; its file is ``file_store.path``."""
    with open_data_dir(data_dir) as opened:
        yield opened


def write_document(path: Path, records: list, notes: list | None = None, **header) -> Path:
    """Write a format-v1 file with these records (and notes); extra header keys override."""
    data = {"format": "casenotes", "version": 1, "records": records, "notes": notes or []}
    data.update(header)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def dump_of(store: Store) -> list[str]:
    from tests.conftest import store_dump

    return store_dump(Path(store.path))


__all__ = ["database_path", "dump_of", "file_store", "write_document"]
