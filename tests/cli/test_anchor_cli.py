"""`casenotes note add --figure/--field`, `note list` showing anchors, `note review [--json] [--mark-reviewed]`."""

import json

import pytest

from casenotes.cli import main
from casenotes.paths import database_path
from casenotes.store import open_data_dir
from casenotes.store.records import get_record, save_record
from tests.conftest import store_dump


@pytest.fixture
def cli(capsys, data_dir):
    def invoke(*argv):
        code = main(["--data-dir", str(data_dir), *map(str, argv)])
        out, err = capsys.readouterr()
        return code, out, err
    return invoke


def change_austria(data_dir, value):
    with open_data_dir(data_dir) as store:
        record = get_record(store, "operation-disruptor")
        for figure in record.figures:
            if figure.country == "AT":
                figure.value = value
        save_record(store, record, user_edit=True)


def test_a_note_anchored_from_the_command_line_shows_its_anchor_in_the_list(cli):
    code, out, err = cli("note", "add", "operation-disruptor", "Austria, not Australia", "--figure", "arrests",
                         "--country", "at")
    assert (code, err) == (0, "") and out.strip().endswith("on arrests in Austria (AT)")
    cli("note", "add", "operation-disruptor", "Plain")
    _, out, _ = cli("note", "list", "operation-disruptor")
    assert "on arrests in Austria (AT): 3" in out
    _, out, _ = cli("note", "list", "operation-disruptor", "--json")
    anchors = [note["anchor"] for note in json.loads(out)]
    assert anchors[1] is None
    assert {k: anchors[0][k] for k in ("kind", "label", "country", "value", "needs_review")} == {
        "kind": "figure", "label": "arrests", "country": "AT", "value": [3], "needs_review": False}


def test_review_lists_a_changed_figure_until_it_is_marked_reviewed(cli, data_dir):
    _, out, _ = cli("note", "add", "operation-disruptor", "Austria", "--figure", "arrests", "--country", "AT",
                    "--json")
    note_id = json.loads(out)["id"]
    assert cli("note", "review")[1].strip() == "No notes need review."
    change_austria(data_dir, 4)

    code, out, _ = cli("note", "review")
    assert code == 0 and f"note {note_id} on operation-disruptor (Operation DisrupTor)" in out
    assert "Arrests in Austria (AT) changed from 3 to 4 on " in out and "by an edit" in out
    _, out, _ = cli("note", "review", "--json")
    (item,) = json.loads(out)
    assert item["id"] == note_id and item["record_title"] == "Operation DisrupTor"
    assert [(c["from"], c["to"], c["cause"]) for c in item["anchor"]["changes"]] == [([3], [4], "user")]
    assert "needs review: Arrests in Austria (AT) changed from 3 to 4" in cli("note", "list", "operation-disruptor")[1]

    code, out, _ = cli("note", "review", "--mark-reviewed", note_id)
    assert (code, out) == (0, "marked 1 note reviewed\n")
    assert json.loads(cli("note", "review", "--json")[1]) == []
    assert "On arrests in Austria (AT): 4" in cli("note", "show", note_id)[1]


@pytest.mark.parametrize("argv, message", [
    (("note", "add", "operation-disruptor", "x", "--figure", "arrests", "--country", "FR"), "has no figure 'arrests' for FR"),
    (("note", "add", "operation-disruptor", "x", "--country", "AT"), "--country goes with --figure"),
    (("note", "add", "operation-disruptor", "x", "--field", "tags"), "invalid choice: 'tags'"),
    (("note", "add", "operation-disruptor", "x", "--figure", "arrests", "--field", "date"), "not allowed with"),
    (("note", "review", "--mark-reviewed", "999"), "no note with id 999"),
])
def test_bad_anchor_requests_get_one_line_and_change_nothing(cli, data_dir, argv, message):
    cli("list")  # create and seed the store
    before = store_dump(database_path(data_dir))
    code, _, err = cli(*argv)
    assert code == 2 and message in err and err.count("\n") == 1
    assert store_dump(database_path(data_dir)) == before


def test_marking_several_notes_is_all_or_nothing(cli, data_dir):
    _, out, _ = cli("note", "add", "operation-disruptor", "Austria", "--figure", "arrests", "--country", "AT", "--json")
    note_id = json.loads(out)["id"]
    _, out, _ = cli("note", "add", "operation-disruptor", "Plain", "--json")
    plain_id = json.loads(out)["id"]
    change_austria(data_dir, 4)
    code, _, err = cli("note", "review", "--mark-reviewed", note_id, plain_id)
    assert code == 2 and f"note {plain_id} is not anchored" in err
    assert [item["id"] for item in json.loads(cli("note", "review", "--json")[1])] == [note_id]
