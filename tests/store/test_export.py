"""Exports: JSON round-trips byte for byte, CSV has the documented columns, the Markdown
report reads well, and files appear whole or not at all."""

import csv
import io
import json
import os
import stat

import pytest

from casenotes.store import NotFound, Store
from casenotes.store.interchange import (
    CSV_COLUMNS, ExportError, dump_document, export_document, export_records, export_to_file, import_file,
    select_record_ids, write_json, write_markdown,
)
from casenotes.store.listing import RecordFilter
from casenotes.store.notes import add_note
from casenotes.store.records import all_record_ids, get_record
from tests.conftest import GWERN, minimal_record
from tests.interchange_helpers import write_document


def exported_json(store, ids=None) -> str:
    out = io.StringIO()
    write_json(store, all_record_ids(store) if ids is None else ids, out)
    return out.getvalue()


@pytest.fixture
def store_with_notes(seeded_store):
    add_note(seeded_store, "operation-hyperion", "First note with **Markdown**\n\n- and a list")
    add_note(seeded_store, "operation-disruptor", "Second note, ünïcödé and \"quotes\"")
    add_note(seeded_store, "operation-disruptor", "Third note")
    return seeded_store


def test_streamed_json_is_exactly_the_documented_dump(store_with_notes):
    assert exported_json(store_with_notes) == dump_document(export_document(store_with_notes))
    some = ["operation-disruptor", "operation-onymous"]
    assert exported_json(store_with_notes, some) == dump_document(export_document(store_with_notes, some))
    assert exported_json(store_with_notes, []) == dump_document(export_document(store_with_notes, []))


def test_seeded_store_with_notes_round_trips_byte_for_byte(store_with_notes, tmp_path):
    first = tmp_path / "first.json"
    export_to_file(store_with_notes, all_record_ids(store_with_notes), "json", first)
    with Store.open(tmp_path / "empty.db") as empty:
        summary = import_file(empty, first)
        assert summary.notes_added == 3
        second = tmp_path / "second.json"
        export_to_file(empty, all_record_ids(empty), "json", second)
    assert second.read_bytes() == first.read_bytes()
    assert any(n["body"].startswith("First note") for n in json.loads(first.read_text())["notes"])


@pytest.mark.parametrize("name", ["gwern_dnm_combined.casenotes.json", "gwern_dnm_survival.casenotes.json"])
def test_gwern_data_round_trips_byte_for_byte(tmp_path, name):
    with Store.in_memory() as first:
        import_file(first, GWERN / name)
        text = exported_json(first)
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    with Store.in_memory() as second:
        import_file(second, path)
        assert exported_json(second) == text


def test_csv_has_exactly_the_documented_columns_and_one_row_per_record(store_with_notes):
    out = io.StringIO(newline="")
    ids = ["operation-disruptor", "operation-hyperion"]
    assert export_records(store_with_notes, ids, "csv", out) == 2
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS == (
        "id", "title", "kind", "date", "end_date", "summary", "agencies", "countries", "tags",
        "source_title", "source_url", "source_published")
    assert [row[0] for row in rows[1:]] == ids
    disruptor = dict(zip(rows[0], rows[1]))
    assert disruptor["countries"].split("; ")[:2] == ["US", "DE"]
    assert "Europol" in disruptor["agencies"].split("; ")
    assert disruptor["source_title"] == get_record(store_with_notes, "operation-disruptor").sources[0].title


def test_csv_export_imported_back_changes_nothing(store_with_notes, tmp_path):
    path = tmp_path / "records.csv"
    export_to_file(store_with_notes, all_record_ids(store_with_notes), "csv", path)
    before = exported_json(store_with_notes)
    summary = import_file(store_with_notes, path)
    assert summary.added == [] and summary.updated == [] and len(summary.unchanged) == len(all_record_ids(store_with_notes))
    assert exported_json(store_with_notes) == before


