import pytest

from casenotes.store import InvalidInput, NotFound
from casenotes.store.models import Figure, Record, Relation, Source
from casenotes.store.records import (
    SaveOutcome, delete_record, get_record, incoming_relations, record_exists, restore_record, save_record,
    total_arrests,
)


def full_record(**changes) -> Record:
    record = Record(
        id="operation-example", title="Operation Example", kind="operation", date="2020-09", end_date=None,
        summary="A test operation.", agencies=["FBI", "Europol"], countries=["US", "DE"],
        figures=[
            Figure("arrests", 10, "people", None, 0),
            Figure("arrests", 7, "people", "US", 0),
            Figure("arrests", 3, "people", "DE", 1, "second source"),
        ],
        sources=[Source("Release", "FBI", "https://example.org/a", "2020-09-22"), Source("Report", "RT", None, "2020-09")],
        related=[Relation("other-record", "follows")],
        tags=["darknet", "test"],
    )
    for name, value in changes.items():
        setattr(record, name, value)
    return record


def test_a_saved_record_reads_back_with_everything_attached(store):
    assert save_record(store, full_record()) is SaveOutcome.ADDED
    loaded = get_record(store, "operation-example")
    assert loaded.content() == full_record().content()
    assert loaded.created and loaded.updated and loaded.origin == "user"


def test_saving_the_same_content_again_changes_nothing(store):
    save_record(store, full_record())
    before = get_record(store, "operation-example").updated
    assert save_record(store, full_record()) is SaveOutcome.UNCHANGED
    assert get_record(store, "operation-example").updated == before


def test_saving_new_content_updates_links_without_duplicates(store):
    save_record(store, full_record())
    outcome = save_record(store, full_record(agencies=["FBI"], countries=["NL"], tags=["darknet"]))
    assert outcome is SaveOutcome.UPDATED
    loaded = get_record(store, "operation-example")
    assert (loaded.agencies, loaded.countries, loaded.tags) == (["FBI"], ["NL"], ["darknet"])


def test_an_integer_figure_stays_an_integer_and_a_fraction_stays_a_fraction(store):
    save_record(store, full_record(figures=[Figure("seized_usd", 6500000, "USD"), Figure("drugs_kg", 6.5, "kg")]))
    values = [f.value for f in get_record(store, "operation-example").figures]
    assert values == [6500000, 6.5]
    assert [type(v) for v in values] == [int, float]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "heist"}, "kind 'heist' is not one of"),
        ({"date": "2014-13-45"}, "not a real date"),
        ({"countries": ["UK"]}, "did you mean GB"),
        ({"countries": ["Germany"]}, "not an ISO 3166 alpha-2 code"),
        ({"title": "   "}, "title is empty"),
        ({"id": "has spaces in it"}, "is not valid"),
        ({"date": "2020-09-22", "end_date": "2020-01"}, "before date"),
        ({"figures": [Figure("arrests", 1, "people", None, 5)]}, "does not point at one of"),
        ({"figures": [Figure("arrests", float("nan"))]}, "must be a number"),
        ({"sources": [Source("Title", url="javascript:alert(1)")]}, "not an http"),
        ({"related": [Relation("operation-example", "follows")]}, "cannot be related to itself"),
        ({"related": [Relation("x", "caused")]}, "relation 'caused'"),
    ],
)
def test_invalid_records_are_refused_with_the_reason(store, change, message):
    with pytest.raises(InvalidInput, match=message):
        save_record(store, full_record(**change))
    assert not record_exists(store, full_record(**change).id, include_deleted=True)


def test_country_codes_are_normalised_to_upper_case(store):
    save_record(store, full_record(countries=["de", " nl "]))
    assert get_record(store, "operation-example").countries == ["DE", "NL"]


def test_deleting_leaves_a_tombstone_that_can_be_restored(store):
    save_record(store, full_record())
    delete_record(store, "operation-example")
    with pytest.raises(NotFound):
        get_record(store, "operation-example")
    assert get_record(store, "operation-example", include_deleted=True).deleted
    restore_record(store, "operation-example")
    assert not get_record(store, "operation-example").deleted


def test_deleting_an_unknown_record_says_so(store):
    with pytest.raises(NotFound, match="no record with id 'nope'"):
        delete_record(store, "nope")


def test_the_first_stated_total_is_the_records_own_choice():
    figures = [Figure("arrests", 97, source=0), Figure("arrests", 100, source=1, note="around 100")]
    assert total_arrests(figures) == 97


def test_stated_total_wins_over_the_sum_of_countries():
    figures = [Figure("arrests", 179), Figure("arrests", 121, country="US"), Figure("arrests", 42, country="DE")]
    assert total_arrests(figures) == 179


def test_disagreeing_sources_for_one_country_are_not_counted_twice():
    figures = [Figure("arrests", 121, country="US", source=0), Figure("arrests", 119, country="US", source=1),
               Figure("arrests", 42, country="DE")]
    assert total_arrests(figures) == 163


def test_incoming_relations_list_the_records_that_point_here(store):
    save_record(store, full_record(related=[]))
    save_record(store, Record(id="later", title="Later action", kind="raid",
                              related=[Relation("operation-example", "follows")]))
    assert incoming_relations(store, "operation-example") == [("later", "Later action", "follows")]
