"""Writing records and their notes as a format-v1 JSON document.

:func:`write_json` streams any number of records in bounded memory and writes exactly
the text :func:`dump_document` gives for :func:`export_document`'s dict, so exports can
be compared byte for byte. Both take :class:`ExportOptions`: a share export leaves out
private notes and tags and says so in its header; an export for merging carries the
store id, note uids, the versions each record and note has had, and tombstones.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import TextIO

from casenotes.store.batching import batches, marks
from casenotes.store.database import Store
from casenotes.store.interchange.anchor_json import BASELINE_SQL, anchor_to_json
from casenotes.store.interchange.document import FORMAT_NAME, FORMAT_VERSION
from casenotes.store.interchange.export_options import ExportOptions, Omitted
from casenotes.store.interchange.json_records import note_to_json, record_to_json
from casenotes.store.merging.hashing import DELETED, note_hash, record_hash
from casenotes.store.merging.history import EXPORTED, known_versions, remember_versions, store_id
from casenotes.store.models import Record
from casenotes.store.notes import tags_of_notes
from casenotes.store.privacy import private_counts, private_tag_names, without_private_tags
from casenotes.store.records import all_record_ids, get_records

_ITEM_INDENT = "    "  # items of the records and notes lists sit two levels deep
_NO_OPTIONS = ExportOptions()


def iter_records(store: Store, record_ids: Sequence[str], *, hidden_tags: Sequence[str] = ()) -> Iterator[Record]:
    """The live records among ``record_ids``, in that order, loaded a batch at a time.

    Tags named in ``hidden_tags`` (private tags, for a share export) are left out.
    """
    for batch in batches(record_ids):
        for record in get_records(store, batch):
            if hidden_tags:
                record.tags = without_private_tags(record.tags, hidden_tags)
            yield record


def iter_notes(store: Store, record_ids: Sequence[str], options: ExportOptions = _NO_OPTIONS) -> Iterator[dict]:
    """The live notes of these records, as format-v1 objects: by record, then oldest first."""
    return _JsonExport(store, options).notes(record_ids)


class _JsonExport:
    """The parts of one JSON export; versions written for merging are remembered by :meth:`finish`."""

    def __init__(self, store: Store, options: ExportOptions) -> None:
        self.store = store
        self.options = options
        wants_private = options.share or options.for_merge
        self.private_tags = private_tag_names(store) if wants_private else []
        self.exported_ids: list[str] = []
        self._record_versions: list[tuple[str, str]] = []
        self._note_versions: list[tuple[str, str]] = []

    def header(self, record_ids: Sequence[str]) -> list[tuple[str, object]]:
        members: list[tuple[str, object]] = [("format", FORMAT_NAME), ("version", FORMAT_VERSION)]
        if self.options.share:
            notes, tags = private_counts(self.store, record_ids)
            members += [("profile", "share"), ("omitted", Omitted(notes, tags).as_json())]
        if self.options.for_merge:
            members.append(("store_id", store_id(self.store)))
        return members

    # -- records ---------------------------------------------------------------------

    def records(self, record_ids: Sequence[str]) -> Iterator[dict]:
        # Private tags never travel for sharing, nor for merging (their privacy is this store's setting).
        hidden = self.private_tags if self.options.share or self.options.for_merge else ()
        for ids in batches(record_ids):
            batch = list(iter_records(self.store, ids, hidden_tags=hidden))
            seen = self._seen("record", [record.id for record in batch])
            for record in batch:
                self.exported_ids.append(record.id)
                item = record_to_json(record)
                if self.options.for_merge:
                    digest = record_hash(record, self.private_tags)
                    self._record_versions.append((record.id, digest))
                    item["updated"] = record.updated
                    if record.edited:
                        item["edited"] = True
                    item["seen"] = _newest_first(digest, seen.get(record.id, []))
                yield item
        if self.options.for_merge and self.options.whole_store:
            yield from self._record_tombstones()

    def _record_tombstones(self) -> Iterator[dict]:
        rows = self.store.db.conn.execute("SELECT id, updated FROM records WHERE deleted = 1 ORDER BY key").fetchall()
        for batch in batches(rows):
            seen = self._seen("record", [record_id for record_id, _ in batch])
            for record_id, updated in batch:
                self._record_versions.append((record_id, DELETED))
                yield {"id": record_id, "deleted": True, "updated": updated,
                       "seen": _newest_first(DELETED, seen.get(record_id, []))}

    # -- notes -----------------------------------------------------------------------

    def notes(self, record_ids: Sequence[str]) -> Iterator[dict]:
        for batch in batches(record_ids):
            shared_only = " AND n.private = 0" if self.options.share else ""
            rows = self.store.db.conn.execute(
                "SELECT n.id, n.pinned, n.record_id, n.body, n.created, n.updated, n.uid, n.private, "
                f"n.anchor_kind, n.anchor_label, n.anchor_country, {BASELINE_SQL} "
                f"FROM notes n JOIN records r ON r.id = n.record_id "
                f"WHERE n.deleted = 0{shared_only} AND n.record_id IN {marks(batch)} ORDER BY r.key, n.created, n.id",
                batch,
            ).fetchall()
            seen = self._seen("note", [row[6] for row in rows])
            note_tags = tags_of_notes(self.store, [row[0] for row in rows])
            for note_id, pinned, record_id, body, created, updated, uid, private, *anchor in rows:
                tags = note_tags.get(note_id, [])
                if self.options.share or self.options.for_merge:
                    tags = without_private_tags(tags, self.private_tags)
                item = note_to_json(record_id, body, created, updated, anchor=anchor_to_json(*anchor),
                                    pinned=bool(pinned), tags=tags)
                if self.options.for_merge:
                    digest = note_hash(record_id, body)
                    self._note_versions.append((uid, digest))
                    item["uid"] = uid
                    if private:
                        item["private"] = True
                    item["seen"] = _newest_first(digest, seen.get(uid, []))
                yield item
            if self.options.for_merge:
                yield from self._note_tombstones(batch)

    def _note_tombstones(self, record_ids: list[str]) -> Iterator[dict]:
        """Notes of these records in the trash or removed for good."""
        in_records = marks(record_ids)
        shared_only = " AND private = 0" if self.options.share else ""
        rows = self.store.db.conn.execute(
            f"SELECT uid, record_id, updated FROM notes WHERE deleted = 1{shared_only} AND record_id IN {in_records} "
            f"UNION ALL SELECT uid, record_id, deleted FROM note_tombstones WHERE record_id IN {in_records} "
            "ORDER BY 2, 3, 1",
            [*record_ids, *record_ids],
        ).fetchall()
        seen = self._seen("note", [row[0] for row in rows])
        for uid, record_id, updated in rows:
            self._note_versions.append((uid, DELETED))
            yield {"record_id": record_id, "uid": uid, "deleted": True, "updated": updated,
                   "seen": _newest_first(DELETED, seen.get(uid, []))}

    # -- bookkeeping -----------------------------------------------------------------

    def _seen(self, kind: str, item_ids: list[str]) -> dict[str, list[str]]:
        return known_versions(self.store, kind, item_ids) if self.options.for_merge else {}

    def finish(self) -> None:
        """Remember the versions this export shared, so a later merge knows the other side had them."""
        if self.options.for_merge:
            remember_versions(self.store, "record", self._record_versions, EXPORTED)
            remember_versions(self.store, "note", self._note_versions, EXPORTED)


def _newest_first(current: str, known: list[str]) -> list[str]:
    return [current, *(digest for digest in known if digest != current)]


def export_document(
    store: Store, record_ids: Iterable[str] | None = None, options: ExportOptions = _NO_OPTIONS,
) -> dict:
    """Everything (or the given records) with their notes, as a format-v1 document."""
    ids = list(record_ids) if record_ids is not None else all_record_ids(store)
    export = _JsonExport(store, options)
    document = dict(export.header(ids))
    document["records"] = list(export.records(ids))
    document["notes"] = list(export.notes(export.exported_ids))
    export.finish()
    return document


def dump_document(document: dict) -> str:
    """The exact text casenotes writes for a document (stable, so exports can be compared)."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _write_list(out: TextIO, key: str, items: Iterable[dict], *, last: bool) -> None:
    """Write ``"key": [...]`` as json.dumps(indent=2) lays it out two levels down."""
    empty = True
    for item in items:
        out.write(f'  "{key}": [\n' if empty else ",\n")
        text = json.dumps(item, ensure_ascii=False, indent=2)
        # json.dumps escapes newlines inside strings, so every line break is layout.
        out.write(_ITEM_INDENT + text.replace("\n", "\n" + _ITEM_INDENT))
        empty = False
    out.write(f'  "{key}": []' if empty else "\n  ]")
    out.write("\n" if last else ",\n")


def write_json(store: Store, record_ids: Sequence[str], out: TextIO, options: ExportOptions = _NO_OPTIONS) -> int:
    """Stream the records with these ids (and their notes) to ``out``; return how many."""
    export = _JsonExport(store, options)
    out.write("{\n")
    for key, value in export.header(record_ids):
        text = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        out.write(f"  {json.dumps(key)}: {text},\n")
    _write_list(out, "records", export.records(record_ids), last=False)
    _write_list(out, "notes", export.notes(export.exported_ids), last=True)
    out.write("}\n")
    export.finish()
    return len(export.exported_ids)
