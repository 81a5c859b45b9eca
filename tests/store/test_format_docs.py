"""The shipped JSON Schema and the docs agree with what import accepts and what the store holds."""

import json
import re
from pathlib import Path

import jsonschema_rs
import pytest
import sqlite_utils

from casenotes.paths import resource_path
from casenotes.store.interchange import import_file
from casenotes.store.interchange.schema import SCHEMA_RESOURCE, load_schema, schema_checker
from casenotes.store.notes import add_note
from casenotes.store.records import get_record
from casenotes.store.seed import SEED_RESOURCE
from tests.conftest import GWERN

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _format_example() -> dict:
    text = (DOCS / "format.md").read_text(encoding="utf-8")
    return json.loads(re.search(r"```json\n(.*?)```", text, re.DOTALL).group(1))


def test_the_schema_ships_as_a_resource_and_is_a_valid_json_schema():
    path = resource_path(SCHEMA_RESOURCE)
    assert path.name == "casenotes-format-v1.schema.json"
    assert jsonschema_rs.meta.is_valid(load_schema())


@pytest.mark.parametrize("path", [
    resource_path(SEED_RESOURCE), *sorted(GWERN.glob("*.casenotes.json")),
], ids=lambda p: p.name)
def test_the_seed_and_real_data_fit_the_schema(path):
    assert schema_checker().document_problem(json.loads(path.read_text(encoding="utf-8"))) is None


def test_the_documented_example_fits_the_schema_and_imports(store, tmp_path):
    example = _format_example()
    assert schema_checker().document_problem(example) is None
    figures = example["records"][0]["figures"]
    assert any("note" in figure for figure in figures)
    assert any("locator" in source for source in example["records"][0]["sources"])
    path = tmp_path / "example.json"
    path.write_text(json.dumps(example), encoding="utf-8")
    summary = import_file(store, path)
    assert summary.added == ["operation-disruptor"] and summary.notes_added == 1
    record = get_record(store, "operation-disruptor")
    assert record.sources[0].locator == "paragraph 4" and record.figures[1].note.startswith("As printed")


@pytest.mark.parametrize(("change", "problem"), [
    (lambda r: r.update(countires=["DE"]), "Additional properties are not allowed ('countires' was unexpected)"),
    (lambda r: r["figures"][0].update(valeu=3), "figures[0]: Additional properties are not allowed"),
    (lambda r: r.update(date="22.09.2020"), 'date: "22.09.2020" does not match'),
    (lambda r: r.update(kind="heist"), "kind:"),
])
def test_the_schema_names_where_a_record_goes_wrong(change, problem):
    record = _format_example()["records"][0]
    change(record)
    assert problem in schema_checker().record_problem(record)


def test_every_table_is_documented(store):
    documented = set(re.findall(r"^### (\w+)$", (DOCS / "database.md").read_text(encoding="utf-8"), re.MULTILINE))
    tables = {name for (name,) in store.db.conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_index_%'"
    )}
    assert tables == documented


def test_sqlite_utils_reads_the_store_without_the_app(file_store):
    add_note(file_store, "operation-disruptor", "read me from outside")
    path = file_store.path
    file_store.close()
    db = sqlite_utils.Database(path)
    titles = {row["id"]: row["title"] for row in db["records"].rows_where("deleted = 0")}
    assert titles["operation-disruptor"] == "Operation DisrupTor"
    assert [row["body"] for row in db["notes"].rows_where("record_id = ?", ["operation-disruptor"])] == [
        "read me from outside"]
    figures = list(db.query(
        "select f.value, s.title from figures f join record_sources rs on rs.record_id = f.record_id "
        "and rs.position = f.source_position join sources s on s.id = rs.source_id "
        "where f.record_id = 'operation-disruptor' and f.label = 'arrests' and f.country = 'US'"
    ))
    assert {row["value"] for row in figures} == {121, 119}
    assert db["records"].count >= 9 and "search_index" in db.table_names()
    db.close()
