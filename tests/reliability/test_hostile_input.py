"""Any text is a valid query, any text is stored exactly or refused clearly, and 1 MB lines are fine."""

from __future__ import annotations

import contextlib
import io
import json

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from casenotes.cli import main
from casenotes.store import InvalidInput, Store
from casenotes.store.interchange import ImportFileError, import_document, parse_document
from casenotes.store.listing import RecordFilter, filtered_keys
from casenotes.store.models import Record
from casenotes.store.notes import add_note, get_note
from casenotes.store.records import get_record, save_record
from casenotes.store.search import MATCH_END, MATCH_START, match_expression, search, snippet_html
from casenotes.store.seed import apply_seed
from tests.conftest import minimal_record

# Every code point, lone surrogates and control characters included.
ANY_CHARACTER = st.characters(codec=None, exclude_categories=())
ANY_TEXT = st.text(ANY_CHARACTER, max_size=40)
FTS_SYNTAX = st.sampled_from([
    '"', '""', "*", "-", "+", ":", "^", "(", ")", "{", "}", "[", "]", ",", ".", "'", "\\", "%", "_", "\x00",
    "AND", "OR", "NOT", "NEAR", "NEAR(", "NEAR/2", "title:", "note:", "{title summary}:", "- -", "* *",
    "rowid", "search_index", "MATCH", "';--", "\u200b", "\ufeff", "ﬁ", "İ", "ß",
])
WORDS = st.sampled_from(["silk", "road", "operation", "onymous", "hyperion", "yücel", "darknet", "AND", "NOT"])
QUERIES = st.lists(st.one_of(ANY_TEXT, FTS_SYNTAX, WORDS), max_size=10).map(" ".join)


@pytest.fixture(scope="module")
def hostile_store(seed_document):
    """The seed plus records and notes whose own text is query syntax."""
    with Store.in_memory() as store:
        apply_seed(store, seed_document)
        save_record(store, Record(id="syntax", title='NEAR(AND OR) "quoted" title:colon', kind="other",
                                  summary="- * ^ {a b}: [x] 'single' \"double\" \\ % _"))
        add_note(store, "syntax", 'A note with "unbalanced quotes and NEAR( and -minus and *star')
        add_note(store, "operation-onymous", "ünïcödé · 🔍🚔 · ﬁ ligature · right-to-left שלום")
        yield store


def marks_are_balanced(snippet: str) -> bool:
    """Every match start has its end, in order, so the HTML form is well nested."""
    markers = [char for char in snippet if char in (MATCH_START, MATCH_END)]
    return markers == [MATCH_START, MATCH_END] * (len(markers) // 2) and "<mark>" not in snippet_html(
        snippet.replace(MATCH_START, "").replace(MATCH_END, ""))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(QUERIES)
def test_no_query_raises_in_search_or_the_filtered_list(hostile_store, query):
    hits = search(hostile_store, query, limit=20)
    assert len(hits) <= 20
    assert all(marks_are_balanced(hit.snippet) for hit in hits)
    keys = filtered_keys(hostile_store, RecordFilter(query=query), sort="relevance")
    assert len(keys) == len(set(keys))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.from_regex(r"[A-Za-z0-9]{2,12}", fullmatch=True), min_size=1, max_size=6),
       st.lists(FTS_SYNTAX, max_size=4))
def test_every_word_of_a_note_finds_it_whatever_syntax_surrounds_it(hostile_store, words, syntax):
    body = " ".join(words + syntax)
    note = add_note(hostile_store, "operation-hyperion", body)
    try:
        for word in words:
            assert note.id in [hit.id for hit in search(hostile_store, word, limit=500) if hit.type == "note"], word
    finally:
        hostile_store.db.conn.execute("DELETE FROM notes WHERE id = ?", (note.id,))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(ANY_CHARACTER, min_size=1, max_size=200))
