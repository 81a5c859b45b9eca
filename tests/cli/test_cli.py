import json
import subprocess
import sys

import pytest

from casenotes import __version__
from casenotes.cli import main
from casenotes.paths import database_path
from tests.conftest import store_dump


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cli(capsys, data_dir):
    def invoke(*argv):
        return run(capsys, "--data-dir", str(data_dir), *argv)
    return invoke


def test_search_json_prints_blackshades_with_a_highlighted_snippet(cli):
    code, out, err = cli("search", "blackshades", "--json")
    assert code == 0, err
    hits = json.loads(out)
    assert hits[0]["id"] == "blackshades-arrests-2014"
    assert set(hits[0]) == {"id", "type", "record_id", "title", "kind", "date", "snippet"}
    assert hits[0]["type"] == "record" and "<mark>" in hits[0]["snippet"]


@pytest.mark.parametrize("query", ['"unbalanced', "NEAR(", "-", "*", "AND OR NOT", "🚔", "(", "title:x"])
def test_strange_queries_print_results_or_nothing_never_a_traceback(cli, query):
    code, out, err = cli("search", query)
    assert code == 0
    assert err == ""


def test_search_limit_is_respected_and_checked(cli):
    code, out, _ = cli("search", "darknet", "--limit", "1", "--json")
    assert code == 0 and len(json.loads(out)) == 1
    code, _, err = cli("search", "darknet", "--limit", "zero")
    assert code == 2 and err.count("\n") == 1 and "invalid limit" in err


def test_show_prints_figures_sources_and_relations(cli):
    code, out, _ = cli("show", "operation-disruptor")
    assert code == 0
    assert "Operation DisrupTor" in out and "Austria" in out and "follows wall-street-market-takedown" in out


def test_show_json_round_trips_the_record(cli):
    code, out, _ = cli("show", "operation-onymous", "--json")
    data = json.loads(out)
    assert code == 0 and data["id"] == "operation-onymous" and data["notes"] == []


def test_show_of_an_unknown_id_is_one_line_exit_2(cli):
    code, out, err = cli("show", "no-such-record")
    assert (code, out) == (2, "")
    assert err == "casenotes: error: no record with id 'no-such-record'\n"


def test_list_json_lists_every_record_by_date(cli):
    code, out, _ = cli("list", "--json")
    rows = json.loads(out)
    dates = [row["date"] for row in rows]
    assert code == 0 and len(rows) >= 9 and dates == sorted(dates)


def test_note_add_then_search_and_show_find_it(cli):
    code, out, _ = cli("note", "add", "operation-hyperion", "Check the **Quebec** lead")
    assert code == 0 and "added note" in out
    _, out, _ = cli("search", "quebec lead", "--json")
    assert any(hit["type"] == "note" and hit["record_id"] == "operation-hyperion" for hit in json.loads(out))
    _, out, _ = cli("show", "operation-hyperion")
    assert "Check the **Quebec** lead" in out


def test_note_add_reads_standard_input_for_a_dash(cli, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("from stdin\nsecond line"))
    code, _, _ = cli("note", "add", "operation-hyperion", "-", "--json")
    assert code == 0
    _, out, _ = cli("show", "operation-hyperion", "--json")
    assert json.loads(out)["notes"][0]["body"] == "from stdin\nsecond line"


def test_a_note_for_an_unknown_record_changes_nothing(cli, data_dir):
    cli("list")
    before = store_dump(database_path(data_dir))
    code, _, err = cli("note", "add", "ghost", "text")
    assert code == 2 and err == "casenotes: error: no record with id 'ghost'\n"
    assert store_dump(database_path(data_dir)) == before


def test_an_empty_note_is_refused(cli):
    code, _, err = cli("note", "add", "operation-hyperion", "   ")
    assert code == 2 and "empty" in err


def test_unknown_command_is_one_line_exit_2(capsys):
    code, _, err = run(capsys, "frobnicate")
    assert code == 2 and err.count("\n") == 1 and "invalid choice" in err


