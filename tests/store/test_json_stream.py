"""The streaming JSON reader: the same records and notes as json.loads, wherever the chunks end."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casenotes.store.interchange import ImportFileError
from casenotes.store.interchange import json_stream
from casenotes.store.interchange.json_stream import JsonImportFile

TRICKY_RECORDS = [
    {"id": "a", "title": "Zürich — “quoted” \\ back\\slash \"inner\"", "kind": "raid", "summary": "🚔 emoji 𝄞",
     "figures": [{"label": "x", "value": -1.5e+10}, {"label": "y", "value": 0.1}, {"label": "z", "value": 12345678901234567890}],
     "flags": [True, False, None], "escapes": "\u00e9\U0001F600\n\t\u0000 ", "empty": {}, "none": []},
    {"id": "b", "title": "x" * 3000, "kind": "other"},
    {"id": "c", "title": "", "kind": "arrest", "nested": [[[{"deep": [1, [2, [3]]]}]]]},
]
NOTES = [{"record_id": "a", "body": "first note ✓"}, {"record_id": "c", "body": "second\r\nline"}]


def _write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def _read(path):
    source = JsonImportFile(path)
    source.check_header()
    return list(source.records()), list(source.notes())


@pytest.fixture(params=[1, 2, 3, 5, 8, 13, 64, 1000])
def small_chunks(request, monkeypatch):
    """Chunks of a few bytes, so every kind of token is cut in two somewhere."""
    monkeypatch.setattr(json_stream, "CHUNK_SIZE", request.param)
    return request.param


@pytest.mark.parametrize("indent", [None, 1])
@pytest.mark.parametrize("ascii_only", [True, False])
def test_items_cut_anywhere_by_the_chunks_read_as_json_loads_reads_them(tmp_path, small_chunks, indent, ascii_only):
    document = {"format": "casenotes", "version": 1, "records": TRICKY_RECORDS, "notes": NOTES}
    path = _write(tmp_path / "tricky.json", json.dumps(document, indent=indent, ensure_ascii=ascii_only))
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert _read(path) == (expected["records"], expected["notes"])


def test_escapes_cut_by_the_chunks_are_read_whole(tmp_path, small_chunks):
    text = r'{"format": "casenotes", "version": 1, "records": [{"t": "\ud83d\ude00 \ud800 lone \\ \" \u00e9\/"}]}'
    assert _read(_write(tmp_path / "escapes.json", text)) == ([json.loads(text)["records"][0]], [])


def test_notes_before_the_records_and_in_two_lists_come_in_file_order(tmp_path, small_chunks):
    text = ('{"notes": [{"record_id": "a", "body": "1"}], "format": "casenotes", "records": [{"id": "a"}], '
            '"version": 1, "notes": [{"record_id": "a", "body": "2"}], "other": {"x": [1, 2]}}')
    assert _read(_write(tmp_path / "order.json", text)) == ([{"id": "a"}], [
        {"record_id": "a", "body": "1"}, {"record_id": "a", "body": "2"}])


def test_a_file_without_notes_or_records_reads_as_empty(tmp_path):
    assert _read(_write(tmp_path / "bare.json", '{"format": "casenotes", "version": 1}')) == ([], [])
    assert _read(_write(tmp_path / "empty.json", '{"format":"casenotes","version":1,"records":[],"notes":[]}')) == (
        [], [])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=8,
), max_size=6), st.integers(1, 40), st.booleans())
def test_any_json_items_read_back_equal(tmp_path_factory, items, chunk, ascii_only):
    path = tmp_path_factory.mktemp("any") / "any.json"
    _write(path, json.dumps({"format": "casenotes", "version": 1, "records": items, "notes": items[::-1]},
                            ensure_ascii=ascii_only))
    original = json_stream.CHUNK_SIZE
    json_stream.CHUNK_SIZE = chunk
    try:
        assert _read(path) == (items, items[::-1])
    finally:
        json_stream.CHUNK_SIZE = original


BROKEN = {
    "a missing comma between records": ('{"format": "casenotes", "version": 1, "records": [\n{"id": "a"}\n{"id": "b"}]}', 3),
    "a stray comma in the notes": ('{"format": "casenotes", "version": 1, "records": [],\n"notes": [\n{"body": "x",}]}', 3),
    "text after the object": ('{"format": "casenotes", "version": 1, "records": []}\n\n{"more": 1}', 3),
    "a truncated file": ('{"format": "casenotes", "version": 1, "records": [\n{"id": "a"},\n{"id": "b"', 3),
    "NaN": ('{"format": "casenotes", "version": 1, "records": [\n{"id": "a", "value": NaN}]}', 2),
    "an unterminated string": ('{"format": "casenotes", "version": 1, "records": [\n{"id": "a}]}', 2),
    "a control character in a string": ('{"format": "casenotes", "version": 1, "records": [\n{"id": "a\tb"}]}', 2),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
@pytest.mark.parametrize("exact", [True, False])
def test_syntax_errors_name_the_line(tmp_path, monkeypatch, small_chunks, case, exact):
    """Small files get json.loads' own message; larger ones this reader's, with the same line."""
    if not exact:
        monkeypatch.setattr(json_stream, "EXACT_ERROR_LIMIT", 0)
    text, line = BROKEN[case]
    with pytest.raises(ImportFileError, match=rf"is not valid JSON: .* line {line}, column \d+$"):
        _read(_write(tmp_path / "broken.json", text))


def test_the_column_counts_from_the_start_of_the_line_across_chunks(tmp_path, monkeypatch, small_chunks):
    monkeypatch.setattr(json_stream, "EXACT_ERROR_LIMIT", 0)
    text = '{"format": "casenotes", "version": 1, "records": [{"id": "a"} {"id": "b"}]}'
    with pytest.raises(ImportFileError) as refused:
        _read(_write(tmp_path / "column.json", text))
    column = text.index('} {') + 3  # the second '{', counted from 1
    assert str(refused.value).endswith(f"Expecting ',' delimiter at line 1, column {column}")


def test_reading_stops_at_the_end_of_the_records_until_the_notes_are_asked_for(tmp_path, monkeypatch):
    monkeypatch.setattr(json_stream, "CHUNK_SIZE", 1024)
    records = [{"id": f"r{n}", "title": "t" * 50} for n in range(50)]
    notes = [{"record_id": "r1", "body": "n" * 100} for _ in range(200)]
    path = _write(tmp_path / "split.json", json.dumps({"format": "casenotes", "version": 1, "records": records,
                                                         "notes": notes}))
    source = JsonImportFile(path)
    assert list(source.records()) == records
    after_records = source.bytes_read
    assert after_records < path.stat().st_size / 2
    assert list(source.notes()) == notes
    assert source.bytes_read == path.stat().st_size
