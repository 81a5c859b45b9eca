from casenotes.store.listing import RELEVANCE, RecordFilter, facets, filtered_ids, filtered_keys, rows_for_keys
from casenotes.store.notes import add_note, set_note_tags, trash_note
from casenotes.store.records import set_record_tags


def ids_for(store, flt, **sort):
    keys = filtered_keys(store, flt, **sort)
    rows = rows_for_keys(store, keys)
    return [rows[key].id for key in keys]


def test_no_filter_lists_every_live_record_by_date(seeded_store):
    dates = [row.date for row in rows_for_keys(seeded_store, filtered_keys(seeded_store)).values()]
    assert len(dates) == 9
    ordered = ids_for(seeded_store, RecordFilter())
    assert ordered[0] == "blackshades-arrests-2014" and ordered[-1] == "operation-disruptor"


def test_facets_combine_with_each_other_and_the_query(seeded_store):
    assert set(ids_for(seeded_store, RecordFilter(kinds=("takedown",)))) == {
        "wall-street-market-takedown", "silk-road-2-takedown"}
    assert ids_for(seeded_store, RecordFilter(kinds=("takedown",), query="wall")) == ["wall-street-market-takedown"]
    assert ids_for(seeded_store, RecordFilter(countries=("AT",))) == ["operation-disruptor"]
    assert set(ids_for(seeded_store, RecordFilter(agencies=("RCMP",)))) >= {"operation-hyperion"}


def test_year_range_includes_both_ends(seeded_store):
    found = ids_for(seeded_store, RecordFilter(year_from=2014, year_to=2014))
    assert set(found) == {"blackshades-arrests-2014", "operation-onymous", "silk-road-2-takedown"}


def test_relevance_puts_title_hits_first(seeded_store):
    assert ids_for(seeded_store, RecordFilter(query="hyperion"), sort=RELEVANCE)[0] == "operation-hyperion"


def test_a_note_tag_filters_its_record_like_a_record_tag(seeded_store):
    note = add_note(seeded_store, "operation-onymous", "x")
    set_note_tags(seeded_store, note.id, ["to-check"])
    set_record_tags(seeded_store, "operation-hyperion", ["to-check"])
    assert set(ids_for(seeded_store, RecordFilter(tags=("to-check",)))) == {"operation-onymous", "operation-hyperion"}
    assert dict(facets(seeded_store).tags)["to-check"] == 2
    trash_note(seeded_store, note.id)
    assert ids_for(seeded_store, RecordFilter(tags=("to-check",))) == ["operation-hyperion"]


def test_filtered_ids_match_the_filtered_list(seeded_store):
    flt = RecordFilter(query="silk")
    assert filtered_ids(seeded_store, flt) == set(ids_for(seeded_store, flt))
    assert RecordFilter(query="🔍").narrows() is False and RecordFilter(kinds=("raid",)).narrows()
