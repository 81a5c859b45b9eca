import pytest

from casenotes.extract.agencies import find_agencies


def names(text):
    return [m.name for m in find_agencies(text)]


@pytest.mark.parametrize("text, expected", [
    ("The Joint Criminal Opioid and Darknet Enforcement (JCODE) team", ["JCODE", "JCODE"]),
    ("the US Justice Department said", ["US DOJ"]),
    ("Immigration and Customs Enforcement (ICE) and its Homeland Security Investigations wing", ["HSI", "HSI", "HSI"]),
    ("the Royal Canadian Mounted Police, Canada Post and the Canada Border Services Agency", ["RCMP", "Canada Post", "CBSA"]),
    ("Europol's European Cybercrime Centre (EC3) and Eurojust", ["Europol", "Europol", "Europol", "Eurojust"]),
    ("the German BKA and the Dutch National Police", ["BKA", "Dutch National Police"]),
    ("the UK's National Crime Agency", ["NCA"]),
    ("postal inspectors, IRS-CI and the DEA", ["USPIS", "IRS-CI", "DEA"]),
    ("the Federal Bureau of Investigation", ["FBI"]),
])
def test_agencies_and_abbreviations_get_the_seed_names(text, expected):
    assert names(text) == expected


def test_lower_case_words_are_not_abbreviations():
    assert names("the ice was thin and the dea of it") == []


def test_afp_quoted_as_news_agency_is_doubtful():
    mention = find_agencies("Europol told AFP that 179 people were held.")[-1]
    assert mention.name == "AFP" and mention.doubtful and "Agence France-Presse" in mention.doubtful


def test_afp_in_australia_is_the_police():
    mention = find_agencies("AFP officers arrested three men in Australia.")[0]
    assert mention.name == "AFP" and mention.doubtful is None
