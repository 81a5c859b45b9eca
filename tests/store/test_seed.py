import copy

from casenotes.store.interchange import Document, import_document
from casenotes.store.models import Record
from casenotes.store.records import all_record_ids, delete_record, get_record, record_count, save_record
from casenotes.store.seed import apply_seed, seed_version_of

from tests.conftest import document, minimal_record


def newer(document: Document, **header) -> Document:
    newer_doc = copy.deepcopy(document)
    newer_doc.header["seed_version"] = seed_version_of(document) + 1
    newer_doc.header.update(header)
    return newer_doc


def test_a_new_store_gets_every_seed_record(store, seed_document):
    result = apply_seed(store, seed_document)
    assert sorted(result.added) == sorted(r.id for r in seed_document.records)
    assert record_count(store) == len(seed_document.records)


def test_seeding_twice_adds_nothing(store, seed_document):
    apply_seed(store, seed_document)
    assert apply_seed(store, seed_document) is None
    assert record_count(store) == len(seed_document.records)


def test_a_seed_is_not_loaded_again_after_the_user_deleted_everything(store, seed_document):
    apply_seed(store, seed_document)
    for record_id in all_record_ids(store):
        delete_record(store, record_id)
    apply_seed(store, seed_document)
    assert record_count(store) == 0


def test_a_newer_seed_adds_missing_records_and_keeps_user_edits(store, seed_document):
    apply_seed(store, seed_document)
    edited = get_record(store, "operation-hyperion")
    edited.summary = "My own summary."
    save_record(store, edited, user_edit=True)
    delete_record(store, "uk-stresser-guilty-plea")
    save_record(store, Record(id="my-record", title="Mine", kind="other"))

    update = newer(seed_document)
    for record in update.records:
        record.summary += " Updated by the seed."
    update.records.append(Record(id="new-seed-record", title="Added in seed 2", kind="raid"))
    update.records.append(Record(id="my-record", title="Seed wants this id", kind="raid"))
    result = apply_seed(store, update)

    assert "new-seed-record" in result.added
    assert get_record(store, "operation-hyperion").summary == "My own summary."
    assert get_record(store, "my-record").title == "Mine"
    assert get_record(store, "uk-stresser-guilty-plea", include_deleted=True).deleted
    assert get_record(store, "operation-disruptor").summary.endswith("Updated by the seed.")
    assert set(result.kept) == {"operation-hyperion", "my-record", "uk-stresser-guilty-plea"}


def test_a_newer_seed_keeps_a_seed_record_that_an_import_changed(store, seed_document):
    apply_seed(store, seed_document)
    import_document(store, document(minimal_record("operation-disruptor", title="Operation DisrupTor (my copy)")))

    update = newer(seed_document)
    result = apply_seed(store, update)

    assert get_record(store, "operation-disruptor").title == "Operation DisrupTor (my copy)"
    assert "operation-disruptor" in result.kept


def test_a_newer_seed_still_updates_a_seed_record_an_import_left_as_it_was(store, seed_document):
    apply_seed(store, seed_document)
    unchanged = [r for r in seed_document.records if r.id == "operation-disruptor"]
    import_document(store, Document(header=dict(seed_document.header), records=unchanged, notes=[]))

    update = newer(seed_document)
    for record in update.records:
        record.summary += " Updated by the seed."
    apply_seed(store, update)

    assert get_record(store, "operation-disruptor").summary.endswith("Updated by the seed.")
