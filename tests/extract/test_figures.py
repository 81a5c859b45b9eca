import pytest

from casenotes.extract.countries import find_countries
from casenotes.extract.figures import find_figures


def figures(sentence, context_country=None):
    return [(f.label, f.value, f.country, f.qualifier)
            for f in find_figures(sentence, find_countries(sentence), context_country)]


def test_per_country_arrests_in_words_and_digits():
    sentence = ("Officers detained 121 suspects in the US, 42 in Germany, eight in the Netherlands, "
                "four in the UK, three in Australia and one in Sweden.")
    assert figures(sentence) == [
        ("arrests", 121, "US", None), ("arrests", 42, "DE", None), ("arrests", 8, "NL", None),
        ("arrests", 4, "GB", None), ("arrests", 3, "AU", None), ("arrests", 1, "SE", None),
    ]


def test_arrests_as_country_and_count_in_brackets():
    assert figures("Arrests were made in Germany (42) and Austria (3).") == [
        ("arrests", 42, "DE", None), ("arrests", 3, "AT", None)]


@pytest.mark.parametrize("sentence, expected", [
    ("Police arrested 179 people in a sweep.", ("arrests", 179, None, None)),
    ("Nearly 100 people were arrested.", ("arrests", 100, None, "nearly")),
    ("Officers made 17 arrests.", ("arrests", 17, None, None)),
    ("They arrested around 100 people.", ("arrests", 100, None, "around")),
])
def test_total_arrests_with_qualifiers(sentence, expected):
    assert figures(sentence) == [expected]


@pytest.mark.parametrize("sentence, expected", [
    ("Police seized more than $6.5 million in cash.", ("seized_usd", 6_500_000, None, "more than")),
    ("Investigators seized €550,000 in cash.", ("seized_eur", 550_000, None, None)),
    ("Officers seized £1.2m of assets.", ("seized_gbp", 1_200_000, None, None)),
    ("Bitcoin worth USD 1 million was seized.", ("seized_usd", 1_000_000, None, None)),
])
def test_money_seized_with_currency(sentence, expected):
    assert figures(sentence) == [expected]


def test_money_without_a_seizure_is_not_a_seizure():
    assert figures("The market made $6.5 million a year.") == []


@pytest.mark.parametrize("sentence, expected", [
    ("Police seized 36 kilograms of amphetamine.", ("drugs_kg", 36, None, None)),
    ("About 275kg of drugs, including fentanyl, were seized.", ("drugs_kg", 275, None, "about")),
    ("Officers found 2 tonnes of cannabis.", ("drugs_kg", 2000, None, None)),
    ("They seized 500 grams of heroin.", ("drugs_kg", 0.5, None, None)),
])
def test_drugs_in_kilograms(sentence, expected):
    assert figures(sentence) == [expected]


def test_weight_that_is_not_drugs_is_ignored():
    assert figures("Police seized 5 kg of gold.") == []


def test_drugs_take_the_country_the_sentence_opens_with():
    assert figures("In the US, about 275kg of drugs was seized.", "US") == [("drugs_kg", 275, "US", "about")]


def test_firearms_agencies_premises_and_detentions():
    assert figures("Officers seized 63 firearms.") == [("firearms", 63, None, None)]
    assert figures("Nine police and intelligence agencies took part.") == [("agencies_involved", 9, None, None)]
    assert figures("Police searched 359 homes.") == [("premises_searched", 359, None, None)]
    assert figures("It led to the detention of an individual.", "CA") == [("people_detained", 1, "CA", None)]
