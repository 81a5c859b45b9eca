"""How an export is made: for sharing (private notes and tags left out) and/or for merging."""

from __future__ import annotations

from dataclasses import dataclass

PROFILES = ("full", "share")  # ``export --profile``; "share" leaves out private notes and tags


@dataclass(frozen=True)
class ExportOptions:
    """``share``: leave out private notes and private tags, and say so in the header.

    ``for_merge`` (JSON only): also write what ``casenotes merge`` needs — this store's id,
    record ``updated`` times and note ``uid``s, the versions each has had (``seen``), and
    deletions as tombstones. ``whole_store`` says the export holds every record, so
    deleted records can travel as tombstones too.
    """

    share: bool = False
    for_merge: bool = False
    whole_store: bool = False

    @property
    def profile(self) -> str:
        return "share" if self.share else "full"

    @classmethod
    def for_profile(cls, profile: str, *, for_merge: bool = False, whole_store: bool = False) -> ExportOptions:
        if profile not in PROFILES:
            raise ValueError(f"unknown export profile {profile!r} (use one of {', '.join(PROFILES)})")
        return cls(share=profile == "share", for_merge=for_merge, whole_store=whole_store)


@dataclass(frozen=True)
class Omitted:
    """What a share export left out."""

    private_notes: int = 0
    private_tags: int = 0

    def describe(self) -> str:
        """'2 private notes and 1 private tag were left out.'"""
        notes = f"{self.private_notes:,} private note" + ("" if self.private_notes == 1 else "s")
        tags = f"{self.private_tags:,} private tag" + ("" if self.private_tags == 1 else "s")
        return f"{notes} and {tags} were left out."

    def as_json(self) -> dict:
        return {"private_notes": self.private_notes, "private_tags": self.private_tags}
