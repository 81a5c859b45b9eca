"""casenotes export --profile share / --manifest, merge, private on the command line."""

import json
import shutil
import subprocess
import sys

import pytest

from casenotes.cli import main
from casenotes.paths import database_path
from casenotes.store import open_data_dir
from casenotes.store.merging.apply import CONFLICT_TAG
from casenotes.store.notes import notes_for_record
from casenotes.store.records import get_record
from tests.conftest import store_dump
from tests.sharing.conftest import edit_summary

SECRET = "PANGOLIN-2291 meeting notes"


@pytest.fixture
def cli(capsys, tmp_path):
    def invoke(data, *argv):
        code = main(["--data-dir", str(data), *map(str, argv)])
        out, err = capsys.readouterr()
        return code, out, err
    return invoke


def test_share_export_with_manifest_leaves_private_text_out_and_verifies(cli, tmp_path):
    data = tmp_path / "data"
    cli(data, "note", "add", "operation-disruptor", "Shared thought; the private one is elsewhere")
    code, out, _ = cli(data, "note", "add", "operation-hyperion", SECRET)
    assert code == 0
    note_id = out.split()[2]
    assert cli(data, "private", "note", note_id)[0] == 0
    assert cli(data, "private", "tag", "darknet")[0] == 0
    code, out, err = cli(data, "export", "--profile", "share", "-o", tmp_path / "share.json",
                         "--manifest", tmp_path / "share.sha256")
    assert (code, err) == (0, "")
    assert "(1 private note and 1 private tag were left out.)" in out
    raw = (tmp_path / "share.json").read_bytes()
    assert SECRET.encode() not in raw and b'"darknet"' not in raw
    assert json.loads(raw)["omitted"] == {"private_notes": 1, "private_tags": 1}
    if shutil.which("sha256sum"):
        check = subprocess.run(["sha256sum", "-c", "--strict", "share.sha256"], cwd=tmp_path, capture_output=True,
                               text=True)
        assert check.returncode == 0, check.stderr
    code, out, _ = cli(data, "private", "list", "--json")
    darknet = next(tag for tag in json.loads(out) if tag["name"] == "darknet")
    assert darknet["private"] is True and darknet["records"] > 0


@pytest.mark.parametrize(("argv", "message"), [
    (["export", "--format", "csv", "--for-merge"], "--for-merge needs --format json"),
    (["export", "--manifest", "m.sha256"], "--manifest needs -o FILE"),
    (["private", "note", "999"], "no note with id 999"),
    (["private", "tag", "no-such-tag"], "no tag called 'no-such-tag'"),
])
def test_bad_sharing_options_are_one_line_exit_2(cli, tmp_path, argv, message):
    code, out, err = cli(tmp_path / "data", *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and message in err


def test_cli_merge_keeps_both_versions_of_a_conflict_with_a_conflict_tag(cli, tmp_path):
    """The issue's done-when through the command line: two diverged stores, one conflict kept as both."""
    alice, bob = tmp_path / "alice", tmp_path / "bob"
    cli(alice, "export", "--for-merge", "-o", tmp_path / "a0.json")
    assert cli(bob, "merge", tmp_path / "a0.json")[0] == 0
    with open_data_dir(alice) as store:
        edit_summary(store, "operation-hyperion", "Alice's Hyperion")
        edit_summary(store, "operation-onymous", "Alice's Onymous")
    with open_data_dir(bob) as store:
        edit_summary(store, "operation-hyperion", "Bob's Hyperion")
    cli(bob, "note", "add", "operation-disruptor", "Bob's note")
    cli(bob, "export", "--for-merge", "-o", tmp_path / "b1.json")

    before = store_dump(database_path(alice))
    code, out, err = cli(alice, "merge", tmp_path / "b1.json", "--dry-run")
    assert (code, err) == (0, "") and "1 conflict" in out and "conflict: record operation-hyperion" in out
    assert store_dump(database_path(alice)) == before

    code, out, err = cli(alice, "merge", tmp_path / "b1.json")
    assert (code, err) == (0, ""), err
    assert "1 notes added" in out and "1 kept both" in out
    assert "conflict kept as both versions: record operation-hyperion" in out
    code, out, _ = cli(alice, "search", "Hyperion", "--json")
    hits = {hit["id"] for hit in json.loads(out)}
    copies = [hit for hit in hits if hit.startswith("operation-hyperion~conflict-")]
    assert "operation-hyperion" in hits and len(copies) == 1
    with open_data_dir(alice) as store:
        assert CONFLICT_TAG in get_record(store, "operation-hyperion").tags
        assert get_record(store, copies[0]).summary == "Bob's Hyperion"
        assert get_record(store, "operation-hyperion").summary == "Alice's Hyperion"
        assert [n.body for n in notes_for_record(store, "operation-disruptor")] == ["Bob's note"]


def test_cli_merge_of_a_bad_file_is_one_line_exit_2_and_changes_nothing(cli, tmp_path):
    data = tmp_path / "data"
    cli(data, "list")
    before = store_dump(database_path(data))
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "casenotes", "version": 1, "records": [{"id": "x"}]}', encoding="utf-8")
    code, out, err = cli(data, "merge", bad)
    assert code == 2 and out == "" and err.count("\n") == 1 and "record #1" in err
    assert store_dump(database_path(data)) == before


def test_serve_without_datasette_says_how_to_install_it(cli, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "datasette", None)
    monkeypatch.setitem(sys.modules, "datasette.cli", None)
    code, out, err = cli(tmp_path / "data", "serve")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "pip install 'casenotes[serve]'" in err
