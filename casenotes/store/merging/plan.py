"""Deciding a merge: for every record and note of the other store's file, add, take, keep or ask.

The decision for an item that both stores have in different versions (docs/merge.md):

- our version is among the versions the other store has had (its ``seen`` list): the
  other store moved on from it, only they changed it since → take theirs;
- their version is among the versions we have had (``merge_history``): we moved on from
  it → keep ours;
- neither (no common state is known): a record that only one side's user changed goes
  to that side (``edited``; a deletion counts as a change), one that neither changed
  goes to the newer, and a note — always a person's writing — is a conflict;
- both, or both changed: a conflict, for the user to resolve.

Planning reads only; :func:`casenotes.store.merging.apply.apply_merge` writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from casenotes.store.batching import batches, marks
from casenotes.store.database import Store
from casenotes.store.interchange.document import ImportFileError
from casenotes.store.merging.hashing import DELETED, note_hash, record_hash
from casenotes.store.merging.history import STORE_ID_KEY, known_versions
from casenotes.store.merging.remote import MergeFile, RemoteNote, RemoteRecord, read_merge_file
from casenotes.store.models import Record
from casenotes.store.privacy import private_tag_names
from casenotes.store.records import get_records

ADD, TAKE, CONFLICT = "add", "take", "conflict"
MINE, THEIRS, BOTH = "mine", "theirs", "both"  # how a conflict is resolved
RESOLUTIONS = (MINE, THEIRS, BOTH)


@dataclass
class LocalNote:
    id: int
    uid: str
    record_id: str
    body: str | None  # None: deleted (in the trash, or removed for good when ``id`` is 0)
    created: str
    updated: str

    @property
    def hash(self) -> str:
        return DELETED if self.body is None else note_hash(self.record_id, self.body)


@dataclass
class RecordStep:
    action: str  # ADD, TAKE or CONFLICT
    remote: RemoteRecord
    local: Record | None


@dataclass
class NoteStep:
    action: str
    remote: RemoteNote
    local: LocalNote | None


@dataclass
class Conflict:
    """Both stores changed this record or note since their last common state."""

    kind: str  # "record" or "note"
    key: str  # the record's id or the note's uid
    step: RecordStep | NoteStep

    @property
    def label(self) -> str:
        if isinstance(self.step, RecordStep):
            record = self.step.local or self.step.remote.record
            return f"record {self.key}" + (f" ({record.title})" if record is not None else "")
        return f"note on {self.step.remote.record_id}"


@dataclass
class MergePlan:
    """What merging a file would do; nothing has been written."""

    path: Path
    peer_store_id: str | None
    own_store_id: str | None  # None until this store first exports for merging or merges
    profile: str
    record_steps: list[RecordStep] = field(default_factory=list)
    note_steps: list[NoteStep] = field(default_factory=list)
    received_records: list[tuple[str, str]] = field(default_factory=list)  # (id, hash) of every record in the file
    received_notes: list[tuple[str, str]] = field(default_factory=list)
    unchanged_records: int = 0
    unchanged_notes: int = 0

    @property
    def conflicts(self) -> list[Conflict]:
        found = [Conflict("record", step.remote.id, step) for step in self.record_steps if step.action == CONFLICT]
        found += [Conflict("note", note_key(step.remote), step)
                  for step in self.note_steps if step.action == CONFLICT]
        return found

    def count(self, kind: str, action: str, *, deleted: bool | None = None) -> int:
        steps = self.record_steps if kind == "record" else self.note_steps
        return sum(1 for step in steps if step.action == action
                   and (deleted is None or step.remote.deleted == deleted))

    def describe(self) -> str:
        """'2 records to add, 1 to update, 1 to delete; 3 notes to add, …; 1 conflict'."""
        parts = []
        for kind in ("record", "note"):
            parts.append(
                f"{self.count(kind, ADD)} {kind}s to add, {self.count(kind, TAKE, deleted=False)} to update, "
                f"{self.count(kind, TAKE, deleted=True)} to delete"
            )
        conflicts = len(self.conflicts)
        return "; ".join(parts) + f"; {conflicts} conflict" + ("" if conflicts == 1 else "s")


def note_key(note: RemoteNote) -> str:
    """How a note conflict is named in resolutions: its uid (plain exports: its place in the file)."""
    return note.uid or f"#{note.position}"


def _decide(local: str, remote: str, remote_seen: set[str], local_known: set[str]) -> str | None:
    """TAKE, None (keep ours), CONFLICT, or "?" when no common state is known."""
    they_had_ours = local in remote_seen
    we_had_theirs = remote in local_known
    if they_had_ours and not we_had_theirs:
        return TAKE
    if we_had_theirs and not they_had_ours:
        return None
    if they_had_ours and we_had_theirs:
        return CONFLICT
    return "?"


def _record_without_history(local: Record, remote: RemoteRecord) -> str | None:
    local_changed = local.edited or local.deleted
    remote_changed = remote.edited or remote.deleted
    if local_changed and remote_changed:
        return CONFLICT
    if remote_changed:
        return TAKE
    if local_changed:
        return None
    return TAKE if (remote.updated or "") > (local.updated or "") else None


def _local_notes(store: Store, remote_notes: list[RemoteNote]) -> dict[int, LocalNote]:
    """Our copy of each remote note (by position in the file), live, trashed or removed for good."""
    conn = store.db.conn
    found: dict[int, LocalNote] = {}
    with_uid = [note for note in remote_notes if note.uid]
    for batch in batches(with_uid):
        uids = [note.uid for note in batch]
        rows = {row[1]: row for row in conn.execute(
            f"SELECT id, uid, record_id, body, created, updated, deleted FROM notes WHERE uid IN {marks(uids)}", uids
        )}
        gone = {row[0]: row for row in conn.execute(
            f"SELECT uid, record_id, deleted FROM note_tombstones WHERE uid IN {marks(uids)}", uids
        )}
        for note in batch:
            row = rows.get(note.uid)
            if row is not None:
                found[note.position] = LocalNote(row[0], row[1], row[2], None if row[6] else row[3], row[4], row[5])
            elif note.uid in gone:
                uid, record_id, deleted = gone[note.uid]
                found[note.position] = LocalNote(0, uid, record_id, None, deleted, deleted)
    taken: set[int] = set()
    for note in remote_notes:  # plain exports: the same note is the one on the same record, created at the same time
        if note.uid or note.deleted:
            continue
        row = conn.execute(
            "SELECT id, uid, record_id, body, created, updated, deleted FROM notes "
            "WHERE record_id = ? AND created = ? ORDER BY body = ? DESC, id",
            (note.record_id, note.created, note.body),
        ).fetchall()
        row = next((r for r in row if r[0] not in taken), None)
        if row is not None:
            taken.add(row[0])
            note.uid = row[1]
            found[note.position] = LocalNote(row[0], row[1], row[2], None if row[6] else row[3], row[4], row[5])
    return found


def plan_merge(store: Store, path: Path | str, *, merge_file: MergeFile | None = None) -> MergePlan:
    """Read ``path`` and decide, for each of its records and notes, what merging would do."""
    remote = merge_file or read_merge_file(path)
    plan = MergePlan(Path(path), remote.store_id, store.get_meta(STORE_ID_KEY), remote.profile)
    private_tags = private_tag_names(store)
    _plan_records(store, plan, remote.records, private_tags)
    _plan_notes(store, plan, remote.notes, {r.id for r in remote.records if not r.deleted})
    return plan


def _plan_records(store: Store, plan: MergePlan, records: list[RemoteRecord], private_tags: list[str]) -> None:
    for batch in batches(records):
        ids = [remote.id for remote in batch]
        local_records = {record.id: record for record in get_records(store, ids, include_deleted=True)}
        history = known_versions(store, "record", ids)
        for remote in batch:
            theirs = remote.hash(private_tags)
            plan.received_records.append((remote.id, theirs))
            local = local_records.get(remote.id)
            if local is None:
                if remote.deleted:
                    plan.unchanged_records += 1
                else:
                    plan.record_steps.append(RecordStep(ADD, remote, None))
                continue
            ours = DELETED if local.deleted else record_hash(local, private_tags)
            if ours == theirs:
                plan.unchanged_records += 1
                continue
            action = _decide(ours, theirs, {theirs, *remote.seen}, {ours, *history.get(remote.id, [])})
            if action == "?":
                action = _record_without_history(local, remote)
            if action is None:
                plan.unchanged_records += 1
            else:
                plan.record_steps.append(RecordStep(action, remote, local))


def _plan_notes(store: Store, plan: MergePlan, notes: list[RemoteNote], records_in_file: set[str]) -> None:
    local_notes = _local_notes(store, notes)
    conn = store.db.conn
    history = known_versions(store, "note", [note.uid for note in notes if note.uid])
    for remote in notes:
        theirs = remote.hash
        if remote.uid:
            plan.received_notes.append((remote.uid, theirs))
        local = local_notes.get(remote.position)
        if local is None:
            if remote.deleted:
                plan.unchanged_notes += 1
                continue
            if remote.record_id not in records_in_file and conn.execute(
                "SELECT 1 FROM records WHERE id = ?", (remote.record_id,)
            ).fetchone() is None:
                raise ImportFileError(
                    f"note #{remote.position}: record {remote.record_id!r} is neither in the file nor in the store"
                )
            plan.note_steps.append(NoteStep(ADD, remote, None))
            continue
        ours = local.hash
        if ours == theirs:
            plan.unchanged_notes += 1
            continue
        action = _decide(ours, theirs, {theirs, *remote.seen}, {ours, *history.get(local.uid, [])})
        if action == "?":
            action = CONFLICT
        if action is None:
            plan.unchanged_notes += 1
        else:
            plan.note_steps.append(NoteStep(action, remote, local))
