"""Importing a file or a document: all or nothing, idempotent by record id.

Every import runs in one transaction. A bad record, a bad note, a cancel from the
progress callback or any other error rolls it back, so the store is exactly as before.
A dry run does the whole import and then rolls it back, so what it reports is what a
real import would do.
"""

from __future__ import annotations

import contextlib
import gc
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from casenotes.store.backup import BEFORE_IMPORT, backup_now
from casenotes.store.database import Store
from casenotes.store.errors import SaveFailed, StoreError
from casenotes.store.interchange.bulk_writer import (
    BATCH_SIZE, BulkRecordWriter, Merge, deferred_indexing, larger_index_buffer, rebuilt_indexes,
)
from casenotes.store.interchange.csv_format import CsvImportFile
from casenotes.store.interchange.document import (
    Document, ImportedNote, ImportFileError, ImportSummary, Progress,
)
from casenotes.store.interchange.file_input import check_importable, sniff_format
from casenotes.store.interchange.json_records import is_tombstone, note_from_json, record_from_json
from casenotes.store.interchange.json_stream import JsonImportFile
from casenotes.store.interchange.note_import import NoteImporter
from casenotes.store.models import Record
from casenotes.store.records import SaveOutcome

FORMATS = ("json", "csv")
_NOTE_PROGRESS_EVERY = 200
# A larger page cache while importing keeps the indexes of big tables in memory
# (KiB, as a negative cache_size); the connection's own setting is restored afterwards.
_IMPORT_CACHE_KIB = 256 * 1024
# From this many records on, an import into a store holding no more records than that
# builds the secondary indexes afresh at its end instead of row by row (rebuilt_indexes).
_REBUILD_INDEXES_FROM = 10_000
# A file's bytes per record, to guess from its size how many records it holds (JSON
# exports run 700-1,500 bytes a record; a low guess only means the indexes stay).
_BYTES_PER_RECORD = 1000


class _RollBack(Exception):
    """Raised to end a dry run's transaction without keeping anything."""


def import_file(
    store: Store, path: Path | str, *, dry_run: bool = False, progress: Progress | None = None,
    origin: str = "import", file_format: str | None = None,
) -> ImportSummary:
    """Import a format-v1 JSON or a CSV file (chosen by extension, else by content).

    Large files are streamed: memory stays bounded whatever the file's size.
    ``progress(done, total)`` reports bytes of the file read; raising
    :class:`ImportCancelled` from it rolls everything back. Raises
    :class:`ImportFileError` with a one-line message for any problem in the file.
    A store kept in a file is backed up first (not for a dry run); if that backup
    cannot be made, nothing is imported.
    """
    path = Path(path)
    check_importable(path)
    chosen = file_format or sniff_format(path)
    if chosen not in FORMATS:
        raise ImportFileError(f"unknown import format {chosen!r} (use json or csv)")
    if not dry_run and store.path is not None:
        backup_now(store, BEFORE_IMPORT)
    if chosen == "json":
        source = JsonImportFile(path)
        source.check_header()
        records = _json_records(source.records())
        notes = _json_notes(source.notes())
        merge = None
    else:
        source = CsvImportFile(path)
        source.check_header()
        records = source.records()
        notes = iter(())
        merge = source.merge

    def report() -> None:
        if progress is not None:
            progress(source.bytes_read, source.size)

    return _run_import(
        store, records, notes, origin=origin, dry_run=dry_run, merge=merge,
        on_batch=report, on_note=None, expected_records=source.size // _BYTES_PER_RECORD,
    )


def import_document(
    store: Store, document: Document, *, origin: str = "import", progress: Progress | None = None,
    dry_run: bool = False,
) -> ImportSummary:
    """Add or update every record and note of an in-memory ``document`` in one transaction.

    ``progress(done, total)`` counts records and notes written.
    """
    counter = _WriteCounter(len(document.records), len(document.records) + len(document.notes), progress)
    return _run_import(
        store, enumerate(document.records, start=1), enumerate(document.notes, start=1),
        origin=origin, dry_run=dry_run, merge=None, on_batch=counter.batch_written, on_note=counter.note_written,
        expected_records=len(document.records),
    )


