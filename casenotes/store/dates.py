"""Dates kept at the precision their source gives: a year, a month or a day."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from enum import IntEnum

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class Precision(IntEnum):
    YEAR = 1
    MONTH = 2
    DAY = 3


class InvalidDate(ValueError):
    """A date string that is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or names no real day."""


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to a year, a month or a day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def first_day(self) -> dt.date:
        """The first day the date may mean (1 January for a bare year)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """The last day the date may mean (31 December for a bare year)."""
        if self.day is not None:
            return dt.date(self.year, self.month or 1, self.day)
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def display(self) -> str:
        """Human form at the date's precision: '2014', 'November 2014', '6 November 2014'."""
        if self.month is None:
            return str(self.year)
        month_name = calendar.month_name[self.month]
        if self.day is None:
            return f"{month_name} {self.year}"
        return f"{self.day} {month_name} {self.year}"

    def __str__(self) -> str:
        return self.iso()


def parse_partial_date(text: str) -> PartialDate:
    """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise :class:`InvalidDate` otherwise."""
    if not isinstance(text, str):
        raise InvalidDate(f"a date must be text like 2014, 2014-11 or 2014-11-06, not {text!r}")
    match = _PARTIAL_DATE.match(text.strip())
    if not match:
        raise InvalidDate(f"{text!r} is not a date like 2014, 2014-11 or 2014-11-06")
    year, month, day = (int(part) if part else None for part in match.groups())
    if year < 1 or (month is not None and not 1 <= month <= 12):
        raise InvalidDate(f"{text!r} is not a real date (month must be 01-12)")
    if day is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            raise InvalidDate(f"{text!r} is not a real date") from None
    return PartialDate(year, month, day)


def normalise_partial_date(text: str | None) -> str | None:
    """Validate an optional date string and return it in canonical ISO form."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    if isinstance(text, str):
        return _canonical_date(text)
    return parse_partial_date(text).iso()


@functools.lru_cache(maxsize=8192)
def _canonical_date(text: str) -> str:
    # Imports check the same few thousand dates over and over; errors are not cached.
    return parse_partial_date(text).iso()


def display_date(text: str | None) -> str:
    """Display form of a stored date string, or '' when there is none."""
    if not text:
        return ""
    try:
        return parse_partial_date(text).display()
    except InvalidDate:
        return text


def display_range(start: str | None, end: str | None) -> str:
    """'6 November 2014' or '22 October 2016 – 28 October 2016'."""
    if start and end and end != start:
        return f"{display_date(start)} – {display_date(end)}"
    return display_date(start)


class InvalidTimestamp(ValueError):
    """Text that is not an ISO 8601 date and time."""


def utc_now() -> str:
    """The current time as an ISO 8601 UTC timestamp with milliseconds."""
    return _stored_timestamp(dt.datetime.now(dt.timezone.utc))


def _stored_timestamp(moment: dt.datetime) -> str:
    # Not strftime: its %Y does not pad years before 1000 on every platform.
    return (f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}T"
            f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}.{moment.microsecond // 1000:03d}Z")


def normalise_timestamp(text: str) -> str:
    """An ISO 8601 timestamp from a file, written as the store writes its own (UTC, milliseconds, ``Z``).

    Stored timestamps are compared as text (which copy of a note is newer, oldest first),
    so they must all have one form. A time without a zone is taken as UTC; a date alone
    as its midnight.
    """
    try:
        moment = dt.datetime.fromisoformat(text.strip().upper())  # RFC 3339 allows "t" and "z"
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.timezone.utc)
        return _stored_timestamp(moment.astimezone(dt.timezone.utc))
    except (ValueError, OverflowError):
        raise InvalidTimestamp(f"{text!r} is not an ISO 8601 timestamp such as 2026-01-01T10:00:00Z") from None


def local_day(timestamp: str) -> str:
    """The day (YYYY-MM-DD, in this machine's time zone) of a stored UTC timestamp."""
    try:
        moment = dt.datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    except ValueError:
        return timestamp[:10]
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone().date().isoformat()