def test_data_dir_may_follow_the_command(capsys, data_dir):
    code, out, _ = run(capsys, "list", "--data-dir", str(data_dir))
    assert code == 0 and database_path(data_dir).exists()


def test_a_database_from_a_newer_version_is_refused_on_the_command_line(cli, data_dir):
    import sqlite3

    cli("list")
    with sqlite3.connect(database_path(data_dir)) as conn:
        conn.execute("PRAGMA user_version = 999")
    code, _, err = cli("list")
    assert code == 2 and "newer version of casenotes" in err and err.count("\n") == 1


def test_version_and_module_entry_point(data_dir):
    result = subprocess.run([sys.executable, "-m", "casenotes", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == f"casenotes {__version__}"
    result = subprocess.run(
        [sys.executable, "-m", "casenotes", "--data-dir", str(data_dir), "search", "hyperion", "--json"],
        capture_output=True, text=True,
    )
    assert result.returncode == 0 and json.loads(result.stdout)[0]["id"] == "operation-hyperion"


def test_note_list_show_and_history(cli):
    _, out, _ = cli("note", "add", "operation-hyperion", "first text", "--json")
    note_id = json.loads(out)["id"]
    code, out, _ = cli("note", "list", "operation-hyperion", "--json")
    assert code == 0 and [n["id"] for n in json.loads(out)] == [note_id]
    code, out, _ = cli("note", "show", str(note_id))
    assert code == 0 and out.rstrip().endswith("first text")


def test_note_history_lists_earlier_versions_newest_first(cli, data_dir):
    from casenotes.store import open_data_dir
    from casenotes.store.notes import save_note_body

    _, out, _ = cli("note", "add", "operation-hyperion", "v1", "--json")
    note_id = json.loads(out)["id"]
    with open_data_dir(data_dir) as store:
        save_note_body(store, note_id, "v2")
        save_note_body(store, note_id, "v3")
    code, out, _ = cli("note", "history", str(note_id), "--json")
    assert code == 0 and [v["body"] for v in json.loads(out)] == ["v2", "v1"]
    code, out, _ = cli("note", "show", str(note_id), "--json")
    assert json.loads(out)["body"] == "v3"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("note", "show", "999"), "no note with id 999"),
        (("note", "history", "abc"), "invalid note id 'abc'"),
        (("note", "list", "ghost"), "no record with id 'ghost'"),
    ],
)
def test_note_commands_reject_unknown_ids_in_one_line(cli, argv, message):
    code, out, err = cli(*argv)
    assert code == 2 and out == "" and message in err and err.count("\n") == 1


def test_saved_search_runs_by_name_and_reports_new_records(cli, data_dir, tmp_path):
    import time

    code, _, _ = cli("search", "darknet", "--save", "darknet watch")
    assert code == 0
    _, out, _ = cli("search", "--saved", "darknet watch", "--json")
    everything = json.loads(out)
    assert everything and all(hit["type"] == "record" for hit in everything)
    _, out, _ = cli("search", "--saved", "darknet watch", "--new", "--json")
    assert json.loads(out) == []
    time.sleep(0.002)
    from casenotes.store import open_data_dir
    from casenotes.store.interchange import import_document
    from tests.conftest import document, minimal_record

    with open_data_dir(data_dir) as store:
        import_document(store, document(minimal_record("darknet-sweep", title="Darknet sweep", kind="raid")))
    _, out, _ = cli("search", "--saved", "darknet watch", "--new", "--json")
    assert [hit["id"] for hit in json.loads(out)] == ["darknet-sweep"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("search",), "give a QUERY"),
        (("search", "x", "--saved", "y"), "not both"),
        (("search", "x", "--new"), "--new needs --saved"),
        (("search", "--saved", "nope"), "no saved search called 'nope'"),
    ],
)
def test_saved_search_arguments_are_checked(cli, argv, message):
    code, _, err = cli(*argv)
    assert code == 2 and message in err
