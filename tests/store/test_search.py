import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casenotes.store.models import Record, Source
from casenotes.store.notes import add_note, save_note_body
from casenotes.store.records import delete_record, save_record
from casenotes.store.search import MATCH_END, MATCH_START, match_expression, search, snippet_html


def ids(hits):
    return [hit.id for hit in hits]


def test_a_word_prefix_finds_the_record_as_you_type(seeded_store):
    for typed in ("bl", "bla", "black", "blacksh", "BlackShades"):
        assert "blackshades-arrests-2014" in [h.record_id for h in search(seeded_store, typed)], typed


def test_the_best_match_comes_first_and_titles_weigh_most(seeded_store):
    assert search(seeded_store, "disruptor")[0].id == "operation-disruptor"
    assert search(seeded_store, "hyperion")[0].id == "operation-hyperion"


def test_diacritics_are_folded_both_ways(seeded_store):
    assert "blackshades-arrests-2014" in ids(search(seeded_store, "yucel"))
    assert "blackshades-arrests-2014" in ids(search(seeded_store, "Yücel"))


def test_agencies_and_source_titles_are_searched(store):
    save_record(store, Record(id="a", title="Alpha", kind="raid", agencies=["Guardia Civil"]))
    save_record(store, Record(id="b", title="Beta", kind="raid", sources=[Source("Zeitungsbericht über Razzien")]))
    assert ids(search(store, "guardia")) == ["a"]
    assert ids(search(store, "zeitungsbericht")) == ["b"]


def test_hits_carry_a_highlighted_snippet(seeded_store):
    hit = search(seeded_store, "blackshades")[0]
    assert MATCH_START in hit.snippet and MATCH_END in hit.snippet
    assert "<mark>" in snippet_html(hit.snippet)


def test_snippet_html_escapes_the_text_around_the_marks():
    assert snippet_html(f"<b>{MATCH_START}x{MATCH_END}</b>") == "&lt;b&gt;<mark>x</mark>&lt;/b&gt;"


def test_every_word_must_match(seeded_store):
    assert ids(search(seeded_store, "silk road plea")) == ["silk-road-2-right-hand-man-plea"]


def test_balanced_quotes_search_a_phrase(store):
    save_record(store, Record(id="a", title="Wall Street Market", kind="takedown"))
    save_record(store, Record(id="b", title="Street market on Wall Road", kind="takedown"))
    assert ids(search(store, '"wall street"')) == ["a"]
    assert sorted(ids(search(store, "wall street"))) == ["a", "b"]


@pytest.mark.parametrize(
    "query",
    ['"unbalanced', 'a"b"c"', "-", "*", "-silk", "silk*", "AND", "OR NOT", "NEAR(", "NEAR(silk road, 2)",
     "(silk", "silk)", "[]", "{}", "^", "title:silk", "silk:", "'", "''", '""', "🔍🚔", "😀 silk", "\x00",
     "a" * 5000, "\\", "%", "_", "silk OR", "- - -", "AND AND", ":::", "✓ ✗", "\u200b", "ｓｉｌｋ"],
)
def test_any_text_a_person_types_is_a_valid_query(seeded_store, query):
    search(seeded_store, query)  # must not raise


def test_fts_operators_are_searched_as_words(store):
    save_record(store, Record(id="a", title="Cats and dogs", kind="other"))
    save_record(store, Record(id="b", title="Cats only", kind="other"))
    assert ids(search(store, "cats AND dogs")) == ["a"]
    assert ids(search(store, "NOT")) == []


def test_text_without_words_finds_nothing(seeded_store):
    assert search(seeded_store, "   ") == []
    assert search(seeded_store, "🔍 -- **") == []
    assert match_expression("🔍 -- **") is None


def test_notes_are_searchable_the_moment_they_are_saved(seeded_store):
    note = add_note(seeded_store, "operation-hyperion", "Ask the RCMP about the quebec distributor zanzibar")
    hits = search(seeded_store, "zanzibar")
    assert [(h.type, h.id, h.record_id) for h in hits] == [("note", note.id, "operation-hyperion")]
    save_note_body(seeded_store, note.id, "renamed to kilimanjaro")
    assert search(seeded_store, "zanzibar") == []
    assert ids(search(seeded_store, "kilimanjaro")) == [note.id]


def test_deleted_records_are_not_found(seeded_store):
    delete_record(seeded_store, "operation-hyperion")
    assert "operation-hyperion" not in [h.record_id for h in search(seeded_store, "hyperion")]


def test_live_hits_are_found_behind_many_notes_of_a_deleted_record(store):
    save_record(store, Record(id="gone", title="Gone", kind="raid"))
    save_record(store, Record(id="kept", title="Kept", kind="raid"))
    for number in range(200):
        add_note(store, "gone", f"walrus {number}")
    # Ranked below all of those: longer, and newer.
    kept = add_note(store, "kept", "a much longer note that mentions the walrus once among many other words")
    delete_record(store, "gone")
    assert ids(search(store, "walrus", limit=5)) == [kept.id]


def test_looking_past_a_deleted_records_notes_stops_at_a_bound(store, monkeypatch):
    import casenotes.store.search as search_module

    save_record(store, Record(id="gone", title="Gone", kind="raid"))
    save_record(store, Record(id="kept", title="Kept", kind="raid"))
    for number in range(200):
        add_note(store, "gone", f"walrus {number}")
    add_note(store, "kept", "a much longer note that mentions the walrus once among many other words")
    delete_record(store, "gone")
    asked = []
    real_rank = search_module.rank
    monkeypatch.setattr(search_module, "rank", lambda conn, expression, wanted: asked.append(wanted)
                        or real_rank(conn, expression, wanted))
    monkeypatch.setattr(search_module, "RANKED_ROWS", 80)
    assert search(store, "walrus", limit=5) == []  # the live hit is ranked past the bound
    assert asked == [20, 80]


def test_edits_to_agencies_reach_the_index(store):
    save_record(store, Record(id="a", title="Alpha", kind="raid", agencies=["Carabinieri"]))
    save_record(store, Record(id="a", title="Alpha", kind="raid", agencies=["Gendarmerie"]))
    assert search(store, "carabinieri") == []
    assert ids(search(store, "gendarmerie")) == ["a"]


def test_limit_caps_the_number_of_hits(seeded_store):
    assert len(search(seeded_store, "darknet", limit=2)) == 2


FTS_SYNTAX = st.sampled_from(['"', "*", "-", "+", ":", "(", ")", "^", "AND", "OR", "NOT", "NEAR", "NEAR(", ",", "{", "}"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=12), FTS_SYNTAX), max_size=8).map(" ".join))
def test_random_text_and_fts_syntax_never_raise(seeded_store_for_hypothesis, query):
    search(seeded_store_for_hypothesis, query)


@pytest.fixture(scope="module")
def seeded_store_for_hypothesis(seed_document):
    from casenotes.store import Store
    from casenotes.store.seed import apply_seed

    with Store.in_memory() as store:
        apply_seed(store, seed_document)
        yield store


@pytest.mark.parametrize("query", ['"silk', "-silk", "silk*", "(silk", "silk)", "^silk", "silk:", "+silk", "{silk}"])
def test_fts_syntax_around_a_word_still_finds_that_word(seeded_store, query):
    found = {hit.record_id for hit in search(seeded_store, query)}
    assert {"silk-road-2-takedown", "silk-road-2-right-hand-man-plea"} <= found
