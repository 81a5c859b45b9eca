"""Importing files: every kind of bad input gets a one-line message naming the problem and
changes nothing in the store; good files are imported once, idempotently."""

import pytest

from casenotes.store.interchange import ImportCancelled, ImportFileError, import_file
from casenotes.store.notes import add_note, notes_for_record
from casenotes.store.records import get_record, record_count
from tests.conftest import GWERN, minimal_record
from tests.interchange_helpers import dump_of, write_document

CSV_HEADER = "id,title,kind,date,end_date,summary,agencies,countries,tags,source_title,source_url,source_published"


def _write(path, content):
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


BAD_FILES = {
    "invalid JSON": ("bad.json", '{"format": "casenotes", "version": 1, "records": [',
                     r"bad\.json is not valid JSON: .* line 1, column"),
    "JSON with a stray comma": ("comma.json", '{"format": "casenotes", "version": 1, "records": [{"id": "a",}]}',
                                r"is not valid JSON"),
    "wrong format name": ("other.json", '{"format": "zotero", "version": 1, "records": []}',
                          r"not a casenotes file: \"format\" is 'zotero', expected 'casenotes'"),
    "missing format": ("nofmt.json", '{"records": []}', r"not a casenotes file: \"format\" is None"),
    "top level is a list": ("list.json", '[{"id": "a"}]', r"top level must be a JSON object"),
    "newer format version": ("v2.json", '{"format": "casenotes", "version": 2, "records": []}',
                             r"format version 2, newer than this app reads \(1\); update casenotes"),
    "version as text": ("v1s.json", '{"format": "casenotes", "version": "1", "records": []}',
                        r"unsupported format version '1'"),
    "records not a list": ("recmap.json", '{"format": "casenotes", "version": 1, "records": {"id": "a"}}',
                           r'"records" must be a list'),
    "notes not a list": ("notemap.json",
                         '{"format": "casenotes", "version": 1, "records": [], "notes": {"record_id": "a"}}',
                         r'"notes" must be a list'),
    "missing id": ("noid.json", '{"format": "casenotes", "version": 1, "records": [{"title": "x", "kind": "raid"}]}',
                   r'^record #1: "id" is missing$'),
    "duplicate ids": ("dup.json", None, r"record #3 \(id 'twice'\): duplicate id, already used by record #1"),
    "unknown kind": ("kind.json", None, r"record #2 \(id 'heist-1'\): kind 'heist' is not one of operation"),
    "impossible date": ("date.json", None, r"record #2 \(id 'bad-date'\): '2014-13-45' is not a real date"),
    "non-ISO country": ("country.json", None, r"record #2 \(id 'narnia'\): country 'XX' is not an ISO 3166"),
    "country name instead of code": ("usa.json", None, r"record #2 \(id 'usa'\): country 'USA' is not an ISO 3166"),
    "unknown key (schema)": ("key.json", None,
                             r"record #2 \(id 'typo'\): Additional properties are not allowed \('countires'"),
    "figure value as text": ("fig.json", None, r'record #2 \(id \'fig\'\): "figures\[0\]\.value" must be int or float'),
    "note for a missing record": ("note.json", None,
                                  r"note #1: record 'ghost' is neither in the file nor in the store"),
    "non-UTF-8 bytes": ("latin1.json",
                        '{"format": "casenotes", "version": 1, "records": [{"id": "yucel", "title": "Yücel", '
                        '"kind": "arrest"}]}'.encode("latin-1"),
                        r"latin1\.json is not UTF-8 text \(byte 0xFC at line 1, offset 77\)"),
    "UTF-16 file": ("utf16.json", '{"format": "casenotes", "version": 1, "records": []}'.encode("utf-16"),
                    r"is not UTF-8 text \(byte 0xFF at line 1, offset 0\)"),
    "empty file": ("empty.json", b"", r"empty\.json is empty$"),
    "blank file": ("blank.csv", "  \n\n ", r"blank\.csv is empty"),
    "CSV with a wrong header": ("wrong.csv", "id,title,kind,date,summary,agency,countries\nx,X,raid,2014,,,\n",
                                r"wrong CSV header: missing columns end_date, agencies, tags, source_title, "
                                r"source_url, source_published; unknown column 'agency' \(expected: id, title"),
    "CSV with a bad row": ("badrow.csv", None, r"record #2 \(id 'b', line 3\): '2014-02-30' is not a real date"),
    "CSV row with too many cells": ("cells.csv", None, r"record #1 \(id 'a', line 2\): the row has 13 cells, the header 12"),
    "CSV with non-UTF-8 bytes": ("latin1.csv", (CSV_HEADER + "\na,Caf\xe9,raid,,,,,,,,,\n").encode("latin-1"),
                                 r"latin1\.csv is not UTF-8 text \(byte 0xE9 at line 2"),
}

