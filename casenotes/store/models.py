"""The data the store hands out and takes in: plain dataclasses, no database handles."""

from __future__ import annotations

from dataclasses import dataclass, field

RECORD_KINDS = ("operation", "takedown", "raid", "arrest", "prosecution", "other")
RELATION_KINDS = ("follows", "part_of", "related")


@dataclass
class Source:
    title: str
    publisher: str | None = None
    url: str | None = None
    published: str | None = None
    locator: str | None = None


@dataclass
class Figure:
    """One fact: a labelled number, optionally for one country, citing one of the record's sources."""

    label: str
    value: int | float
    unit: str | None = None
    country: str | None = None
    source: int | None = None  # index into the record's ``sources``
    note: str | None = None


@dataclass
class Relation:
    id: str  # the other record
    relation: str  # follows | part_of | related


@dataclass
class Record:
    id: str
    title: str
    kind: str
    date: str | None = None
    end_date: str | None = None
    summary: str = ""
    agencies: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    related: list[Relation] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    # Kept by the store, not part of the record's content.
    origin: str = "user"
    edited: bool = False
    created: str | None = None
    updated: str | None = None
    deleted: bool = False
    note_count: int = 0

    def content(self) -> tuple:
        """Everything a user or an import can change; equal content means nothing to save."""
        return (
            self.id, self.title, self.kind, self.date, self.end_date, self.summary,
            tuple(self.agencies), tuple(self.countries),
            tuple((f.label, f.value, type(f.value).__name__, f.unit, f.country, f.source, f.note) for f in self.figures),
            tuple((s.title, s.publisher, s.url, s.published, s.locator) for s in self.sources),
            tuple((r.id, r.relation) for r in self.related),
            tuple(self.tags),
        )


@dataclass
class NoteVersion:
    id: int
    note_id: int
    body: str
    saved: str


@dataclass
class Note:
    id: int
    uid: str
    record_id: str
    body: str
    created: str
    updated: str
    pinned: bool = False
    deleted: bool = False
    tags: list[str] = field(default_factory=list)

    @property
    def first_line(self) -> str:
        for line in self.body.splitlines():
            text = line.strip().lstrip("#").strip()
            if text:
                return text
        return ""


@dataclass
class RecordRow:
    """What the record list shows for one record."""

    key: int
    id: str
    title: str
    kind: str
    date: str | None
    end_date: str | None
    countries: str  # comma-separated codes
    arrests: int | None
    note_count: int