class _WriteCounter:
    """Progress for an in-memory document: records and notes written out of all of them."""

    def __init__(self, records: int, total: int, progress: Progress | None) -> None:
        self._records, self._total, self._progress = records, total, progress
        self._done = 0

    def batch_written(self) -> None:
        self._done = min(self._done + BATCH_SIZE, self._records)
        if self._progress is not None:
            self._progress(self._done, self._total)

    def note_written(self) -> None:
        self._done += 1
        if self._progress is not None and (self._done % _NOTE_PROGRESS_EVERY == 0 or self._done == self._total):
            self._progress(self._done, self._total)


def _json_records(items: Iterable[object]) -> Iterator[tuple[int, Record]]:
    for position, raw in enumerate(items, start=1):
        if not is_tombstone(raw):  # deletions are for `casenotes merge`; an import never deletes
            yield position, record_from_json(raw, position)


def _json_notes(items: Iterable[object]) -> Iterator[tuple[int, ImportedNote]]:
    for position, raw in enumerate(items, start=1):
        if not is_tombstone(raw):
            yield position, note_from_json(raw, position)


def _run_import(
    store: Store, records: Iterable[tuple[int, Record]], notes: Iterable[tuple[int, ImportedNote]], *,
    origin: str, dry_run: bool, merge: Merge | None, on_batch: Callable[[], None],
    on_note: Callable[[], None] | None, expected_records: int,
) -> ImportSummary:
    summary = ImportSummary(dry_run=dry_run)
    positions: dict[str, int] = {}  # id -> position in the file: finds duplicates, checks notes
    conn = store.db.conn
    cache_size = conn.execute("PRAGMA cache_size").fetchone()[0]
    foreign_keys = conn.execute("PRAGMA foreign_keys").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = -{_IMPORT_CACHE_KIB}")
    # The writer only links rows that exist (records first, names and sources looked up
    # or created), so per-row foreign-key checks would only repeat that work. The pragma
    # is a no-op inside a caller's transaction, where the checks simply stay on.
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        with (_collector_paused(), store.transaction(), larger_index_buffer(store),
              _indexes_for(store, expected_records)):
            with deferred_indexing(store):
                writer = BulkRecordWriter(store, origin=origin)
                batch: list[Record] = []
                for position, record in records:
                    first = positions.setdefault(record.id, position)
                    if first != position:
                        raise ImportFileError(
                            f"record #{position} (id {record.id!r}): duplicate id, already used by record #{first}"
                        )
                    batch.append(record)
                    if len(batch) == BATCH_SIZE:
                        _write(writer, batch, merge, summary)
                        batch.clear()
                        on_batch()
                if batch:
                    _write(writer, batch, merge, summary)
                    on_batch()
            with NoteImporter(store, positions, summary).bulk() as importer:
                for position, note in notes:
                    importer.add(note, position)
                    if on_note is not None:
                        on_note()
            if dry_run:
                raise _RollBack
    except _RollBack:
        pass
    except SaveFailed as error:  # busy, disk full, read-only: all rolled back
        raise type(error)(f"{error}; nothing was imported") from None
    except sqlite3.OperationalError as error:  # an I/O error the store did not name: all rolled back
        raise StoreError(f"cannot write to the store ({error}); nothing was imported") from None
    finally:
        conn.execute(f"PRAGMA cache_size = {cache_size}")
        conn.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
    return summary


def _indexes_for(store: Store, expected_records: int) -> contextlib.AbstractContextManager[None]:
    """Secondary indexes rebuilt at the end for a large import into a store that holds fewer records."""
    if expected_records < _REBUILD_INDEXES_FROM:
        return contextlib.nullcontext()
    stored = store.db.conn.execute("SELECT ifnull(max(key), 0) FROM records").fetchone()[0]
    return rebuilt_indexes(store) if stored <= expected_records else contextlib.nullcontext()


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Keep Python's cyclic garbage collector from running while records stream through.

    An import allocates millions of short-lived containers (parsed objects, records,
    rows), which set off collections that found nothing to free and cost ~5% of a big
    import. The import makes no reference cycles; the collector runs again afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _write(writer: BulkRecordWriter, batch: list[Record], merge: Merge | None, summary: ImportSummary) -> None:
    lists = {SaveOutcome.ADDED: summary.added, SaveOutcome.UPDATED: summary.updated,
             SaveOutcome.UNCHANGED: summary.unchanged}
    for record, outcome in zip(batch, writer.write_batch(batch, merge)):
        lists[outcome].append(record.id)
