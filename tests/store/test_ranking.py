"""Bounded ranking: when more rows match than are ranked, the best hits still come first and nothing is lost.

The cap is forced down to a few rows, so a small store behaves like a word found in
most of a million records.
"""

import pytest

from casenotes.store import ranking
from casenotes.store.listing import RELEVANCE, RecordFilter, filtered_keys, key_for_id
from casenotes.store.models import Record, Source
from casenotes.store.notes import add_note, trash_note
from casenotes.store.records import delete_record, save_record
from casenotes.store.search import match_expression, search

CAP = 3


@pytest.fixture
def common_word_store(store):
    """Twelve records whose summaries all say 'market'; the oldest has it in its title, one in an agency."""
    save_record(store, Record(id="title-hit", title="The market takedown", kind="takedown", date="2010",
                              summary="An old record about a market."))
    for number in range(10):
        save_record(store, Record(id=f"body-{number:02d}", title=f"Raid {number}", kind="raid", date="2015",
                                  summary=f"Vendors of the market were arrested ({number})."))
    save_record(store, Record(id="agency-hit", title="Operation Ledger", kind="operation", date="2020",
                              agencies=["Market Abuse Unit"], summary="A market of stolen cards."))
    save_record(store, Record(id="unrelated", title="Fraud case", kind="other", summary="Nothing to see."))
    return store


@pytest.fixture
def low_cap(monkeypatch):
    monkeypatch.setattr(ranking, "RANKED_ROWS", CAP)


def record_ids(store, keys):
    return [store.db.conn.execute("SELECT id FROM records WHERE key = ?", (key,)).fetchone()[0] for key in keys]


def test_below_the_cap_every_match_is_ranked_by_bm25(common_word_store):
    ranked = ranking.rank(common_word_store.db.conn, match_expression("market"), 5)
    assert ranked.complete
    assert ranked.rows == sorted(ranked.rows, key=lambda row: row[1])


def test_past_the_cap_title_hits_come_first_even_when_old(common_word_store, low_cap):
    ranked = ranking.rank(common_word_store.db.conn, match_expression("market"), 5)
    assert not ranked.complete
    hits = search(common_word_store, "market")
    assert [hit.id for hit in hits[:2]] == ["title-hit", "agency-hit"]
    # The rest are the newest other matches.
    assert [hit.id for hit in hits[2:5]] == ["body-09", "body-08", "body-07"]


def test_past_the_cap_every_hit_still_matches_and_has_a_snippet(common_word_store, low_cap):
    hits = search(common_word_store, "market")
    assert "unrelated" not in [hit.id for hit in hits]
    assert all(hit.snippet for hit in hits)


def test_past_the_cap_the_list_still_holds_every_match_once(common_word_store, monkeypatch):
    uncapped = filtered_keys(common_word_store, RecordFilter(query="market"), sort=RELEVANCE)
    monkeypatch.setattr(ranking, "RANKED_ROWS", CAP)
    capped = filtered_keys(common_word_store, RecordFilter(query="market"), sort=RELEVANCE)
    assert sorted(capped) == sorted(uncapped) and len(set(capped)) == len(capped) == 12
    assert record_ids(common_word_store, capped[:2]) == ["title-hit", "agency-hit"]
    # After the ranked head, the newest record comes first.
    tail = record_ids(common_word_store, capped[2:])
    assert tail == sorted(tail, key=lambda rid: key_for_id(common_word_store, rid), reverse=True)


@pytest.mark.parametrize("cap", [CAP, ranking.RANKED_ROWS])
def test_the_first_page_is_the_start_of_the_whole_list(common_word_store, monkeypatch, cap):
    monkeypatch.setattr(ranking, "RANKED_ROWS", cap)
    flt = RecordFilter(query="market")
    everything = filtered_keys(common_word_store, flt, sort=RELEVANCE)
    for size in (1, 2, 5):
        assert filtered_keys(common_word_store, flt, sort=RELEVANCE, limit=size) == everything[:size]


