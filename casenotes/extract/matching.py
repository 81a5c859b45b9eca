"""Matching the earlier actions an article mentions to records in the store."""

from __future__ import annotations

import re

from casenotes.extract.outline import EarlierAction
from casenotes.store.dates import InvalidDate, PartialDate, parse_partial_date
from casenotes.store.models import Record

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]+|\d+")


def _tokens(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _interval(date: PartialDate | str | None):
    if date is None:
        return None
    if isinstance(date, str):
        try:
            date = parse_partial_date(date)
        except InvalidDate:
            return None
    return date.first_day(), date.last_day()


def match_score(action: EarlierAction, record: Record) -> float:
    """How well ``record`` fits the earlier action (higher is better; below MATCH_THRESHOLD is no match)."""
    title_tokens = _tokens(record.title)
    body_tokens = title_tokens | _tokens(record.summary) | _tokens(" ".join(record.tags))
    score = 0.0
    for name in action.names:
        name_tokens = _tokens(name) - {"the", "operation", "market"} or _tokens(name)
        if name_tokens and name_tokens <= title_tokens:
            score += 3.0
        elif name_tokens and name_tokens <= body_tokens:
            score += 1.5
    keywords = action.keywords() - {n.lower() for n in action.names}
    if keywords:
        # Distinctive words in the record's title say most ("stresser", "ddos"); the rest a little.
        score += min(2.25, 0.75 * len(keywords & title_tokens))
        score += 1.5 * len(keywords & (body_tokens - title_tokens)) / max(3, len(keywords))
    mention_span, record_span = _interval(action.date), _interval(record.date)
    if mention_span and record_span:
        overlaps = mention_span[0] <= record_span[1] and record_span[0] <= mention_span[1]
        score += 1.5 if overlaps else -3.0
    if action.kind and action.kind == record.kind:
        score += 0.75
    if action.countries and record.countries:
        shared = set(action.countries) & set(record.countries)
        union = set(action.countries) | set(record.countries)
        score += 1.5 * len(shared) / len(union) if len(action.countries) > 1 else (0.5 if shared else 0.0)
    return score


MATCH_THRESHOLD = 2.5


def best_matches(actions: list[EarlierAction], candidates: list[Record], exclude: set[str]) -> list[tuple[Record, float] | None]:
    """For each action, the best-fitting candidate record (or None); a record goes to one action at most."""
    scored = []
    for index, action in enumerate(actions):
        for record in candidates:
            if record.id in exclude or record.title in exclude:
                continue
            score = match_score(action, record)
            if score >= MATCH_THRESHOLD:
                scored.append((score, index, record))
    scored.sort(key=lambda item: -item[0])
    chosen: list[tuple[Record, float] | None] = [None] * len(actions)
    used: set[str] = set()
    for score, index, record in scored:
        if chosen[index] is None and record.id not in used:
            chosen[index] = (record, score)
            used.add(record.id)
    return chosen


def search_terms(action: EarlierAction) -> list[str]:
    """Queries that find candidate records for an action in the store's full-text index."""
    terms = list(action.names)
    terms += sorted(action.keywords(), key=len, reverse=True)[:8]
    return list(dict.fromkeys(t for t in terms if t))
