"""Stored UTC timestamps as people read them: in local time, to the minute."""

from __future__ import annotations

import datetime as dt


def local_time(timestamp: str) -> str:
    """'2026-11-24T10:00:00.000Z' -> '24 Nov 2026 11:00' in the machine's time zone."""
    try:
        moment = dt.datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    except ValueError:
        return timestamp
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    local = moment.astimezone()
    return f"{local.day} {local:%b %Y %H:%M}"
