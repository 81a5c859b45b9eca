"""Countries as ISO 3166-1 alpha-2 codes, with the names people read."""

from __future__ import annotations

import functools

import pycountry

# Codes people often type that ISO assigns to something else or not at all.
_COMMON_MISTAKES = {"UK": "GB", "EL": "GR"}


class UnknownCountry(ValueError):
    """A country code that is not an ISO 3166-1 alpha-2 code."""


def normalise_country(code: str) -> str:
    """Return the upper-case alpha-2 code, or raise :class:`UnknownCountry` with a hint."""
    if not isinstance(code, str):
        raise UnknownCountry(f"country {code!r} is not an ISO 3166 alpha-2 code")
    candidate = code.strip().upper()
    if _is_alpha2(candidate):
        return candidate
    hint = _COMMON_MISTAKES.get(candidate)
    if hint:
        raise UnknownCountry(f"country {code!r} is not an ISO 3166 alpha-2 code (did you mean {hint}?)")
    raise UnknownCountry(f"country {code!r} is not an ISO 3166 alpha-2 code (e.g. US, DE, GB)")


def is_country_code(code: str) -> bool:
    """Whether ``code`` is an upper-case ISO 3166-1 alpha-2 code, as stored."""
    return _is_alpha2(code)


@functools.lru_cache(maxsize=1024)
def _is_alpha2(candidate: str) -> bool:
    return len(candidate) == 2 and pycountry.countries.get(alpha_2=candidate) is not None


@functools.lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """The everyday English name of a country code ('GB' -> 'United Kingdom')."""
    country = pycountry.countries.get(alpha_2=code.upper()) if code else None
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def flag_emoji(code: str) -> str:
    """The regional-indicator flag for a code ('DE' -> the German flag)."""
    if len(code) != 2 or not code.isalpha():
        return ""
    return "".join(chr(0x1F1E6 + ord(letter) - ord("A")) for letter in code.upper())


def country_from_text(text: str) -> str:
    """The alpha-2 code for what a person typed: a code, an ISO name or a common name.

    'de', 'DEU', 'Germany' and 'Germany (DE)' all give 'DE'. Raise :class:`UnknownCountry`
    (with a hint for mistakes such as 'UK') for anything else.
    """
    if not isinstance(text, str) or not text.strip():
        raise UnknownCountry("country is empty")
    candidate = text.strip()
    if candidate.endswith(")") and "(" in candidate:
        candidate = candidate[candidate.rindex("(") + 1:-1].strip()
    if candidate.upper() in _COMMON_MISTAKES:
        return normalise_country(candidate)  # raises with the hint
    try:
        return pycountry.countries.lookup(candidate).alpha_2
    except LookupError:
        pass
    for country in pycountry.countries:
        if (getattr(country, "common_name", "") or "").casefold() == candidate.casefold():
            return country.alpha_2
    raise UnknownCountry(f"{text.strip()!r} is not a country name or ISO 3166 code (e.g. Germany, DE, GB)")


@functools.lru_cache(maxsize=1)
def all_countries() -> tuple[tuple[str, str], ...]:
    """Every ISO 3166-1 country as (code, everyday name), sorted by name."""
    return tuple(sorted(((c.alpha_2, country_name(c.alpha_2)) for c in pycountry.countries), key=lambda p: p[1]))
