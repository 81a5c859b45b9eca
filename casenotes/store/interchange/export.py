"""Exporting records as JSON, CSV or a Markdown report: choosing them, writing them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from casenotes.store.batching import batches, marks
from casenotes.store.database import Store
from casenotes.store.dates import utc_now
from casenotes.store.errors import NotFound
from casenotes.store.interchange.atomic_file import atomic_text_file
from casenotes.store.interchange.csv_format import write_csv
from casenotes.store.interchange.export_options import ExportOptions, Omitted
from casenotes.store.interchange.json_export import iter_records, write_json
from casenotes.store.interchange.markdown_report import write_markdown
from casenotes.store.listing import RecordFilter, filtered_keys
from casenotes.store.privacy import private_counts, private_tag_names
from casenotes.store.records import all_record_ids

EXPORT_FORMATS = ("json", "csv", "markdown")
FILE_SUFFIXES = {"json": ".json", "csv": ".csv", "markdown": ".md"}


def _ids_for_keys(store: Store, keys: Sequence[int]) -> list[str]:
    ids: dict[int, str] = {}
    for batch in batches(keys):
        ids.update(store.db.conn.execute(
            f"SELECT key, id FROM records WHERE key IN {marks(batch)}", batch
        ).fetchall())
    return [ids[key] for key in keys if key in ids]


def _keys_for_ids(store: Store, record_ids: Sequence[str]) -> dict[str, int]:
    keys: dict[str, int] = {}
    for batch in batches(record_ids):
        keys.update(store.db.conn.execute(
            f"SELECT id, key FROM records WHERE deleted = 0 AND id IN {marks(batch)}", batch
        ).fetchall())
    return keys


def select_record_ids(
    store: Store, flt: RecordFilter | None = None, record_ids: Sequence[str] | None = None, *,
    chronological: bool = False,
) -> list[str]:
    """Ids of the live records to export: all, those passing ``flt``, and/or those listed.

    The order is the store's (the order records were added, which makes a JSON export
    round-trip exactly), or by date with ``chronological``. Raises :class:`NotFound` for
    a listed id that is not in the store.
    """
    allowed: set[int] | None = None
    if record_ids is not None:
        keys = _keys_for_ids(store, record_ids)
        unknown = [record_id for record_id in dict.fromkeys(record_ids) if record_id not in keys]
        if unknown:
            shown = ", ".join(repr(record_id) for record_id in unknown[:3]) + (" …" if len(unknown) > 3 else "")
            raise NotFound(f"no record with id {shown}")
        allowed = set(keys.values())
    if (flt is None or not flt.narrows()) and not chronological:
        if allowed is None:
            return all_record_ids(store)
        return _ids_for_keys(store, sorted(allowed))
    selected = filtered_keys(store, flt or RecordFilter(), sort="date")
    if not chronological:
        selected.sort()
    if allowed is not None:
        selected = [key for key in selected if key in allowed]
    return _ids_for_keys(store, selected)


def export_records(
    store: Store, record_ids: Sequence[str], file_format: str, out: TextIO, *, scope: str | None = None,
    options: ExportOptions = ExportOptions(),
) -> int:
    """Write these records in ``file_format`` (json, csv or markdown) to ``out``; return how many.

    With ``options.share`` private notes and private tags are left out, and the file
    says so first. ``options.for_merge`` is for JSON only.
    """
    if file_format not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {file_format!r} (use one of {', '.join(EXPORT_FORMATS)})")
    if options.for_merge and file_format != "json":
        raise ValueError("an export for merging is JSON only")
    if file_format == "json":
        return write_json(store, record_ids, out, options)
    omitted = Omitted(*private_counts(store, record_ids)) if options.share else None
    hidden_tags = private_tag_names(store) if options.share else ()
    if file_format == "csv":
        return write_csv(iter_records(store, record_ids, hidden_tags=hidden_tags), out,
                         comment=f"casenotes share export: {omitted.describe()}" if omitted else None)
    return write_markdown(store, record_ids, out, scope=scope, generated=utc_now(), omitted=omitted,
                          hidden_tags=hidden_tags)


def export_to_file(
    store: Store, record_ids: Sequence[str], file_format: str, path: Path, *, scope: str | None = None,
    options: ExportOptions = ExportOptions(),
) -> int:
    """Write the export to ``path`` atomically (never a half file), readable by the owner only."""
    with atomic_text_file(Path(path)) as out:
        return export_records(store, record_ids, file_format, out, scope=scope, options=options)
