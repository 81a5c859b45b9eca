"""Looking up existing records for a draft: candidates for related actions, and same-titled records."""

from __future__ import annotations

from casenotes.extract.matching import search_terms
from casenotes.extract.outline import EarlierAction
from casenotes.store.database import Store
from casenotes.store.listing import RecordFilter, filtered_keys, rows_for_keys
from casenotes.store.models import Record
from casenotes.store.records import get_records
from casenotes.store.search import search

_HITS_PER_TERM = 20
_MAX_BY_DATE = 200


def candidate_records(store: Store, actions: list[EarlierAction]) -> list[Record]:
    """Records that may be one of ``actions``: full-text hits on their names and words, and
    records dated within the same month (or year, for a bare year)."""
    ids: dict[str, None] = {}
    for action in actions:
        for term in search_terms(action):
            for hit in search(store, term, limit=_HITS_PER_TERM):
                if hit.type == "record":
                    ids.setdefault(hit.record_id)
        if action.date is not None:
            year = action.date.year
            keys = filtered_keys(store, RecordFilter(year_from=year, year_to=year), sort="date")
            prefix = action.date.iso()
            rows = rows_for_keys(store, keys[:5000])
            dated = [row.id for row in rows.values() if row.date and (row.date.startswith(prefix) or prefix.startswith(row.date))]
            for record_id in dated[:_MAX_BY_DATE]:
                ids.setdefault(record_id)
    return get_records(store, list(ids))


def records_titled(store: Store, title: str) -> list[Record]:
    """Live records whose title is ``title`` (ignoring case)."""
    hits = search(store, f'"{title}"', limit=10)
    found = get_records(store, list(dict.fromkeys(h.record_id for h in hits if h.type == "record")))
    return [record for record in found if record.title.casefold() == title.casefold()]
