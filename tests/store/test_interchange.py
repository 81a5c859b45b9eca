import json

import pytest

from casenotes.store.interchange import (
    ImportCancelled, ImportFileError, dump_document, export_document, import_document, parse_document,
    read_document,
)
from casenotes.store.notes import add_note, notes_for_record
from casenotes.store.records import get_record, record_count
from casenotes.store.search import search
from tests.conftest import GWERN, document, minimal_record


def test_gwern_arrests_import_with_their_relations(store):
    combined = read_document(GWERN / "gwern_dnm_combined.casenotes.json")
    summary = import_document(store, combined)
    assert len(summary.added) == 523 == record_count(store)
    first = get_record(store, "gwern-arrest-0001")
    assert first.related[0].id == "gwern-market-silk-road-1"
    assert "gwern-arrest-0001" in [h.id for h in search(store, "Stacy Litz")]


def test_importing_the_same_file_twice_changes_nothing(store):
    doc = read_document(GWERN / "gwern_dnm_survival.casenotes.json")
    import_document(store, doc)
    again = import_document(store, doc)
    assert (len(again.added), len(again.updated), len(again.unchanged)) == (0, 0, 88)
    assert record_count(store) == 88


def test_one_bad_record_rejects_the_whole_file_naming_it(store):
    good = minimal_record("good-one")
    bad = minimal_record("bad-one", date="2014-13-45")
    with pytest.raises(ImportFileError, match=r"record #2 \(id 'bad-one'\).*not a real date"):
        import_document(store, document(good, bad))
    assert record_count(store) == 0


def test_a_duplicate_id_in_the_file_is_refused(store):
    with pytest.raises(ImportFileError, match=r"record #3 \(id 'a'\): duplicate id, already used by record #1"):
        document(minimal_record("a"), minimal_record("b"), minimal_record("a"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "top level must be a JSON object"),
        ({"format": "other", "version": 1}, "not a casenotes file"),
        ({"format": "casenotes", "version": 2, "records": []}, "newer than this app reads"),
        ({"format": "casenotes", "version": "1", "records": []}, "unsupported format version"),
        ({"format": "casenotes", "version": 1, "records": {}}, '"records" must be a list'),
        ({"format": "casenotes", "version": 1, "records": [{"title": "x", "kind": "raid"}]}, '"id" is missing'),
        ({"format": "casenotes", "version": 1, "records": [minimal_record(kind="heist")]}, "kind 'heist'"),
        ({"format": "casenotes", "version": 1, "records": [minimal_record(countries=["XX"])]}, "'XX' is not an ISO"),
        ({"format": "casenotes", "version": 1, "records": [minimal_record(figures=[{"label": "a", "value": "7"}])]},
         "value\" must be"),
    ],
)
def test_malformed_documents_get_a_clear_message(data, message):
    with pytest.raises(ImportFileError, match=message):
        parse_document(data)


def test_invalid_json_and_non_utf8_files_get_a_clear_message(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "casenotes", "version": 1, "records": [', encoding="utf-8")
    with pytest.raises(ImportFileError, match="not valid JSON"):
        read_document(broken)
    latin = tmp_path / "latin1.json"
    latin.write_bytes('{"format": "casenotes", "title": "Yücel"}'.encode("latin-1"))
    with pytest.raises(ImportFileError, match="not UTF-8"):
        read_document(latin)
    with pytest.raises(ImportFileError, match="cannot read"):
        read_document(tmp_path / "missing.json")


def test_a_cancelled_import_leaves_nothing_behind(store):
    doc = read_document(GWERN / "gwern_dnm_arrests.casenotes.json")

    def cancel_halfway(done, total):
        if done >= total // 2:
            raise ImportCancelled("cancelled")

    with pytest.raises(ImportCancelled):
        import_document(store, doc, progress=cancel_halfway)
    assert record_count(store) == 0
    assert search(store, "silk") == []


def test_import_never_touches_notes_it_was_not_given(seeded_store):
    note = add_note(seeded_store, "operation-disruptor", "my research")
    update = minimal_record("operation-disruptor", title="Operation DisrupTor (revised)")
    import_document(seeded_store, document(update))
    assert [n.body for n in notes_for_record(seeded_store, "operation-disruptor")] == [note.body]


def test_notes_for_unknown_records_reject_the_file(store):
    with pytest.raises(ImportFileError, match="note #1: record 'ghost' is neither in the file nor in the store"):
        import_document(store, document(minimal_record("a"), notes=[{"record_id": "ghost", "body": "x"}]))
    assert record_count(store) == 0


def test_export_then_import_into_an_empty_store_gives_the_same_records_and_notes(seeded_store, tmp_path):
    from casenotes.store import Store

    from casenotes.store.notes import set_note_tags, set_pinned, tags_of_notes

    first = add_note(seeded_store, "operation-hyperion", "First note with **Markdown**")
    add_note(seeded_store, "operation-disruptor", "Second note")
    set_pinned(seeded_store, first.id, True)
    set_note_tags(seeded_store, first.id, ["canada", "followup"])
    exported = dump_document(export_document(seeded_store))
    with Store.in_memory() as empty:
        import_document(empty, parse_document(json.loads(exported)))
        assert dump_document(export_document(empty)) == exported
        (copied,) = notes_for_record(empty, "operation-hyperion")
        assert copied.pinned and tags_of_notes(empty, [copied.id])[copied.id] == ["canada", "followup"]
