"""CSV export and import: what a spreadsheet would run as a formula stays text."""

import io

from casenotes.store import Store
from casenotes.store.interchange import import_file
from casenotes.store.interchange.csv_format import defuse_cell, restore_cell, write_csv
from casenotes.store.models import Record
from casenotes.store.records import get_record, save_record


def test_cells_a_spreadsheet_would_run_get_an_apostrophe_that_import_removes():
    for text in ("=1+1", "+31 20", "-silk", "@SUM(A1)", "\tx", "plain", "'quoted", ""):
        assert restore_cell(defuse_cell(text)) == text
    assert defuse_cell("=1+1") == "'=1+1" and defuse_cell("plain") == "plain"


def test_formulas_are_written_as_text_and_read_back_unchanged(store, tmp_path):
    title = '=HYPERLINK("http://evil.example","Open")'
    save_record(store, Record(id="formula", title=title, kind="other", summary="-1 +1 @x"))
    out = io.StringIO()
    write_csv([get_record(store, "formula")], out)
    assert "'=HYPERLINK" in out.getvalue() and ",'-1 +1 @x," in out.getvalue()
    path = tmp_path / "round.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    with Store.in_memory() as other:
        import_file(other, path)
        record = get_record(other, "formula")
        assert (record.title, record.summary) == (title, "-1 +1 @x")
