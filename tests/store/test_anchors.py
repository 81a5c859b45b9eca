"""Notes anchored to a figure or field: flagged when the value changes (by an edit, a seed
update or an import), listed for review, cleared when reviewed."""

import copy
import dataclasses
import json

import pytest

from casenotes.store import InvalidInput, NotFound
from casenotes.store.anchor_text import change_sentence, describe_anchor, format_anchor_value
from casenotes.store.anchors import (
    add_anchored_note, anchor_note, anchored_notes, change_history, field_anchor, figure_anchor, mark_reviewed,
    note_anchor, notes_needing_review, remove_anchor, review_count,
)
from casenotes.store.interchange import import_file, record_to_json
from casenotes.store.models import Figure, Source
from casenotes.store.notes import add_note, empty_trash, get_note, restore_note, trash_note
from casenotes.store.records import delete_record, get_record, restore_record, save_record
from casenotes.store.seed import apply_seed
from tests.conftest import minimal_record
from tests.interchange_helpers import write_document

DISRUPTOR = "operation-disruptor"
AUSTRIA = figure_anchor("arrests", "AT")


def set_figure(store, record_id, label, country, value, *, origin="user", user_edit=True, source=None):
    """Save the record with every figure for (label, country) set to ``value``."""
    record = get_record(store, record_id)
    record.figures = [dataclasses.replace(f, value=value, source=source if source is not None else f.source)
                      if (f.label, f.country) == (label, country) else f for f in record.figures]
    save_record(store, record, origin=origin, user_edit=user_edit)


def pending_values(store, note_id):
    return [(c.old_value, c.new_value) for c in note_anchor(store, note_id).pending]


# ---- anchoring ------------------------------------------------------------------------------


def test_a_new_note_is_anchored_to_a_figure_with_its_value_now(seeded_store):
    note = add_anchored_note(seeded_store, DISRUPTOR, "Ask Europol about Austria", figure_anchor("arrests", "at"))
    anchored = note_anchor(seeded_store, note.id)
    assert anchored.anchor == AUSTRIA  # the country code is normalised
    assert anchored.value == [3] and not anchored.needs_review
    assert [a.note_id for a in anchored_notes(seeded_store, DISRUPTOR)] == [note.id]


def test_an_existing_note_can_be_anchored_moved_and_detached(seeded_store):
    note = add_note(seeded_store, DISRUPTOR, "About the date")
    assert note_anchor(seeded_store, note.id) is None
    assert anchor_note(seeded_store, note.id, field_anchor("date")).value == "2020-09-22"
    assert anchor_note(seeded_store, note.id, figure_anchor("firearms")).value == [63, 64]
    remove_anchor(seeded_store, note.id)
    assert note_anchor(seeded_store, note.id) is None
    assert get_note(seeded_store, note.id).body == "About the date"


def test_anchoring_to_a_figure_the_record_does_not_have_is_refused_and_adds_no_note(seeded_store):
    before = len(anchored_notes(seeded_store, DISRUPTOR))
    with pytest.raises(InvalidInput, match="has no figure 'arrests' for FR"):
        add_anchored_note(seeded_store, DISRUPTOR, "text", figure_anchor("arrests", "FR"))
    assert get_record(seeded_store, DISRUPTOR).note_count == 0
    assert len(anchored_notes(seeded_store, DISRUPTOR)) == before


@pytest.mark.parametrize("make, message", [
    (lambda: field_anchor("tags"), "these fields"),
    (lambda: figure_anchor("arrests", "UK"), "did you mean GB"),
    (lambda: figure_anchor("  "), "label"),
])
def test_impossible_anchors_get_a_clear_message(make, message):
    with pytest.raises(InvalidInput, match=message):
        make()


# ---- what counts as a change ----------------------------------------------------------------


def test_an_edit_that_changes_the_figure_flags_the_note_until_it_is_reviewed(seeded_store):
    note = add_anchored_note(seeded_store, DISRUPTOR, "Austria: 3?", AUSTRIA)
    set_figure(seeded_store, DISRUPTOR, "arrests", "AT", 4)

    anchored = note_anchor(seeded_store, note.id)
    assert anchored.needs_review and anchored.baseline == [3] and anchored.value == [4]
    change = anchored.pending[0]
    assert change.cause == "user" and change.source == "“Global police sting nets 179 dark web sellers”, Dawn (AFP)"
    assert [item.note.id for item in notes_needing_review(seeded_store)] == [note.id]
    assert review_count(seeded_store) == 1

    reviewed = mark_reviewed(seeded_store, note.id)
    assert not reviewed.needs_review and reviewed.baseline == [4]
    assert notes_needing_review(seeded_store) == [] and review_count(seeded_store) == 0
    assert [c.reviewed is not None for c in change_history(seeded_store, note.id)] == [True]

    set_figure(seeded_store, DISRUPTOR, "arrests", "AT", 5)  # against the new baseline
    assert pending_values(seeded_store, note.id) == [([4], [5])]


