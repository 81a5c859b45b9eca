"""Carrying out a merge: all or nothing, after a backup.

Conflicts are resolved as the caller says — keep ours (:data:`MINE`), take theirs
(:data:`THEIRS`) or keep both (:data:`BOTH`): both versions stay, each tagged
:data:`CONFLICT_TAG`; for a record, theirs becomes a copy with its own id
(``ID~conflict-PEER``) related to ours. Nothing is lost either way: replaced note texts
are kept as versions, notes deleted by the other store go to the trash, and the store
was backed up before.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from casenotes.store.backup import backup_now
from casenotes.store.database import Store
from casenotes.store.dates import utc_now
from casenotes.store.interchange.bulk_writer import BATCH_SIZE, BulkRecordWriter, deferred_indexing
from casenotes.store.merging.history import remember_versions
from casenotes.store.merging.plan import (
    ADD, BOTH, CONFLICT, MINE, RESOLUTIONS, TAKE, THEIRS, MergePlan, NoteStep, RecordStep, note_key, plan_merge,
)
from casenotes.store.merging.remote import MergeFile, read_merge_file
from casenotes.store.models import Record, Relation
from casenotes.store.notes import add_pin_and_tags
from casenotes.store.privacy import private_tag_names
from casenotes.store.records import tag_id
from casenotes.store.validation import validate_record

BEFORE_MERGE = "before-merge"  # the reason in the name of the backup made first
CONFLICT_TAG = "conflict"
UNKNOWN_PEER = "unknown"  # the source of versions from a plain export, which names no store
_MAX_ID = 200
_MAX_TITLE = 1000

Resolutions = Mapping[tuple[str, str], str]  # (kind, key) of a conflict -> MINE, THEIRS or BOTH


@dataclass
class MergeSummary:
    """What a merge did."""

    file: str
    peer_store_id: str | None
    records_added: int = 0
    records_updated: int = 0
    records_deleted: int = 0
    notes_added: int = 0
    notes_updated: int = 0
    notes_deleted: int = 0
    kept_mine: list[str] = field(default_factory=list)  # conflicts, by label
    took_theirs: list[str] = field(default_factory=list)
    kept_both: list[str] = field(default_factory=list)
    backup: str | None = None

    @property
    def changed(self) -> bool:
        return any((self.records_added, self.records_updated, self.records_deleted, self.notes_added,
                    self.notes_updated, self.notes_deleted, self.kept_both))

    def describe(self) -> str:
        """One line: '2 records added, 1 updated, 0 deleted; 1 note added, 0 updated, 0 deleted; 1 conflict …'."""
        text = (f"{self.records_added} records added, {self.records_updated} updated, {self.records_deleted} deleted; "
                f"{self.notes_added} notes added, {self.notes_updated} updated, {self.notes_deleted} deleted")
        conflicts = len(self.kept_mine) + len(self.took_theirs) + len(self.kept_both)
        if conflicts:
            text += (f"; {conflicts} conflict{'s' if conflicts != 1 else ''}: {len(self.kept_mine)} kept ours, "
                     f"{len(self.took_theirs)} took theirs, {len(self.kept_both)} kept both (tagged "
                     f"'{CONFLICT_TAG}')")
        return text

    def counts(self) -> dict:
        data = dataclasses.asdict(self)
        for key in ("kept_mine", "took_theirs", "kept_both"):
            data[key] = len(data[key])
        return {key: value for key, value in data.items() if isinstance(value, int)}


def conflict_copy_id(record_id: str, peer_store_id: str | None) -> str:
    """The id their version of a conflicting record gets when both are kept."""
    suffix = f"~conflict-{(peer_store_id or UNKNOWN_PEER)[:8]}"
    return record_id[:_MAX_ID - len(suffix)] + suffix


def apply_merge(
    store: Store, source: Path | str | MergeFile, resolutions: Resolutions | None = None, *, default: str = BOTH,
) -> MergeSummary:
    """Merge another store's export into ``store`` in one transaction; return what changed.

    The store (if kept in a file) is backed up first; if that fails, nothing is merged.
    The plan is made again inside the transaction, so it fits the store as it is now.
    A conflict missing from ``resolutions`` is resolved by ``default``.
    """
    if default not in RESOLUTIONS or any(choice not in RESOLUTIONS for choice in (resolutions or {}).values()):
        raise ValueError(f"a conflict is resolved with one of {', '.join(RESOLUTIONS)}")
    remote = source if isinstance(source, MergeFile) else read_merge_file(source)
    summary = MergeSummary(str(remote.path), remote.store_id)
    if store.path is not None:
        summary.backup = str(backup_now(store, BEFORE_MERGE))
    with store.transaction():
        plan = plan_merge(store, remote.path, merge_file=remote)
        choices = {(c.kind, c.key): (resolutions or {}).get((c.kind, c.key), default) for c in plan.conflicts}
        _Merger(store, plan, choices, summary).run()
    return summary


class _Merger:
    def __init__(self, store: Store, plan: MergePlan, choices: dict[tuple[str, str], str],
                 summary: MergeSummary) -> None:
        self.store = store
        self.conn = store.db.conn
        self.plan = plan
        self.choices = choices
        self.summary = summary
        self.now = utc_now()
        self.private_tags = private_tag_names(store)

    def run(self) -> None:
        self._records()
        self._notes()
        peer = self.plan.peer_store_id or UNKNOWN_PEER
        remember_versions(self.store, "record", self.plan.received_records, peer)
        remember_versions(self.store, "note", self.plan.received_notes, peer)
        self.conn.execute(
            "INSERT INTO merges (peer_store_id, file, merged, summary) VALUES (?, ?, ?, ?)",
            (self.plan.peer_store_id, str(self.plan.path), self.now, json.dumps(self.summary.counts())),
        )

    def _choice(self, kind: str, key: str, label: str) -> str:
        choice = self.choices[(kind, key)]
        {MINE: self.summary.kept_mine, THEIRS: self.summary.took_theirs, BOTH: self.summary.kept_both}[choice].append(
            label)
        return choice

    # -- records ---------------------------------------------------------------------

    def _records(self) -> None:
        writes: list[tuple[Record, bool]] = []  # (record to save, mark it edited)
        deletions: list[str] = []
        for step in self.plan.record_steps:
            action = step.action
            if action == CONFLICT:
                choice = self._choice("record", step.remote.id, f"record {step.remote.id}")
                if choice == MINE:
                    continue
                if choice == BOTH:
                    writes += self._keep_both(step)
                    continue
                action = TAKE
            if step.remote.deleted:
                deletions.append(step.remote.id)
                continue
            writes.append((self._theirs_keeping_our_private_tags(step), step.remote.edited))
            if action == ADD:
                self.summary.records_added += 1
            else:
                self.summary.records_updated += 1
        if writes:
            with deferred_indexing(self.store):
                writer = BulkRecordWriter(self.store, origin="import")
                for start in range(0, len(writes), BATCH_SIZE):
                    writer.write_batch([record for record, _ in writes[start:start + BATCH_SIZE]])
            self.conn.executemany("UPDATE records SET edited = 1 WHERE id = ?",
                                  [(record.id,) for record, edited in writes if edited])
        for record_id in deletions:
            self.summary.records_deleted += self.conn.execute(
                "UPDATE records SET deleted = 1, updated = ? WHERE id = ? AND deleted = 0", (self.now, record_id)
            ).rowcount

    def _theirs_keeping_our_private_tags(self, step: RecordStep) -> Record:
        record = step.remote.record
        if step.local is None or not self.private_tags:
            return record
        hidden = {tag.casefold() for tag in self.private_tags}
        ours = [tag for tag in step.local.tags if tag.casefold() in hidden]
        known = {tag.casefold() for tag in record.tags}
        return dataclasses.replace(record, tags=record.tags + [tag for tag in ours if tag.casefold() not in known])

    def _keep_both(self, step: RecordStep) -> list[tuple[Record, bool]]:
        """Ours tagged as a conflict; theirs as a related copy, tagged too."""
        writes = []
        local, theirs = step.local, step.remote.record
        if local is not None and not local.deleted:
            writes.append((dataclasses.replace(local, tags=_with_tag(local.tags)), True))
        if theirs is not None:
            copy = dataclasses.replace(
                theirs, id=conflict_copy_id(theirs.id, self.plan.peer_store_id),
                title=(theirs.title + " (conflicting version)")[:_MAX_TITLE], tags=_with_tag(theirs.tags),
                related=[*theirs.related, Relation(theirs.id, "related")],
            )
            writes.append((validate_record(copy), True))
            self.summary.records_added += 1
        return writes

    # -- notes -----------------------------------------------------------------------

    def _notes(self) -> None:
        for step in self.plan.note_steps:
            action = step.action
            if action == CONFLICT:
                choice = self._choice("note", note_key(step.remote), f"note on {step.remote.record_id}")
                if choice == MINE:
                    continue
                if choice == BOTH:
                    self._keep_both_notes(step)
                    continue
                action = TAKE
            if action == ADD:
                self._insert_note(step.remote.uid, step)
                self.summary.notes_added += 1
            elif step.remote.deleted:
                self.summary.notes_deleted += self.conn.execute(
                    "UPDATE notes SET deleted = 1, updated = ? WHERE id = ? AND deleted = 0", (self.now, step.local.id)
                ).rowcount
            else:
                self._take_note(step)
                self.summary.notes_updated += 1

    def _insert_note(self, uid: str | None, step: NoteStep) -> int:
        remote = step.remote
        uid = uid or str(uuid.uuid4())
        self.conn.execute("DELETE FROM note_tombstones WHERE uid = ?", (uid,))
        created = remote.created or self.now
        note_id = self.conn.execute(
            "INSERT INTO notes (uid, record_id, body, created, updated, private) VALUES (?, ?, ?, ?, ?, ?)",
            (uid, remote.record_id, remote.body, created, remote.updated or created, int(remote.private)),
        ).lastrowid
        add_pin_and_tags(self.store, note_id, remote.pinned, remote.tags)
        return note_id

    def _take_note(self, step: NoteStep) -> None:
        remote, local = step.remote, step.local
        if local.id == 0:  # removed for good here: it comes back
            self._insert_note(local.uid, step)
            return
        self.conn.execute(
            "UPDATE notes SET body = ?, record_id = ?, updated = ?, deleted = 0 WHERE id = ?",
            (remote.body, remote.record_id, remote.updated or self.now, local.id),
        )
        add_pin_and_tags(self.store, local.id, remote.pinned, remote.tags)

    def _keep_both_notes(self, step: NoteStep) -> None:
        local, remote = step.local, step.remote
        conflict = tag_id(self.store, CONFLICT_TAG)
        if local.body is not None:
            self.conn.execute("INSERT OR IGNORE INTO note_tags (note_id, tag_id) VALUES (?, ?)", (local.id, conflict))
        if remote.body is not None:
            note_id = self._insert_note(None, step)
            self.conn.execute("INSERT OR IGNORE INTO note_tags (note_id, tag_id) VALUES (?, ?)", (note_id, conflict))
            self.summary.notes_added += 1


def _with_tag(tags: list[str]) -> list[str]:
    return tags if any(tag.casefold() == CONFLICT_TAG for tag in tags) else [*tags, CONFLICT_TAG]
