"""A note's ``anchor`` object in format v1: which figure or field the note is about.

``{"figure": "arrests", "country": "AT", "value": [3]}`` or ``{"field": "summary", "value": "…"}``.
``value`` is what the note was written (or last reviewed) against, so a note whose
figure changed in one store still needs review after export and import into another.
Notes without an anchor have no ``anchor`` key, so their exports are unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

from casenotes.store.anchor_check import decode_value
from casenotes.store.anchors import check_anchor
from casenotes.store.errors import InvalidInput
from casenotes.store.models import ANCHOR_FIELD, ANCHOR_FIELDS, ANCHOR_FIGURE, Anchor

# The baseline a note exports: the value before its first unreviewed change, else the value now.
BASELINE_SQL = (
    "CASE WHEN n.anchor_kind IS NULL THEN NULL ELSE ifnull((SELECT c.old_value FROM anchor_changes c "
    "WHERE c.note_id = n.id AND c.reviewed IS NULL ORDER BY c.id LIMIT 1), n.anchor_value) END"
)


@dataclass(frozen=True)
class ImportedAnchor:
    anchor: Anchor
    value: object = None
    has_value: bool = False  # whether the file said what value the note was written against


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def anchor_from_json(raw: object) -> ImportedAnchor:
    """Read an ``anchor`` object; :class:`InvalidInput` names what is wrong with it."""
    if not isinstance(raw, dict):
        raise InvalidInput('"anchor" must be an object')
    has_figure, has_field = "figure" in raw, "field" in raw
    if has_figure == has_field:
        raise InvalidInput('"anchor" needs either "figure" or "field"')
    value, has_value = raw.get("value"), "value" in raw
    if has_figure:
        label, country = raw["figure"], raw.get("country")
        if not isinstance(label, str) or not label.strip():
            raise InvalidInput('"anchor.figure" must be a figure label such as "arrests"')
        if country is not None and not isinstance(country, str):
            raise InvalidInput('"anchor.country" must be a country code such as "AT"')
        if has_value and not (isinstance(value, list) and all(_is_number(v) for v in value)):
            raise InvalidInput('"anchor.value" of a figure must be a list of numbers')
        return ImportedAnchor(check_anchor(Anchor(ANCHOR_FIGURE, label, country)), value, has_value)
    name = raw["field"]
    if name not in ANCHOR_FIELDS:
        raise InvalidInput(f'"anchor.field" must be one of {", ".join(ANCHOR_FIELDS)}')
    if "country" in raw:
        raise InvalidInput('"anchor.country" belongs to figure anchors only')
    if has_value and not (value is None or isinstance(value, str)
                          or isinstance(value, list) and all(isinstance(v, str) for v in value)):
        raise InvalidInput('"anchor.value" of a field must be text, a list of names or null')
    return ImportedAnchor(Anchor(ANCHOR_FIELD, name), value, has_value)


def anchor_to_json(kind: str | None, label: str | None, country: str | None, baseline: str | None) -> dict | None:
    """The ``anchor`` object of a note from its stored columns, or None for a note without one."""
    if kind is None:
        return None
    item: dict = {"figure": label} if kind == ANCHOR_FIGURE else {"field": label}
    if kind == ANCHOR_FIGURE and country is not None:
        item["country"] = country
    if baseline is not None:
        item["value"] = decode_value(baseline)
    return item

