"""The bulk import path: same store as save_record one by one, bounded memory for huge files."""

import dataclasses
import json
import tracemalloc

import pytest

from casenotes.store import Store
from casenotes.store.interchange import import_file, read_document
from casenotes.store.records import delete_record, get_record, save_record
from casenotes.store.seed import apply_seed
from tests.conftest import GWERN, minimal_record
from tests.generated_records import write_generated_json
from tests.interchange_helpers import write_document

FIXED_NOW = "2026-02-03T04:05:06.789Z"
FTS_SHADOW = ("search_index_data", "search_index_idx", "search_index_content", "search_index_docsize",
              "search_index_config")


def store_contents(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table (rowids included), the search index by its content, the schema by name."""
    conn = store.db.conn
    tables = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ) if name not in FTS_SHADOW and name not in ("search_index", "_sqlite_migrations")]
    contents = {name: conn.execute(f"SELECT rowid, * FROM {name} ORDER BY rowid").fetchall() for name in tables}
    contents["search_index"] = conn.execute(
        "SELECT rowid, title, summary, agencies, sources, note FROM search_index ORDER BY rowid"
    ).fetchall()
    contents["schema"] = conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
    ).fetchall()
    return contents


def one_by_one(store: Store, path) -> None:
    """The reference: each record through save_record, search triggers on, then the notes."""
    for record in read_document(path).records:
        save_record(store, record, origin="import")


def _changed_file(tmp_path, base):
    """Updates that exercise every path: new, changed (including the last records written,
    whose rows sit at the top of each table), revived after deletion, and unchanged."""
    records = [r for r in json.loads(base.read_text())["records"]
               if not any(t.startswith("market:Alphabay") for t in r.get("tags", []))]
    changed = []
    for position, record in enumerate(records):
        if position % 7 == 0 or position >= len(records) - 2:
            record = dict(record, title=record["title"] + " (revised)", agencies=["Europol", "FBI", "europol"],
                          figures=[{"label": "arrests", "value": position, "country": "DE"}],
                          sources=(record.get("sources") or []) + [{"title": "A new source", "url": "https://x.org"}])
        changed.append(record)
    changed += [minimal_record(f"new-{n}", countries=["NZ"], tags=["New tag"]) for n in range(3)]
    return write_document(tmp_path / "changed.json", changed)


@pytest.mark.parametrize("rebuild_indexes_from", [0, 10**9], ids=["indexes rebuilt", "indexes kept"])
def test_bulk_import_leaves_the_same_store_as_save_record_one_by_one(tmp_path, monkeypatch, seed_document,
                                                                     rebuild_indexes_from):
    monkeypatch.setattr("casenotes.store.interchange.importer._REBUILD_INDEXES_FROM", rebuild_indexes_from)
    monkeypatch.setattr("casenotes.store.records.utc_now", lambda: FIXED_NOW)
    monkeypatch.setattr("casenotes.store.interchange.bulk_writer.utc_now", lambda: FIXED_NOW)
    base = GWERN / "gwern_dnm_combined.casenotes.json"
    changed = _changed_file(tmp_path, base)
    with Store.in_memory() as bulk, Store.in_memory() as reference:
        for store in (bulk, reference):
            apply_seed(store, seed_document)
        import_file(bulk, base)
        one_by_one(reference, base)
        for store in (bulk, reference):
            delete_record(store, "gwern-arrest-0100")
        summary = import_file(bulk, changed)
        one_by_one(reference, changed)
        assert "gwern-arrest-0100" in summary.updated and summary.added == ["new-0", "new-1", "new-2"]
        assert summary.unchanged and summary.updated
        # Only updates, of the records whose rows are now the last in their tables.
        last = write_document(tmp_path / "last.json", [
            minimal_record(f"new-{n}", countries=["AU", "NZ"], tags=["Other tag", "new tag"], agencies=["AFP"])
            for n in (1, 2)
        ])
        assert import_file(bulk, last).updated == ["new-1", "new-2"]
        one_by_one(reference, last)
        assert store_contents(bulk) == store_contents(reference)
        for store in (bulk, reference):
            store.db.conn.execute("INSERT INTO search_index (search_index) VALUES ('integrity-check')")
            assert store.db.conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_names_differing_only_in_case_from_stored_ones_do_not_count_as_changes(store, tmp_path):
    import_file(store, write_document(tmp_path / "a.json", [minimal_record("a", agencies=["AlphaBay Team"],
                                                                           tags=["AlphaBay"])]))
    again = import_file(store, write_document(tmp_path / "b.json", [minimal_record("a", agencies=["alphabay team"],
                                                                               tags=["Alphabay"])]))
    assert again.unchanged == ["a"]
    assert get_record(store, "a").tags == ["AlphaBay"]


def test_search_finds_imported_records_and_the_index_triggers_are_back(store, tmp_path):
    import_file(store, GWERN / "gwern_dnm_arrests.casenotes.json")
    from casenotes.store.search import search

    assert "gwern-arrest-0001" in [hit.id for hit in search(store, "Stacy Litz")]
    triggers = {name for (name,) in store.db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"records_index_insert", "record_agencies_index_insert", "record_sources_index_delete"} <= triggers
    assert store.get_meta("fts_deferred") is None
    # Ordinary edits after an import are indexed by the triggers again.
    record = get_record(store, "gwern-arrest-0001")
    save_record(store, dataclasses.replace(record, title="Renamed to Zebulon"))
    assert [hit.id for hit in search(store, "zebulon")] == ["gwern-arrest-0001"]


def test_importing_a_50_mb_file_keeps_memory_far_below_the_file_size(tmp_path):
    """Streaming: Python's peak allocation stays bounded by one batch of records, not the file.

    (Reading the whole file with json.load would need several times its size.)
    """
    path = write_generated_json(tmp_path / "big.json", 5000, figure_note_chars=10_000)
    size = path.stat().st_size
    assert size > 50_000_000
    with Store.open(tmp_path / "casenotes.db") as store:
        tracemalloc.start()
        try:
            summary = import_file(store, path)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert len(summary.added) == 5000
    assert peak < 16_000_000, f"peak {peak / 1e6:.1f} MB for a {size / 1e6:.0f} MB file"


@pytest.mark.parametrize("notes", [0, 5])
def test_generated_files_import_with_their_notes(store, tmp_path, notes):
    path = write_generated_json(tmp_path / "gen.json", 1200, notes=notes)
    summary = import_file(store, path)
    assert len(summary.added) == 1200 and summary.notes_added == notes


def test_search_rows_of_new_records_are_the_ones_the_index_triggers_write(tmp_path, monkeypatch):
    """Agencies listed against the order of their ids, shared sources with and without a
    publisher, records with neither: the search index holds the same text either way."""
    monkeypatch.setattr("casenotes.store.records.utc_now", lambda: FIXED_NOW)
    monkeypatch.setattr("casenotes.store.interchange.bulk_writer.utc_now", lambda: FIXED_NOW)
    shared = {"title": "Shared release", "url": "https://example.org/a"}
    records = [
        minimal_record("a", agencies=["FBI", "DEA", "Europol"], sources=[shared, {"title": "Other", "publisher": ""}]),
        minimal_record("b", agencies=["europol", "dea"], summary="Seized.",
                       sources=[{"title": "Other", "publisher": None}, dict(shared, publisher="Europol")]),
        minimal_record("c"),
        minimal_record("d", agencies=["NCA", "fbi"], sources=[{"title": "Third", "publisher": "NCA"}, shared]),
    ]
    path = write_document(tmp_path / "order.json", records)
    with Store.in_memory() as bulk, Store.in_memory() as reference:
        import_file(bulk, path)
        one_by_one(reference, path)
        assert store_contents(bulk) == store_contents(reference)
        agencies = bulk.db.conn.execute("SELECT agencies FROM search_index WHERE rowid = "
                                        "(SELECT key * 2 FROM records WHERE id = 'd')").fetchone()[0]
        assert agencies == "FBI NCA"


def test_a_failed_large_import_leaves_the_indexes_as_they_were(file_store, tmp_path, monkeypatch):
    from casenotes.store.interchange import ImportFileError
    from tests.interchange_helpers import dump_of

    monkeypatch.setattr("casenotes.store.interchange.importer._REBUILD_INDEXES_FROM", 0)
    path = write_generated_json(tmp_path / "gen.json", 1200)
    indexes = "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
    before, schema = dump_of(file_store), file_store.db.conn.execute(indexes).fetchall()
    path.write_bytes(path.read_bytes()[:-200])
    with pytest.raises(ImportFileError):
        import_file(file_store, path)
    assert dump_of(file_store) == before and file_store.db.conn.execute(indexes).fetchall() == schema
    summary = import_file(file_store, write_generated_json(tmp_path / "good.json", 1200), dry_run=True)
    assert len(summary.added) == 1200 and file_store.db.conn.execute(indexes).fetchall() == schema
