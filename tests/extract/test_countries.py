import pytest

from casenotes.extract.countries import australia_austria_doubts, find_countries, lookup_country


def codes(text):
    return [m.code for m in find_countries(text)]


@pytest.mark.parametrize("text, expected", [
    ("arrests in the U.S. and the U.K.", ["US", "GB"]),
    ("three in Australia", ["AU"]),
    ("raids in Bosnia", ["BA"]),
    ("German, Dutch, British, Swedish and Canadian officers", ["DE", "NL", "GB", "SE", "CA"]),
    ("the United States, the United Kingdom, New Zealand, Russia", ["US", "GB", "NZ", "RU"]),
    ("Côte d'Ivoire and Czechia", ["CI", "CZ"]),
])
def test_names_short_forms_and_adjectives_become_iso_codes(text, expected):
    assert codes(text) == expected


@pytest.mark.parametrize("text", [
    "let us know", "USPIS inspectors", "across Latin America", "the US-CERT team",
])
def test_words_that_only_look_like_countries_are_not_countries(text):
    assert codes(text) == []


def test_a_mention_keeps_its_span():
    text = "Suspects were held in the Netherlands."
    mention = find_countries(text)[0]
    assert text[mention.start:mention.end] == "the Netherlands"


def test_australia_among_european_arrest_counts_is_doubted():
    sentence = "Police held 42 in Germany, four in the UK, three in Australia and one in Sweden."
    mentions = find_countries(sentence)
    doubts = australia_austria_doubts(sentence, mentions)
    assert list(doubts) == [2] and "Austria" in doubts[2]


def test_australia_next_to_new_zealand_is_not_doubted():
    sentence = "Agencies came from the United Kingdom, Australia, New Zealand and France."
    assert australia_austria_doubts(sentence, find_countries(sentence)) == {}


def test_three_in_australia_alone_is_not_doubted():
    sentence = "Police arrested three in Australia."
    assert australia_austria_doubts(sentence, find_countries(sentence)) == {}


def test_austria_next_to_new_zealand_is_doubted():
    sentence = "Officers in Austria and New Zealand made arrests."
    doubts = australia_austria_doubts(sentence, find_countries(sentence))
    assert list(doubts) == [0] and "Australia" in doubts[0]


@pytest.mark.parametrize("typed, code", [("at", "AT"), ("Austria", "AT"), ("the Netherlands", "NL"), ("UK", "GB"),
                                         ("U.K.", "GB"), ("Dutch", "NL"), ("Narnia", None), ("", None)])
def test_lookup_country_reads_what_a_person_types(typed, code):
    assert lookup_country(typed) == code
