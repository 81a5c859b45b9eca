import pytest

from casenotes.extract import article_from_text, extract_draft
from casenotes.extract.countries import lookup_country
from casenotes.extract.draft import slugify, suggest_record_id
from casenotes.extract.editing import edit_detail, edit_value
from casenotes.store.errors import InvalidInput
from casenotes.store.records import get_record, save_record

ARTICLE = (
    "Operation Northwind nets 40 in darknet sweep\n\n"
    "Police in Germany and Austria arrested 40 people in Operation Northwind, the BKA said on 3 March 2021. "
    "Officers seized €2.5 million and 12 kilograms of cocaine."
)


@pytest.fixture
def draft():
    return extract_draft(article_from_text(ARTICLE, publisher="Example Post"))


def proposal(draft, field, value=None):
    return next(p for p in draft.of(field) if value is None or p.display_value().startswith(str(value)))


def test_the_record_holds_exactly_the_accepted_values(draft, store):
    proposal(draft, "figure", "drugs_kg").accepted = False
    proposal(draft, "country", "AT").accepted = False
    record = draft.to_record("northwind")
    assert record.title == "Operation Northwind" and record.kind == "operation" and record.date == "2021-03-03"
    assert record.agencies == ["BKA"] and record.countries == ["DE"]
    assert [(f.label, f.value) for f in record.figures] == [("arrests", 40), ("seized_eur", 2_500_000)]
    assert all(f.source == 0 for f in record.figures)
    assert record.sources[0].title == "Operation Northwind nets 40 in darknet sweep"
    assert record.sources[0].publisher == "Example Post"
    save_record(store, record)
    assert get_record(store, "northwind").content() == record.content()


def test_edits_change_the_saved_values(draft):
    edit_value(proposal(draft, "title"), "Operation Northwind (Germany)", country_lookup=lookup_country)
    figure = proposal(draft, "figure", "arrests")
    edit_value(figure, "41", country_lookup=lookup_country)
    edit_detail(figure, "Austria", country_lookup=lookup_country)
    record = draft.to_record("northwind")
    assert record.title == "Operation Northwind (Germany)"
    assert (record.figures[0].value, record.figures[0].country) == (41, "AT")


@pytest.mark.parametrize("field, text, message", [
    ("kind", "heist", "kind must be one of"),
    ("date", "March 2021", "is not a date"),
    ("country", "Narnia", "not a country"),
    ("figure", "forty", "not a number"),
    ("title", "  ", "cannot be empty"),
])
def test_bad_edits_are_refused_with_a_reason(draft, field, text, message):
    target = draft.of(field)[0]
    before = target.value
    with pytest.raises(InvalidInput, match=message):
        edit_value(target, text, country_lookup=lookup_country)
    assert target.value == before


def test_a_draft_without_an_accepted_title_cannot_become_a_record(draft):
    proposal(draft, "title").accepted = False
    with pytest.raises(InvalidInput, match="no accepted title"):
        draft.to_record("northwind")


def test_record_ids_come_from_the_title_and_avoid_taken_ones():
    assert slugify("Operation DisrupTor") == "operation-disruptor"
    assert slugify("Silk Road 2.0 “right-hand man” plea") == "silk-road-2-0-right-hand-man-plea"
    taken = {"operation-disruptor", "operation-disruptor-2"}
    assert suggest_record_id("Operation DisrupTor", taken.__contains__) == "operation-disruptor-3"


def test_austria_among_european_countries_raises_no_flag(draft):
    assert not proposal(draft, "country", "AT").flags


def test_a_title_already_in_the_store_is_pointed_out(seeded_store):
    draft = extract_draft(article_from_text("Police announced Operation Onymous results today."), seeded_store)
    assert [f.code for f in draft.of("title")[0].flags] == ["already-in-store"]


def test_json_form_carries_values_flags_and_evidence(draft):
    data = draft.as_json()
    figure = next(p for p in data["proposals"] if p["field"] == "figure" and p["label"] == "seized_eur")
    assert figure["value"] == 2_500_000 and figure["evidence"][0]["words"] == "€2.5 million"
    assert data["article"]["publisher"] == "Example Post"
