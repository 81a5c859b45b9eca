import json

from casenotes.cli import main
from casenotes.paths import database_path
from tests.conftest import store_dump
from tests.extract.conftest import HYPERION, RT


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_prints_each_value_with_its_sentence(capsys, data_dir):
    code, out, err = run(capsys, "--data-dir", str(data_dir), "extract", str(RT), "--published", "2020-09")
    assert code == 0, err
    assert "nothing has been saved" in out
    assert "[x] Title: Operation DisrupTor" in out
    assert "[x] Figure: arrests: 3 people — Australia (AU)" in out
    assert "check whether the source meant Austria (AT)" in out
    assert "three in Australia and one in Sweden" in out


def test_extract_json_has_proposals_flags_and_evidence(capsys, data_dir):
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "extract", str(RT), "--json", "--publisher", "RT")
    data = json.loads(out)
    assert code == 0 and data["article"]["publisher"] == "RT"
    arrests = [p for p in data["proposals"] if p["field"] == "figure" and p["label"] == "arrests"]
    assert {(p["country"], p["value"]) for p in arrests} >= {("US", 121), ("DE", 42)}
    text = data["article"]["text"]
    for proposal in arrests:
        evidence = proposal["evidence"][0]
        assert text[evidence["start"]:evidence["end"]] == evidence["words"]


def test_extract_never_creates_a_store(capsys, data_dir):
    code, _, _ = run(capsys, "--data-dir", str(data_dir), "extract", str(HYPERION))
    assert code == 0 and not database_path(data_dir).exists()


def test_extract_matches_related_records_and_changes_nothing(capsys, data_dir):
    assert run(capsys, "--data-dir", str(data_dir), "list")[0] == 0  # creates and seeds the store
    before = store_dump(database_path(data_dir))
    code, out, err = run(capsys, "--data-dir", str(data_dir), "extract", str(HYPERION), "--published", "2016-11", "--json")
    assert code == 0, err
    related = [p["value"] for p in json.loads(out)["proposals"] if p["field"] == "relation" and p["accepted"]]
    assert "blackshades-arrests-2014" in related and "uk-stresser-guilty-plea" in related
    assert store_dump(database_path(data_dir)) == before


def test_extract_reads_standard_input(capsys, data_dir, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("Police arrested 12 people in Operation Lantern."))
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "extract", "-", "--json")
    assert code == 0 and json.loads(out)["proposals"][0]["value"] == "Operation Lantern"


def test_extract_bad_input_is_one_line_and_exit_2(capsys, data_dir, tmp_path):
    code, out, err = run(capsys, "--data-dir", str(data_dir), "extract", str(tmp_path / "missing.txt"))
    assert code == 2 and out == "" and err.count("\n") == 1 and "no such file" in err
    code, _, err = run(capsys, "--data-dir", str(data_dir), "extract", str(RT), "--published", "last tuesday")
    assert code == 2 and err.count("\n") == 1 and "publication date" in err
