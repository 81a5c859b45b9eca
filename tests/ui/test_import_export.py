"""File ▸ Import and File ▸ Export: progress with cancel that rolls back, summaries, errors."""

import csv
import io

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from casenotes.store.listing import RecordFilter
from casenotes.store.records import record_count
from casenotes.ui.import_export import ExportDialog, ImportController
from tests.conftest import minimal_record
from tests.generated_records import write_generated_json
from tests.interchange_helpers import dump_of, write_document

# The offscreen platform says this whenever a dialog is shown; it is not about our code.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def window(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def controller(window, file_store):
    controller = ImportController(window, file_store.path)
    yield controller
    controller.shutdown()


def test_a_20k_record_import_shows_progress_and_cancel_leaves_the_store_unchanged(qtbot, controller, file_store,
                                                                                  tmp_path):
    path = write_generated_json(tmp_path / "big.json", 20_000)
    before = dump_of(file_store)
    changed = []
    controller.store_changed.connect(changed.append)
    controller.start_import(path)
    dialog = controller.progress_dialog
    assert dialog.isVisible() and dialog.labelText() == "Importing big.json…"
    qtbot.waitUntil(lambda: dialog.value() > 0, timeout=30_000)
    assert dialog.value() < 100
    cancel = dialog.findChild(QPushButton)
    assert cancel.text() == "Cancel"
    with qtbot.waitSignal(controller.finished, timeout=30_000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert controller.message_box.windowTitle() == "Import cancelled"
    assert "Nothing was changed" in controller.message_box.text()
    assert changed == [] and not controller.is_running() and controller.progress_dialog is None
    assert dump_of(file_store) == before


def test_an_import_shows_a_summary_and_tells_the_panes_to_refresh(qtbot, controller, file_store, tmp_path):
    path = write_document(tmp_path / "three.json", [minimal_record(f"new-{n}") for n in range(3)],
                          notes=[{"record_id": "new-0", "body": "hello"}])
    with qtbot.waitSignal(controller.store_changed, timeout=30_000) as changed:
        controller.start_import(path)
    summary = changed.args[0]
    assert summary.added == ["new-0", "new-1", "new-2"] and summary.notes_added == 1
    qtbot.waitUntil(lambda: not controller.is_running())
    box = controller.message_box
    assert box.windowTitle() == "Import finished" and box.icon() == QMessageBox.Icon.Information
    assert "3 records added, 0 updated" in box.text() and "1 notes added" in box.text()
    assert record_count(file_store) >= 12  # the window's own connection sees the new records


def test_a_bad_file_shows_the_error_and_changes_nothing(qtbot, controller, file_store, tmp_path):
    path = write_document(tmp_path / "bad.json", [minimal_record("ok"), minimal_record("bad", countries=["XX"])])
    before = dump_of(file_store)
    changed = []
    controller.store_changed.connect(changed.append)
    with qtbot.waitSignal(controller.finished, timeout=30_000):
        controller.start_import(path)
    box = controller.message_box
    assert box.windowTitle() == "Import failed" and box.icon() == QMessageBox.Icon.Warning
    assert "record #2 (id 'bad'): country 'XX' is not an ISO 3166 alpha-2 code" in box.text()
    assert "Nothing was changed." in box.text()
    assert changed == [] and dump_of(file_store) == before


def test_export_dialog_offers_only_the_scopes_that_exist(window, file_store):
    plain = ExportDialog(window, file_store.path)
    assert plain.scope_all.isChecked()
    assert not plain.scope_search.isEnabled() and not plain.scope_selection.isEnabled()
    chosen = ExportDialog(window, file_store.path, RecordFilter(query="darknet"), ["operation-onymous"])
    assert chosen.scope_search.isEnabled() and chosen.scope_selection.isEnabled()
    assert chosen.scope_selection.isChecked() and "1 record)" in chosen.scope_selection.text()


def test_export_dialog_writes_the_selection_as_csv(qtbot, window, file_store, tmp_path):
    dialog = ExportDialog(window, file_store.path, RecordFilter(query="darknet"),
                          ["operation-onymous", "operation-disruptor"])
    qtbot.addWidget(dialog)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("csv"))
    target = tmp_path / "chosen.csv"
    dialog.path_field.setText(str(target))
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as exported:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert exported.args == [str(target), 2]
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    assert sorted(row["id"] for row in rows) == ["operation-disruptor", "operation-onymous"]
    qtbot.waitUntil(lambda: dialog.job is None)
    assert dialog.result() == ExportDialog.DialogCode.Accepted


def test_export_dialog_writes_the_current_search_as_a_markdown_report(qtbot, window, file_store, tmp_path):
    dialog = ExportDialog(window, file_store.path, RecordFilter(query="blackshades"), [])
    qtbot.addWidget(dialog)
    assert dialog.scope_search.isChecked()
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("markdown"))
    assert dialog.path_field.text().endswith(".md")
    target = tmp_path / "report.md"
    dialog.path_field.setText(str(target))
    with qtbot.waitSignal(dialog.exported, timeout=30_000):
        dialog.start_export()
    text = target.read_text(encoding="utf-8")
    assert 'search "blackshades"' in text and "BlackShades" in text and "Operation Onymous" not in text
    qtbot.waitUntil(lambda: dialog.job is None)


def test_export_dialog_shows_why_an_export_failed_and_stays_open(qtbot, window, file_store, tmp_path):
    dialog = ExportDialog(window, file_store.path)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path_field.setText(str(tmp_path / "missing-folder" / "out.json"))
    dialog.start_export()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30_000)
    assert "does not exist" in dialog.status.text()
    assert dialog.isVisible() and dialog.export_button.isEnabled()