def test_csv_into_an_empty_store_gives_records_with_their_one_source(store_with_notes, tmp_path):
    path = tmp_path / "records.csv"
    export_to_file(store_with_notes, ["operation-disruptor"], "csv", path)
    with Store.in_memory() as empty:
        import_file(empty, path)
        record = get_record(empty, "operation-disruptor")
    original = get_record(store_with_notes, "operation-disruptor")
    assert (record.title, record.countries, record.agencies, record.tags) == (
        original.title, original.countries, original.agencies, original.tags)
    assert [s.title for s in record.sources] == [original.sources[0].title] and record.figures == []


def test_a_csv_row_updates_a_record_but_keeps_its_figures_relations_and_sources(store_with_notes, tmp_path):
    original = get_record(store_with_notes, "operation-disruptor")
    header = ",".join(CSV_COLUMNS)
    path = tmp_path / "edit.csv"
    path.write_text(f'{header}\noperation-disruptor,DisrupTor (edited),operation,2020-09-22,,"New, shorter summary.",'
                    f'FBI;Europol,US;DE,darknet,A later article,https://example.org/later,2021\n', encoding="utf-8")
    assert import_file(store_with_notes, path).updated == ["operation-disruptor"]
    record = get_record(store_with_notes, "operation-disruptor")
    assert (record.title, record.summary, record.agencies) == ("DisrupTor (edited)", "New, shorter summary.",
                                                               ["FBI", "Europol"])
    assert record.figures == original.figures and record.related == original.related
    assert record.sources[:-1] == original.sources and record.sources[-1].url == "https://example.org/later"


def test_markdown_report_has_what_a_journalist_needs(store_with_notes):
    out = io.StringIO()
    write_markdown(store_with_notes, ["operation-disruptor", "operation-hyperion"], out,
                   scope='search "darknet"', generated="2026-03-01T10:00:00Z")
    text = out.getvalue()
    assert text.startswith("# casenotes report\n\n2 records · search \"darknet\" · exported 1 March 2026\n")
    assert "## Operation DisrupTor\n\nOperation · 22 September 2020 · `operation-disruptor`" in text
    assert "Operation · 22 October 2016 – 28 October 2016" in text
    assert "**Countries:** United States (US), Germany (DE)" in text
    assert "| Figure | Value | Country | Source | Note |" in text
    assert "| arrests | 121 people | United States | [1] |" in text
    assert "**Sources disagree** on arrests in United States: 121 people [1, 4]; 119 people [3]." in text
    assert "[FBI Director Christopher Wray's Remarks at Press Conference on Operation DisrupTor](<https://www.fbi.gov/" in text
    assert "- follows: Wall Street Market takedown (`wall-street-market-takedown`)" in text
    assert "### Notes" in text and "> Second note, ünïcödé and \"quotes\"" in text
    assert "> First note with **Markdown**\n>\n> - and a list" in text


def test_markdown_notes_show_their_pin_and_tags_and_a_share_report_hides_private_tags(seeded_store):
    from casenotes.store.interchange.export_options import ExportOptions
    from casenotes.store.notes import set_note_tags, set_pinned
    from casenotes.store.privacy import set_tag_private

    note = add_note(seeded_store, "operation-hyperion", "Ask the RCMP")
    set_pinned(seeded_store, note.id, True)
    set_note_tags(seeded_store, note.id, ["canada", "source-x"])
    out = io.StringIO()
    write_markdown(seeded_store, ["operation-hyperion"], out)
    assert ", pinned · tags: canada, source-x*\n\n> Ask the RCMP" in out.getvalue()

    set_tag_private(seeded_store, "source-x", True)
    shared = io.StringIO()
    export_records(seeded_store, ["operation-hyperion"], "markdown", shared, options=ExportOptions(share=True))
    assert ", pinned · tags: canada*" in shared.getvalue() and "source-x" not in shared.getvalue()


def test_markdown_shows_dates_at_their_precision_and_escapes_record_text(store, tmp_path):
    import_file(store, write_document(tmp_path / "odd.json", [
        minimal_record("odd", title="Market *Alpha* | [beta] #1", date="2014-11", summary="# not a heading\n\n_x_ 2*3"),
        minimal_record("year", date="2014", figures=[{"label": "seized_usd", "value": 1500000.0, "unit": "USD"}]),
    ]))
    out = io.StringIO()
    write_markdown(store, ["odd", "year"], out)
    text = out.getvalue()
    assert "## Market \\*Alpha\\* | \\[beta\\] #1" in text
    assert "Operation · November 2014 ·" in text and "Operation · 2014 ·" in text
    assert "\\# not a heading\n\n\\_x\\_ 2\\*3" in text
    assert "| seized usd | 1,500,000 USD | — | — |" in text


