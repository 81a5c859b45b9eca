"""Which backups to keep: the newest few, plus one per recent day, week and month.

A pure function of the backups' dates, so the policy is tested with made-up dates
and no files. Periods count only when they hold a backup: after a month away, the
last seven days *with* backups are still kept, not seven empty days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

Item = TypeVar("Item")


@dataclass(frozen=True)
class RetentionPolicy:
    latest: int = 3  # the newest backups, whatever their day (e.g. several imports today)
    daily: int = 7
    weekly: int = 4
    monthly: int = 12


DEFAULT_POLICY = RetentionPolicy()


def _day(moment: dt.datetime) -> object:
    return moment.date()


def _week(moment: dt.datetime) -> object:
    year, week, _ = moment.isocalendar()
    return (year, week)


def _month(moment: dt.datetime) -> object:
    return (moment.year, moment.month)


def backups_to_keep(
    items: Iterable[Item], taken: Callable[[Item], dt.datetime], policy: RetentionPolicy = DEFAULT_POLICY
) -> set[Item]:
    """The items to keep under ``policy``; ``taken(item)`` is when each backup was made.

    For each of the most recent ``daily`` days (``weekly`` ISO weeks, ``monthly``
    months) that hold backups, the *first* backup of that period is kept: it is the
    state the store was in when the period began, before anything done that day.
    The ``latest`` newest backups are kept as well.
    """
    newest_first = sorted(items, key=taken, reverse=True)
    keep = set(newest_first[: max(policy.latest, 0)])
    for period_of, count in ((_day, policy.daily), (_week, policy.weekly), (_month, policy.monthly)):
        first_in_period: dict[object, Item] = {}
        for item in newest_first:
            period = period_of(taken(item))
            if period not in first_in_period and len(first_in_period) >= count:
                break
            first_in_period[period] = item  # walking newest to oldest: the last one seen is the first taken
        keep.update(first_in_period.values())
    return keep
