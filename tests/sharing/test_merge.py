"""Merging another person's export: three-way decisions, tombstones, conflicts, all or nothing."""

import json

import pytest

from casenotes.store import Store
from casenotes.store.backup import list_backups
from casenotes.store.interchange import ImportFileError, import_file
from casenotes.store.interchange.export_options import ExportOptions
from casenotes.store.merging.apply import BOTH, CONFLICT_TAG, MINE, THEIRS, apply_merge, conflict_copy_id
from casenotes.store.merging.plan import ADD, TAKE, plan_merge
from casenotes.store.notes import add_note, empty_trash, get_note, notes_for_record, save_note_body, trash_note
from casenotes.store.privacy import set_note_private, set_tag_private
from casenotes.store.records import all_record_ids, delete_record, get_record, record_exists, set_record_tags
from tests.conftest import store_dump
from tests.sharing.conftest import FOR_MERGE, edit_summary, export_for_merge


def _note(store, record_id, body):
    return next(note for note in notes_for_record(store, record_id) if note.body == body)


def test_merge_of_two_diverged_stores_with_one_conflict_resolved(alice, bob, tmp_path):
    """The issue's done-when, through the store API."""
    apply_merge(bob, export_for_merge(alice, tmp_path / "a0.json"))  # a first exchange: common state
    note = add_note(alice, "operation-disruptor", "Alice: ask Europol about Austria")
    edit_summary(alice, "operation-hyperion", "Alice's summary of Hyperion")
    edit_summary(alice, "operation-onymous", "Only Alice changed Onymous")
    edit_summary(bob, "operation-hyperion", "Bob's summary of Hyperion")
    delete_record(bob, "uk-stresser-guilty-plea")
    add_note(bob, "silk-road-2-takedown", "Bob's note on Silk Road 2.0")

    plan = plan_merge(alice, export_for_merge(bob, tmp_path / "b1.json"))
    assert [(c.kind, c.key) for c in plan.conflicts] == [("record", "operation-hyperion")]
    assert plan.count("record", TAKE, deleted=True) == 1 and plan.count("note", ADD) == 1
    summary = apply_merge(alice, tmp_path / "b1.json", {("record", "operation-hyperion"): THEIRS})

    assert get_record(alice, "operation-hyperion").summary == "Bob's summary of Hyperion"
    assert get_record(alice, "operation-onymous").summary == "Only Alice changed Onymous"
    assert not record_exists(alice, "uk-stresser-guilty-plea")
    assert _note(alice, "silk-road-2-takedown", "Bob's note on Silk Road 2.0")
    assert get_note(alice, note.id).body == "Alice: ask Europol about Austria"
    assert summary.took_theirs == ["record operation-hyperion"] and summary.records_deleted == 1

    # Back the other way, nothing conflicts: Bob gets what only Alice changed.
    plan = plan_merge(bob, export_for_merge(alice, tmp_path / "a1.json"))
    assert plan.conflicts == []
    apply_merge(bob, tmp_path / "a1.json")
    assert get_record(bob, "operation-onymous").summary == "Only Alice changed Onymous"
    assert _note(bob, "operation-disruptor", "Alice: ask Europol about Austria")
    # Now both agree: merging again changes nothing either way.
    assert plan_merge(alice, export_for_merge(bob, tmp_path / "b2.json")).describe().startswith(
        "0 records to add, 0 to update, 0 to delete; 0 notes to add, 0 to update, 0 to delete; 0 conflicts")


def test_notes_a_merge_adds_or_takes_bring_their_pin_and_tags_and_ours_stay(alice, bob, tmp_path):
    from casenotes.store.notes import set_note_tags, set_pinned, tags_of_notes

    apply_merge(bob, export_for_merge(alice, tmp_path / "a0.json"))
    shared = add_note(alice, "operation-hyperion", "Draft")
    apply_merge(bob, export_for_merge(alice, tmp_path / "a1.json"))
    added = add_note(alice, "operation-disruptor", "Alice's lead")
    set_pinned(alice, added.id, True)
    set_note_tags(alice, added.id, ["lead", "austria"])
    save_note_body(alice, shared.id, "Final")
    set_note_tags(alice, shared.id, ["checked"])
    ours = _note(bob, "operation-hyperion", "Draft")
    set_note_tags(bob, ours.id, ["bobs-own"])

    apply_merge(bob, export_for_merge(alice, tmp_path / "a2.json"))
    lead = _note(bob, "operation-disruptor", "Alice's lead")
    assert lead.pinned and tags_of_notes(bob, [lead.id])[lead.id] == ["austria", "lead"]
    taken = get_note(bob, ours.id)
    assert taken.body == "Final" and tags_of_notes(bob, [ours.id])[ours.id] == ["bobs-own", "checked"]


def test_a_record_edited_on_one_side_only_wins_on_first_contact(alice, bob, tmp_path):
    """Both started from the seed and never merged: an edit of a seed record is taken, not a conflict."""
    edit_summary(bob, "operation-onymous", "Bob's reading of Onymous")
    plan = plan_merge(alice, export_for_merge(bob, tmp_path / "b.json"))
    assert plan.conflicts == [] and plan.count("record", TAKE) == 1
    apply_merge(alice, tmp_path / "b.json")
    assert get_record(alice, "operation-onymous").summary == "Bob's reading of Onymous"
    assert get_record(alice, "operation-onymous").edited  # a person's edit: seed updates leave it alone


