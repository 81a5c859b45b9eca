"""Calendar ticks for the time axis: days, months or years, spaced for the zoom level.

No Qt in here: the axis asks for the ticks between two days at a scale (pixels per
day) and gets calendar-aligned boundaries with their labels.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

# (unit, step, narrowest pixels a step may take so its label fits)
_MINOR_STEPS = (
    ("day", 1, 22), ("day", 2, 22), ("day", 5, 22),
    ("month", 1, 34), ("month", 3, 34), ("month", 6, 34),
    ("year", 1, 40), ("year", 2, 40), ("year", 5, 40), ("year", 10, 40), ("year", 20, 40),
    ("year", 50, 40), ("year", 100, 40), ("year", 200, 40), ("year", 500, 40), ("year", 1000, 40),
)
_AVERAGE_DAYS = {"day": 1.0, "month": 30.44, "year": 365.25}
_FIRST_DAYS_OF_MONTH_EVERY = {1: range(1, 32), 2: range(1, 31, 2), 5: (1, 6, 11, 16, 21, 26)}
WIDE_MONTH_PX = 80  # from this width a month label is spelled out


@dataclass(frozen=True)
class Tick:
    day: int  # ordinal of the first day of the period the tick starts
    label: str


@dataclass(frozen=True)
class AxisTicks:
    """Minor ticks (the fine periods) and major ticks (the periods that group them)."""

    unit: str  # 'day' | 'month' | 'year': what a minor tick stands for
    step: int
    minor: list[Tick]
    major: list[Tick]


def choose_step(pixels_per_day: float) -> tuple[str, int]:
    """The finest calendar step whose labels fit at this scale."""
    for unit, step, min_px in _MINOR_STEPS:
        if step * _AVERAGE_DAYS[unit] * pixels_per_day >= min_px:
            return unit, step
    return _MINOR_STEPS[-1][0], _MINOR_STEPS[-1][1]


def axis_ticks(first_day: float, last_day: float, pixels_per_day: float) -> AxisTicks:
    """Ticks covering the days [first_day, last_day] (ordinals) at ``pixels_per_day``.

    The first tick of each list is at or before ``first_day`` (so the period under the
    left edge has a label) and the last one after ``last_day`` (so every period shown
    has an end).
    """
    unit, step = choose_step(pixels_per_day)
    start = dt.date.fromordinal(max(1, int(first_day)))
    end = dt.date.fromordinal(max(1, min(int(last_day) + 1, dt.date.max.toordinal())))
    if unit == "day":
        minor = _day_ticks(start, end, step)
        major = [Tick(day, f"{calendar.month_name[m]} {y}") for day, y, m in _month_starts(start, end, 1)]
    elif unit == "month":
        wide = step == 1 and 30 * pixels_per_day >= WIDE_MONTH_PX
        names = calendar.month_name if wide else calendar.month_abbr
        minor = [Tick(day, names[m]) for day, _, m in _month_starts(start, end, step)]
        major = [Tick(day, str(y)) for day, y in _year_starts(start, end, 1)]
    else:
        minor = [Tick(day, str(y)) for day, y in _year_starts(start, end, step)]
        group = 10 if step < 10 else 100 if step < 100 else 1000
        major = [Tick(day, f"{y}s") for day, y in _year_starts(start, end, group)]
    return AxisTicks(unit, step, minor, major)


def _day_ticks(start: dt.date, end: dt.date, step: int) -> list[Tick]:
    allowed = set(_FIRST_DAYS_OF_MONTH_EVERY[step])
    ticks = []
    day = start
    while day.day not in allowed:  # back up to a tick at or before the start
        day -= dt.timedelta(days=1)
    one = dt.timedelta(days=1)
    while True:
        if day.day in allowed:
            ticks.append(Tick(day.toordinal(), str(day.day)))
            if day > end:
                return ticks
        if day == dt.date.max:
            return ticks
        day += one


def _month_starts(start: dt.date, end: dt.date, step: int):
    year, month = start.year, start.month - (start.month - 1) % step
    while year <= dt.MAXYEAR:
        first = dt.date(year, month, 1)
        yield first.toordinal(), year, month
        if first > end:
            return
        month += step
        if month > 12:
            year, month = year + (month - 1) // 12, (month - 1) % 12 + 1


def _year_starts(start: dt.date, end: dt.date, step: int):
    year = max(1, start.year - start.year % step)
    while year <= dt.MAXYEAR:
        yield dt.date(year, 1, 1).toordinal(), year
        if year > end.year:
            return
        year += step
