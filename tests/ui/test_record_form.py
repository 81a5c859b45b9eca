"""Field checks of the record form (plain functions, no widgets)."""

import pytest

from casenotes.store import InvalidInput
from casenotes.store.models import Figure
from casenotes.store.validation import validate_record
from casenotes.ui.record_form import (
    State, check_country, check_date, check_date_range, check_number, check_url, format_number, locate_error,
    parse_number,
)
from tests.store.test_records import full_record


@pytest.mark.parametrize(
    ("typed", "meaning"),
    [("2014", "2014 · year only"), ("2014-11", "November 2014 · month only"),
     ("2014-11-06", "6 November 2014 · exact day"), (" 2016-02-29 ", "29 February 2016 · exact day")],
)
def test_a_date_shows_its_meaning_and_precision(typed, meaning):
    result = check_date(typed)
    assert result.state is State.OK and result.message == meaning and result.iso == typed.strip()


@pytest.mark.parametrize("typed", ["2", "201", "2014-", "2014-1", "2014-0", "2014-11-", "2014-11-3", "2014-02-2"])
def test_a_date_still_being_typed_is_not_called_wrong(typed):
    assert check_date(typed).state is State.INCOMPLETE


@pytest.mark.parametrize(
    ("typed", "message"),
    [("2014-13", "no month 13"), ("2014-13-45", "no month 13"), ("2014-02-30", "not a day in the calendar"),
     ("2015-02-29", "not a day"), ("2014-2", "not a date"), ("2014-02-4", "not a date"), ("0000", "no year 0"),
     ("14/11/2014", "not a date"), ("20145", "not a date"), ("November", "not a date")],
)
def test_a_date_that_can_never_be_right_is_refused_at_once(typed, message):
    result = check_date(typed)
    assert result.state is State.INVALID and message in result.message


def test_an_end_before_the_start_is_blamed_on_the_end():
    assert check_date_range(check_date("2020-09"), check_date("2020-08-31"))[1].startswith("ends before the start")
    assert check_date_range(check_date("2020-09"), check_date("2020-09-01")) == ("", "")
    assert check_date_range(check_date("2020-09-22"), check_date("2020")) == ("", "")  # the year contains it
    assert check_date_range(check_date(""), check_date("2020"))[0] == "needed when there is an end date"


@pytest.mark.parametrize(("typed", "value"), [("121", 121), ("6,500,000", 6500000), ("2.5", 2.5), ("-3", -3),
                                              (" 7 ", 7), ("1e3", 1000.0)])
def test_figure_values_are_read_as_numbers(typed, value):
    parsed = parse_number(typed)
    assert parsed == value and type(parsed) is type(value)


@pytest.mark.parametrize("typed", ["many", "1,5", "12,34,567", "nan", "inf", "1 000", "$5"])
def test_figure_values_that_are_not_numbers_are_refused(typed):
    assert "is not a number" in check_number(typed)


def test_a_stored_value_reads_back_with_its_type():
    for value in (121, 2.5, 3.0, 6500000):
        shown = format_number(value)
        assert parse_number(shown) == value and type(parse_number(shown)) is type(value)


def test_urls_and_countries_are_checked():
    assert check_url("https://example.org/a") == "" and check_url("") == ""
    assert "web address" in check_url("javascript:alert(1)")
    assert check_country("Germany") == "" and "did you mean GB" in check_country("UK")


@pytest.mark.parametrize(
    ("change", "field", "row"),
    [({"title": " "}, "title", None), ({"date": "2014-13"}, "date", None),
     ({"date": "2020-09", "end_date": "2020-01"}, "end_date", None), ({"countries": ["XX"]}, "countries", None),
     ({"end_date": "2020-02-30"}, "end_date", None),
     ({"figures": [Figure("a", 1), Figure("b", float("nan"))]}, "figures", 1)],
)
def test_store_messages_are_placed_at_their_field(change, field, row):
    with pytest.raises(InvalidInput) as refused:
        validate_record(full_record(**change))
    place = locate_error(str(refused.value))
    assert (place.field, place.row) == (field, row)


def test_a_message_naming_no_field_is_shown_for_the_whole_form():
    assert locate_error("something else went wrong").field == ""
