"""What an article is about, and the earlier actions it mentions.

A sentence describes an earlier action when it has an event verb (arrested, raided,
dismantled, pleaded guilty, …) and something that sets it apart from the article's own
action: it opens on a time phrase that is history ("In February", "In 2014",
"Meanwhile last week"), it says the action "comes after" something, or it names an
operation or market other than the article's subject together with a takedown, a plea
or another year.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from casenotes.extract.countries import find_countries
from casenotes.extract.dates import DateMention
from casenotes.extract.names import NameMention, find_names
from casenotes.extract.sentences import Sentence
from casenotes.store.dates import PartialDate

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
_OPENER = re.compile(r"^[\W]*(?:but\s+|and\s+)?(?:meanwhile|earlier|previously|last\s+(?:year|month)|in\s+the\s+past|before\s+that"
                     r"|years?\s+ago|a\s+year\s+ago)\b",
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


@dataclass(frozen=True)
class Subject:
    """What the article is about: its operation, or the market whose takedown it reports."""

    name: str
    kind: str  # "operation" | "market"
    sentence: Sentence
    start: int  # offsets into the article text
    end: int


@dataclass
class ArticleOutline:
    subject: Subject | None
    earlier_actions: list[EarlierAction]


def outline_article(sentences: list[Sentence], dates: list[DateMention], reference_year: int | None) -> ArticleOutline:
    """Tell the article's own action from the earlier ones it mentions.

    First, sentences set apart by their wording alone ("Meanwhile …", "In 2014 …", "… comes
    after X") are earlier actions. The subject is then the most-named operation in the
    other sentences, else a market named where the article reports a takedown. Last, a
    sentence naming something other than the subject with a takedown or a plea (or with
    another year) is an earlier action too.
    """
    names_by_sentence = {s.index: find_names(s.text) for s in sentences}
    dates_by_sentence = {s.index: [d for d in dates if s.start <= d.start < s.end] for s in sentences}
    actions: dict[int, EarlierAction] = {}
    for sentence in sentences:
        action = _worded_as_earlier(sentence, names_by_sentence[sentence.index], dates_by_sentence[sentence.index])
        if action is not None:
            actions[sentence.index] = action
    subject = _subject(sentences, names_by_sentence, actions)
    for sentence in sentences:
        if sentence.index in actions or not _EVENT.search(sentence.text):
            continue
        others = [n for n in names_by_sentence[sentence.index] if subject is None or n.name != subject.name]
        if not others or (subject is not None and subject.name in sentence.text):
            continue
        own_dates = dates_by_sentence[sentence.index]
        if _KIND_CUES[0][1].search(sentence.text) or _KIND_CUES[1][1].search(sentence.text) \
                or _other_year(own_dates, reference_year):
            actions[sentence.index] = _action(sentence, 0, "related", others, own_dates)
    return ArticleOutline(subject, [actions[index] for index in sorted(actions)])


def _worded_as_earlier(sentence: Sentence, names: list[NameMention], own_dates: list[DateMention]) -> EarlierAction | None:
    text = sentence.text
    if not _EVENT.search(text):
        return None
    after = _AFTER.search(text)
    if after and any(n.start > after.start() for n in names):
        start = after.end() + len(text[after.end():]) - len(text[after.end():].lstrip())
        return _action(sentence, start, "follows", [n for n in names if n.start >= start], own_dates)
    if _OPENER.match(text) or _opens_with_time(sentence, own_dates):
        return _action(sentence, 0, "related", names, own_dates)
    return None


def _action(sentence: Sentence, start: int, relation: str, names: list[NameMention],
            own_dates: list[DateMention]) -> EarlierAction:
    part = sentence.text[start:]
    part_dates = [d for d in own_dates if d.start - sentence.start >= start]
    dated = next((d for d in part_dates if d.date is not None), None)
    shown = dated or (part_dates[0] if part_dates else None)
    return EarlierAction(
        sentence=sentence, start=sentence.start + start, end=sentence.end,
        kind=next((kind for kind, cue in _KIND_CUES if cue.search(part)), None), relation=relation,
        names=[n.name for n in names], date=dated.date if dated else None, date_text=shown.text if shown else None,
        countries=list(dict.fromkeys(m.code for m in find_countries(part))),
    )


def _subject(sentences: list[Sentence], names_by_sentence: dict[int, list[NameMention]],
             actions: dict[int, EarlierAction]) -> Subject | None:
    def outside_actions(sentence: Sentence, name: NameMention) -> bool:
        action = actions.get(sentence.index)
        return action is None or sentence.start + name.end <= action.start

    operations = [(s, n) for s in sentences for n in names_by_sentence[s.index]
                  if n.kind == "operation" and outside_actions(s, n)]
    if operations:
        counts = Counter(n.name for _s, n in operations)
        best = max(counts.values())
        sentence, name = next((s, n) for s, n in operations if counts[n.name] == best)
        return Subject(name.name, "operation", sentence, sentence.start + name.start, sentence.start + name.end)
    for sentence in sentences:
        if sentence.index in actions or not _KIND_CUES[1][1].search(sentence.text):
            continue
        candidates = [n for n in names_by_sentence[sentence.index] if n.kind != "operation"]
        if candidates:
            name = min(candidates, key=lambda n: (n.kind != "market", n.start))
            return Subject(name.name, "market", sentence, sentence.start + name.start, sentence.start + name.end)
    return None


def _opens_with_time(sentence: Sentence, own_dates: list[DateMention]) -> bool:
    """Whether the sentence opens on a date that is history, not news ("In 2014", not "On Tuesday")."""
    if not own_dates or own_dates[0].recent:
        return False
    lead = sentence.text[:own_dates[0].start - sentence.start]
    return len(lead.split()) <= 3 and bool(re.fullmatch(
        r"[\W]*(?:(?:but|and|then)\s+)*(?:in|on|since|by|early|late)?\s*", lead, re.IGNORECASE))


def _other_year(own_dates: list[DateMention], reference_year: int | None) -> bool:
    return reference_year is not None and any(d.explicit_year and d.date and d.date.year != reference_year
                                              for d in own_dates)