def test_when_only_we_changed_a_record_since_the_last_merge_ours_is_kept(alice, bob, tmp_path):
    apply_merge(bob, export_for_merge(alice, tmp_path / "a.json"))
    edit_summary(alice, "operation-onymous", "Alice moved on")
    apply_merge(alice, export_for_merge(bob, tmp_path / "b.json"))
    assert get_record(alice, "operation-onymous").summary == "Alice moved on"


def test_a_note_changed_on_one_side_takes_that_text_and_keeps_the_old_one_as_a_version(alice, bob, tmp_path):
    note = add_note(alice, "operation-disruptor", "first text")
    apply_merge(bob, export_for_merge(alice, tmp_path / "a.json"))
    theirs = _note(bob, "operation-disruptor", "first text")
    assert theirs.uid == note.uid
    save_note_body(bob, theirs.id, "second text, by Bob")
    apply_merge(alice, export_for_merge(bob, tmp_path / "b.json"))
    assert get_note(alice, note.id).body == "second text, by Bob"
    from casenotes.store.notes import note_versions
    assert [v.body for v in note_versions(alice, note.id)] == ["first text"]


def test_note_deletions_travel_as_tombstones_to_the_trash(alice, bob, tmp_path):
    kept = add_note(alice, "operation-disruptor", "to be trashed")
    gone = add_note(alice, "operation-disruptor", "to be removed for good")
    apply_merge(bob, export_for_merge(alice, tmp_path / "a.json"))
    trash_note(alice, kept.id)
    trash_note(alice, gone.id)
    empty_trash(alice)  # leaves only a tombstone
    apply_merge(bob, export_for_merge(alice, tmp_path / "a2.json"))
    assert [n.body for n in notes_for_record(bob, "operation-disruptor")] == []
    trashed = {n.body for n in notes_for_record(bob, "operation-disruptor", include_deleted=True) if n.deleted}
    assert trashed == {"to be trashed", "to be removed for good"}  # recoverable from Bob's trash


def test_a_record_deleted_here_and_unchanged_there_stays_deleted(alice, bob, tmp_path):
    apply_merge(bob, export_for_merge(alice, tmp_path / "a.json"))
    delete_record(alice, "operation-onymous")
    apply_merge(alice, export_for_merge(bob, tmp_path / "b.json"))
    assert not record_exists(alice, "operation-onymous")


def test_keeping_both_versions_tags_them_and_does_not_ask_again(alice, bob, tmp_path):
    apply_merge(bob, export_for_merge(alice, tmp_path / "a.json"))
    note = add_note(alice, "operation-disruptor", "shared start")
    apply_merge(bob, export_for_merge(alice, tmp_path / "a1.json"))
    save_note_body(alice, note.id, "Alice's ending")
    save_note_body(bob, _note(bob, "operation-disruptor", "shared start").id, "Bob's ending")
    edit_summary(alice, "operation-hyperion", "Alice's Hyperion")
    edit_summary(bob, "operation-hyperion", "Bob's Hyperion")

    path = export_for_merge(bob, tmp_path / "b.json")
    summary = apply_merge(alice, path, default=BOTH)
    assert len(summary.kept_both) == 2
    ours = get_record(alice, "operation-hyperion")
    copy = get_record(alice, conflict_copy_id("operation-hyperion", json.loads(path.read_text())["store_id"]))
    assert ours.summary == "Alice's Hyperion" and CONFLICT_TAG in ours.tags
    assert copy.summary == "Bob's Hyperion" and CONFLICT_TAG in copy.tags
    assert ("operation-hyperion", "related") in [(r.id, r.relation) for r in copy.related]
    bodies = {n.body: n for n in notes_for_record(alice, "operation-disruptor")}
    assert set(bodies) >= {"Alice's ending", "Bob's ending"}
    assert all(CONFLICT_TAG in get_note(alice, bodies[b].id).tags for b in ("Alice's ending", "Bob's ending"))
    assert plan_merge(alice, path).conflicts == []  # the same file again: already decided


def test_keep_mine_leaves_ours_and_the_other_side_then_takes_it(alice, bob, tmp_path):
    apply_merge(bob, export_for_merge(alice, tmp_path / "a.json"))
    edit_summary(alice, "operation-hyperion", "Alice's Hyperion")
    edit_summary(bob, "operation-hyperion", "Bob's Hyperion")
    apply_merge(alice, export_for_merge(bob, tmp_path / "b.json"), default=MINE)
    assert get_record(alice, "operation-hyperion").summary == "Alice's Hyperion"
    plan = plan_merge(bob, export_for_merge(alice, tmp_path / "a2.json"))
    assert plan.conflicts == [] and plan.count("record", TAKE) == 1  # Alice decided having seen Bob's


