import pytest

from casenotes.extract.numbers import parse_number
from casenotes.extract.sentences import split_sentences


@pytest.mark.parametrize("text, value", [
    ("179", 179), ("1,150,000", 1_150_000), ("6.5 million", 6_500_000), ("6.5M", 6_500_000), ("150k", 150_000),
    ("eight", 8), ("twenty-one", 21), ("ninety nine", 99), ("a dozen", 12), ("two hundred", 200),
    ("three thousand", 3000), ("1.15 million", 1_150_000),
])
def test_numbers_in_digits_words_and_scales(text, value):
    assert parse_number(text) == value


def test_a_word_that_is_no_number_is_refused():
    with pytest.raises(ValueError):
        parse_number("several")


def test_sentences_keep_their_offsets_in_the_text():
    text = "Police arrested 12 people. Officers seized drugs!\nA new paragraph starts here."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Police arrested 12 people.", "Officers seized drugs!", "A new paragraph starts here."]
    assert all(text[s.start:s.end] == s.text for s in sentences)
    assert [s.paragraph for s in sentences] == [0, 0, 1]


@pytest.mark.parametrize("text, count", [
    ("A U.S. statement said so. The FBI agreed.", 2),  # U.S. inside a sentence
    ("Officers met in the U.K. The NCA said so.", 2),  # U.K. ending one
    ("Mr. Wray and Dr. Smith spoke. Then they left.", 2),
    ("Director Christopher A. Wray said it. Fine.", 2),
    ("Case No. 5 was heard. Next.", 2),
    ("“The hidden internet is no longer hidden.” Officials agreed.", 2),
])
def test_abbreviations_and_initials_do_not_end_sentences(text, count):
    assert len(split_sentences(text)) == count
