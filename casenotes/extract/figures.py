"""Figures in one sentence: arrests (in total and per country), money seized, drugs, firearms, …

Each pattern reads one shape news English uses ("arrested 179 people", "121 suspects in
the US, 42 in Germany", "more than $6.5 million", "about 275kg of drugs"). A figure
keeps the words it came from and any qualifier ("more than", "about", "nearly").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from casenotes.extract.countries import CountryMention
from casenotes.extract.numbers import NUMBER, QUALIFIER, normalise_qualifier, parse_number

_Q = rf"(?:(?P<qual>{QUALIFIER})\s+)?"
_N = rf"(?P<num>{NUMBER})"
_PEOPLE = r"(?:people|persons|suspects|individuals|men|women|alleged\s+[\w-]+|[\w-]+ers|vendors|administrators|others)"

ARREST_CUE = re.compile(r"\b(arrest\w*|detain\w*|apprehend\w*|custody|suspects?\s+(?:were|have been)\s+held)\b", re.IGNORECASE)
SEIZURE_CUE = re.compile(r"\b(seiz\w*|confiscat\w*|recover\w*|forfeit\w*|froze|frozen|haul)\b", re.IGNORECASE)
_DRUG_WORD = (r"(?:drugs?|narcotics|cocaine|heroin|fentanyl|amphetamines?|methamphetamine|meth|cannabis|marijuana"
              r"|MDMA|ecstasy|opioids?|LSD|ketamine|hashish|pills|opium|crack|oxycodone)")

_TOTAL_ARRESTS = [
    re.compile(rf"\b(?:arrested|detained|apprehended|arresting|detaining)\s+{_Q}{_N}(?:\s+{_PEOPLE})?", re.IGNORECASE),
    re.compile(rf"{_Q}\b{_N}\s+(?:{_PEOPLE}\s+)?(?:were|have\s+been|had\s+been|are|being)\s+(?:arrested|detained|apprehended)",
               re.IGNORECASE),
    re.compile(rf"{_Q}\b{_N}\s+arrests\b", re.IGNORECASE),
    re.compile(rf"\barrests\s+of\s+{_Q}{_N}", re.IGNORECASE),
]
# Just before a country name: "121 suspects in the US", "three in Australia", "42 people were arrested in".
_BEFORE_COUNTRY = re.compile(
    rf"{_Q}\b{_N}(?:\s+{_PEOPLE})?(?:\s+(?:were|have\s+been|had\s+been))?(?:\s+(?:arrested|detained|arrests))?"
    rf"\s+in\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_AFTER_COUNTRY = re.compile(rf"^\s*(?:\(\s*|:\s*){_N}(?:\s*\)|\b)", re.IGNORECASE)
_CURRENCIES = {
    "us$": "usd", "$": "usd", "usd": "usd", "dollars": "usd", "c$": "cad", "ca$": "cad", "cad": "cad",
    "a$": "aud", "au$": "aud", "aud": "aud", "nz$": "nzd", "€": "eur", "eur": "eur", "euros": "eur",
    "£": "gbp", "gbp": "gbp", "pounds": "gbp", "chf": "chf", "sek": "sek",
}
_MONEY = [
    re.compile(rf"{_Q}(?P<cur>US\$|C\$|CA\$|A\$|AU\$|NZ\$|\$|€|£|\b(?:USD|EUR|GBP|CAD|AUD|CHF|SEK)\s?){_N}", re.IGNORECASE),
    re.compile(rf"{_Q}\b{_N}\s+(?P<cur>dollars|euros|pounds(?!\s+of)|USD|EUR|GBP|CAD|AUD|CHF|SEK)\b", re.IGNORECASE),
]
_WEIGHT_UNITS = {"kg": 1, "kilogram": 1, "kilo": 1, "tonne": 1000, "ton": 1000, "metric ton": 1000,
                 "pound": 0.45359237, "lb": 0.45359237, "gram": 0.001, "g": 0.001}
_DRUGS = re.compile(
    rf"{_Q}\b{_N}\s*(?P<unit>kilograms?|kilos?|kg|metric\s+tons?|tonnes?|tons?|pounds|lbs?|grams?|g)\b"
    rf"(?=(?:\s+of)?\s+(?:[\w-]+\s+){{0,3}}?{_DRUG_WORD}\b)",
    re.IGNORECASE,
)
_FIREARMS = re.compile(rf"{_Q}\b{_N}\s+(?:[\w-]+\s+)?(?:firearms|guns|handguns|rifles|pistols|weapons)\b", re.IGNORECASE)
_AGENCIES_INVOLVED = re.compile(rf"{_Q}\b{_N}\s+(?:(?:[\w-]+|and)\s+){{0,4}}?agencies\b", re.IGNORECASE)
_PREMISES = [
    re.compile(rf"\b(?:searched|raided|raiding|hitting|hit|raids?\s+on|searches\s+(?:of|at|in))\s+{_Q}{_N}\s+"
               rf"(?:[\w-]+\s+)?(?:homes|houses|premises|properties|locations|residences|addresses|apartments|buildings)\b",
               re.IGNORECASE),
    re.compile(rf"{_Q}\b{_N}\s+(?:house\s+)?searches\b", re.IGNORECASE),
]
_DETAINED = re.compile(
    rf"\bdetention\s+of\s+(?P<num>an|one|{NUMBER})\s+(?:individuals?|persons?|people|suspects?|man|woman)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class FigureMention:
    label: str
    value: int | float
    unit: str | None
    country: str | None
    start: int  # offsets into the sentence
    end: int
    qualifier: str | None


def _number(match: re.Match[str]) -> int | float | None:
    text = match.group("num")
    if text.lower() == "an":
        return 1
    try:
        return parse_number(text)
    except ValueError:
        return None


def _qualifier(match: re.Match[str]) -> str | None:
    return normalise_qualifier(match.groupdict().get("qual"))


def find_figures(sentence: str, countries: list[CountryMention], context_country: str | None = None) -> list[FigureMention]:
    """Figures in one sentence. ``countries`` are the country mentions in it (offsets into the
    sentence); ``context_country`` is where the sentence says it happens ("In the US, …")."""
    found: list[FigureMention] = []
    if ARREST_CUE.search(sentence):
        per_country = _per_country_arrests(sentence, countries)
        found += per_country
        for pattern in _TOTAL_ARRESTS:
            for match in pattern.finditer(sentence):
                value = _number(match)
                if value is None or any(_overlaps(match, f) for f in found):
                    continue
                found.append(FigureMention("arrests", value, "people", None, match.start(), match.end(), _qualifier(match)))
    if SEIZURE_CUE.search(sentence):
        for pattern in _MONEY:
            for match in pattern.finditer(sentence):
                value = _number(match)
                currency = _CURRENCIES.get(match.group("cur").strip().lower())
                if value is None or currency is None or any(_overlaps(match, f) for f in found):
                    continue
                found.append(FigureMention(f"seized_{currency}", value, currency.upper(), None,
                                           match.start(), match.end(), _qualifier(match)))
    for match in _DRUGS.finditer(sentence):
        value = _number(match)
        if value is None:
            continue
        unit = re.sub(r"\s+", " ", match.group("unit").lower())
        factor = _WEIGHT_UNITS.get(unit, _WEIGHT_UNITS.get(unit.removesuffix("s"), 1))
        kilograms = value * factor
        kilograms = int(kilograms) if float(kilograms).is_integer() else round(kilograms, 3)
        found.append(FigureMention("drugs_kg", kilograms, "kg", context_country, match.start(), match.end(), _qualifier(match)))
    simple = [(_FIREARMS, "firearms", None), (_AGENCIES_INVOLVED, "agencies_involved", None)]
    simple += [(pattern, "premises_searched", None) for pattern in _PREMISES]
    for pattern, label, unit in simple:
        for match in pattern.finditer(sentence):
            value = _number(match)
            if value is None or any(_overlaps(match, f) for f in found):
                continue
            found.append(FigureMention(label, value, unit, None, match.start(), match.end(), _qualifier(match)))
    for match in _DETAINED.finditer(sentence):
        value = _number(match)
        if value is not None:
            found.append(FigureMention("people_detained", value, "people", context_country,
                                       match.start(), match.end(), None))
    return sorted(found, key=lambda f: f.start)


def _overlaps(match: re.Match[str], figure: FigureMention) -> bool:
    return match.start() < figure.end and figure.start < match.end()


def _per_country_arrests(sentence: str, countries: list[CountryMention]) -> list[FigureMention]:
    found = []
    for mention in countries:
        before = _BEFORE_COUNTRY.search(sentence[:mention.start])
        if before:
            value = _number(before)
            if value is not None:
                found.append(FigureMention("arrests", value, "people", mention.code, before.start(), mention.end,
                                           _qualifier(before)))
                continue
        after = _AFTER_COUNTRY.match(sentence[mention.end:])
        if after:
            text = after.group("num") or ""
            try:
                value = parse_number(text)
            except ValueError:
                continue
            found.append(FigureMention("arrests", value, "people", mention.code, mention.start,
                                       mention.end + after.end(), None))
    return found
