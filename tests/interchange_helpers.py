"""Helpers for import/export tests: writing format-v1 files, dumping a store kept in a file."""

from __future__ import annotations

import json
from pathlib import Path

from casenotes.store import Store
from tests.conftest import store_dump


def write_document(path: Path, records: list, notes: list | None = None, **header) -> Path:
    """Write a format-v1 file with these records (and notes); extra header keys override."""
    data = {"format": "casenotes", "version": 1, "records": records, "notes": notes or []}
    data.update(header)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def dump_of(store: Store) -> list[str]:
    """Every row of the store's database file, as SQL (equal dumps: nothing changed)."""
    return store_dump(Path(store.path))
