"""The bundled seed dataset: loaded into a new store, topped up when a newer one ships."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from casenotes.paths import resource_path
from casenotes.store.database import Store
from casenotes.store.interchange import Document, read_document
from casenotes.store.records import SaveOutcome, get_records, save_record

log = logging.getLogger(__name__)

SEED_RESOURCE = "seed/casenotes-seed.json"
SEED_VERSION_KEY = "seed_version"


@dataclass
class SeedResult:
    version: int
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # left alone: edited, deleted or not ours


def bundled_seed() -> Document:
    return read_document(resource_path(SEED_RESOURCE))


def seed_version_of(document: Document) -> int:
    version = document.header.get(SEED_VERSION_KEY, 1)
    return version if isinstance(version, int) and not isinstance(version, bool) else 1


def apply_seed(store: Store, document: Document) -> SeedResult | None:
    """Load the seed if this store has not seen this version of it; return what changed.

    Records the user created, edited or deleted are never touched. Seed records the
    user left alone are brought up to date; missing ones are added.
    """
    version = seed_version_of(document)
    stored = store.get_meta(SEED_VERSION_KEY)
    if stored is not None and int(stored) >= version:
        return None
    result = SeedResult(version)
    with store.transaction():
        existing = {r.id: r for r in get_records(store, [r.id for r in document.records], include_deleted=True)}
        for record in document.records:
            current = existing.get(record.id)
            if current is not None and (current.origin != "seed" or current.edited or current.deleted):
                result.kept.append(record.id)
                continue
            outcome = save_record(store, record, origin="seed")
            if outcome is SaveOutcome.ADDED:
                result.added.append(record.id)
            elif outcome is SaveOutcome.UPDATED:
                result.updated.append(record.id)
        store.db.conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (SEED_VERSION_KEY, str(version))
        )
    log.info("seed v%s: %d added, %d updated, %d kept", version, len(result.added), len(result.updated), len(result.kept))
    return result
