"""Looking records up by title, the figure vocabulary, readable unique ids and typed countries."""

import pytest

from casenotes.store.choices import (
    COMMON_FIGURE_LABELS, agency_names, figure_labels, figure_units, find_records_by_title, records_titled,
    slug_for_title, tag_names, unique_record_id, used_country_codes,
)
from casenotes.store.countries import UnknownCountry, all_countries, country_from_text
from casenotes.store.models import Record
from casenotes.store.records import delete_record, save_record


def ids(matches):
    return [match.id for match in matches]


def test_titles_starting_with_the_text_come_first_ignoring_case(seeded_store):
    assert ids(find_records_by_title(seeded_store, "WALL str")) == ["wall-street-market-takedown"]
    found = ids(find_records_by_title(seeded_store, "operation"))
    assert found == ["operation-disruptor", "operation-hyperion", "operation-onymous"]


def test_a_word_inside_the_title_finds_the_record(seeded_store):
    assert set(ids(find_records_by_title(seeded_store, "road"))) == {
        "silk-road-2-takedown", "silk-road-2-right-hand-man-plea"}
    assert ids(find_records_by_title(seeded_store, "onymous")) == ["operation-onymous"]


def test_prefix_matches_are_listed_before_word_matches(store):
    save_record(store, Record(id="a", title="The Dark Market raid", kind="raid"))
    save_record(store, Record(id="b", title="Dark Market takedown", kind="takedown"))
    assert ids(find_records_by_title(store, "dark")) == ["b", "a"]


def test_an_exact_id_is_found_first(seeded_store):
    assert ids(find_records_by_title(seeded_store, "operation-onymous"))[0] == "operation-onymous"


def test_deleted_and_excluded_records_are_not_offered(seeded_store):
    delete_record(seeded_store, "operation-onymous")
    assert "operation-onymous" not in ids(find_records_by_title(seeded_store, "operation"))
    assert ids(find_records_by_title(seeded_store, "operation", exclude="operation-hyperion")) == [
        "operation-disruptor"]


def test_the_limit_is_kept(seeded_store):
    assert len(find_records_by_title(seeded_store, "o", limit=2)) == 2
    assert find_records_by_title(seeded_store, "operation", limit=0) == []


@pytest.mark.parametrize("text", ['"', "NEAR(", "a AND", "-", "*", "%", "_", "🙂", "   ", "title:x", "'; DROP"])
def test_any_typed_text_is_safe(seeded_store, text):
    assert isinstance(find_records_by_title(seeded_store, text), list)


def test_percent_is_not_a_wildcard_in_the_title_prefix(store):
    save_record(store, Record(id="a", title="1000 arrests", kind="other"))
    save_record(store, Record(id="b", title="100% cotton", kind="other"))
    save_record(store, Record(id="c", title="Operation Cotton", kind="other"))
    assert ids(find_records_by_title(store, "100%"))[0] == "b"  # the only title starting with "100%"
    assert "c" not in ids(find_records_by_title(store, "100%"))


def test_records_titled_matches_the_whole_title_ignoring_case(seeded_store):
    assert [m.id for m in records_titled(seeded_store, " operation onymous ")] == ["operation-onymous"]
    assert records_titled(seeded_store, "Operation") == []


def test_names_are_suggested_most_used_first(seeded_store):
    agencies = agency_names(seeded_store)
    assert agencies[0] == "Europol" and "FBI" in agencies and len(agencies) == len(set(agencies))
    assert "darknet" in tag_names(seeded_store)
    codes = used_country_codes(seeded_store)
    assert codes[0] == "US" and "DE" in codes


def test_figure_labels_offer_the_common_ones_then_those_in_use(seeded_store):
    labels = figure_labels(seeded_store)
    assert labels[:len(COMMON_FIGURE_LABELS)] == list(COMMON_FIGURE_LABELS)
    assert "hidden_services_taken_down" in labels and len(labels) == len(set(labels))
    assert figure_units(seeded_store)[0] == "people"  # the most used unit in the seed


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Operation DisrupTor", "operation-disruptor"),
        ('Silk Road 2.0 "right-hand man" plea', "silk-road-2-0-right-hand-man-plea"),
        ("Yücel Öztürk — arrest", "yucel-ozturk-arrest"),
        ("Операция Щит", "operatsiia-shchit"),
        ("!!!", "record"),
        ("", "record"),
    ],
)
def test_ids_are_readable_slugs_of_the_title(title, slug):
    assert slug_for_title(title) == slug


def test_long_titles_give_ids_within_the_limit():
    slug = slug_for_title("Operation " + "very " * 60 + "long")
    assert len(slug) <= 80 and not slug.endswith("-")


def test_a_taken_id_gets_a_number_and_deleted_ids_stay_taken(store):
    assert unique_record_id(store, "Operation Foo") == "operation-foo"
    save_record(store, Record(id="operation-foo", title="Operation Foo", kind="operation"))
    assert unique_record_id(store, "Operation Foo") == "operation-foo-2"
    save_record(store, Record(id="operation-foo-2", title="Operation Foo", kind="operation"))
    delete_record(store, "operation-foo-2")
    assert unique_record_id(store, "Operation  foo!") == "operation-foo-3"


@pytest.mark.parametrize("typed", ["de", "DEU", "Germany", "germany", "Germany (DE)", " DE "])
def test_a_country_may_be_typed_by_code_or_name(typed):
    assert country_from_text(typed) == "DE"


def test_common_names_of_countries_are_understood():
    assert country_from_text("South Korea") == "KR"
    assert country_from_text("Korea, Republic of") == "KR"


@pytest.mark.parametrize(("typed", "message"), [("UK", "did you mean GB"), ("Narnia", "not a country"), ("", "empty")])
def test_an_unknown_country_says_why(typed, message):
    with pytest.raises(UnknownCountry, match=message):
        country_from_text(typed)


def test_every_country_is_offered_by_name():
    countries = dict(all_countries())
    assert len(countries) >= 249 and countries["GB"] == "United Kingdom"
