"""casenotes import / export on the command line: one-line errors, exit 2, nothing changed."""

import csv
import io
import json
import stat

import pytest

from casenotes.cli import main
from casenotes.paths import database_path
from tests.conftest import GWERN, minimal_record, store_dump
from tests.interchange_helpers import write_document


@pytest.fixture
def cli(capsys, data_dir):
    def invoke(*argv, data=data_dir):
        code = main(["--data-dir", str(data), *map(str, argv)])
        out, err = capsys.readouterr()
        return code, out, err
    return invoke


def test_import_prints_a_summary_and_records_become_searchable(cli):
    code, out, err = cli("import", GWERN / "gwern_dnm_survival.casenotes.json")
    assert (code, err) == (0, "")
    assert out.strip().endswith("88 added, 0 updated, 0 unchanged; 0 notes added, 0 notes updated")
    _, out, _ = cli("search", "silk road", "--json")
    assert any(hit["id"] == "gwern-market-silk-road-1" for hit in json.loads(out))


def test_dry_run_lists_what_would_change_and_changes_nothing(cli, data_dir, tmp_path):
    cli("list")
    before = store_dump(database_path(data_dir))
    path = write_document(tmp_path / "f.json", [minimal_record("brand-new"), minimal_record("operation-onymous"),
                                                 _unchanged_seed_record(cli)])
    code, out, err = cli("import", path, "--dry-run")
    assert code == 0, err
    assert "dry run, nothing changed: 1 added, 1 updated, 1 unchanged" in out
    assert "would add 1 record:\n  brand-new\n" in out
    assert "would update 1 record:\n  operation-onymous\n" in out
    assert "would leave alone (already up to date) 1 record:\n  operation-hyperion\n" in out
    assert store_dump(database_path(data_dir)) == before


def _unchanged_seed_record(cli) -> dict:
    _, out, _ = cli("show", "operation-hyperion", "--json")
    record = json.loads(out)
    record.pop("notes")
    return record


@pytest.mark.parametrize(("content", "message"), [
    ('{"format": "casenotes", "version": 1, "records": [', "is not valid JSON"),
    ('{"format": "casenotes", "version": 7, "records": []}', "format version 7, newer than this app reads"),
    (json.dumps({"format": "casenotes", "version": 1, "records": [minimal_record("x", date="2014-13-45")]}),
     "record #1 (id 'x'): '2014-13-45' is not a real date"),
])
def test_a_bad_file_is_one_line_on_stderr_exit_2_and_changes_nothing(cli, data_dir, tmp_path, content, message):
    cli("list")
    before = store_dump(database_path(data_dir))
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = cli("import", path)
    assert (code, out) == (2, "")
    assert err.startswith("casenotes: error: ") and err.count("\n") == 1 and message in err
    assert store_dump(database_path(data_dir)) == before


def test_importing_a_folder_is_a_clear_error(cli, tmp_path):
    code, _, err = cli("import", tmp_path)
    assert code == 2 and "is a folder, not a file" in err and err.count("\n") == 1


def test_export_json_to_stdout_round_trips_through_import(cli, capsys, data_dir, tmp_path):
    cli("note", "add", "operation-hyperion", "a note to keep")
    code, first, err = cli("export")
    assert (code, err) == (0, "")
    assert json.loads(first)["notes"][0]["body"] == "a note to keep"
    path = tmp_path / "export.json"
    path.write_text(first, encoding="utf-8")
    other = tmp_path / "other-data"
    code, _, err = cli("import", path, data=other)
    assert code == 0, err
    code, second, _ = cli("export", data=other)
    assert second == first


def test_export_to_a_file_is_private_and_reports_the_count(cli, tmp_path):
    path = tmp_path / "out.md"
    code, out, err = cli("export", "--format", "markdown", "-o", path, "--query", "blackshades")
    assert code == 0, err
    assert out.startswith("exported ") and str(path) in out
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# casenotes report") and 'search "blackshades"' in text and "## " in text


def test_export_csv_of_chosen_ids(cli):
    code, out, err = cli("export", "--format", "csv", "--ids", "operation-onymous", "operation-disruptor")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert sorted(row["id"] for row in rows) == ["operation-disruptor", "operation-onymous"]
    assert out.splitlines()[0].startswith("id,title,kind,date,end_date,summary,agencies,countries,tags")


def test_export_of_an_unknown_id_is_one_line_exit_2(cli):
    code, out, err = cli("export", "--ids", "ghost")
    assert (code, out) == (2, "") and err == "casenotes: error: no record with id 'ghost'\n"


def test_export_to_a_missing_folder_is_one_line_exit_2(cli, tmp_path):
    code, _, err = cli("export", "-o", tmp_path / "missing" / "out.json")
    assert code == 2 and "does not exist" in err and err.count("\n") == 1


def test_an_unknown_export_format_is_refused(cli):
    code, _, err = cli("export", "--format", "xml")
    assert code == 2 and "invalid choice" in err