def test_a_seed_update_that_changes_the_figure_flags_the_note(seeded_store, seed_document):
    note = add_anchored_note(seeded_store, DISRUPTOR, "Austria", AUSTRIA)
    newer = copy.deepcopy(seed_document)
    newer.header["seed_version"] = 2
    disruptor = next(r for r in newer.records if r.id == DISRUPTOR)
    disruptor.figures = [dataclasses.replace(f, value=4) if (f.label, f.country) == ("arrests", "AT") else f
                         for f in disruptor.figures]
    assert DISRUPTOR in apply_seed(seeded_store, newer).updated
    change = note_anchor(seeded_store, note.id).pending[0]
    assert (change.old_value, change.new_value, change.cause) == ([3], [4], "seed")


def test_an_import_that_changes_the_figure_flags_the_note(seeded_store, tmp_path):
    note = add_anchored_note(seeded_store, DISRUPTOR, "Austria", AUSTRIA)
    raw = record_to_json(get_record(seeded_store, DISRUPTOR))
    for figure in raw["figures"]:
        if (figure["label"], figure["country"]) == ("arrests", "AT"):
            figure["value"] = 4
    summary = import_file(seeded_store, write_document(tmp_path / "update.json", [raw]))
    assert summary.updated == [DISRUPTOR]
    change = note_anchor(seeded_store, note.id).pending[0]
    assert (change.old_value, change.new_value, change.cause) == ([3], [4], "import")
    assert "Dawn (AFP)" in change.source


def test_each_write_path_flags_the_note_and_each_review_clears_it(seeded_store, seed_document, tmp_path):
    """The issue's "done when": flagged after an import, a seed update and save_record; cleared by review."""
    note = add_anchored_note(seeded_store, DISRUPTOR, "Austria, not Australia", AUSTRIA)

    def flagged_by(cause, old, new):
        (item,) = notes_needing_review(seeded_store)
        change = item.anchored.pending[-1]
        assert (item.note.id, change.cause, change.old_value, change.new_value) == (note.id, cause, old, new)
        mark_reviewed(seeded_store, note.id)
        assert notes_needing_review(seeded_store) == [] and note_anchor(seeded_store, note.id).baseline == new

    # The seed first: once an import has changed a seed record, seed updates leave it alone.
    newer = copy.deepcopy(seed_document)
    newer.header["seed_version"] = 2
    disruptor = next(r for r in newer.records if r.id == DISRUPTOR)
    disruptor.figures = [dataclasses.replace(f, value=4) if f.country == "AT" else f for f in disruptor.figures]
    apply_seed(seeded_store, newer)
    flagged_by("seed", [3], [4])

    raw = record_to_json(get_record(seeded_store, DISRUPTOR))
    for figure in raw["figures"]:
        if figure["country"] == "AT":
            figure["value"] = 5
    import_file(seeded_store, write_document(tmp_path / "update.json", [raw]))
    flagged_by("import", [4], [5])

    set_figure(seeded_store, DISRUPTOR, "arrests", "AT", 6)
    flagged_by("user", [5], [6])


def test_a_dry_run_import_flags_nothing(seeded_store, tmp_path):
    note = add_anchored_note(seeded_store, DISRUPTOR, "Austria", AUSTRIA)
    raw = record_to_json(get_record(seeded_store, DISRUPTOR))
    raw["figures"] = []
    import_file(seeded_store, write_document(tmp_path / "update.json", [raw]), dry_run=True)
    assert not note_anchor(seeded_store, note.id).needs_review


def test_a_figure_that_disappears_is_a_change_to_removed(seeded_store):
    note = add_anchored_note(seeded_store, DISRUPTOR, "Austria", AUSTRIA)
    record = get_record(seeded_store, DISRUPTOR)
    record.figures = [f for f in record.figures if f.country != "AT"]
    save_record(seeded_store, record, user_edit=True)
    anchored = note_anchor(seeded_store, note.id)
    assert pending_values(seeded_store, note.id) == [([3], [])]
    assert change_sentence(anchored.anchor, anchored.pending[0]).startswith(
        "Arrests in Austria (AT) was removed (it was 3) on ")
    assert anchored.pending[0].source is None


