"""Tools ▸ Check database: runs the store's health check and offers to repair the search index."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from casenotes.store import Store, StoreError
from casenotes.store.backup import BEFORE_REPAIR, backup_now
from casenotes.store.health import INTEGRITY, HealthReport, check_store, repair_store
from casenotes.store.recovery import newest_good_backup, restore_command


class CheckDialog(QDialog):
    """Shows what ``check_store`` found; the Repair button rebuilds what can be rebuilt."""

    repaired = Signal()  # the store changed: the window should reload what it shows

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.report: HealthReport | None = None
        self.setObjectName("checkDialog")
        self.setWindowTitle("Check database")
        self.summary = QLabel(objectName="checkSummary")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Check result")
        self.details = QPlainTextEdit(objectName="checkDetails", readOnly=True)
        self.details.setAccessibleName("Check details")
        self.repair_button = QPushButton("Repair", objectName="repairButton")
        self.repair_button.setToolTip("Back up the store, then rebuild the search index and note counts from the data")
        self.check_button = QPushButton("Check again", objectName="checkAgainButton")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.repair_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.check_button.clicked.connect(self.run_check)
        self.repair_button.clicked.connect(self.repair)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.resize(560, 320)
        self.run_check()

    def _busy(self):
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def run_check(self) -> None:
        """Check the store now and show the result."""
        self._busy()
        try:
            self.report = check_store(self.store)
        except StoreError as error:
            self.report = None
            self._show("The check could not run.", str(error), can_repair=False)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        report = self.report
        if report.ok:
            self._show("The database is in good order.", report.describe(), can_repair=False)
        elif any(p.check == INTEGRITY and not p.repairable for p in report.problems):
            self._show("The database is damaged and cannot be repaired here: close casenotes and restore a backup.",
                       report.describe() + "\n\n" + self._restore_advice(), can_repair=False)
        else:
            can_repair = any(p.repairable for p in report.problems)
            self._show("The database has problems." + (" Repair can fix them." if report.repairable else ""),
                       report.describe(), can_repair=can_repair)

    def _restore_advice(self) -> str:
        if self.store.path is None:
            return ""
        backup = newest_good_backup(self.store.path.parent)
        if backup is None:
            return "There is no good backup to restore."
        return (f"The newest good backup is from {backup.describe_date()}. To restore it, close casenotes and run:\n"
                f"{restore_command(self.store.path.parent, backup.path)}")

    def repair(self) -> None:
        """Back up, repair, and show what was done and what the check finds afterwards."""
        self._busy()
        try:
            backup = backup_now(self.store, BEFORE_REPAIR) if self.store.path is not None else None
            result = repair_store(self.store, self.report)
        except StoreError as error:
            self._show("The repair could not run; nothing was changed.", str(error), can_repair=True)
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.report = result.after
        text = result.describe() + "\n\n" + result.after.describe()
        if backup is not None:
            text = f"backed up first: {backup}\n" + text
        headline = "Repaired." if result.after.ok else "Repaired what could be repaired; problems remain."
        self._show(headline, text, can_repair=False)
        self.repaired.emit()

    def _show(self, headline: str, details: str, *, can_repair: bool) -> None:
        self.summary.setText(headline)
        self.details.setPlainText(details)
        self.repair_button.setEnabled(can_repair)