def test_any_note_text_is_stored_exactly_or_refused_with_a_reason(hostile_store, body):
    try:
        note = add_note(hostile_store, "operation-hyperion", body)
    except InvalidInput as refusal:
        assert "invalid character" in str(refusal)
        return
    try:
        assert get_note(hostile_store, note.id).body == body
    finally:
        hostile_store.db.conn.execute("DELETE FROM notes WHERE id = ?", (note.id,))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(ANY_CHARACTER, min_size=1, max_size=60), st.text(ANY_CHARACTER, max_size=200))
def test_any_imported_record_text_is_kept_exactly_or_the_file_refused(hostile_store, title, summary):
    assume(title.strip())
    try:
        document = parse_document({"format": "casenotes", "version": 1,
                                   "records": [minimal_record("hostile", title=title, summary=summary)]})
        import_document(hostile_store, document)
    except ImportFileError as refusal:
        assert str(refusal).startswith("record #1 (id 'hostile')")
        return
    record = get_record(hostile_store, "hostile")
    assert (record.title, record.summary) == (title.strip(), summary)


def test_bad_bytes_on_the_command_line_are_refused_not_a_traceback(tmp_path, capsys):
    # Undecodable argv bytes reach Python as lone surrogates.
    code = main(["--data-dir", str(tmp_path / "d"), "note", "add", "operation-onymous", "bad \udcff byte"])
    assert code == 2
    assert "invalid character" in capsys.readouterr().err


@pytest.fixture(scope="module")
def cli_data_dir(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("cli-hostile") / "data"
    assert main(["--data-dir", str(data_dir), "note", "add", "operation-onymous", 'NEAR( "quote']) == 0
    return data_dir


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(QUERIES)
def test_cli_search_prints_json_for_any_query(cli_data_dir, query):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--data-dir", str(cli_data_dir), "search", "--json", "--", query])
    assert (code, err.getvalue()) == (0, "")
    hits = json.loads(out.getvalue())
    assert isinstance(hits, list)
    assert (hits == []) or match_expression(query) is not None


# ---- one-megabyte single lines ----------------------------------------------------------

MEGABYTE_LINE = ("lorem ipsum dolor " * 58255)[:1_048_576]  # 1 MiB of text, no line break
MEGABYTE_WORD = "x" * 1_048_576  # one 1 MiB "word"


def test_a_one_megabyte_summary_and_note_are_stored_and_searched(store):
    save_record(store, Record(id="huge", title="Huge", kind="other", summary=MEGABYTE_LINE + " needle"))
    note = add_note(store, "huge", MEGABYTE_WORD + " haystack")
    assert get_record(store, "huge").summary == MEGABYTE_LINE + " needle"
    assert get_note(store, note.id).body == MEGABYTE_WORD + " haystack"
    for query, expected in (("lorem", ("record", "huge")), ("needle", ("record", "huge")),
                            ("haystack", ("note", note.id)), ("xxx", ("note", note.id))):
        hits = search(store, query)
        assert expected in [(hit.type, hit.id) for hit in hits], query
        assert all(len(hit.snippet) < 400 and marks_are_balanced(hit.snippet) for hit in hits)
    [hit] = search(store, "needle")
    assert hit.snippet.endswith("\x02needle\x03")


def test_a_one_megabyte_query_is_just_a_long_query(store):
    save_record(store, Record(id="huge", title="Huge", kind="other", summary=MEGABYTE_LINE))
    assert [hit.id for hit in search(store, MEGABYTE_LINE)] == ["huge"]
    assert search(store, MEGABYTE_WORD) == []
    assert filtered_keys(store, RecordFilter(query=MEGABYTE_WORD)) == []


def test_a_one_megabyte_title_is_refused_with_the_limit_named(store):
    with pytest.raises(InvalidInput, match="title is longer than 1000 characters"):
        save_record(store, Record(id="huge", title=MEGABYTE_LINE, kind="other"))
    with pytest.raises(ImportFileError, match=r"record #1 \(id 'huge'\): title is longer than 1000"):
        parse_document({"format": "casenotes", "version": 1, "records": [minimal_record("huge", title=MEGABYTE_WORD)]})