GOOD = minimal_record("good-one")
RECORDS_FOR = {
    "duplicate ids": [minimal_record("twice"), GOOD, minimal_record("twice")],
    "unknown kind": [GOOD, minimal_record("heist-1", kind="heist")],
    "impossible date": [GOOD, minimal_record("bad-date", date="2014-13-45")],
    "non-ISO country": [GOOD, minimal_record("narnia", countries=["XX"])],
    "country name instead of code": [GOOD, minimal_record("usa", countries=["USA"])],
    "unknown key (schema)": [GOOD, minimal_record("typo", countires=["DE"])],
    "figure value as text": [GOOD, minimal_record("fig", figures=[{"label": "arrests", "value": "7"}])],
}


def _bad_file(tmp_path, case):
    name, content, _ = BAD_FILES[case]
    path = tmp_path / name
    if case in RECORDS_FOR:
        return write_document(path, RECORDS_FOR[case])
    if case == "note for a missing record":
        return write_document(path, [GOOD], notes=[{"record_id": "ghost", "body": "lost"}])
    if case == "CSV with a bad row":
        return _write(path, f"{CSV_HEADER}\na,A,raid,2014,,,,,,,,\nb,B,raid,2014-02-30,,,,,,,,\n")
    if case == "CSV row with too many cells":
        return _write(path, f"{CSV_HEADER}\na,A,raid,2014,,,,,,,,,extra\n")
    return _write(path, content)


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_bad_input_is_refused_with_a_clear_message_and_changes_nothing(file_store, tmp_path, case):
    before = dump_of(file_store)
    path = _bad_file(tmp_path, case)
    with pytest.raises(ImportFileError) as refused:
        import_file(file_store, path)
    message = str(refused.value)
    assert "\n" not in message
    assert __import__("re").search(BAD_FILES[case][2], message), message
    assert dump_of(file_store) == before


def test_a_directory_instead_of_a_file_is_refused(file_store, tmp_path):
    before = dump_of(file_store)
    with pytest.raises(ImportFileError, match=r"is a folder, not a file"):
        import_file(file_store, tmp_path)
    assert dump_of(file_store) == before


def test_a_missing_file_is_refused(file_store, tmp_path):
    with pytest.raises(ImportFileError, match=r"cannot read .*missing\.json: No such file"):
        import_file(file_store, tmp_path / "missing.json")


def test_an_error_in_the_last_record_of_a_large_file_leaves_nothing_behind(file_store, tmp_path):
    from tests.generated_records import generated_record
    import random

    rng = random.Random(1)
    records = [generated_record(n, rng) for n in range(1500)] + [minimal_record("last", date="2014-13-45")]
    before = dump_of(file_store)
    with pytest.raises(ImportFileError, match=r"record #1501 \(id 'last'\)"):
        import_file(file_store, write_document(tmp_path / "big.json", records))
    assert dump_of(file_store) == before


def test_a_syntax_error_after_many_records_leaves_nothing_behind(file_store, tmp_path):
    path = tmp_path / "truncated.json"
    write_document(path, [minimal_record(f"r{n}") for n in range(1200)])
    path.write_bytes(path.read_bytes()[:-40])
    before = dump_of(file_store)
    with pytest.raises(ImportFileError, match="is not valid JSON"):
        import_file(file_store, path)
    assert dump_of(file_store) == before


def test_cancelling_from_the_progress_callback_rolls_everything_back(file_store, tmp_path):
    from tests.generated_records import write_generated_json

    path = write_generated_json(tmp_path / "gen.json", 3000)
    before = dump_of(file_store)
    seen = []

    def cancel_after_first_batch(done, total):
        seen.append((done, total))
        raise ImportCancelled("cancelled")

    with pytest.raises(ImportCancelled):
        import_file(file_store, path, progress=cancel_after_first_batch)
    assert seen and 0 < seen[0][0] < seen[0][1] == path.stat().st_size
    assert dump_of(file_store) == before


def test_progress_reaches_the_end_of_the_file(store, tmp_path):
    from tests.generated_records import write_generated_json

    path = write_generated_json(tmp_path / "gen.json", 1200)
    seen = []
    import_file(store, path, progress=lambda done, total: seen.append((done, total)))
    assert len(seen) == 3 and seen[-1] == (path.stat().st_size, path.stat().st_size)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_importing_a_file_twice_adds_nothing_the_second_time(store):
    first = import_file(store, GWERN / "gwern_dnm_combined.casenotes.json")
    again = import_file(store, GWERN / "gwern_dnm_combined.casenotes.json")
    assert len(first.added) == 523 and (len(again.added), len(again.updated), len(again.unchanged)) == (0, 0, 523)
    assert record_count(store) == 523


