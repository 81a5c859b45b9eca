"""Applying what the reviewer typed to a proposed value, refusing what does not fit."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from casenotes.extract.draft import FIELD_LABELS, Proposal, RelationCandidate
from casenotes.store.dates import InvalidDate, normalise_partial_date
from casenotes.store.errors import InvalidInput
from casenotes.store.models import RECORD_KINDS, RELATION_KINDS, Figure


def edit_value(proposal: Proposal, text: str, *, country_lookup: Callable[[str], str | None]) -> None:
    """Replace a proposal's value with what the user typed; raise :class:`InvalidInput` if it does not fit.

    An edited value counts as accepted. ``country_lookup`` turns a name or code into an
    ISO code (or None).
    """
    text = text.strip()
    value = proposal.value
    if proposal.field == "kind":
        if text not in RECORD_KINDS:
            raise InvalidInput(f"kind must be one of {', '.join(RECORD_KINDS)}")
        new: Any = text
    elif proposal.field in ("date", "source_published"):
        try:
            new = normalise_partial_date(text)
        except InvalidDate as error:
            raise InvalidInput(str(error)) from None
    elif proposal.field == "country":
        new = country_lookup(text)
        if new is None:
            raise InvalidInput(f"{text!r} is not a country name or ISO code")
    elif proposal.field == "figure":
        new = replace(value, value=_parse_number(text))
    elif proposal.field == "relation":
        if not text:
            raise InvalidInput("give the id of the related record")
        new = replace(value, record_id=text, record_title=None)
    elif proposal.field == "source_url":
        if text and not re.match(r"^https?://\S+$", text, re.IGNORECASE):
            raise InvalidInput(f"{text!r} is not an http(s) address")
        new = text
    else:
        if proposal.field == "title" and not text:
            raise InvalidInput("the title cannot be empty")
        new = text
    proposal.value = new if new != "" else None
    proposal.edited = True
    proposal.accepted = True


def edit_detail(proposal: Proposal, text: str, *, country_lookup: Callable[[str], str | None]) -> None:
    """Change a figure's country (blank for none) or a relation's kind."""
    text = text.strip()
    if isinstance(proposal.value, Figure):
        code = None
        if text:
            code = country_lookup(text)
            if code is None:
                raise InvalidInput(f"{text!r} is not a country name or ISO code")
        proposal.value = replace(proposal.value, country=code)
    elif isinstance(proposal.value, RelationCandidate):
        if text not in RELATION_KINDS:
            raise InvalidInput(f"relation must be one of {', '.join(RELATION_KINDS)}")
        proposal.value = replace(proposal.value, relation=text)
    else:
        raise InvalidInput(f"{FIELD_LABELS.get(proposal.field, proposal.field)} has nothing more to edit")
    proposal.edited = True
    proposal.accepted = True


def _parse_number(text: str) -> int | float:
    cleaned = text.replace(",", "").replace("_", "").strip()
    try:
        number = float(cleaned)
    except ValueError:
        raise InvalidInput(f"{text!r} is not a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise InvalidInput(f"{text!r} is not a number")
    return int(number) if number.is_integer() else number


def editable_detail(proposal: Proposal) -> bool:
    return isinstance(proposal.value, (Figure, RelationCandidate))
