"""Anchors and their changes in words, for the command line and the window alike."""

from __future__ import annotations

from casenotes.store.countries import country_name
from casenotes.store.dates import display_date, local_day
from casenotes.store.models import ANCHOR_FIGURE, Anchor, AnchorChange

FIELD_WORDS = {
    "title": "title", "kind": "kind", "date": "date", "end_date": "end date", "summary": "summary",
    "agencies": "agencies", "countries": "countries",
}
CAUSE_WORDS = {"import": "by an import", "seed": "by a seed update", "user": "by an edit"}
_DATE_FIELDS = ("date", "end_date")
_SHORT_TEXT = 60  # characters of a text value shown before "…"


def figure_words(label: str) -> str:
    """'seized_usd' -> 'seized usd'."""
    return label.replace("_", " ")


def describe_anchor(anchor: Anchor) -> str:
    """'arrests in Austria (AT)', 'arrests (total)', 'the summary'."""
    if anchor.kind == ANCHOR_FIGURE:
        if anchor.country:
            return f"{figure_words(anchor.label)} in {country_name(anchor.country)} ({anchor.country})"
        return f"{figure_words(anchor.label)} (total)"
    return f"the {FIELD_WORDS.get(anchor.label, anchor.label)}"


def format_number(value: int | float) -> str:
    """121 -> '121', 6500000 -> '6,500,000', 2.5 -> '2.5'."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHORT_TEXT else text[:_SHORT_TEXT - 1].rstrip() + "…"


def format_anchor_value(anchor: Anchor, value: object) -> str:
    """A value as people read it: '3', '119 or 121' (sources disagree), 'none', '22 September 2020'."""
    if anchor.kind == ANCHOR_FIGURE:
        return " or ".join(format_number(v) for v in value) if value else "none"
    if value is None:
        return "empty"
    if isinstance(value, list):
        return ", ".join(value) if value else "none"
    if anchor.label in _DATE_FIELDS:
        return display_date(value)
    return f"“{_short(value)}”" if anchor.label in ("title", "summary") else str(value)


def describe_change(anchor: Anchor, change: AnchorChange) -> str:
    """'changed from 3 to 4', 'was removed (it was 3)', 'reappeared as 4'."""
    old = format_anchor_value(anchor, change.old_value)
    new = format_anchor_value(anchor, change.new_value)
    if anchor.kind == ANCHOR_FIGURE:
        if not change.new_value:
            return f"was removed (it was {old})"
        if not change.old_value:
            return f"reappeared as {new}"
    elif anchor.label == "summary":
        return "was rewritten"
    return f"changed from {old} to {new}"


def describe_cause(change: AnchorChange) -> str:
    """'by an import (source: …)'."""
    text = CAUSE_WORDS.get(change.cause, change.cause)
    return text + (f" (source: {change.source})" if change.source else "")


def describe_when(change: AnchorChange) -> str:
    """'on 5 February 2026 by an import (source: …)'."""
    return f"on {display_date(local_day(change.detected))} {describe_cause(change)}"


def change_sentence(anchor: Anchor, change: AnchorChange, subject: str | None = None) -> str:
    """'Arrests in Austria (AT) changed from 3 to 4 on 5 February 2026 by an import (source: …).'"""
    subject = subject or describe_anchor(anchor)
    return f"{subject[:1].upper()}{subject[1:]} {describe_change(anchor, change)} {describe_when(change)}."
