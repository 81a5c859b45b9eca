"""Two stores kept by two people who share exports: fixtures for the sharing tests."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from casenotes.store import Store
from casenotes.store.interchange import export_to_file
from casenotes.store.interchange.export_options import ExportOptions
from casenotes.store.records import all_record_ids, get_record, save_record
from casenotes.store.seed import apply_seed

FOR_MERGE = ExportOptions(for_merge=True, whole_store=True)


def open_seeded(path: Path, seed_document) -> Store:
    store = Store.open(path)
    apply_seed(store, seed_document)
    return store


@pytest.fixture
def alice(tmp_path, seed_document):
    with open_seeded(tmp_path / "alice" / "casenotes.db", seed_document) as store:
        yield store


@pytest.fixture
def bob(tmp_path, seed_document):
    with open_seeded(tmp_path / "bob" / "casenotes.db", seed_document) as store:
        yield store


def export_for_merge(store: Store, path: Path, options: ExportOptions = FOR_MERGE) -> Path:
    export_to_file(store, all_record_ids(store), "json", path, options=options)
    return path


def edit_summary(store: Store, record_id: str, summary: str) -> None:
    """A person's edit of a record, as the app saves it."""
    record = get_record(store, record_id)
    save_record(store, dataclasses.replace(record, summary=summary), user_edit=True)
