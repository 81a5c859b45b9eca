import time

import pytest

from casenotes.store import InvalidInput, NotFound
from casenotes.store.interchange import import_document
from casenotes.store.listing import RecordFilter
from casenotes.store.records import get_record, save_record
from casenotes.store.saved_searches import (
    count_matches, delete_saved_search, filter_from_json, filter_to_json, get_saved_search, mark_opened,
    new_or_changed_ids, save_search, saved_searches,
)
from tests.conftest import document, minimal_record


def test_a_saved_search_keeps_its_query_and_facets(seeded_store):
    flt = RecordFilter(query="silk", kinds=("takedown",), year_from=2014, year_to=2015)
    save_search(seeded_store, "Silk Road takedowns", flt)
    assert get_saved_search(seeded_store, "silk road TAKEDOWNS").filter == flt
    assert filter_from_json(filter_to_json(flt)) == flt
    assert [s.name for s in saved_searches(seeded_store)] == ["Silk Road takedowns"]


def test_hit_counts_follow_the_store(seeded_store):
    saved = save_search(seeded_store, "darknet", RecordFilter(query="darknet"))
    before = count_matches(seeded_store, saved)
    save_record(seeded_store, get_record(seeded_store, "uk-stresser-guilty-plea"))  # unchanged: no new hit
    assert count_matches(seeded_store, saved) == before > 0


def test_an_import_shows_as_new_until_the_search_is_opened(seeded_store):
    saved = save_search(seeded_store, "darknet raids", RecordFilter(query="darknet"))
    time.sleep(0.002)  # timestamps have millisecond precision
    import_document(seeded_store, document(
        minimal_record("new-darknet-raid", title="Darknet raid in Spain", kind="raid"),
        minimal_record("unrelated", title="Something else", kind="other"),
    ))
    edited = get_record(seeded_store, "operation-disruptor")
    edited.summary += " Darknet follow-up."
    save_record(seeded_store, edited, user_edit=True)
    saved = get_saved_search(seeded_store, "darknet raids")
    assert new_or_changed_ids(seeded_store, saved) == {"new-darknet-raid", "operation-disruptor"}
    assert count_matches(seeded_store, saved, since=saved.last_opened) == 2
    time.sleep(0.002)
    opened = mark_opened(seeded_store, "darknet raids")
    assert new_or_changed_ids(seeded_store, opened) == set()


def test_saved_search_names_are_checked(seeded_store):
    with pytest.raises(InvalidInput):
        save_search(seeded_store, "  ", RecordFilter(query="x"))
    with pytest.raises(NotFound):
        mark_opened(seeded_store, "missing")
    with pytest.raises(NotFound):
        delete_saved_search(seeded_store, "missing")
