"""Anchored notes in format v1: exported with an "anchor" object, read back on import, round trip exact."""

import io
import json

import pytest

from casenotes.store import Store
from casenotes.store.anchors import add_anchored_note, field_anchor, figure_anchor, note_anchor, notes_needing_review
from casenotes.store.interchange import (
    ImportFileError, export_document, export_to_file, import_file, read_document, write_json,
)
from casenotes.store.interchange.schema import schema_checker
from casenotes.store.notes import add_note, notes_for_record
from casenotes.store.records import all_record_ids, get_record, save_record
from tests.conftest import GWERN
from tests.interchange_helpers import dump_of, write_document

DISRUPTOR = "operation-disruptor"


@pytest.fixture
def anchored_store(seeded_store):
    add_note(seeded_store, DISRUPTOR, "On the whole operation")
    add_anchored_note(seeded_store, DISRUPTOR, "Austria, not Australia", figure_anchor("arrests", "AT"))
    add_anchored_note(seeded_store, DISRUPTOR, "Total", figure_anchor("arrests"))
    add_anchored_note(seeded_store, "operation-hyperion", "When exactly?", field_anchor("date"))
    return seeded_store


def exported_notes(store) -> list[dict]:
    return export_document(store)["notes"]


def test_only_anchored_notes_carry_an_anchor_object(anchored_store):
    notes = {note["body"]: note for note in exported_notes(anchored_store)}
    assert list(notes["On the whole operation"]) == ["record_id", "body", "created", "updated"]
    assert notes["Austria, not Australia"]["anchor"] == {"figure": "arrests", "country": "AT", "value": [3]}
    assert notes["Total"]["anchor"] == {"figure": "arrests", "value": [179]}
    assert notes["When exactly?"]["anchor"] == {"field": "date", "value": "2016-10-22"}
    assert schema_checker().document_problem(export_document(anchored_store)) is None


def test_a_flagged_note_exports_the_value_it_was_written_against(anchored_store):
    record = get_record(anchored_store, DISRUPTOR)
    for figure in record.figures:
        if figure.country == "AT":
            figure.value = 4
    save_record(anchored_store, record, user_edit=True)
    austria = next(n for n in exported_notes(anchored_store) if n["body"].startswith("Austria"))
    assert austria["anchor"]["value"] == [3]


def test_anchored_notes_round_trip_byte_for_byte_and_stay_flagged(anchored_store, tmp_path):
    record = get_record(anchored_store, DISRUPTOR)
    for figure in record.figures:
        if figure.country == "AT":
            figure.value = 4
    save_record(anchored_store, record, user_edit=True)
    first = tmp_path / "first.json"
    export_to_file(anchored_store, all_record_ids(anchored_store), "json", first)
    with Store.open(tmp_path / "empty.db") as empty:
        assert import_file(empty, first).notes_added == 4
        flagged = notes_needing_review(empty)
        assert [(item.note.body, item.anchored.baseline, item.anchored.value) for item in flagged] == [
            ("Austria, not Australia", [3], [4])]
        assert flagged[0].anchored.pending[0].cause == "import"
        second = tmp_path / "second.json"
        export_to_file(empty, all_record_ids(empty), "json", second)
        streamed = io.StringIO()
        write_json(empty, all_record_ids(empty), streamed)
    assert second.read_bytes() == first.read_bytes()
    assert streamed.getvalue() == first.read_text(encoding="utf-8")


def test_gwern_export_without_anchors_is_unchanged_by_the_anchor_feature(tmp_path):
    with Store.in_memory() as first:
        import_file(first, GWERN / "gwern_dnm_arrests.casenotes.json")
        add_note(first, all_record_ids(first)[0], "a plain note")
        document = export_document(first)
    assert all("anchor" not in note for note in document["notes"])


