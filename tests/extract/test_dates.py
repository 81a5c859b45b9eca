import pytest

from casenotes.extract.dates import find_dates


def dates(text, published=None):
    return [(m.text, m.date.iso() if m.date else None) for m in find_dates(text, published)]


@pytest.mark.parametrize("text, found", [
    ("announced on September 22, 2020 in Washington", [("September 22, 2020", "2020-09-22")]),
    ("on 6 November 2014 officers", [("6 November 2014", "2014-11-06")]),
    ("dismantled in November, 2014.", [("November, 2014", "2014-11")]),
    ("In 2014 police in Canada", [("2014", "2014")]),
    ("released 2019-05-03 by Europol", [("2019-05-03", "2019-05-03")]),
])
def test_explicit_dates_keep_the_precision_given(text, found):
    assert dates(text) == found


@pytest.mark.parametrize("text", [
    "he may go", "a 19-year old man", "in 2,014 cases", "seized 2014 pills", "in 2014-2015 budgets",
])
def test_things_that_are_not_dates_are_left_alone(text):
    assert dates(text) == []


def test_relative_phrases_without_a_publication_date_stay_unresolved():
    found = find_dates("Last week police said on Tuesday that two years ago, in February, it began.")
    assert [m.text for m in found] == ["Last week", "on Tuesday", "two years ago", "February"]
    assert all(m.date is None and m.relative for m in found)


@pytest.mark.parametrize("text, published, expected", [
    ("said on Tuesday", "2020-09-23", "2020-09-22"),
    ("said on Tuesday", "2020-09-22", "2020-09-22"),  # written the same day
    ("said on Tuesday", "2020-09", "2020-09"),  # any Tuesday of that month
    ("last week", "2016-11-01", "2016-10"),
    ("last week", "2016-11", "2016"),  # late October to late November
    ("In February police", "2016-11", "2016-02"),
    ("In December police", "2016-11-01", "2015-12"),  # the December before
    ("In April of this year", "2016-11-01", "2016-04"),
    ("two years ago", "2016-11-01", "2014"),
    ("yesterday", "2016-11-01", "2016-10-31"),
])
def test_relative_phrases_resolve_against_the_publication_date(text, published, expected):
    (mention,) = find_dates(text, published)
    assert mention.date.iso() == expected


def test_a_relative_phrase_across_a_new_year_stays_unresolved_when_the_year_is_unsure():
    (mention,) = find_dates("last month", "2017")
    assert mention.date is None
