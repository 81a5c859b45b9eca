"""Fixtures shared by every test: stores, data directories and the seed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from casenotes.store import Store  # noqa: E402  (after the Qt platform is chosen)
from casenotes.store.interchange import Document, parse_document  # noqa: E402
from casenotes.store.seed import apply_seed, bundled_seed  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared"
GWERN = SHARED / "data" / "gwern"


@pytest.fixture
def store() -> Store:
    """An empty, migrated in-memory store."""
    with Store.in_memory() as opened:
        yield opened


@pytest.fixture(scope="session")
def seed_document() -> Document:
    return bundled_seed()


@pytest.fixture
def seeded_store(store: Store, seed_document: Document) -> Store:
    apply_seed(store, seed_document)
    return store


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data directory that does not exist yet, as on a first launch."""
    return tmp_path / "casenotes-data"


@pytest.fixture(autouse=True)
def _no_default_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep every test away from the real per-user data directory."""
    monkeypatch.setenv("CASENOTES_DATA_DIR", str(tmp_path / "default-data-dir"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))


def minimal_record(record_id: str = "test-record", **fields) -> dict:
    """A valid format-v1 record object with only the required fields, plus ``fields``."""
    record = {"id": record_id, "title": f"Title of {record_id}", "kind": "operation"}
    record.update(fields)
    return record


def document(*records: dict, notes: list | None = None) -> Document:
    return parse_document({"format": "casenotes", "version": 1, "records": list(records), "notes": notes or []})


def store_dump(database: Path) -> list[str]:
    """Every row of every table, as SQL: equal dumps mean nothing in the store changed."""
    import contextlib
    import sqlite3

    # closing(): sqlite3's own context manager commits but leaves the connection open.
    with contextlib.closing(sqlite3.connect(database)) as conn:
        return list(conn.iterdump())


@pytest.fixture
def file_store(data_dir: Path) -> Store:
    """A seeded store in a data directory on disk (so its file can be dumped or reopened)."""
    from casenotes.store import open_data_dir

    with open_data_dir(data_dir) as opened:
        yield opened
