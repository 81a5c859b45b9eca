"""Private notes and tags, and the share profile that leaves them out of every export format."""

import csv
import io
import json
import shutil
import subprocess

import pytest

from casenotes.store import NotFound, Store
from casenotes.store.interchange import export_records, export_to_file, import_file
from casenotes.store.interchange.export_options import ExportOptions
from casenotes.store.interchange.manifest import manifest_line, write_manifest
from casenotes.store.notes import add_note, notes_for_record, set_note_tags, tags_of_notes
from casenotes.store.privacy import (
    is_note_private, private_note_ids, private_tag_names, set_note_private, set_tag_private, tag_uses,
)
from casenotes.store.records import all_record_ids, get_record, set_record_tags

SHARE = ExportOptions(share=True)
NOTE_MARKER = "ZEBRA-7431 informant"  # text only the private note holds
TAG_MARKER = "quokka-source"  # a private tag's name


@pytest.fixture
def private_store(seeded_store):
    """A store with one private note, one shared note and a private tag on a record and a note."""
    private = add_note(seeded_store, "operation-disruptor", f"Met the {NOTE_MARKER} on Tuesday")
    shared = add_note(seeded_store, "operation-disruptor", "Europol confirmed the Austria count")
    set_note_private(seeded_store, private.id, True)
    record = get_record(seeded_store, "operation-hyperion")
    set_record_tags(seeded_store, "operation-hyperion", [*record.tags, TAG_MARKER])
    set_note_tags(seeded_store, shared.id, [TAG_MARKER, "austria"])
    set_tag_private(seeded_store, TAG_MARKER, True)
    seeded_store.private_note, seeded_store.shared_note = private, shared
    return seeded_store


def _export(store, file_format, options=SHARE) -> str:
    out = io.StringIO(newline="")
    export_records(store, all_record_ids(store), file_format, out, options=options)
    return out.getvalue()


def test_a_note_can_be_marked_private_and_shared_again(private_store):
    note = private_store.private_note
    assert is_note_private(private_store, note.id)
    assert private_note_ids(private_store, [note.id, private_store.shared_note.id]) == {note.id}
    set_note_private(private_store, note.id, False)
    assert not is_note_private(private_store, note.id)
    with pytest.raises(NotFound):
        set_note_private(private_store, 99_999, True)


def test_making_a_note_private_is_not_an_edit_of_its_text(private_store):
    note = private_store.shared_note
    before = next(n for n in notes_for_record(private_store, note.record_id) if n.id == note.id)
    set_note_private(private_store, note.id, True)
    after = next(n for n in notes_for_record(private_store, note.record_id) if n.id == note.id)
    assert (after.body, after.updated) == (before.body, before.updated)


def test_tags_list_their_use_and_privacy_and_any_case_finds_a_tag(private_store):
    uses = {use.name: use for use in tag_uses(private_store)}
    assert uses[TAG_MARKER].private and (uses[TAG_MARKER].records, uses[TAG_MARKER].notes) == (1, 1)
    assert not uses["austria"].private
    set_tag_private(private_store, TAG_MARKER.upper(), False)
    assert private_tag_names(private_store) == []
    with pytest.raises(NotFound, match="no tag called"):
        set_tag_private(private_store, "never-used", True)


@pytest.mark.parametrize("file_format", ["json", "csv", "markdown"])
def test_a_share_export_holds_no_private_text_in_any_format(private_store, file_format):
    text = _export(private_store, file_format)
    assert NOTE_MARKER not in text and TAG_MARKER not in text
    full = _export(private_store, file_format, ExportOptions())
    assert TAG_MARKER in full  # the full export has it: the share profile is what removed it
    if file_format != "csv":  # CSV has no notes at all
        assert NOTE_MARKER in full and "Europol confirmed the Austria count" in text


def test_the_json_header_says_what_was_left_out_and_import_ignores_it(private_store, tmp_path):
    data = json.loads(_export(private_store, "json"))
    assert list(data)[:4] == ["format", "version", "profile", "omitted"]
    assert data["profile"] == "share" and data["omitted"] == {"private_notes": 1, "private_tags": 1}
    path = tmp_path / "shared.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with Store.in_memory() as other:
        summary = import_file(other, path)
        assert summary.notes_added == 1 and len(summary.added) == len(all_record_ids(private_store))
        assert TAG_MARKER not in get_record(other, "operation-hyperion").tags
        (note,) = notes_for_record(other, "operation-disruptor")
        assert tags_of_notes(other, [note.id])[note.id] == ["austria"]  # the shared tag travels, the private one not


def test_a_private_tag_only_on_a_note_is_counted_as_left_out(seeded_store):
    note = add_note(seeded_store, "operation-disruptor", "Tagged only here")
    set_note_tags(seeded_store, note.id, ["hidden-lead"])
    set_tag_private(seeded_store, "hidden-lead", True)
    data = json.loads(_export(seeded_store, "json"))
    assert data["omitted"] == {"private_notes": 0, "private_tags": 1}
    assert "hidden-lead" not in json.dumps(data)


def test_csv_and_markdown_say_first_what_was_left_out(private_store, tmp_path):
    csv_text = _export(private_store, "csv")
    first = next(csv.reader(io.StringIO(csv_text)))
    assert first == ["# casenotes share export: 1 private note and 1 private tag were left out."]
    markdown = _export(private_store, "markdown").splitlines()
    assert markdown[0] == "# casenotes report" and "1 private note and 1 private tag were left out" in markdown[2]
    path = tmp_path / "shared.csv"
    path.write_text(csv_text, encoding="utf-8", newline="")
    with Store.in_memory() as other:  # the comment line does not stop the file importing
        assert len(import_file(other, path).added) == len(all_record_ids(private_store))


def test_the_full_profile_export_is_unchanged_by_privacy(private_store):
    data = json.loads(_export(private_store, "json", ExportOptions()))
    assert list(data) == ["format", "version", "records", "notes"]


def test_share_export_bytes_contain_no_marker_and_the_manifest_verifies(private_store, tmp_path):
    target = tmp_path / "out" / "shared.json"
    target.parent.mkdir()
    export_to_file(private_store, all_record_ids(private_store), "json", target, options=SHARE)
    raw = target.read_bytes()
    assert NOTE_MARKER.encode() not in raw and TAG_MARKER.encode() not in raw
    manifest = tmp_path / "out" / "SHA256SUMS"
    write_manifest(manifest, [target])
    assert manifest.read_text().endswith("  shared.json\n")
    if shutil.which("sha256sum"):
        checked = subprocess.run(["sha256sum", "-c", "--strict", manifest.name], cwd=manifest.parent,
                                 capture_output=True, text=True)
        assert checked.returncode == 0 and "shared.json: OK" in checked.stdout
        target.write_bytes(raw.replace(b"Europol", b"Eur0pol"))
        tampered = subprocess.run(["sha256sum", "-c", manifest.name], cwd=manifest.parent, capture_output=True)
        assert tampered.returncode != 0


def test_manifest_names_with_odd_characters_are_escaped_as_sha256sum_does():
    assert manifest_line("ab", "plain.json") == "ab  plain.json\n"
    assert manifest_line("ab", "a\\b\nc.json") == "\\ab  a\\\\b\\nc.json\n"
