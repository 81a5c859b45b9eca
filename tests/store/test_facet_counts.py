"""Facet counts read from the link tables' indexes agree with counting live records one by one."""

from collections import Counter

from casenotes.store.listing import facets
from casenotes.store.models import Record
from casenotes.store.notes import add_note, set_note_tags, trash_note
from casenotes.store.records import all_record_ids, delete_record, get_records, save_record, set_record_tags


def counted_by_hand(store):
    """What each facet should say, from the live records and their live notes."""
    live = get_records(store, all_record_ids(store))
    kinds, agencies, countries, tags = Counter(), Counter(), Counter(), Counter()
    for record in live:
        kinds[record.kind] += 1
        agencies.update(set(record.agencies))
        countries.update(set(record.countries))
        note_tags = {tag for (tag,) in store.db.conn.execute(
            "SELECT t.name FROM note_tags nt JOIN notes n ON n.id = nt.note_id JOIN tags t ON t.id = nt.tag_id "
            "WHERE n.record_id = ? AND n.deleted = 0", (record.id,))}
        tags.update(set(record.tags) | note_tags)
    return kinds, agencies, countries, tags


def test_counts_leave_out_deleted_records_and_count_a_tag_once_per_record(store):
    for number in range(12):
        save_record(store, Record(
            id=f"r{number}", title=f"Record {number}", kind=("raid", "arrest", "operation")[number % 3],
            date=f"20{10 + number}", agencies=["FBI", "Europol"][: 1 + number % 2], countries=["US", "DE", "NL"][: 1 + number % 3],
            tags=["darknet"] if number % 2 else [],
        ))
    # A note tag repeating the record's own tag, one on a record without it, one on a deleted
    # note and one on a deleted record: only the second adds to the count.
    for record_id, tag, trashed in (("r3", "darknet", False), ("r2", "darknet", False), ("r6", "darknet", True),
                                    ("r1", "followup", False), ("r5", "followup", False)):
        note = add_note(store, record_id, f"note with {tag}")
        set_note_tags(store, note.id, [tag])
        if trashed:
            trash_note(store, note.id)
    set_record_tags(store, "r8", ["Darknet", "followup"])
    for number in (1, 4, 7):
        delete_record(store, f"r{number}")

    found = facets(store)
    kinds, agencies, countries, tags = counted_by_hand(store)
    assert dict(found.kinds) == dict(kinds)
    assert dict(found.agencies) == dict(agencies)
    assert dict(found.countries) == dict(countries)
    assert dict(found.tags) == dict(tags)
    assert [count for _, count in found.agencies] == sorted((count for _, count in found.agencies), reverse=True)
    assert (found.first_year, found.last_year) == (2010, 2021)


def test_a_value_left_only_on_deleted_records_disappears(store):
    save_record(store, Record(id="a", title="A", kind="raid", agencies=["Guardia Civil"], countries=["ES"]))
    save_record(store, Record(id="b", title="B", kind="raid", agencies=["FBI"], countries=["US"]))
    delete_record(store, "a")
    found = facets(store)
    assert found.agencies == [("FBI", 1)] and found.countries == [("US", 1)] and found.kinds == [("raid", 1)]


def test_ties_are_in_name_order_ignoring_case(store):
    for record_id, agency in (("a", "europol"), ("b", "FBI"), ("c", "Bka")):
        save_record(store, Record(id=record_id, title=record_id, kind="raid", agencies=[agency]))
    assert [name for name, _ in facets(store).agencies] == ["Bka", "europol", "FBI"]
