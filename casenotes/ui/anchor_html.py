"""Annotating figures and fields in the detail view: the links, the markers and their words."""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import quote, unquote

from PySide6.QtCore import QUrl

from casenotes.store.countries import country_name
from casenotes.store.models import ANCHOR_FIELD, ANCHOR_FIELDS, ANCHOR_FIGURE, Anchor, AnchoredNote
from casenotes.ui.safe_text import tooltip_attribute

FIELD_TITLES = {
    "title": "Title", "kind": "Kind", "date": "Date", "end_date": "End date", "summary": "Summary",
    "agencies": "Agencies", "countries": "Countries",
}
_TOTAL = "-"  # the country part of a link to a total


@dataclass
class AnchorMark:
    """The notes anchored to one figure or field, as the detail view marks them."""

    note_ids: list[int]
    needs_review: int = 0  # how many of them


def anchor_marks(anchored: list[AnchoredNote]) -> dict[Anchor, AnchorMark]:
    """Group a record's anchored notes by what they are anchored to."""
    marks: dict[Anchor, AnchorMark] = {}
    for item in anchored:
        mark = marks.setdefault(item.anchor, AnchorMark([]))
        mark.note_ids.append(item.note_id)
        mark.needs_review += int(item.needs_review)
    return marks


def anchor_title(anchor: Anchor) -> str:
    """'Arrests in Austria (AT)', 'Arrests, total', 'Summary'."""
    if anchor.kind == ANCHOR_FIELD:
        return FIELD_TITLES.get(anchor.label, anchor.label)
    from casenotes.ui.record_html import figure_label  # record_html uses this module

    label = figure_label(anchor.label)
    return f"{label} in {country_name(anchor.country)} ({anchor.country})" if anchor.country else f"{label}, total"


def annotate_link(anchor: Anchor) -> str:
    if anchor.kind == ANCHOR_FIELD:
        return "casenotes:annotate/field/" + quote(anchor.label, safe="")
    return f"casenotes:annotate/figure/{quote(anchor.label, safe='')}/{quote(anchor.country or _TOTAL, safe='')}"


def _path_parts(url: QUrl, prefix: str) -> list[str] | None:
    path = url.path(QUrl.ComponentFormattingOption.FullyEncoded)
    if url.scheme() != "casenotes" or not path.startswith(prefix):
        return None
    return [unquote(part) for part in path[len(prefix):].split("/")]


def anchor_from_link(url: QUrl) -> Anchor | None:
    """The anchor of a ``casenotes:annotate/…`` link (None for any other link)."""
    parts = _path_parts(url, "annotate/")
    if parts is None:
        return None
    if len(parts) == 2 and parts[0] == ANCHOR_FIELD and parts[1] in ANCHOR_FIELDS:
        return Anchor(ANCHOR_FIELD, parts[1])
    if len(parts) == 3 and parts[0] == ANCHOR_FIGURE and parts[1]:
        return Anchor(ANCHOR_FIGURE, parts[1], None if parts[2] == _TOTAL else parts[2])
    return None


def note_link(note_id: int) -> str:
    return f"casenotes:note/{note_id}"


def note_id_from_link(url: QUrl) -> int | None:
    """The note id of a ``casenotes:note/ID`` link."""
    parts = _path_parts(url, "note/")
    return int(parts[0]) if parts and len(parts) == 1 and parts[0].isdigit() else None


def annotation_html(anchor: Anchor, mark: AnchorMark | None) -> str:
    """'+ note' to start a note on ``anchor``; with notes there, their count (⚠ when one needs review) too.

    Fields say which field they are about ('+ note on the date'); a figure's row says that already.
    """
    what = anchor_title(anchor)
    subject = f"&nbsp;on&nbsp;the&nbsp;{html.escape(anchor_title(anchor).lower())}" if anchor.kind == ANCHOR_FIELD else ""
    write_tip = tooltip_attribute(f"Write a note on {what}")
    add = f'<a class="annotate" href="{annotate_link(anchor)}" title="{write_tip}">+&nbsp;note{subject}</a>'
    if mark is None:
        return f'<span class="annotation">{add}</span>'
    another_tip = tooltip_attribute(f"Write another note on {what}")
    add = f'<a class="annotate" href="{annotate_link(anchor)}" title="{another_tip}">+&nbsp;note</a>'
    count = len(mark.note_ids)
    noun = "note" if count == 1 else "notes"
    if mark.needs_review:
        text, css = f"⚠&nbsp;{count}&nbsp;{noun}", "review"
        tip = f"{count} {noun} on {what}; the value changed since {'it was' if count == 1 else 'they were'} written"
    else:
        text, css, tip = f"✎&nbsp;{count}&nbsp;{noun}", "annotated", f"{count} {noun} on {what}"
    open_tip = tooltip_attribute(f"{tip}: open")
    shown = f'<a class="{css}" href="{note_link(mark.note_ids[0])}" title="{open_tip}">{text}</a>'
    return f'<span class="annotation">{shown} {add}</span>'
