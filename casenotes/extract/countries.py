"""Country mentions in article text: names, short forms and adjectives, as ISO alpha-2 codes.

Official and common names come from pycountry; the short forms and adjectives news
English uses ("the U.S.", "Britain", "Dutch", "Bosnia") are a small table here.
Matching is case-sensitive, so "US" is a country and "us" is not.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import pycountry

from casenotes.store.countries import UnknownCountry, normalise_country

# Short and everyday names pycountry does not give, or gives only in a long form.
COMMON_NAMES = {
    "U.S.": "US", "US": "US", "U.S.A.": "US", "USA": "US", "United States": "US", "America": "US",
    "United States of America": "US", "the States": "US",
    "U.K.": "GB", "UK": "GB", "Britain": "GB", "Great Britain": "GB", "England": "GB", "Scotland": "GB",
    "Wales": "GB", "Northern Ireland": "GB",
    "Holland": "NL", "the Netherlands": "NL",
    "Bosnia": "BA", "Bosnia-Herzegovina": "BA", "Russia": "RU", "South Korea": "KR", "North Korea": "KP",
    "Czech Republic": "CZ", "Ivory Coast": "CI", "Macedonia": "MK", "Turkey": "TR", "UAE": "AE",
    "Vatican": "VA", "Kosovo": "XK", "Moldova": "MD", "Vietnam": "VN", "Iran": "IR", "Syria": "SY",
    "Laos": "LA", "Taiwan": "TW", "Bolivia": "BO", "Venezuela": "VE", "Tanzania": "TZ",
}
# Adjectives and demonyms: "42 German suspects", "Dutch police", "a British man".
ADJECTIVES = {
    "American": "US", "German": "DE", "Dutch": "NL", "British": "GB", "Swedish": "SE", "Canadian": "CA",
    "Australian": "AU", "Austrian": "AT", "French": "FR", "Irish": "IE", "Finnish": "FI", "Belgian": "BE",
    "Italian": "IT", "Swiss": "CH", "Chilean": "CL", "Spanish": "ES", "Portuguese": "PT", "Polish": "PL",
    "Czech": "CZ", "Danish": "DK", "Norwegian": "NO", "Lithuanian": "LT", "Latvian": "LV", "Estonian": "EE",
    "Russian": "RU", "Ukrainian": "UA", "Romanian": "RO", "Bulgarian": "BG", "Hungarian": "HU", "Greek": "GR",
    "Israeli": "IL", "Indian": "IN", "Chinese": "CN", "Japanese": "JP", "Brazilian": "BR", "Mexican": "MX",
    "Colombian": "CO", "Bosnian": "BA", "Serbian": "RS", "Croatian": "HR", "Slovak": "SK", "Slovenian": "SI",
    "Moldovan": "MD", "Turkish": "TR", "Pakistani": "PK", "Nigerian": "NG", "South African": "ZA",
    "Thai": "TH", "Vietnamese": "VN", "Indonesian": "ID", "Singaporean": "SG", "South Korean": "KR",
    "Cypriot": "CY", "Maltese": "MT", "Icelandic": "IS", "Argentine": "AR", "Argentinian": "AR",
    "Peruvian": "PE", "Venezuelan": "VE", "Scottish": "GB", "Welsh": "GB", "New Zealand": "NZ",
    "Luxembourgish": "LU", "Belarusian": "BY", "Georgian": "GE", "Armenian": "AM", "Albanian": "AL",
    "Montenegrin": "ME", "Kosovar": "XK", "Macedonian": "MK", "Egyptian": "EG", "Moroccan": "MA",
}
# Names that are usually something else in this kind of text (a person, a US state, a verb).
_AMBIGUOUS_NAMES = frozenset({"Jordan", "Chad", "Georgia", "Jersey", "Guernsey", "Niger", "Mali", "Man", "Turkey"})

EUROPE = frozenset(
    "AD AL AT BA BE BG BY CH CY CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE LI LT LU LV MC MD ME MK "
    "MT NL NO PL PT RO RS RU SE SI SK SM UA VA XK".split()
)
OCEANIA = frozenset("AU NZ PG FJ SB VU WS TO KI TV NR PW FM MH NC PF".split())


@dataclass(frozen=True)
class CountryMention:
    code: str
    start: int  # offsets into the text searched
    end: int
    text: str
    form: str  # "name" | "adjective"


@functools.lru_cache(maxsize=1)
def _names() -> dict[str, tuple[str, str]]:
    """Every spelling we recognise -> (code, form)."""
    names: dict[str, tuple[str, str]] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            name = getattr(country, attribute, None)
            if name and "," not in name and "(" not in name and name not in _AMBIGUOUS_NAMES:
                names.setdefault(name, (country.alpha_2, "name"))
    names.update({name: (code, "name") for name, code in COMMON_NAMES.items() if name not in _AMBIGUOUS_NAMES})
    names.update({name: (code, "adjective") for name, code in ADJECTIVES.items()})
    names["New Zealand"] = ("NZ", "name")
    return names


@functools.lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    spellings = sorted(_names(), key=len, reverse=True)
    alternatives = "|".join(re.escape(name) for name in spellings)
    # Not inside a longer word, and not a region ("Latin America", "South America").
    return re.compile(rf"(?<![\w.])(?<!Latin )(?<!South )(?<!Central )(?<!North )({alternatives})(?![\w])")


def find_countries(text: str) -> list[CountryMention]:
    """Country mentions in ``text``, in order, longest spelling first where they overlap."""
    names = _names()
    mentions = []
    for match in _pattern().finditer(text):
        spelled = match.group(1)
        if spelled in ("US", "UK") and _inside_acronym(text, match.start(), match.end()):
            continue
        code, form = names[spelled]
        mentions.append(CountryMention(code, match.start(), match.end(), spelled, form))
    return mentions


def _inside_acronym(text: str, start: int, end: int) -> bool:
    """'US' in 'USPIS' or 'US-CERT' is part of another name."""
    return end < len(text) and (text[end] == "-" and end + 1 < len(text) and text[end + 1].isupper())


def lookup_country(text: str) -> str | None:
    """An ISO code from a code, name or adjective a person typed ('at', 'Austria', 'Dutch'), or None."""
    text = text.strip()
    if not text:
        return None
    try:
        return normalise_country(text)
    except UnknownCountry:
        pass
    folded = text.casefold().removeprefix("the ").strip()
    for name, (code, _form) in _names().items():
        if name.casefold().removeprefix("the ") == folded:
            return code
    if folded in ("uk", "u.k."):
        return "GB"
    try:
        return pycountry.countries.lookup(text).alpha_2
    except LookupError:
        return None


_NEIGHBOUR_GAP = 40  # characters between two items of one list ("…, 42 in Germany, eight in …")
_EUROPE_WORDS = re.compile(r"\bEurope(?:an)?\b")


def australia_austria_doubts(sentence: str, mentions: list[CountryMention]) -> dict[int, str]:
    """Mentions (by index) of Australia or Austria that may be the other country, with the reason.

    The two names differ by three letters and are confused in print. "Australia" is
    doubtful when its neighbours in a list are all European, or when the sentence speaks of
    European countries and names no other Oceanian one; "Austria" is doubtful next to an
    Oceanian country.
    """
    doubts: dict[int, str] = {}
    for index, mention in enumerate(mentions):
        if mention.code not in ("AU", "AT"):
            continue
        neighbours = [
            other.code for other in (mentions[index - 1] if index > 0 else None,
                                     mentions[index + 1] if index + 1 < len(mentions) else None)
            if other is not None and other.code != mention.code and _listed_together(sentence, mention, other)
        ]
        others = {m.code for m in mentions if m.code != mention.code}
        if mention.code == "AU":
            if neighbours and all(code in EUROPE for code in neighbours):
                doubts[index] = (f'"{mention.text}" is listed among European countries '
                                 f"({', '.join(neighbours)}): check whether the source meant Austria (AT)")
            elif _EUROPE_WORDS.search(sentence) and not (others & OCEANIA) and not neighbours:
                doubts[index] = (f'"{mention.text}" appears where European countries are meant: '
                                 "check whether the source meant Austria (AT)")
        elif neighbours and any(code in OCEANIA for code in neighbours):
            doubts[index] = (f'"{mention.text}" is listed next to {", ".join(c for c in neighbours if c in OCEANIA)}: '
                             "check whether the source meant Australia (AU)")
    return doubts


def _listed_together(sentence: str, one: CountryMention, other: CountryMention) -> bool:
    """Whether two mentions are neighbouring items of one list ("…, four in the UK, three in Australia and …")."""
    first, second = (one, other) if one.start < other.start else (other, one)
    gap = sentence[first.end:second.start]
    return len(gap) <= _NEIGHBOUR_GAP and bool(re.search(r"[,;/]|\band\b|\bor\b", gap))
