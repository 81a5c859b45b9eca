"""The import's fast checks of schema-valid records give what the full checks give, or step aside.

``normal_record_from_valid_json`` must never accept what ``validate_record`` refuses, and
whatever it returns must equal what the full checks make of the same object.
"""

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casenotes.store.errors import InvalidInput
from casenotes.store.interchange.json_records import _record_from_valid_json, record_from_json
from casenotes.store.interchange.schema import schema_checker
from casenotes.store.validation import normal_record_from_valid_json, validate_record
from tests.conftest import GWERN
from tests.generated_records import generated_record


def full_checks(raw: dict):
    """What the full checks make of a schema-valid object: a record, or the InvalidInput they raise."""
    try:
        return validate_record(_record_from_valid_json(raw))
    except InvalidInput as error:
        return error


def assert_same_as_full_checks(raw: dict) -> None:
    assert schema_checker().record_problem(raw) is None, raw
    fast = normal_record_from_valid_json(raw)
    full = full_checks(raw)
    if isinstance(full, InvalidInput):
        assert fast is None, (raw, full)
    elif fast is not None:
        assert fast == full
        assert fast.content() == full.content()


BASE = {
    "id": "case-1", "title": "Operation Example", "kind": "raid", "date": "2019-05", "end_date": None,
    "summary": "A summary.", "agencies": ["FBI", "Europol"], "countries": ["US", "DE"],
    "figures": [{"label": "arrests", "value": 3, "unit": "people", "country": "US", "source": 0}],
    "sources": [{"title": "A press release", "publisher": "FBI", "url": "https://fbi.gov/x", "published": "2019"}],
    "related": [{"id": "case-0", "relation": "follows"}], "tags": ["darknet"],
}

EDGE_CASES = {
    "plain": {},
    "nulls and empty lists": {"date": None, "summary": None, "agencies": [], "countries": [], "figures": [],
                              "sources": [], "related": [], "tags": []},
    "title with spaces around": {"title": "  Operation Example "},
    "title of spaces": {"title": "   "},
    "end date before date": {"date": "2019-05-02", "end_date": "2019-05-01"},
    "end date within the month": {"date": "2019-05", "end_date": "2019-05-01"},
    "end date without date": {"date": None, "end_date": "2019"},
    "day no calendar has": {"date": "2019-02-30"},
    "month 13": {"end_date": "2019-13"},
    "year 0": {"date": "0000"},
    "lower-case countries": {"countries": ["us", "De"]},
    "duplicate countries": {"countries": ["US", "us", "DE"]},
    "unknown country": {"countries": ["XX"]},
    "common mistake country": {"countries": ["UK"]},
    "agency with spaces": {"agencies": [" FBI"]},
    "empty agency": {"agencies": ["", "FBI"]},
    "agencies differing in case": {"agencies": ["FBI", "fbi"]},
    "German sharp s tags": {"tags": ["Straße", "STRASSE"]},
    "non-ASCII text": {"title": "Opération Zürich", "summary": "Arrestation à Genève — 3 personnes"},
    "lone surrogate in the summary": {"summary": "bad \ud800 text"},
    "lone surrogate in a tag": {"tags": ["\udfff"]},
    "lone surrogate in a figure note": {"figures": [{"label": "arrests", "value": 1, "note": "\ud83d"}]},
    "lone surrogate in a source title": {"sources": [{"title": "\udc80"}]},
    "URL with spaces around": {"sources": [{"title": "T", "url": "  https://x.org/a  "}]},
    "empty URL": {"sources": [{"title": "T", "url": ""}]},
    "URL of spaces": {"sources": [{"title": "T", "url": "   "}]},
    "ftp URL": {"sources": [{"title": "T", "url": "ftp://x.org"}]},
    "source title of spaces": {"sources": [{"title": " "}]},
    "source title with spaces around": {"sources": [{"title": " T ", "publisher": " P ", "locator": " p. 3"}]},
    "bad published date": {"sources": [{"title": "T", "published": "2019-02-29"}]},
    "figure citing a missing source": {"figures": [{"label": "arrests", "value": 1, "source": 1}]},
    "figure citing a source as 0.0": {"figures": [{"label": "arrests", "value": 1, "source": 0.0}]},
    "figure with a float value": {"figures": [{"label": "seized_usd", "value": 2.5e6}]},
    "figure label with spaces": {"figures": [{"label": " arrests ", "value": 1}]},
    "figure label of spaces": {"figures": [{"label": "  ", "value": 1}]},
    "figure country in lower case": {"figures": [{"label": "arrests", "value": 1, "country": "de"}]},
    "figure country unknown": {"figures": [{"label": "arrests", "value": 1, "country": "ZZ"}]},
    "related to itself": {"related": [{"id": "case-1", "relation": "related"}]},
    "duplicate relation": {"related": [{"id": "a", "relation": "follows"}, {"id": "a", "relation": "follows"}]},
    "two relations to one record": {"related": [{"id": "a", "relation": "follows"}, {"id": "a", "relation": "related"}]},
    "merge fields": {"updated": "2026-01-01T00:00:00.000Z", "edited": True, "seen": ["deleted"]},
}


