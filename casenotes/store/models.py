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


ANCHOR_FIGURE = "figure"
ANCHOR_FIELD = "field"
# Fields of a record a note can be anchored to (the record's own facts; tags are the user's).
ANCHOR_FIELDS = ("title", "kind", "date", "end_date", "summary", "agencies", "countries")


@dataclass(frozen=True)
class Anchor:
    """What a note is about within its record: one figure, or one field."""

    kind: str  # ANCHOR_FIGURE or ANCHOR_FIELD
    label: str  # the figure's label (``arrests``) or the field's name (``summary``)
    country: str | None = None  # figures only: the figure's country; None for the total


@dataclass
class AnchorChange:
    """A change to an anchored value, found when a record was saved, imported or seeded."""

    id: int
    note_id: int
    old_value: object  # as last seen before: a sorted list of numbers (figures) or the field's value
    new_value: object
    detected: str  # timestamp
    cause: str  # "import", "seed" or "user" (an edit)
    source: str | None = None  # the source(s) the figure cites now
    reviewed: str | None = None  # when the user marked it reviewed


@dataclass
class AnchoredNote:
    """A note's anchor: the value as last seen and the changes the user has not reviewed."""

    note_id: int
    record_id: str
    anchor: Anchor
    value: object
    pending: list[AnchorChange] = field(default_factory=list)

    @property
    def needs_review(self) -> bool:
        return bool(self.pending)

    @property
    def baseline(self) -> object:
        """The value the note was written (or last reviewed) against."""
        return self.pending[0].old_value if self.pending else self.value