def test_select_record_ids_by_query_and_by_id_in_store_order(seeded_store):
    everything = all_record_ids(seeded_store)
    assert select_record_ids(seeded_store) == everything
    found = select_record_ids(seeded_store, RecordFilter(query="blackshades"))
    assert "blackshades-arrests-2014" in found and len(found) < len(everything)
    assert found == [i for i in everything if i in found]
    picked = select_record_ids(seeded_store, None, ["operation-onymous", "operation-disruptor"])
    assert picked == [i for i in everything if i in picked] and len(picked) == 2
    both = select_record_ids(seeded_store, RecordFilter(query="blackshades"), ["operation-onymous"])
    assert both == []
    by_date = select_record_ids(seeded_store, chronological=True)
    dates = [get_record(seeded_store, i).date for i in by_date]
    assert dates == sorted(dates)


def test_an_unknown_id_is_refused(seeded_store):
    with pytest.raises(NotFound, match="no record with id 'ghost'"):
        select_record_ids(seeded_store, None, ["operation-onymous", "ghost"])


def test_an_export_file_is_private_and_replaces_the_old_one_whole(seeded_store, tmp_path):
    path = tmp_path / "out.json"
    path.write_text("old export", encoding="utf-8")
    os.chmod(path, 0o644)
    count = export_to_file(seeded_store, all_record_ids(seeded_store), "json", path)
    assert count == len(all_record_ids(seeded_store))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "casenotes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_a_failed_export_leaves_no_half_file_and_keeps_the_old_one(seeded_store, tmp_path, monkeypatch):
    path = tmp_path / "out.json"
    path.write_text("old export", encoding="utf-8")

    def write_then_fail(store, ids, out, *options):
        out.write('{"format": "casenotes", "records": [')
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("casenotes.store.interchange.export.write_json", write_then_fail)
    with pytest.raises(ExportError, match=r"cannot write .*out\.json: No space left on device"):
        export_to_file(seeded_store, all_record_ids(seeded_store), "json", path)
    assert path.read_text(encoding="utf-8") == "old export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_exporting_into_a_missing_folder_or_onto_a_folder_is_refused(seeded_store, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        export_to_file(seeded_store, [], "json", tmp_path / "nowhere" / "out.json")
    with pytest.raises(ExportError, match="it is a folder"):
        export_to_file(seeded_store, [], "json", tmp_path)


def test_blank_csv_cells_keep_what_the_record_has(store_with_notes, tmp_path):
    original = get_record(store_with_notes, "operation-disruptor")
    path = tmp_path / "sparse.csv"
    path.write_text(",".join(CSV_COLUMNS) + "\noperation-disruptor,DisrupTor (renamed),operation,,,,,,,,,\n",
                    encoding="utf-8")
    assert import_file(store_with_notes, path).updated == ["operation-disruptor"]
    record = get_record(store_with_notes, "operation-disruptor")
    assert record.title == "DisrupTor (renamed)"
    assert (record.date, record.summary, record.agencies, record.countries, record.tags, record.sources) == (
        original.date, original.summary, original.agencies, original.countries, original.tags, original.sources)


def test_a_csv_row_that_contradicts_the_kept_fields_is_refused_naming_it(store_with_notes, tmp_path):
    from casenotes.store.interchange import ImportFileError

    path = tmp_path / "late.csv"
    path.write_text(",".join(CSV_COLUMNS) + "\noperation-hyperion,Operation Hyperion,operation,2017,,,,,,,,\n",
                    encoding="utf-8")
    before = exported_json(store_with_notes)
    with pytest.raises(ImportFileError, match=r"record #1 \(id 'operation-hyperion', line 2\): "
                                              r"end_date 2016-10-28 is before date 2017"):
        import_file(store_with_notes, path)
    assert exported_json(store_with_notes) == before
