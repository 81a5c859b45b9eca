"""What versions of each record and note this store has shared or received (merge_history)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

from casenotes.store.batching import batches, marks
from casenotes.store.database import Store
from casenotes.store.dates import utc_now

STORE_ID_KEY = "store_id"  # in meta
EXPORTED = "export"  # the source of a version this store wrote into an export for merging
SEEN_LIMIT = 20  # versions per item written into an export; older ones rarely matter


def remember_versions(store: Store, kind: str, versions: Iterable[tuple[str, str]], source: str) -> None:
    """Note that this store has had (item id, hash) — exported them or received them from ``source``."""
    now = utc_now()
    with store.transaction():
        store.db.conn.executemany(
            "INSERT INTO merge_history (kind, item_id, hash, source, noted) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (kind, item_id, hash) DO UPDATE SET noted = excluded.noted",
            [(kind, item_id, digest, source, now) for item_id, digest in versions],
        )


def known_versions(store: Store, kind: str, item_ids: Sequence[str]) -> dict[str, list[str]]:
    """item id -> hashes this store has had for it, newest first (at most :data:`SEEN_LIMIT` each)."""
    known: dict[str, list[str]] = {}
    for batch in batches(item_ids):
        for item_id, digest in store.db.conn.execute(
            f"SELECT item_id, hash FROM merge_history WHERE kind = ? AND item_id IN {marks(batch)} "
            "ORDER BY noted DESC, rowid DESC",
            [kind, *batch],
        ):
            versions = known.setdefault(item_id, [])
            if len(versions) < SEEN_LIMIT:
                versions.append(digest)
    return known


def store_id(store: Store) -> str:
    """This store's id, made the first time it is needed (a copy of the database file keeps it)."""
    with store.transaction():
        value = store.get_meta(STORE_ID_KEY)
        if value is None:
            value = uuid.uuid4().hex
            store.set_meta(STORE_ID_KEY, value)
    return value