def test_a_file_whose_anchored_value_differs_from_the_store_flags_the_note(seeded_store, tmp_path):
    note = {"record_id": DISRUPTOR, "body": "Was 2 when I wrote this", "created": "2026-01-01T00:00:00.000Z",
            "anchor": {"figure": "arrests", "country": "at", "value": [2]}}
    import_file(seeded_store, write_document(tmp_path / "notes.json", [], [note]))
    (item,) = notes_needing_review(seeded_store)
    assert item.anchored.anchor == figure_anchor("arrests", "AT")
    assert (item.anchored.baseline, item.anchored.value) == ([2], [3])


def test_an_import_never_takes_an_anchor_away_and_a_newer_copy_moves_it(seeded_store, tmp_path):
    note = add_anchored_note(seeded_store, DISRUPTOR, "Note", figure_anchor("arrests", "AT"),
                             created="2026-01-01T00:00:00.000Z")
    plain = {"record_id": DISRUPTOR, "body": "Note", "created": note.created, "updated": "2027-01-01T00:00:00.000Z"}
    import_file(seeded_store, write_document(tmp_path / "plain.json", [], [plain]))
    assert note_anchor(seeded_store, note.id).anchor == figure_anchor("arrests", "AT")
    moved = dict(plain, body="Note, revised", anchor={"figure": "arrests", "country": "DE"})
    import_file(seeded_store, write_document(tmp_path / "moved.json", [], [moved]))
    assert note_anchor(seeded_store, note.id).anchor == figure_anchor("arrests", "DE")
    assert not note_anchor(seeded_store, note.id).needs_review  # no value given: the value now is the baseline
    older = dict(moved, updated="2026-06-01T00:00:00.000Z", anchor={"field": "title"})
    import_file(seeded_store, write_document(tmp_path / "older.json", [], [older]))
    assert note_anchor(seeded_store, note.id).anchor == figure_anchor("arrests", "DE")
    assert len(notes_for_record(seeded_store, DISRUPTOR)) == 1


@pytest.mark.parametrize("anchor, message", [
    ({"figure": "arrests", "field": "title"}, 'either "figure" or "field"'),
    ({"country": "AT"}, 'either "figure" or "field"'),
    ({"field": "tags"}, '"anchor.field" must be one of'),
    ({"figure": "arrests", "country": "UK"}, "did you mean GB"),
    ({"figure": "arrests", "value": ["three"]}, "list of numbers"),
    ({"field": "title", "country": "AT"}, "figure anchors only"),
    ({"figure": "arrests", "colour": "red"}, "anchor"),
    ("arrests", '"anchor" must be an object'),
])
def test_a_bad_anchor_rejects_the_file_naming_the_note_and_changes_nothing(file_store, tmp_path, anchor, message):
    notes = [{"record_id": DISRUPTOR, "body": "fine"}, {"record_id": DISRUPTOR, "body": "bad", "anchor": anchor}]
    before = dump_of(file_store)
    with pytest.raises(ImportFileError, match=f"note #2: .*{message}") as raised:
        import_file(file_store, write_document(tmp_path / "bad.json", [], notes))
    assert "\n" not in str(raised.value)
    assert dump_of(file_store) == before


def test_the_in_memory_reader_keeps_anchors_too(tmp_path):
    note = {"record_id": "x", "body": "b", "anchor": {"field": "summary", "value": None}}
    path = write_document(tmp_path / "doc.json", [{"id": "x", "title": "X", "kind": "other"}], [note])
    (read,) = read_document(path).notes
    assert read.anchor.anchor == field_anchor("summary") and read.anchor.has_value and read.anchor.value is None
    assert json.loads(path.read_text())["notes"][0]["anchor"]["value"] is None


def test_the_documented_example_note_is_anchored_to_austria(store, tmp_path):
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "format.md").read_text(encoding="utf-8")
    example = json.loads(re.search(r"```json\n(.*?)```", text, re.DOTALL).group(1))
    import_file(store, write_document(tmp_path / "example.json", example["records"], example["notes"]))
    (note,) = notes_for_record(store, DISRUPTOR)
    anchored = note_anchor(store, note.id)
    assert anchored.anchor == figure_anchor("arrests", "AT") and not anchored.needs_review
