"""What imports read and report: documents, summaries and the errors that stop an import."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from casenotes.store.errors import StoreError
from casenotes.store.models import Record

FORMAT_NAME = "casenotes"
FORMAT_VERSION = 1

# ``progress(done, total)``: how far an import has got, in units that only make sense as
# the fraction done / total. Raising :class:`ImportCancelled` from it stops the import.
Progress = Callable[[int, int], None]


class ImportFileError(StoreError):
    """A file that cannot be imported; nothing was changed."""


class ImportCancelled(StoreError):
    """The user stopped an import; nothing was changed."""


@dataclass
class ImportedNote:
    record_id: str
    body: str
    created: str | None = None
    updated: str | None = None
    anchor: object = None  # an anchor_json.ImportedAnchor when the note is about one figure or field
    uid: str | None = None  # the note's stable id, in exports made for merging
    pinned: bool = False
    tags: list[str] = field(default_factory=list)


@dataclass
class Document:
    """A whole format-v1 file held in memory (small files such as the seed)."""

    records: list[Record]
    notes: list[ImportedNote]
    header: dict = field(default_factory=dict)  # top-level keys other than records/notes


@dataclass
class ImportSummary:
    """What an import did (or, for a dry run, would do), by record id."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    notes_added: int = 0
    notes_updated: int = 0
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        """Whether the store is different afterwards (always False for a dry run)."""
        if self.dry_run:
            return False
        return bool(self.added or self.updated or self.notes_added or self.notes_updated)

    @property
    def record_total(self) -> int:
        return len(self.added) + len(self.updated) + len(self.unchanged)

    def describe(self) -> str:
        """One line for people: '3 added, 1 updated, 5 unchanged; 2 notes added, 0 notes updated'."""
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged; "
            f"{self.notes_added} notes added, {self.notes_updated} notes updated"
        )
