"""Matching a query against a few texts in Python follows the index's rules."""

import string
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from casenotes.store.text_match import QueryTerms, fold


def folded_by_unicode_rules(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


@given(st.text(alphabet=string.printable + "éÜßøŁ İﬁ", max_size=30))
def test_folding_is_the_same_for_ascii_and_other_text(word):
    assert fold(word) == folded_by_unicode_rules(word)


def test_every_word_must_match_somewhere_in_the_row_and_short_words_exactly():
    terms = QueryTerms.parse("silk ven")
    assert terms.matches(["Silk Road takedown", "vendors arrested"])
    assert not terms.matches(["Silk Road takedown", "buyers arrested"])
    assert QueryTerms.parse("a").matches(["a market"]) and not QueryTerms.parse("a").matches(["an apple"])


def test_a_phrase_must_follow_word_after_word_within_one_text():
    terms = QueryTerms.parse('"silk road"')
    assert terms.matches(["Operation", "the SILK ROAD vendors"])
    assert not terms.matches(["silk", "road"]) and not terms.matches(["road silk"])


def test_accents_and_case_are_ignored_both_ways():
    assert QueryTerms.parse("yucel").matches(["Alex Yücel"])
    assert QueryTerms.parse("Yücel").matches(["alex yucel"])
