"""Record ▸ New, Edit and Delete: the dialog opens over the window, deletes can be undone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from casenotes.store.records import get_record, record_exists
from casenotes.ui.record_commands import RecordCommands
from tests.ui.conftest import listed_ids

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")


@pytest.fixture
def commands(qtbot, seeded_store):
    parent = QWidget()
    qtbot.addWidget(parent)
    found = RecordCommands(seeded_store, parent)
    changes: list[tuple[str, bool]] = []
    found.recordChanged.connect(lambda record_id, exists: changes.append((record_id, exists)))
    found.changes = changes
    return found


def test_new_record_saves_and_reports_the_new_id(qtbot, commands, seeded_store):
    dialog = commands.new_record()
    assert dialog.isVisible() and dialog.windowTitle() == "New record"
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    qtbot.keyClicks(dialog.title_edit, "Operation Quiet Harbour")
    qtbot.keyClick(dialog.title_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert commands.changes == [("operation-quiet-harbour", True)]
    assert record_exists(seeded_store, "operation-quiet-harbour")


def test_edit_without_a_selection_says_so(commands):
    messages = []
    commands.message.connect(messages.append)
    assert commands.edit_record(None) is None
    assert commands.edit_record("no-such-record") is None
    assert messages == ["Select a record to edit first.", "The record no-such-record is no longer in the store."]


def test_edit_record_opens_the_record(commands):
    dialog = commands.edit_record("operation-onymous")
    assert dialog.id_edit.text() == "operation-onymous"
    dialog.done(QDialog.DialogCode.Rejected)


def test_delete_leaves_a_tombstone_and_undo_brings_the_record_back(commands, seeded_store):
    updated_before = get_record(seeded_store, "operation-onymous").updated
    assert commands.delete_record("operation-onymous")
    assert not record_exists(seeded_store, "operation-onymous")
    assert get_record(seeded_store, "operation-onymous", include_deleted=True).deleted
    assert commands.undo_stack.undoText() == "Delete record “Operation Onymous”"
    commands.undo_stack.undo()
    assert record_exists(seeded_store, "operation-onymous")
    # An undone delete is not a change: saved searches do not list the record as changed.
    assert get_record(seeded_store, "operation-onymous").updated == updated_before
    commands.undo_stack.redo()
    assert not record_exists(seeded_store, "operation-onymous")
    assert commands.changes == [("operation-onymous", False), ("operation-onymous", True), ("operation-onymous", False)]


def test_delete_without_a_record_changes_nothing(commands):
    assert not commands.delete_record(None)
    assert not commands.delete_record("no-such-record")
    assert commands.undo_stack.count() == 0


def test_the_suggested_window_wiring_lists_and_selects_a_new_record(qtbot, window):
    # The lines the main window adds (see docs/record-dialog.md).
    commands = RecordCommands(window.store, window)

    def record_changed(record_id: str, exists: bool) -> None:
        window.reload()
        window.select_record(record_id if exists else None)

    commands.recordChanged.connect(record_changed)

    dialog = commands.new_record()
    qtbot.keyClicks(dialog.title_edit, "Operation Window Test")
    with qtbot.waitSignal(window.listLoaded, timeout=10_000):
        assert dialog.save()
    assert "operation-window-test" in listed_ids(window)
    assert window.detail.current_record_id() == "operation-window-test"

    with qtbot.waitSignal(window.listLoaded, timeout=10_000):
        commands.delete_record("operation-window-test")
    assert "operation-window-test" not in listed_ids(window)
    assert window.detail.current_record_id() is None
