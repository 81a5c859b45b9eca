import datetime as dt

import pytest

from casenotes.store.dates import InvalidDate, Precision, display_date, display_range, parse_partial_date


@pytest.mark.parametrize(
    ("text", "precision", "shown"),
    [
        ("2014", Precision.YEAR, "2014"),
        ("2014-11", Precision.MONTH, "November 2014"),
        ("2014-11-06", Precision.DAY, "6 November 2014"),
    ],
)
def test_dates_keep_and_show_their_precision(text, precision, shown):
    date = parse_partial_date(text)
    assert date.precision is precision
    assert date.iso() == text
    assert display_date(text) == shown


@pytest.mark.parametrize("text", ["2014-13-45", "2014-02-30", "2014-00", "14-11-06", "2014/11/06", "", "soon", "2014-1"])
def test_impossible_or_malformed_dates_are_refused(text):
    with pytest.raises(InvalidDate):
        parse_partial_date(text)


def test_a_month_spans_from_its_first_to_its_last_day():
    date = parse_partial_date("2016-02")
    assert (date.first_day(), date.last_day()) == (dt.date(2016, 2, 1), dt.date(2016, 2, 29))


def test_a_year_spans_the_whole_year():
    date = parse_partial_date("2014")
    assert (date.first_day(), date.last_day()) == (dt.date(2014, 1, 1), dt.date(2014, 12, 31))


def test_a_range_is_shown_with_both_ends():
    assert display_range("2016-10-22", "2016-10-28") == "22 October 2016 – 28 October 2016"
    assert display_range("2016-10", None) == "October 2016"


def test_a_utc_timestamp_falls_on_the_local_day(monkeypatch):
    import time

    from casenotes.store.dates import local_day

    monkeypatch.setenv("TZ", "Pacific/Auckland")  # UTC+13 in November
    time.tzset()
    try:
        assert local_day("2026-11-23T20:00:00.000Z") == "2026-11-24"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
