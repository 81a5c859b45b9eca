"""Numbers as news English writes them: '179', '1,150,000', '6.5 million', 'eight', 'twenty-one'."""

from __future__ import annotations

import re

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"thousand": 1_000, "k": 1_000, "million": 1_000_000, "m": 1_000_000, "mn": 1_000_000,
           "billion": 1_000_000_000, "bn": 1_000_000_000, "b": 1_000_000_000}

_UNIT_WORDS = "|".join(sorted(_UNITS, key=len, reverse=True))
_TEN_WORDS = "|".join(_TENS)
_WORD_NUMBER = (
    rf"(?:(?:{_TEN_WORDS})(?:[- ](?:{_UNIT_WORDS}))?|(?:{_UNIT_WORDS}))(?:\s+hundred)?"
    rf"|(?:a|one)\s+hundred|a\s+dozen|dozen"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A number with an optional scale word; the scale must not run into a following word ("6.5m" yes, "5 men" no).
NUMBER = rf"(?:(?:{_DIGITS})(?:\s*(?:million|billion|thousand|mn|bn|[mMkKbB])\b)?|(?:{_WORD_NUMBER})(?:\s+(?:million|billion|thousand))?)"
QUALIFIER = (
    r"(?:more\s+than|over|about|around|approximately|approx\.|nearly|almost|some|at\s+least|up\s+to|roughly"
    r"|an\s+estimated|close\s+to|fewer\s+than|less\s+than|in\s+excess\s+of|just\s+over|just\s+under|around\s+about)"
)
NUMBER_RE = re.compile(rf"\b({NUMBER})\b", re.IGNORECASE)


def parse_number(text: str) -> int | float:
    """The value of a number phrase; raise ValueError if it is not one."""
    words = text.strip().lower().replace("-", " ")
    words = re.sub(r"\s+", " ", words)
    scale = 1
    match = re.match(r"^(.*?)\s*(million|billion|thousand|mn|bn|m|k|b)$", words)
    if match and match.group(1) and (match.group(1)[-1].isdigit() or match.group(2) in ("million", "billion", "thousand")):
        words, scale = match.group(1).strip(), _SCALES[match.group(2)]
    if re.fullmatch(_DIGITS, words):
        value = float(words.replace(",", "")) * scale
    else:
        value = _word_value(words) * scale
    return int(value) if float(value).is_integer() else round(value, 6)


def _word_value(words: str) -> int:
    if words in ("a dozen", "dozen"):
        return 12
    if words in ("a hundred", "one hundred"):
        return 100
    total = 0
    parts = words.split()
    hundreds = False
    if parts and parts[-1] == "hundred":
        parts, hundreds = parts[:-1], True
    for part in parts:
        if part in _UNITS:
            total += _UNITS[part]
        elif part in _TENS:
            total += _TENS[part]
        else:
            raise ValueError(f"{words!r} is not a number")
    if not parts:
        raise ValueError(f"{words!r} is not a number")
    return total * 100 if hundreds else total


def normalise_qualifier(text: str | None) -> str | None:
    """'More  than' -> 'more than'; None stays None."""
    if not text:
        return None
    return re.sub(r"\s+", " ", text.strip().lower())
