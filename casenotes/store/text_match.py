"""Matching a search against a few texts in Python, as the full-text index would.

For a handful of rows this is far cheaper than asking FTS5: a query for a common word
prefix makes FTS5 read and merge the whole index entry (tens of milliseconds at a
million records) however few rows it is asked about. The rules follow
``search.match_expression``: every word must be found (as a word prefix when it has two
letters or more), and a quoted phrase word after word within one text. Words are
compared folded: without case and diacritics, like the index's unicode61 tokenizer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_WORD = re.compile(r"\w+")
_QUOTED = re.compile(r'"([^"]*)"')


def fold(word: str) -> str:
    """A word as the index compares it: case and diacritics removed (like unicode61)."""
    if word.isascii():
        return word.lower()  # the same as below for ASCII, several times faster
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


@dataclass(frozen=True)
class QueryTerms:
    words: tuple[tuple[str, bool], ...]  # (folded word, matches as prefix)
    phrases: tuple[tuple[str, ...], ...]  # folded words that must follow each other

    @classmethod
    def parse(cls, text: str) -> QueryTerms:
        text = unicodedata.normalize("NFKC", text)
        quoted = _QUOTED.findall(text) if text.count('"') >= 2 else []
        rest = _QUOTED.sub(" ", text) if quoted else text
        phrases = []
        for phrase in quoted:
            words = _WORD.findall(phrase)
            if len(words) > 1:
                phrases.append(tuple(fold(word) for word in words))
            elif words:
                rest += " " + words[0]
        return cls(tuple((fold(word), len(word) >= 2) for word in _WORD.findall(rest)), tuple(phrases))

    def is_empty(self) -> bool:
        return not self.words and not self.phrases

    def _word_matches(self, word: str, term: str, prefix: bool) -> bool:
        return word.startswith(term) if prefix else word == term

    def matched_words(self, text: str) -> list[str]:
        """The folded words of ``text`` that match one of the query's words."""
        return [word for word in map(fold, _WORD.findall(text))
                if any(self._word_matches(word, term, prefix) for term, prefix in self.words)]

    def matches(self, texts: Iterable[str]) -> bool:
        """Whether one index row with these column texts matches the query."""
        folded = [[fold(word) for word in _WORD.findall(text or "")] for text in texts]
        for term, prefix in self.words:
            if not any(self._word_matches(word, term, prefix) for words in folded for word in words):
                return False
        return all(any(_has_phrase(words, phrase) for words in folded) for phrase in self.phrases)


def _has_phrase(words: Sequence[str], phrase: Sequence[str]) -> bool:
    size = len(phrase)
    return any(tuple(words[start:start + size]) == tuple(phrase) for start in range(len(words) - size + 1))
