"""Earlier actions an article mentions, and the records in the store they may be.

A sentence describes an earlier action when it has an event verb (arrested, raided,
dismantled, pleaded guilty, …) and something that sets it apart from the article's own
action: it opens on a time phrase ("In February", "In 2014", "Meanwhile last week"), it
names another operation or market, or it says the action "comes after" something.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from casenotes.extract.countries import find_countries
from casenotes.extract.dates import DateMention
from casenotes.extract.names import NameMention, find_names
from casenotes.extract.sentences import Sentence
from casenotes.store.dates import PartialDate, parse_partial_date, InvalidDate
from casenotes.store.models import Record

_EVENT = re.compile(
    r"\b(arrest(?:ed|s)?|raid(?:ed|s)?|hitting|dismantl\w*|taken\s+down|took\s+down|takedown|shut\s+down|"
    r"pleaded\s+guilty|pleads\s+guilty|sentenced|convicted|charged|indicted|extradited|busted|seized)\b",
    re.IGNORECASE,
)
_KIND_CUES = [
    ("prosecution", re.compile(r"\b(pleaded guilty|pleads guilty|sentenced|convicted|charged|indicted|extradited)\b", re.I)),
    ("takedown", re.compile(r"\b(dismantl\w*|taken down|took down|takedown|shut down|seized the)\b", re.I)),
    ("raid", re.compile(r"\b(raid\w*|hitting|searched|searches)\b", re.I)),
    ("arrest", re.compile(r"\b(arrest\w*|detain\w*)\b", re.I)),
]
_OPENER = re.compile(r"^[\W]*(?:but\s+|and\s+)?(?:meanwhile|earlier|previously|last\s+year|in\s+the\s+past|before\s+that)\b",
                     re.IGNORECASE)
_AFTER = re.compile(r"\b(?:comes?|came|coming)\b[^.]{0,40}?\bafter\b|\bfollow(?:s|ed|ing)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]+|\d+")
_STOPWORDS = frozenset("""
a an the and or of in on at by for from to with as is was were be been being has have had it its this that these
those which who whom whose what when where while after before than then there their they them he she his her
said says also more most other some such into over under about around several many one two three police
people person man woman used using use web site actually head headed biggest hits happened just latest
operation operations action actions against law enforcement authorities agencies agency countries country
year years month week last involved creating selling called so but meanwhile across old
""".split())


@dataclass
class EarlierAction:
    """An earlier action the article mentions."""

    sentence: Sentence
    start: int  # offsets into the article text of the part that describes it
    end: int
    kind: str | None
    relation: str  # "follows" when the article says its action comes after this one
    names: list[str] = field(default_factory=list)
    date: PartialDate | None = None
    date_text: str | None = None
    countries: list[str] = field(default_factory=list)

    @property
    def words(self) -> str:
        return self.sentence.text[self.start - self.sentence.start:self.end - self.sentence.start]

    def keywords(self) -> set[str]:
        """Content words of the description, lower-cased."""
        return {w.lower() for w in _WORD.findall(self.words) if w.lower() not in _STOPWORDS and len(w) > 2}


def find_earlier_actions(
    sentences: list[Sentence], dates: list[DateMention], main_names: set[str], main_year: int | None
) -> list[EarlierAction]:
    """Earlier actions described in ``sentences``; ``main_names`` are the article's own operation names."""
    actions = []
    for sentence in sentences:
        text = sentence.text
        if not _EVENT.search(text):
            continue
        own_dates = [d for d in dates if sentence.start <= d.start < sentence.end]
        names = [n for n in find_names(text) if n.name not in main_names]
        after = _AFTER.search(text)
        start = 0
        relation = "related"
        if after and names and any(n.start > after.start() for n in names):
            start, relation = after.end(), "follows"
        elif any(name in text for name in main_names):
            continue  # the article's own action
        elif not (_opens_with_time(sentence, own_dates) or _OPENER.match(text) or _other_year(own_dates, main_year)
                  or (names and _KIND_CUES[1][1].search(text))):
            continue
        start += len(text[start:]) - len(text[start:].lstrip())
        part = text[start:]
        part_names = [n.name for n in names if n.start >= start]
        part_dates = [d for d in own_dates if d.start - sentence.start >= start]
        date = next((d for d in part_dates if d.date is not None), None)
        kind = next((kind for kind, cue in _KIND_CUES if cue.search(part)), None)
        actions.append(EarlierAction(
            sentence=sentence, start=sentence.start + start, end=sentence.end, kind=kind, relation=relation,
            names=part_names, date=date.date if date else None,
            date_text=(date or (part_dates[0] if part_dates else None)).text if part_dates else None,
            countries=list(dict.fromkeys(m.code for m in find_countries(part))),
        ))
    return actions


def _opens_with_time(sentence: Sentence, own_dates: list[DateMention]) -> bool:
    if not own_dates:
        return False
    lead = sentence.text[:own_dates[0].start - sentence.start]
    return len(lead.split()) <= 3 and bool(re.fullmatch(r"[\W]*(?:(?:but|and|meanwhile|then)\s+)*(?:in|on|since|by|early|late)?\s*",
                                                          lead, re.IGNORECASE))


def _other_year(own_dates: list[DateMention], main_year: int | None) -> bool:
    return main_year is not None and any(d.explicit_year and d.date and d.date.year != main_year for d in own_dates)


# -- matching against records ---------------------------------------------------------------

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
    """How well ``record`` fits the earlier action (higher is better; below ~2 is no match)."""
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