def test_the_first_page_respects_filters_and_deleted_records(common_word_store, low_cap):
    delete_record(common_word_store, "title-hit")
    page = filtered_keys(common_word_store, RecordFilter(query="market", kinds=("raid",)), sort=RELEVANCE, limit=4)
    assert record_ids(common_word_store, page) == ["body-09", "body-08", "body-07", "body-06"]


def test_a_note_hit_past_the_cap_lists_its_record(common_word_store, low_cap):
    save_record(common_word_store, Record(id="quiet", title="Quiet record", kind="other", summary="Nothing."))
    add_note(common_word_store, "quiet", "My note about the market.")
    keys = filtered_keys(common_word_store, RecordFilter(query="market"), sort=RELEVANCE)
    assert "quiet" in record_ids(common_word_store, keys)
    trashed = add_note(common_word_store, "unrelated", "another market note")
    trash_note(common_word_store, trashed.id)
    keys = filtered_keys(common_word_store, RecordFilter(query="market"), sort=RELEVANCE)
    assert "unrelated" not in record_ids(common_word_store, keys)


def test_a_phrase_and_source_titles_past_the_cap(store, low_cap):
    for number in range(6):
        save_record(store, Record(id=f"r{number}", title=f"Case {number}", kind="raid",
                                  summary="Silk Road vendors were arrested."))
    save_record(store, Record(id="cited", title="Another case", kind="raid", summary="Vendors.",
                              sources=[Source("How Silk Road fell")]))
    hits = search(store, '"silk road"')
    assert hits[0].id == "cited"
    assert {hit.id for hit in hits} == {"cited", *(f"r{n}" for n in range(6))}


@pytest.mark.parametrize("sort", ["date", "title", "kind"])
def test_a_column_sorted_first_page_past_the_cap_is_the_start_of_the_whole_list(common_word_store, low_cap, sort):
    save_record(common_word_store, Record(id="quiet", title="A quiet record", kind="other", date="2030",
                                          summary="Nothing here."))
    add_note(common_word_store, "quiet", "But my note mentions the MARKETS.")
    trashed = add_note(common_word_store, "unrelated", "a market note, trashed")
    trash_note(common_word_store, trashed.id)
    for flt in (RecordFilter(query="market"), RecordFilter(query="market", kinds=("raid", "other")),
                RecordFilter(query='"the market"')):
        everything = filtered_keys(common_word_store, flt, sort=sort, descending=True)
        for size in (1, 3, 6):
            assert filtered_keys(common_word_store, flt, sort=sort, descending=True, limit=size) == everything[:size]
    assert "quiet" in record_ids(common_word_store, filtered_keys(
        common_word_store, RecordFilter(query="market"), sort="date", descending=True, limit=3))


def test_a_rare_word_beside_a_very_common_one_is_ranked_without_counting_the_common_one(common_word_store, low_cap):
    save_record(common_word_store, Record(id="ledger-title", title="The market ledger", kind="other",
                                          summary="Accounts."))
    save_record(common_word_store, Record(id="ledger-body", title="Raid on a warehouse", kind="raid",
                                          summary="A ledger of market sales was found."))
    expression = match_expression("market ledger")
    assert len(ranking.newest_matches(common_word_store.db.conn, expression, 10)) <= CAP  # few rows match both…
    assert not ranking.can_rank_all(common_word_store.db.conn, expression)  # …but "market" alone is everywhere
    assert [hit.id for hit in search(common_word_store, "market ledger")] == ["ledger-title", "agency-hit", "ledger-body"]
    everything = filtered_keys(common_word_store, RecordFilter(query="market ledger"), sort=RELEVANCE)
    assert record_ids(common_word_store, everything) == ["ledger-title", "agency-hit", "ledger-body"]
    assert filtered_keys(common_word_store, RecordFilter(query="market ledger"), sort=RELEVANCE, limit=2) == everything[:2]