def test_where_sources_disagree_the_value_is_the_set_of_their_values(seeded_store):
    note = add_anchored_note(seeded_store, DISRUPTOR, "US arrests", figure_anchor("arrests", "US"))
    assert note_anchor(seeded_store, note.id).value == [119, 121]  # DOJ 119, RT and Europol 121
    record = get_record(seeded_store, DISRUPTOR)
    record.sources.append(Source("Another report"))
    record.figures.append(Figure("arrests", 121, "people", "US", len(record.sources) - 1))
    save_record(seeded_store, record, user_edit=True)
    assert not note_anchor(seeded_store, note.id).needs_review  # one more source agreeing changes nothing

    record = get_record(seeded_store, DISRUPTOR)
    record.figures.append(Figure("arrests", 125, "people", "US", len(record.sources) - 1))
    save_record(seeded_store, record, user_edit=True)
    anchored = note_anchor(seeded_store, note.id)
    assert pending_values(seeded_store, note.id) == [([119, 121], [119, 121, 125])]
    assert "changed from 119 or 121 to 119 or 121 or 125" in change_sentence(anchored.anchor, anchored.pending[0])
    assert anchored.pending[0].source == "“Another report”"  # the source of the new value


def test_changes_that_leave_the_anchored_value_alone_do_not_flag(seeded_store):
    note = add_anchored_note(seeded_store, DISRUPTOR, "Austria", AUSTRIA)
    record = get_record(seeded_store, DISRUPTOR)
    record.summary += " More detail."
    record.figures = [dataclasses.replace(f, unit="persons", value=float(f.value), note="checked")
                      if f.country == "AT" else f for f in reversed(record.figures)]
    record.agencies.reverse()
    save_record(seeded_store, record, user_edit=True)
    assert not note_anchor(seeded_store, note.id).needs_review
    assert change_history(seeded_store, note.id) == []


def test_field_anchors_notice_a_new_date_but_not_a_new_order_of_agencies(seeded_store):
    on_date = add_anchored_note(seeded_store, DISRUPTOR, "Date?", field_anchor("date"))
    on_agencies = add_anchored_note(seeded_store, DISRUPTOR, "Who?", field_anchor("agencies"))
    record = get_record(seeded_store, DISRUPTOR)
    record.agencies.reverse()
    record.date = "2020-09"
    save_record(seeded_store, record, user_edit=True)
    assert not note_anchor(seeded_store, on_agencies.id).needs_review
    anchored = note_anchor(seeded_store, on_date.id)
    assert change_sentence(anchored.anchor, anchored.pending[0]).startswith(
        "The date changed from 22 September 2020 to September 2020 on ")


def test_several_changes_before_a_review_are_all_listed_and_one_review_clears_them(seeded_store):
    note = add_anchored_note(seeded_store, DISRUPTOR, "Austria", AUSTRIA)
    set_figure(seeded_store, DISRUPTOR, "arrests", "AT", 4)
    set_figure(seeded_store, DISRUPTOR, "arrests", "AT", 6)
    assert pending_values(seeded_store, note.id) == [([3], [4]), ([4], [6])]
    assert note_anchor(seeded_store, note.id).baseline == [3]
    mark_reviewed(seeded_store, note.id)
    assert pending_values(seeded_store, note.id) == []
    assert note_anchor(seeded_store, note.id).baseline == [6]


def test_only_notes_anchored_to_the_changed_value_are_flagged(seeded_store):
    austria = add_anchored_note(seeded_store, DISRUPTOR, "Austria", AUSTRIA)
    germany = add_anchored_note(seeded_store, DISRUPTOR, "Germany", figure_anchor("arrests", "DE"))
    plain = add_note(seeded_store, DISRUPTOR, "About the whole operation")
    set_figure(seeded_store, DISRUPTOR, "arrests", "AT", 4)
    assert [item.note.id for item in notes_needing_review(seeded_store)] == [austria.id]
    assert not note_anchor(seeded_store, germany.id).needs_review
    assert note_anchor(seeded_store, plain.id) is None


# ---- trash, deletion and bad requests -------------------------------------------------------


def test_a_trashed_note_leaves_the_review_list_and_comes_back_flagged(seeded_store):
    note = add_anchored_note(seeded_store, DISRUPTOR, "Austria", AUSTRIA)
    trash_note(seeded_store, note.id)
    set_figure(seeded_store, DISRUPTOR, "arrests", "AT", 4)  # noticed even while in the trash
    assert notes_needing_review(seeded_store) == [] and anchored_notes(seeded_store, DISRUPTOR) == []
    restore_note(seeded_store, note.id)
    assert [item.note.id for item in notes_needing_review(seeded_store)] == [note.id]
    trash_note(seeded_store, note.id)
    empty_trash(seeded_store)
    assert seeded_store.db.conn.execute("SELECT count(*) FROM anchor_changes").fetchone()[0] == 0


def test_a_deleted_record_hides_its_flagged_notes_until_it_is_restored(seeded_store):
    note = add_anchored_note(seeded_store, DISRUPTOR, "Austria", AUSTRIA)
    set_figure(seeded_store, DISRUPTOR, "arrests", "AT", 4)
    delete_record(seeded_store, DISRUPTOR)
    assert notes_needing_review(seeded_store) == [] and review_count(seeded_store) == 0
    restore_record(seeded_store, DISRUPTOR)
    assert [item.note.id for item in notes_needing_review(seeded_store)] == [note.id]


def test_a_deleted_record_brought_back_by_an_import_with_new_figures_flags_its_notes(seeded_store, tmp_path):
    note = add_anchored_note(seeded_store, DISRUPTOR, "Austria", AUSTRIA)
    raw = record_to_json(get_record(seeded_store, DISRUPTOR))
    delete_record(seeded_store, DISRUPTOR)
    raw["figures"] = [f for f in raw["figures"] if f["country"] != "AT"]
    assert import_file(seeded_store, write_document(tmp_path / "back.json", [raw])).updated == [DISRUPTOR]
    assert pending_values(seeded_store, note.id) == [([3], [])]


def test_reviewing_a_note_without_an_anchor_or_an_unknown_note_is_refused(seeded_store):
    note = add_note(seeded_store, DISRUPTOR, "plain")
    with pytest.raises(InvalidInput, match="not anchored"):
        mark_reviewed(seeded_store, note.id)
    with pytest.raises(NotFound):
        mark_reviewed(seeded_store, 9999)


# ---- the import path stays set-based ------------------------------------------------------


def test_the_import_checks_anchors_with_one_query_per_batch(store, tmp_path):
    records = [minimal_record(f"r-{n}", figures=[{"label": "arrests", "value": n}]) for n in range(1200)]
    import_file(store, write_document(tmp_path / "first.json", records))
    note = add_anchored_note(store, "r-7", "seven", figure_anchor("arrests"))
    for record in records:
        record["figures"][0]["value"] += 1
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    try:
        import_file(store, write_document(tmp_path / "second.json", records))
    finally:
        store.db.conn.set_trace_callback(None)
    anchor_queries = [s for s in statements if "anchor_kind IS NOT NULL AND record_id IN" in s]
    assert len(anchor_queries) == 3  # 1,200 records in batches of 500
    assert pending_values(store, note.id) == [([7], [8])]


# ---- words ----------------------------------------------------------------------------------


def test_anchors_and_values_read_as_words():
    assert describe_anchor(AUSTRIA) == "arrests in Austria (AT)"
    assert describe_anchor(figure_anchor("seized_usd")) == "seized usd (total)"
    assert describe_anchor(field_anchor("end_date")) == "the end date"
    assert format_anchor_value(figure_anchor("seized_usd"), [6500000]) == "6,500,000"
    assert format_anchor_value(AUSTRIA, []) == "none"
    assert format_anchor_value(field_anchor("summary"), "word " * 40).endswith("…”")
    assert json.dumps(format_anchor_value(field_anchor("countries"), ["AT", "DE"])) == '"AT, DE"'


def test_the_bulk_import_records_the_same_changes_as_save_record_one_by_one(seed_document, tmp_path, monkeypatch):
    from casenotes.store import Store
    from casenotes.store.interchange import read_document

    monkeypatch.setattr("casenotes.store.anchor_check.utc_now", lambda: "2026-02-03T04:05:06.789Z")
    raw = [record_to_json(r) for r in seed_document.records]
    for record in raw:
        record["summary"] += " Revised."
        for figure in record["figures"]:
            figure["value"] += 1 if figure.get("country") in ("AT", "US") else 0
        record["figures"] = [f for f in record["figures"] if f.get("country") != "DE"]
    path = write_document(tmp_path / "update.json", raw)
    stores = Store.in_memory(), Store.in_memory()
    for store in stores:
        apply_seed(store, seed_document)
        add_anchored_note(store, DISRUPTOR, "a", AUSTRIA)
        add_anchored_note(store, DISRUPTOR, "b", figure_anchor("arrests", "US"))
        add_anchored_note(store, DISRUPTOR, "c", figure_anchor("arrests", "DE"))
        add_anchored_note(store, DISRUPTOR, "d", field_anchor("summary"))
        add_anchored_note(store, "operation-hyperion", "e", field_anchor("title"))
    bulk, reference = stores
    import_file(bulk, path)
    for record in read_document(path).records:
        save_record(reference, record, origin="import")
    rows = ["SELECT note_id, old_value, new_value, detected, cause, source, reviewed FROM anchor_changes ORDER BY id",
            "SELECT id, anchor_value FROM notes ORDER BY id"]
    for sql in rows:
        assert bulk.db.conn.execute(sql).fetchall() == reference.db.conn.execute(sql).fetchall()
    assert len(bulk.db.conn.execute(rows[0]).fetchall()) == 4  # everything but the unchanged title
    for store in stores:
        store.close()
