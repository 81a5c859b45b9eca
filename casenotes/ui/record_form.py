"""Checks on what is typed into the record form, field by field, before the store sees it.

No Qt in here: each check takes the text of one field and says whether it is fine, not
finished yet, or wrong — with the message to show next to the field.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass
from enum import Enum

from casenotes.store.countries import UnknownCountry, country_from_text, country_name
from casenotes.store.dates import InvalidDate, Precision, parse_partial_date
from casenotes.store.validation import is_web_address

PRECISION_WORDS = {Precision.YEAR: "year only", Precision.MONTH: "month only", Precision.DAY: "exact day"}
DATE_FORMATS = "2014, 2014-11 or 2014-11-06"
_GROUPED_NUMBER = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


class State(Enum):
    EMPTY = "empty"
    OK = "ok"
    INCOMPLETE = "incomplete"  # could still become right as the person keeps typing
    INVALID = "invalid"


@dataclass(frozen=True)
class DateCheck:
    state: State
    message: str = ""  # the date's meaning when OK, else what is wrong or missing
    iso: str | None = None

    @property
    def ok(self) -> bool:
        return self.state in (State.OK, State.EMPTY)


def _could_become_date(text: str) -> bool:
    """Whether more typing could turn ``text`` into YYYY, YYYY-MM or YYYY-MM-DD."""
    parts = text.split("-")
    if len(parts) > 3 or not all(part.isdigit() or part == "" for part in parts):
        return False
    year = parts[0]
    if len(year) < 4:
        return len(parts) == 1
    if len(year) > 4 or int(year) < 1 or len(parts) == 1:
        return False
    month = parts[1]
    if len(month) < 2:
        return len(parts) == 2 and any(f"{m:02d}".startswith(month) for m in range(1, 13))
    if len(month) > 2 or not 1 <= int(month) <= 12 or len(parts) == 2:
        return False
    day = parts[2]
    days = calendar.monthrange(int(year), int(month))[1]
    return len(day) < 2 and any(f"{d:02d}".startswith(day) for d in range(1, days + 1))


def _why_not_a_date(text: str) -> DateCheck:
    if _could_become_date(text):
        return DateCheck(State.INCOMPLETE, f"keep typing: {DATE_FORMATS}")
    parts = text.split("-")
    if re.fullmatch(r"\d{4}(-\d{2}){0,2}", text):
        if int(parts[0]) == 0:
            return DateCheck(State.INVALID, "there is no year 0")
        if not 1 <= int(parts[1]) <= 12:
            return DateCheck(State.INVALID, f"there is no month {parts[1]}; months run 01-12")
        return DateCheck(State.INVALID, f"{text} is not a day in the calendar")
    return DateCheck(State.INVALID, f"not a date: use {DATE_FORMATS}")


def check_date(text: str) -> DateCheck:
    """What a typed date means ('November 2014 · month only'), or why it is not a date yet."""
    text = text.strip()
    if not text:
        return DateCheck(State.EMPTY)
    try:
        date = parse_partial_date(text)
    except InvalidDate:
        return _why_not_a_date(text)
    return DateCheck(State.OK, f"{date.display()} · {PRECISION_WORDS[date.precision]}", date.iso())


def check_date_range(start: DateCheck, end: DateCheck) -> tuple[str, str]:
    """Problems of the pair as (message for the start field, message for the end field)."""
    if end.state is State.OK and start.state is State.EMPTY:
        return "needed when there is an end date", ""
    if start.state is State.OK and end.state is State.OK:
        first, last = parse_partial_date(start.iso), parse_partial_date(end.iso)
        if last.last_day() < first.first_day():
            return "", f"ends before the start ({first.display()})"
    return "", ""


def parse_number(text: str) -> int | float:
    """A figure's value as typed: '121', '6,500,000', '2.5', '-3'. Raise ValueError otherwise."""
    cleaned = text.strip()
    if _GROUPED_NUMBER.match(cleaned):
        cleaned = cleaned.replace(",", "")
    if re.fullmatch(r"[+-]?\d+", cleaned):
        return int(cleaned)
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"{text.strip()!r} is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"{text.strip()!r} is not a number")
    return value


def format_number(value: int | float) -> str:
    """A stored value as the form shows it for editing (no thousands separators)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return f"{value:.1f}"
    return str(value)


def check_number(text: str) -> str:
    """'' if ``text`` is a number (or empty), else the problem."""
    if not text.strip():
        return ""
    try:
        parse_number(text)
    except ValueError as error:
        return str(error)
    return ""


def check_url(text: str) -> str:
    """'' if ``text`` is an http(s) address (or empty), else the problem."""
    if not text.strip() or is_web_address(text):
        return ""
    return "not a web address: it must start with http:// or https://"


def resolve_country(text: str) -> str:
    """The ISO code for a typed country name or code; raise ValueError with the reason."""
    try:
        return country_from_text(text)
    except UnknownCountry as error:
        raise ValueError(str(error)) from None


def check_country(text: str) -> str:
    """'' if ``text`` names a country (or is empty), else the problem."""
    if not text.strip():
        return ""
    try:
        resolve_country(text)
    except ValueError as error:
        return str(error)
    return ""


def country_label(code: str) -> str:
    """'Germany (DE)': how the form shows a country, and text it can read back."""
    return f"{country_name(code)} ({code})"


def check_date_text(text: str) -> str:
    """'' if ``text`` is a date at any precision (or empty), else the problem."""
    result = check_date(text)
    if result.ok:
        return ""
    if result.state is State.INCOMPLETE:
        return f"not a whole date: use {DATE_FORMATS}"
    return result.message


@dataclass(frozen=True)
class ErrorPlace:
    """Where a store message points: a field, or a cell of the figures/sources/relations tables."""

    field: str  # title, kind, date, end_date, countries, figures, sources, related, … or "" for none
    row: int | None = None
    column: str | None = None


_TABLE_ERROR = re.compile(r"^(figures|sources|related)\[(\d+)\](?:\.(\w+))?")
_FIELD_ERROR = re.compile(r"^(title|kind|date|end_date|summary|agencies|countries|tags)\b")
# Messages that name no field but only one field can cause (see store.validation).
_UNNAMED_ERRORS = ((re.compile(r"^country '"), "countries"), (re.compile(r"^'[^']*' is not a (real )?date"), "date"))


def locate_error(message: str) -> ErrorPlace:
    """The field a :class:`~casenotes.store.InvalidInput` message names (see store.validation)."""
    table = _TABLE_ERROR.match(message)
    if table:
        return ErrorPlace(table.group(1), int(table.group(2)), table.group(3))
    field = _FIELD_ERROR.match(message)
    if field:
        return ErrorPlace(field.group(1))
    for pattern, name in _UNNAMED_ERRORS:
        if pattern.match(message):
            return ErrorPlace(name)
    return ErrorPlace("")
