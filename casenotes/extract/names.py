"""Names of operations, markets and tools in article text ("Operation DisrupTor", "Silk Road 2.0",
"the Wall Street Market", "BlackShades")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from casenotes.extract.agencies import find_agencies
from casenotes.extract.countries import find_countries

OPERATION = re.compile(r"\bOperation\s+((?:[A-Z][\w'-]*)(?:\s+[A-Z][\w'-]*){0,2})")
_MARKET = re.compile(r"\b((?:[A-Z][\w'-]*\s+){1,3}(?:Market|Marketplace|Bazaar))\b")
_SILK_ROAD = re.compile(r"\bSilk Road(?:\s+\d(?:\.\d)?)?(?!\w)")
_CAMEL = re.compile(r"\b[A-Z][a-z]+[A-Z][A-Za-z]*\b")
_QUOTED = re.compile(r"[‘“\"']((?:the\s+)?[A-Z][^‘’“”\"]{1,60}?)[,.]?[’”\"']")
_NOT_NAMES = frozenset({"Darknet", "Internet", "Web", "Covid", "YouTube", "PayPal", "iPhone", "WhatsApp"})


@dataclass(frozen=True)
class NameMention:
    name: str  # as it should be shown: "Operation DisrupTor", "Wall Street Market"
    start: int
    end: int
    kind: str  # "operation" | "market" | "name"


def find_operations(text: str) -> list[NameMention]:
    """'Operation X' names in ``text``."""
    return [NameMention(f"Operation {m.group(1)}", m.start(), m.end(), "operation") for m in OPERATION.finditer(text)]


def find_names(text: str) -> list[NameMention]:
    """Operation, market and other proper names that are not agencies or countries, in order."""
    found = find_operations(text)
    found += [NameMention(m.group(1).removeprefix("The ").strip(), m.start(1), m.end(1), "market") for m in _MARKET.finditer(text)]
    found += [NameMention(m.group(0), m.start(), m.end(), "market") for m in _SILK_ROAD.finditer(text)]
    found += [NameMention(m.group(0), m.start(), m.end(), "name") for m in _CAMEL.finditer(text)
              if m.group(0) not in _NOT_NAMES]
    for match in _QUOTED.finditer(text):
        name = re.sub(r"^the\s+", "", match.group(1).strip(), flags=re.IGNORECASE)
        if 1 <= len(name.split()) <= 5:
            found.append(NameMention(name, match.start(1), match.end(1), "name"))
    taken = [(m.start, m.end) for m in find_agencies(text)] + [(m.start, m.end) for m in find_countries(text)]
    kept: list[NameMention] = []
    for mention in sorted(found, key=lambda m: (m.start, -(m.end - m.start))):
        if any(start <= mention.start and mention.end <= end for start, end in taken):
            continue
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept
