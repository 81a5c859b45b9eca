import pytest

from casenotes.store import InvalidInput, NotFound
from casenotes.store.models import Record
from casenotes.store.note_links import backlinks, linked_record_ids
from casenotes.store.notes import (
    add_note, all_notes, empty_trash, get_note, note_versions, notes_for_record, restore_note, restore_version,
    save_note_body, set_note_tags, set_pinned, trash_note, trashed_notes,
)
from casenotes.store.records import all_tag_names, get_record, save_record, set_record_tags
from casenotes.store.search import matching_note_ids, search


def test_every_saved_body_is_kept_as_a_version(seeded_store):
    note = add_note(seeded_store, "operation-hyperion", "one")
    save_note_body(seeded_store, note.id, "two")
    save_note_body(seeded_store, note.id, "three")
    assert get_note(seeded_store, note.id).body == "three"
    assert [v.body for v in note_versions(seeded_store, note.id)] == ["two", "one"]


def test_saving_the_same_body_makes_no_version(seeded_store):
    note = add_note(seeded_store, "operation-hyperion", "same")
    save_note_body(seeded_store, note.id, "same")
    assert note_versions(seeded_store, note.id) == []


def test_restoring_a_version_keeps_the_body_it_replaces(seeded_store):
    note = add_note(seeded_store, "operation-hyperion", "first draft")
    save_note_body(seeded_store, note.id, "second draft")
    first = note_versions(seeded_store, note.id)[0]
    restored = restore_version(seeded_store, note.id, first.id)
    assert restored.body == "first draft"
    assert [v.body for v in note_versions(seeded_store, note.id)] == ["second draft", "first draft"]


def test_trash_hides_a_note_until_restored_and_emptying_deletes_it(seeded_store):
    note = add_note(seeded_store, "operation-hyperion", "a thought about zebras")
    trash_note(seeded_store, note.id)
    assert notes_for_record(seeded_store, "operation-hyperion") == []
    assert search(seeded_store, "zebras") == []
    assert [n.id for n in trashed_notes(seeded_store)] == [note.id]
    assert get_record(seeded_store, "operation-hyperion").note_count == 0
    restore_note(seeded_store, note.id)
    assert [n.id for n in notes_for_record(seeded_store, "operation-hyperion")] == [note.id]
    assert [h.id for h in search(seeded_store, "zebras")] == [note.id]
    trash_note(seeded_store, note.id)
    assert empty_trash(seeded_store) == 1
    with pytest.raises(NotFound):
        get_note(seeded_store, note.id)


def test_pinned_notes_come_first(seeded_store):
    older = add_note(seeded_store, "operation-hyperion", "older", created="2026-01-01T00:00:00.000Z")
    newer = add_note(seeded_store, "operation-hyperion", "newer", created="2026-02-01T00:00:00.000Z")
    assert [n.id for n in notes_for_record(seeded_store, "operation-hyperion")] == [older.id, newer.id]
    set_pinned(seeded_store, newer.id, True)
    assert [n.id for n in notes_for_record(seeded_store, "operation-hyperion")] == [newer.id, older.id]


def test_note_tags_filter_the_all_notes_view(seeded_store):
    tagged = add_note(seeded_store, "operation-hyperion", "tagged")
    add_note(seeded_store, "operation-disruptor", "untagged")
    set_note_tags(seeded_store, tagged.id, ["follow-up", "Follow-up", " "])
    assert get_note(seeded_store, tagged.id).tags == ["follow-up"]
    assert [n.id for n in all_notes(seeded_store, tag="FOLLOW-UP")] == [tagged.id]
    assert len(all_notes(seeded_store)) == 2
    assert "follow-up" in all_tag_names(seeded_store)


def test_record_tags_are_a_user_edit(seeded_store):
    set_record_tags(seeded_store, "operation-hyperion", ["canada", "to-read"])
    record = get_record(seeded_store, "operation-hyperion")
    assert record.tags == ["canada", "to-read"] and record.edited


def test_record_links_in_notes_make_backlinks(seeded_store):
    note = add_note(seeded_store, "operation-disruptor", "Compare with [[operation-hyperion]] and [[nope]].")
    assert linked_record_ids(note.body) == ["operation-hyperion", "nope"]
    links = backlinks(seeded_store, "operation-hyperion")
    assert [(b.note_id, b.record_id) for b in links] == [(note.id, "operation-disruptor")]
    trash_note(seeded_store, note.id)
    assert backlinks(seeded_store, "operation-hyperion") == []


def test_the_note_a_search_hit_came_from_can_be_found(seeded_store):
    add_note(seeded_store, "operation-hyperion", "nothing relevant")
    wanted = add_note(seeded_store, "operation-hyperion", "the quebec courier")
    assert matching_note_ids(seeded_store, "operation-hyperion", "courier") == [wanted.id]
    assert matching_note_ids(seeded_store, "operation-hyperion", '"unbalanced') == []


def test_notes_need_a_live_record_and_text(seeded_store):
    with pytest.raises(NotFound):
        add_note(seeded_store, "no-such-record", "x")
    with pytest.raises(InvalidInput):
        add_note(seeded_store, "operation-hyperion", None)
    with pytest.raises(NotFound):
        save_note_body(seeded_store, 9999, "x")


def test_backlinks_to_ids_with_separators_are_found_and_words_alone_are_not(seeded_store):
    save_record(seeded_store, Record(id="case.2024:a~b_c", title="Odd id", kind="other"))
    linking = add_note(seeded_store, "operation-onymous", "See [[case.2024:a~b_c]] for the follow-up.")
    add_note(seeded_store, "operation-hyperion", "The words case 2024 a b c are not a link.")
    assert [link.note_id for link in backlinks(seeded_store, "case.2024:a~b_c")] == [linking.id]


def test_the_note_a_search_came_from_matches_every_word_phrases_in_order_and_prefixes(seeded_store):
    both = add_note(seeded_store, "operation-hyperion", "The courier met the Quebec distributor twice: courier, courier.")
    one_word = add_note(seeded_store, "operation-hyperion", "A courier only.")
    phrase = add_note(seeded_store, "operation-hyperion", "Canada Post and the Quebec courier.")
    assert matching_note_ids(seeded_store, "operation-hyperion", "cour queb") == [both.id, phrase.id]
    assert matching_note_ids(seeded_store, "operation-hyperion", '"quebec courier"') == [phrase.id]
    assert one_word.id in matching_note_ids(seeded_store, "operation-hyperion", "Courier")
    assert matching_note_ids(seeded_store, "operation-hyperion", "québec") == [both.id, phrase.id]
