"""A draft record: proposed values, each with the sentence it came from, for a person to review.

Nothing here touches the store. :meth:`Draft.to_record` turns the values the user kept
(accepted as proposed, or edited) into a :class:`~casenotes.store.models.Record`, which
``casenotes.store.records.save_record`` validates and saves.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from casenotes.extract.loading import Article
from casenotes.store.countries import country_name
from casenotes.store.errors import InvalidInput
from casenotes.store.models import Figure, Record, Relation, Source

# The fields a draft proposes, in the order a person reviews them.
FIELD_ORDER = (
    "title", "kind", "date", "summary", "agency", "country", "figure", "relation",
    "source_title", "source_publisher", "source_published", "source_url",
)
FIELD_LABELS = {
    "title": "Title", "kind": "Kind", "date": "Date", "summary": "Summary", "agency": "Agency",
    "country": "Country", "figure": "Figure", "relation": "Related record", "source_title": "Source title",
    "source_publisher": "Publisher", "source_published": "Published", "source_url": "Source URL",
}


@dataclass(frozen=True)
class Evidence:
    """Where a value was read: the sentence, and the words in it, as offsets into the article text."""

    sentence: str
    sentence_start: int
    start: int
    end: int

    @property
    def words(self) -> str:
        """The words that gave the value."""
        return self.sentence[self.start - self.sentence_start:self.end - self.sentence_start]

    def as_json(self) -> dict:
        return {"sentence": self.sentence, "start": self.start, "end": self.end, "words": self.words}


@dataclass(frozen=True)
class Flag:
    """Something the reviewer must look at; ``code`` is stable for programs, ``message`` is for people."""

    code: str
    message: str


@dataclass
class RelationCandidate:
    """An earlier action the article mentions, matched (or not) to a record in the store."""

    mention: str  # how the article refers to it
    relation: str  # follows | part_of | related
    record_id: str | None = None
    record_title: str | None = None
    score: float = 0.0


@dataclass
class Proposal:
    """One proposed value with its evidence, flags and the reviewer's decision."""

    field: str
    value: Any  # str for most fields, Figure for "figure", RelationCandidate for "relation", None when unresolved
    evidence: list[Evidence] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    accepted: bool = True
    edited: bool = False
    qualifier: str | None = None  # "more than", "about", … for figures

    @property
    def sentence(self) -> str:
        return self.evidence[0].sentence if self.evidence else ""

    def is_usable(self) -> bool:
        """Whether the value can be saved as it stands (an unresolved date or relation cannot)."""
        if self.value is None or self.value == "":
            return False
        if isinstance(self.value, RelationCandidate):
            return self.value.record_id is not None
        return True

    def display_value(self) -> str:
        value = self.value
        if value is None:
            return ""
        if isinstance(value, Figure):
            amount = f"{value.value:,}" if isinstance(value.value, int) else f"{value.value:g}"
            unit = f" {value.unit}" if value.unit else ""
            qualifier = f"{self.qualifier} " if self.qualifier else ""
            return f"{value.label}: {qualifier}{amount}{unit}"
        if isinstance(value, RelationCandidate):
            return value.record_id or ""
        return str(value)

    def display_detail(self) -> str:
        """The second editable part: a figure's country, a relation's kind."""
        value = self.value
        if isinstance(value, Figure):
            return f"{country_name(value.country)} ({value.country})" if value.country else ""
        if isinstance(value, RelationCandidate):
            return value.relation
        if self.field == "country" and value:
            return country_name(value)
        return ""

    def as_json(self) -> dict:
        value = self.value
        data: dict[str, Any] = {"field": self.field}
        if isinstance(value, Figure):
            data.update({"label": value.label, "value": value.value, "unit": value.unit,
                         "country": value.country, "note": value.note})
        elif isinstance(value, RelationCandidate):
            data.update({"value": value.record_id, "relation": value.relation, "mention": value.mention,
                         "record_title": value.record_title})
        else:
            data["value"] = value
        if self.qualifier:
            data["qualifier"] = self.qualifier
        data["accepted"] = self.accepted
        data["flags"] = [{"code": flag.code, "message": flag.message} for flag in self.flags]
        data["evidence"] = [evidence.as_json() for evidence in self.evidence]
        return data


@dataclass
class Draft:
    """Everything proposed for one article."""

    article: Article
    proposals: list[Proposal] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)  # about the draft as a whole

    def of(self, field_name: str, *, accepted_only: bool = False) -> list[Proposal]:
        return [p for p in self.proposals if p.field == field_name and (p.accepted or not accepted_only)]

    def first_value(self, field_name: str) -> Any:
        """The first accepted, usable value of a field, or None."""
        return next((p.value for p in self.of(field_name, accepted_only=True) if p.is_usable()), None)

    def as_json(self) -> dict:
        return {
            "article": {"headline": self.article.headline, "publisher": self.article.publisher,
                        "published": self.article.published, "url": self.article.url, "file": self.article.name,
                        "text": self.article.text},  # evidence offsets point into this text
            "flags": [{"code": flag.code, "message": flag.message} for flag in self.flags],
            "proposals": [proposal.as_json() for proposal in self.proposals],
        }

    def to_record(self, record_id: str) -> Record:
        """A record holding exactly the accepted values; raise :class:`InvalidInput` if it has no title."""
        title = self.first_value("title")
        if not title:
            raise InvalidInput("the draft has no accepted title: accept or type one before saving")
        source = self._source()
        figures = [
            replace(p.value, source=0 if source else None)
            for p in self.of("figure", accepted_only=True) if p.is_usable()
        ]
        related = [
            Relation(p.value.record_id, p.value.relation)
            for p in self.of("relation", accepted_only=True) if p.is_usable()
        ]
        return Record(
            id=record_id, title=title, kind=self.first_value("kind") or "other", date=self.first_value("date"),
            summary=self.first_value("summary") or "",
            agencies=[p.value for p in self.of("agency", accepted_only=True) if p.is_usable()],
            countries=[p.value for p in self.of("country", accepted_only=True) if p.is_usable()],
            figures=figures, sources=[source] if source else [], related=related,
        )

    def _source(self) -> Source | None:
        title = self.first_value("source_title")
        if not title:
            return None
        return Source(
            title=title, publisher=self.first_value("source_publisher"),
            published=self.first_value("source_published"), url=self.first_value("source_url"),
        )


def slugify(title: str) -> str:
    """A record id from a title: 'Operation DisrupTor' -> 'operation-disruptor'."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:80].rstrip("-") or "record"


def suggest_record_id(title: str, taken: Callable[[str], bool]) -> str:
    """A new record id from the title, with -2, -3, … appended while ``taken(id)`` says it is used."""
    base = slugify(title)
    candidate, number = base, 2
    while taken(candidate):
        candidate, number = f"{base}-{number}", number + 1
    return candidate