def test_taking_theirs_keeps_our_private_tags_and_private_tags_never_travel(alice, bob, tmp_path):
    record = get_record(alice, "operation-hyperion")
    set_record_tags(alice, "operation-hyperion", [*record.tags, "my-lead"])
    set_tag_private(alice, "my-lead", True)
    path = export_for_merge(alice, tmp_path / "a.json")
    assert "my-lead" not in path.read_text()
    apply_merge(bob, path)
    edit_summary(bob, "operation-hyperion", "Bob's Hyperion")
    apply_merge(alice, export_for_merge(bob, tmp_path / "b.json"))
    merged = get_record(alice, "operation-hyperion")
    assert merged.summary == "Bob's Hyperion" and "my-lead" in merged.tags


def test_private_notes_travel_private_in_a_full_export_and_not_at_all_in_a_shared_one(alice, bob, tmp_path):
    secret = add_note(alice, "operation-disruptor", "secret lead")
    set_note_private(alice, secret.id, True)
    shared = export_for_merge(alice, tmp_path / "shared.json", ExportOptions(share=True, for_merge=True))
    assert "secret lead" not in shared.read_text()
    apply_merge(bob, shared)
    assert notes_for_record(bob, "operation-disruptor") == []
    apply_merge(bob, export_for_merge(alice, tmp_path / "full.json"))
    from casenotes.store.privacy import is_note_private
    assert is_note_private(bob, _note(bob, "operation-disruptor", "secret lead").id)
    # A later shared export from Alice does not delete the private note Bob now has.
    apply_merge(bob, export_for_merge(alice, tmp_path / "shared2.json", ExportOptions(share=True, for_merge=True)))
    assert _note(bob, "operation-disruptor", "secret lead")


def test_merge_is_backed_up_first_and_all_or_nothing(alice, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"format": "casenotes", "version": 1, "store_id": "a" * 32, "records": [
        {"id": "brand-new", "title": "New", "kind": "raid"}],
        "notes": [{"record_id": "nowhere", "uid": "u1", "body": "orphan"}]}), encoding="utf-8")
    before = store_dump(alice.path)
    with pytest.raises(ImportFileError, match="note #1: record 'nowhere' is neither in the file nor in the store"):
        apply_merge(alice, path)
    assert store_dump(alice.path) == before
    good = tmp_path / "good.json"
    good.write_text(path.read_text().replace('"nowhere"', '"brand-new"'), encoding="utf-8")
    summary = apply_merge(alice, good)
    assert summary.records_added == 1 and summary.notes_added == 1
    backups = list_backups(alice.path.parent)
    assert {b.reason for b in backups} == {"before-merge"} and summary.backup == str(backups[0].path)


@pytest.mark.parametrize(("content", "message"), [
    ("not json", "is not valid JSON"),
    (json.dumps({"format": "casenotes", "version": 2}), "newer than this app reads"),
    (json.dumps({"format": "casenotes", "version": 1, "records": [{"id": "x", "deleted": "yes"}]}), "record #1"),
    (json.dumps({"format": "casenotes", "version": 1, "records": [{"id": "x", "title": "t", "kind": "raid",
                                                                  "seen": "abc"}]}), "record #1"),
])
def test_a_bad_merge_file_is_refused_with_one_line(alice, tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFileError, match=message) as error:
        plan_merge(alice, path)
    assert "\n" not in str(error.value)


def test_an_export_for_merge_still_imports_and_round_trips_its_uids(alice, tmp_path):
    note = add_note(alice, "operation-disruptor", "a note with a uid")
    delete_record(alice, "operation-onymous")
    path = export_for_merge(alice, tmp_path / "a.json")
    data = json.loads(path.read_text())
    assert data["store_id"] == alice.get_meta("store_id")
    tombstone = data["records"][-1]
    assert (tombstone["id"], tombstone["deleted"], tombstone["seen"]) == ("operation-onymous", True, ["deleted"])
    assert any(n.get("uid") == note.uid for n in data["notes"])
    with Store.in_memory() as other:
        summary = import_file(other, path)  # tombstones are skipped, uids kept
        assert "operation-onymous" not in summary.added
        assert _note(other, "operation-disruptor", "a note with a uid").uid == note.uid
        assert import_file(other, path).notes_added == 0  # matched by uid the second time


def test_a_plain_export_merges_too_matching_notes_by_time(alice, bob, tmp_path):
    from casenotes.store.interchange import export_to_file
    note = add_note(alice, "operation-disruptor", "plain")
    plain = tmp_path / "plain.json"
    export_to_file(alice, all_record_ids(alice), "json", plain)
    apply_merge(bob, plain)
    assert _note(bob, "operation-disruptor", "plain")
    assert plan_merge(bob, plain).conflicts == [] and plan_merge(bob, plain).count("note", ADD) == 0
    assert _note(bob, "operation-disruptor", "plain").uid != note.uid  # the file had none: Bob's copy got its own


def test_for_merge_exports_are_json_only(alice):
    import io

    from casenotes.store.interchange import export_records
    with pytest.raises(ValueError, match="JSON only"):
        export_records(alice, [], "csv", io.StringIO(), options=FOR_MERGE)
