"""Every user-visible string and key binding of the timeline, in one place."""

from __future__ import annotations

import html

LANE_MODE_TITLES = {"kind": "Lanes by kind", "country": "Lanes by country", "agency": "Lanes by agency"}
LANE_MODE_MENU = {"kind": "Lanes by &Kind", "country": "Lanes by &Country", "agency": "Lanes by &Agency"}
NOTHING_TO_SHOW = "No dated records to show"

ACTION_FIT_ALL = "&Fit All"
ACTION_ZOOM_TO_SELECTION = "Zoom to &Selection"
ACTION_ZOOM_IN = "Zoom &In"
ACTION_ZOOM_OUT = "Zoom &Out"
ACTION_LIST_RANGE = "&List Records in View…"

# Shown in the view's accessible description while no mark is selected.
KEYBOARD_HELP = (
    "Space selects the first mark in view. With a mark selected, Left and Right go to the previous "
    "and next record in date order, Up and Down to the nearest record in the lane above or below, "
    "Enter opens it and Escape clears the selection. Shift with an arrow pans, plus and minus zoom, "
    "Home shows everything, Z zooms to the selection, L lists the records in view."
)

# (keys, what they do): the timeline's part of the shortcut list under Help.
KEY_BINDINGS = (
    ("Space", "Select the first mark in view"),
    ("Left / Right", "Previous / next record in date order (pan when nothing is selected)"),
    ("Up / Down", "Nearest record in the lane above / below (scroll lanes when nothing is selected)"),
    ("Shift+Arrows", "Pan through time / scroll the lanes"),
    ("Page Up / Page Down", "Pan by a screen"),
    ("Enter", "Open the selected record"),
    ("Escape", "Clear the selection"),
    ("+ / -", "Zoom in / out"),
    ("Wheel, pinch", "Zoom around the pointer (Shift+wheel pans, Alt+wheel scrolls lanes)"),
    ("Home", "Fit all records"),
    ("Z", "Zoom to the selected record (or to the search matches)"),
    ("L", "List the records in view"),
)


def undated_text(count: int) -> str:
    return f"{count:,} without a date"


def view_summary(records: int, first_year: int | None, last_year: int | None, lane_mode: str) -> str:
    """The view's accessible description while nothing is selected."""
    if not records:
        return f"{NOTHING_TO_SHOW}."
    years = f"{first_year}" if first_year == last_year else f"{first_year} to {last_year}"
    noun = "record" if records == 1 else "records"
    return f"{records:,} {noun} from {years}, {LANE_MODE_TITLES[lane_mode].lower()}. {KEYBOARD_HELP}"


def range_list_title(period: str, count: int) -> str:
    noun = "record" if count == 1 else "records"
    return f"Records in view: {period} ({count:,} {noun})"


def covering_text(count: int, matching: int | None) -> str:
    """The band standing for records that span all of the time in view."""
    if matching is None:
        return f"{count:,} records span all of the time in view"
    return f"{count:,} records span all of the time in view ({matching:,} match)"


def covering_tooltip(lane_title: str, titles: list[str], count: int) -> str:
    shown = "<br>".join(html.escape(title) for title in titles)
    more = f"<br>… and {count - len(titles):,} more" if count > len(titles) else ""
    return f"<b>{html.escape(lane_title)}</b>: {count:,} records span all of the time in view<br>{shown}{more}" \
        "<br><i>Press L to list them</i>"


def bin_tooltip(lane_title: str, period: str, count: int, matching: int | None) -> str:
    noun = "record" if count == 1 else "records"
    if matching is None:
        head = f"{count:,} {noun}"
    else:
        head = f"{matching:,} of {count:,} {noun} match"
    return f"<b>{html.escape(lane_title)}</b><br>{period}<br>{head}<br><i>Click to zoom in</i>"
