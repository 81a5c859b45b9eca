"""Dates in article text, kept at the precision the text gives them.

Why our own patterns rather than a date-parsing library: dateparser's ``search_dates``
fills the parts a phrase leaves out from a base date ("In 2014" came back as
2014-11-01), so a year could not be told from a day, and it read "this year a" and
"Now" in the seed articles as dates; its per-phrase parser keeps precision but cannot
find phrases in running text or give their offsets. News English writes dates in a
handful of shapes, matched here with tight patterns that keep exact spans.

Relative phrases ("last week", "on Tuesday", "In February", "two years ago") are
resolved only against a publication date. The result is the narrowest date at year,
month or day precision that holds every day the phrase can mean, given how precisely
the publication date itself is known; when even the year is uncertain, it stays
unresolved.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from casenotes.extract.numbers import parse_number
from casenotes.store.dates import PartialDate, parse_partial_date

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December" \
         r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_YEAR = r"(?:19[89]\d|20\d\d)"
_SMALL_NUMBER = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b({_YEAR})-(\d{{2}})-(\d{{2}})\b")),
    ("month_day_year", re.compile(rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+({_YEAR})\b")),
    ("day_month_year", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH}),?\s+({_YEAR})\b")),
    ("month_year", re.compile(rf"\b({_MONTH}),?\s+(?:of\s+)?({_YEAR})\b")),
    ("month_of_relative_year", re.compile(rf"\b({_MONTH})\s+of\s+(this|last|next)\s+year\b", re.IGNORECASE)),
    ("month_day", re.compile(rf"\b(?:on|since|until|by|from)\s+({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s*{_YEAR})")),
    ("month_alone", re.compile(rf"(?:\b[Ii]n|\b[Ss]ince|\b[Uu]ntil|\b[Ee]arly|\b[Ll]ate|\b[Ll]ast|\b[Tt]his|\bmid-)\s*({_MONTH})(?!\s*\d)(?!,?\s+(?:of\s+)?(?:{_YEAR}|this|last|next))")),
    ("year_alone", re.compile(rf"(?:\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Ff]rom|[Uu]ntil|[Bb]y|[Ee]arly|[Ll]ate|[Oo]f|[Tt]hrough|[Bb]etween|and)\s+)({_YEAR})\b(?![-,]\d)")),
    ("weekday", re.compile(r"\b(?:on|last|this|On)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")),
    ("relative", re.compile(
        rf"\b(?:(last|this|next)\s+(week|month|year)|(yesterday|today|earlier this (?:week|month|year))"
        rf"|({_SMALL_NUMBER})\s+(day|week|month|year)s?\s+ago)\b", re.IGNORECASE)),
]


@dataclass(frozen=True)
class DateMention:
    """A date phrase in the text and the date it stands for (None when it cannot be resolved)."""

    start: int
    end: int
    text: str
    date: PartialDate | None
    relative: bool  # depends on when the article was written
    explicit_year: bool  # the phrase itself names the year
    recent: bool = False  # within days of writing ("on Tuesday", "last week"): news, not history


def _month(text: str) -> int:
    return _MONTHS[text.rstrip(".").lower()]


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, 1)


def _month_span(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def narrowest(first: dt.date, last: dt.date) -> PartialDate | None:
    """The most precise partial date covering every day from ``first`` to ``last``."""
    if first == last:
        return PartialDate(first.year, first.month, first.day)
    if (first.year, first.month) == (last.year, last.month):
        return PartialDate(first.year, first.month)
    if first.year == last.year:
        return PartialDate(first.year)
    return None


def _resolve(span_of_day: Callable[[dt.date], tuple[dt.date, dt.date]], base: PartialDate | None) -> PartialDate | None:
    """Apply a relative phrase to every day the base date may be, and keep what they agree on."""
    if base is None:
        return None
    earliest = span_of_day(base.first_day())[0]
    latest = span_of_day(base.last_day())[1]
    return narrowest(earliest, latest)


def _relative_span(kind: str, amount: int | None, unit: str | None, word: str | None) -> Callable[[dt.date], tuple[dt.date, dt.date]]:
    def span(day: dt.date) -> tuple[dt.date, dt.date]:
        if kind == "yesterday":
            return day - dt.timedelta(days=1), day - dt.timedelta(days=1)
        if kind == "today":
            return day, day
        if kind == "earlier":
            if unit == "week":
                return _monday(day), day
            if unit == "month":
                return day.replace(day=1), day
            return day.replace(month=1, day=1), day
        step = {"last": -1, "this": 0, "next": 1}.get(word or "", 0) if kind == "shift" else -(amount or 0)
        if unit == "day":
            target = day + dt.timedelta(days=step)
            return target, target
        if unit == "week":
            monday = _monday(day) + dt.timedelta(weeks=step)
            return monday, monday + dt.timedelta(days=6)
        if unit == "month":
            return _month_span(_add_months(day, step))
        year = day.year + step
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return span


def find_dates(text: str, published: str | None = None) -> list[DateMention]:
    """Date phrases in ``text``, in order, each resolved as far as ``published`` allows."""
    base = parse_partial_date(published) if published else None
    mentions: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            mention = _mention(kind, match, base)
            if mention is not None:
                mentions.append(mention)
                taken.append((match.start(), match.end()))
    return sorted(mentions, key=lambda m: m.start)


def _mention(kind: str, match: re.Match[str], base: PartialDate | None) -> DateMention | None:
    groups = match.groups()
    try:
        if kind == "iso":
            date = parse_partial_date(match.group(0))
            return DateMention(match.start(), match.end(), match.group(0), date, False, True)
        if kind == "month_day_year":
            date = PartialDate(int(groups[2]), _month(groups[0]), int(groups[1]))
        elif kind == "day_month_year":
            date = PartialDate(int(groups[2]), _month(groups[1]), int(groups[0]))
        elif kind == "month_year":
            date = PartialDate(int(groups[1]), _month(groups[0]))
        else:
            return _relative_mention(kind, match, base)
        parse_partial_date(date.iso())  # rejects 31 February
        return DateMention(match.start(), match.end(), match.group(0), date, False, True)
    except (ValueError, KeyError):
        return None


def _relative_mention(kind: str, match: re.Match[str], base: PartialDate | None) -> DateMention | None:
    groups = match.groups()
    start, end, words = match.start(), match.end(), match.group(0)
    if kind == "year_alone":
        start = match.start(1)
        return DateMention(start, end, match.group(1), PartialDate(int(groups[0])), False, True)
    if kind == "month_of_relative_year":
        month = _month(groups[0])
        shift = {"this": 0, "last": -1, "next": 1}[groups[1].lower()]
        date = _resolve(lambda d: _month_span(dt.date(d.year + shift, month, 1)), base)
        return DateMention(start, end, words, date, True, False)
    if kind in ("month_alone", "month_day"):
        month = _month(groups[0])
        day_of_month = int(groups[1]) if kind == "month_day" else None
        start = match.start(1) if kind == "month_alone" else start

        def most_recent(day: dt.date) -> tuple[dt.date, dt.date]:
            # An article written in November that says "In February" means the February before.
            year = day.year if month <= day.month else day.year - 1
            if day_of_month is not None:
                chosen = dt.date(year, month, min(day_of_month, calendar.monthrange(year, month)[1]))
                if chosen > day:
                    chosen = chosen.replace(year=year - 1, day=min(day_of_month, calendar.monthrange(year - 1, month)[1]))
                return chosen, chosen
            return _month_span(dt.date(year, month, 1))
        return DateMention(start, end, text_of(match, start, end), _resolve(most_recent, base), True, False)
    if kind == "weekday":
        weekday = _WEEKDAYS[groups[0].lower()]

        def latest_weekday(day: dt.date) -> tuple[dt.date, dt.date]:
            chosen = day - dt.timedelta(days=(day.weekday() - weekday) % 7)
            return chosen, chosen
        return DateMention(start, end, words, _resolve(latest_weekday, base), True, False, recent=True)
    shift_word, shift_unit, fixed, amount_word, ago_unit = groups
    if shift_word:
        span = _relative_span("shift", None, shift_unit.lower(), shift_word.lower())
        recent = shift_unit.lower() in ("day", "week")
    elif fixed:
        lowered = fixed.lower()
        if lowered.startswith("earlier"):
            unit = lowered.rsplit(" ", 1)[1]
            span, recent = _relative_span("earlier", None, unit, None), unit == "week"
        else:
            span, recent = _relative_span(lowered, None, None, None), True
    else:
        amount = 1 if amount_word.lower() in ("a", "an") else parse_number(amount_word)
        span = _relative_span("ago", int(amount), ago_unit.lower(), None)
        recent = ago_unit.lower() in ("day", "week")
    return DateMention(start, end, words, _resolve(span, base), True, False, recent=recent)


def text_of(match: re.Match[str], start: int, end: int) -> str:
    return match.string[start:end]