def test_reimporting_a_changed_record_updates_it_and_keeps_user_notes(file_store, tmp_path):
    note = add_note(file_store, "operation-onymous", "my own research")
    changed = minimal_record("operation-onymous", title="Operation Onymous (revised)", kind="takedown")
    summary = import_file(file_store, write_document(tmp_path / "update.json", [changed]))
    assert summary.updated == ["operation-onymous"]
    assert get_record(file_store, "operation-onymous").title == "Operation Onymous (revised)"
    assert [n.body for n in notes_for_record(file_store, "operation-onymous")] == [note.body]


def test_dry_run_reports_what_would_happen_and_changes_nothing(file_store, tmp_path):
    path = write_document(tmp_path / "mixed.json", [
        minimal_record("brand-new"),
        minimal_record("operation-onymous", title="Renamed"),
    ], notes=[{"record_id": "brand-new", "body": "a note"}])
    before = dump_of(file_store)
    summary = import_file(file_store, path, dry_run=True)
    assert (summary.added, summary.updated, summary.notes_added) == (["brand-new"], ["operation-onymous"], 1)
    assert summary.dry_run and not summary.changed
    assert dump_of(file_store) == before
    real = import_file(file_store, path)
    assert (real.added, real.updated, real.notes_added) == (summary.added, summary.updated, 1)


def test_a_file_whose_keys_come_in_another_order_imports(store, tmp_path):
    path = tmp_path / "reordered.json"
    path.write_text('{"notes": [{"record_id": "b", "body": "first"}], "records": [{"kind": "raid", "title": "B",'
                    ' "id": "b"}], "version": 1, "format": "casenotes"}', encoding="utf-8")
    summary = import_file(store, path)
    assert summary.added == ["b"] and summary.notes_added == 1


def test_a_byte_order_mark_is_accepted(store, tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + b'{"format": "casenotes", "version": 1, "records": [{"id": "a", "title": "A",'
                     b' "kind": "raid"}]}')
    assert import_file(store, path).added == ["a"]


def test_format_is_chosen_by_content_when_the_extension_says_nothing(store, tmp_path):
    json_file = write_document(tmp_path / "records.txt", [minimal_record("from-json")])
    csv_file = _write(tmp_path / "records.dat", f"{CSV_HEADER}\nfrom-csv,From CSV,raid,2014,,,,,,,,\n")
    assert import_file(store, json_file).added == ["from-json"]
    assert import_file(store, csv_file).added == ["from-csv"]


def test_a_deleted_record_comes_back_when_imported(store, tmp_path):
    from casenotes.store.records import delete_record

    import_file(store, write_document(tmp_path / "a.json", [minimal_record("back")]))
    delete_record(store, "back")
    assert import_file(store, write_document(tmp_path / "b.json", [minimal_record("back")])).updated == ["back"]
    assert get_record(store, "back").title == "Title of back"


def test_notes_written_in_the_same_millisecond_stay_separate_notes(store, tmp_path):
    created = "2026-01-01T10:00:00.000Z"
    notes = [{"record_id": "a", "body": body, "created": created, "updated": created} for body in ("one", "two")]
    path = write_document(tmp_path / "notes.json", [minimal_record("a")], notes=notes)
    assert import_file(store, path).notes_added == 2
    again = import_file(store, path)
    assert (again.notes_added, again.notes_updated) == (0, 0)
    assert sorted(n.body for n in notes_for_record(store, "a")) == ["one", "two"]


def test_a_note_edited_later_elsewhere_updates_ours_and_keeps_the_old_body_as_a_version(store, tmp_path):
    from casenotes.store.notes import note_versions

    created = "2026-01-01T10:00:00.000Z"
    first = [{"record_id": "a", "body": "draft", "created": created, "updated": created}]
    import_file(store, write_document(tmp_path / "v1.json", [minimal_record("a")], notes=first))
    later = [{"record_id": "a", "body": "final", "created": created, "updated": "2026-02-01T00:00:00.000Z"}]
    summary = import_file(store, write_document(tmp_path / "v2.json", [minimal_record("a")], notes=later))
    assert (summary.notes_added, summary.notes_updated) == (0, 1)
    (note,) = notes_for_record(store, "a")
    assert note.body == "final" and [v.body for v in note_versions(store, note.id)] == ["draft"]
    older = [{"record_id": "a", "body": "stale", "created": created, "updated": "2025-01-01T00:00:00.000Z"}]
    import_file(store, write_document(tmp_path / "v0.json", [minimal_record("a")], notes=older))
    assert notes_for_record(store, "a")[0].body == "final"


def test_a_store_another_program_is_writing_to_gets_a_clear_message(file_store, tmp_path):
    import sqlite3

    from casenotes.store import StoreError

    path = write_document(tmp_path / "a.json", [minimal_record("a")])
    file_store.db.conn.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(file_store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        before = dump_of(file_store)
        with pytest.raises(StoreError, match=r"the store is busy .*; nothing was imported"):
            import_file(file_store, path)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert dump_of(file_store) == before
    assert import_file(file_store, path).added == ["a"]
