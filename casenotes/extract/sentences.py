"""Splitting article text into sentences that keep their place in the text.

A small rule set is enough for news English and keeps exact offsets, which the draft
needs: a sentence ends at ``.``, ``!`` or ``?`` (plus closing quotes or brackets) before a
space and a capital, digit or opening quote — unless the word before the full stop is an
abbreviation ("Mr.", "Jan.", "U.S.", "No."). A line break always ends a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that end with a full stop without ending the sentence.
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "col", "lt", "sgt", "capt", "rep", "sen", "gov",
    "vs", "etc", "inc", "ltd", "co", "corp", "dept", "approx", "est", "fig", "al", "e.g", "i.e",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})
# Dotted initialisms ("U.S.", "U.K.", "E.U.") end a sentence only before a word that
# usually starts one; elsewhere ("A U.S. statement") they are inside it.
_INITIALISM = re.compile(r"(?:\b[A-Za-z]\.){2,}$")
_SENTENCE_STARTERS = frozenset({
    "the", "a", "an", "in", "on", "at", "it", "he", "she", "they", "we", "this", "that", "these", "those",
    "but", "and", "meanwhile", "however", "according", "police", "officials", "authorities",
})
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text and where it sits in the article text."""

    text: str
    start: int
    end: int
    paragraph: int  # 0-based index of the paragraph (line) it belongs to
    index: int  # 0-based position among all sentences


def _ends_sentence(text: str, boundary_end: int, stop_at: int) -> bool:
    word_match = re.search(r"(\S+)$", text[:stop_at])
    word = word_match.group(1) if word_match else ""
    bare = word.rstrip(".").lstrip("\"'“‘([").lower()
    if text[stop_at] != ".":
        return True
    if bare in _ABBREVIATIONS:
        return False
    if bare in ("no", "nos") and re.match(r"\s+\d", text[boundary_end:]):
        return False  # "No. 5"
    if _INITIALISM.search(word + "."):
        next_word = re.match(r"\s+[\"'“‘(\[]?(\w+)", text[boundary_end:])
        return bool(next_word) and next_word.group(1).lower() in _SENTENCE_STARTERS
    if len(bare) == 1 and bare.isalpha():
        return False  # an initial, as in "Christopher A. Wray"
    return True


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` with their offsets, in order; blank stretches are skipped."""
    sentences: list[Sentence] = []
    paragraph = 0
    line_start = 0
    for line in text.split("\n"):
        if line.strip():
            start = 0
            for match in _BOUNDARY.finditer(line):
                if _ends_sentence(line, match.end(), match.start()):
                    _add(sentences, line, start, match.end(), line_start, paragraph)
                    start = match.end()
            _add(sentences, line, start, len(line), line_start, paragraph)
            paragraph += 1
        line_start += len(line) + 1
    return sentences


def _add(sentences: list[Sentence], line: str, start: int, end: int, offset: int, paragraph: int) -> None:
    piece = line[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    begin = offset + start + lead
    sentences.append(Sentence(stripped, begin, begin + len(stripped), paragraph, len(sentences)))