@pytest.mark.parametrize("case", sorted(EDGE_CASES))
def test_edge_cases_match_the_full_checks(case):
    assert_same_as_full_checks({**BASE, **EDGE_CASES[case]})


def test_a_record_of_only_the_required_fields_matches_the_full_checks():
    assert_same_as_full_checks({"id": "a", "title": "A", "kind": "other"})
    assert normal_record_from_valid_json({"id": "a", "title": "A", "kind": "other"}) is not None


def test_ordinary_records_take_the_fast_way():
    rng = random.Random(3)
    records = [generated_record(n, rng) for n in range(300)] + [{**BASE, **EDGE_CASES["non-ASCII text"]}]
    for raw in records:
        assert normal_record_from_valid_json(raw) is not None, raw
        assert_same_as_full_checks(raw)


def test_the_gwern_records_match_the_full_checks():
    records = json.loads((GWERN / "gwern_dnm_combined.casenotes.json").read_text(encoding="utf-8"))["records"]
    fast = 0
    for raw in records:
        assert_same_as_full_checks(raw)
        fast += normal_record_from_valid_json(raw) is not None
    assert fast > len(records) * 0.9


def test_an_import_refuses_what_only_the_full_checks_find_with_their_message():
    raw = {**BASE, "date": "2019-05-02", "end_date": "2019-05-01"}
    with pytest.raises(Exception, match=r"record #4 \(id 'case-1'\): end_date 2019-05-01 is before date 2019-05-02"):
        record_from_json(raw, 4)


_names = st.lists(st.sampled_from(["FBI", "fbi", " FBI", "", "Europol", "Straße", "STRASSE", "\ud800", "Ø"]),
                  max_size=4)
_dates = st.sampled_from([None, "2019", "2019-02", "2019-02-28", "2019-02-29", "2020-02-29", "2018-12-31", "2019-13"])
_text = st.sampled_from([None, "", " ", "plain", " padded ", "naïve", "bad \udc00", "https://x.org", " http://y.org "])
_country = st.sampled_from(["US", "us", "De", "XX", "UK", "GB"])


@st.composite
def raw_records(draw):
    sources = draw(st.lists(st.fixed_dictionaries(
        {"title": st.sampled_from(["T", " T", " ", "Tï"])},
        optional={"publisher": _text, "url": _text, "published": _dates, "locator": _text},
    ), max_size=3))
    figures = draw(st.lists(st.fixed_dictionaries(
        {"label": st.sampled_from(["arrests", " arrests", " ", "drugs_kg"]),
         "value": st.one_of(st.integers(-5, 10**12), st.floats(allow_nan=False, allow_infinity=False))},
        optional={"unit": _text, "country": st.one_of(st.none(), _country),
                  "source": st.one_of(st.none(), st.integers(0, 3), st.just(0.0)), "note": _text},
    ), max_size=3))
    related = draw(st.lists(st.fixed_dictionaries(
        {"id": st.sampled_from(["case-1", "a", "b"]), "relation": st.sampled_from(["follows", "related"])},
    ), max_size=3))
    raw = {"id": "case-1", "title": draw(st.sampled_from(["Op", " Op ", "   ", "Opé", "\ud800x"])),
           "kind": draw(st.sampled_from(["raid", "other"]))}
    optional = {"date": _dates, "end_date": _dates, "summary": _text, "agencies": _names, "tags": _names,
                "countries": st.lists(_country, max_size=3), "figures": st.just(figures),
                "sources": st.just(sources), "related": st.just(related)}
    for key, strategy in optional.items():
        if draw(st.booleans()):
            raw[key] = draw(strategy)
    return raw


@settings(max_examples=400, deadline=None)
@given(raw_records())
def test_any_schema_valid_record_gets_the_same_result_both_ways(raw):
    if schema_checker().record_problem(raw) is None:
        assert_same_as_full_checks(raw)
