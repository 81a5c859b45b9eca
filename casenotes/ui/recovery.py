"""What the window offers when the database was found damaged at start."""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from casenotes.store import DamagedDatabaseError, StoreError
from casenotes.store.restore import restore_database
from casenotes.ui.safe_text import show_message


class RecoveryChoice(enum.Enum):
    RESTORE_BACKUP = "restore"
    START_EMPTY = "empty"
    QUIT = "quit"


class RecoveryDialog(QDialog):
    """Explains the damage and offers: restore the newest good backup, start empty, or quit."""

    def __init__(self, error: DamagedDatabaseError, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle("casenotes: the database is damaged")
        self.choice = RecoveryChoice.QUIT
        backup = error.backup
        lines = ["casenotes could not open your database because it is damaged"
                 + (f" ({error.cause})." if error.cause else ".")]
        if error.moved_to is not None:
            lines.append(f"It has been moved to {error.moved_to}; nothing was deleted.")
        if backup is not None:
            lines.append(f"The newest good backup is from {backup.describe_date()}. "
                         "Notes written after it are not in it, but stay in the moved file.")
        else:
            lines.append("There is no backup to restore.")
        explanation = QLabel("\n\n".join(lines), objectName="recoveryExplanation")
        explanation.setWordWrap(True)
        explanation.setAccessibleName("What happened")

        buttons = QDialogButtonBox()
        if backup is not None:
            self.restore_button = QPushButton(f"Restore backup from {backup.describe_date()}",
                                              objectName="restoreBackupButton")
            buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
            self.restore_button.clicked.connect(lambda: self._choose(RecoveryChoice.RESTORE_BACKUP))
            self.restore_button.setDefault(True)
        else:
            self.restore_button = None
        self.empty_button = QPushButton("Start with an empty store", objectName="startEmptyButton")
        self.quit_button = QPushButton("Quit", objectName="quitButton")
        buttons.addButton(self.empty_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.empty_button.clicked.connect(lambda: self._choose(RecoveryChoice.START_EMPTY))
        self.quit_button.clicked.connect(lambda: self._choose(RecoveryChoice.QUIT))

        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(buttons)

    def _choose(self, choice: RecoveryChoice) -> None:
        self.choice = choice
        self.done(QDialog.DialogCode.Rejected if choice is RecoveryChoice.QUIT else QDialog.DialogCode.Accepted)

    def reject(self) -> None:  # Escape or the window's close button
        self.choice = RecoveryChoice.QUIT
        super().reject()


def recover_from_damage(error: DamagedDatabaseError, data_dir: Path, parent: QWidget | None = None) -> bool:
    """Ask what to do about a damaged database and do it; True when the app may open the store.

    Called by ``run_gui`` when ``open_data_dir`` raised :class:`DamagedDatabaseError`
    (the damaged files are already moved aside). After True, open the store again:
    it is either the restored backup or a new, empty store.
    """
    dialog = RecoveryDialog(error, parent)
    dialog.exec()
    if dialog.choice is RecoveryChoice.QUIT:
        return False
    if dialog.choice is RecoveryChoice.RESTORE_BACKUP and error.backup is not None:
        try:
            restore_database(Path(data_dir), error.backup.path)
        except StoreError as failure:
            show_message(parent, QMessageBox.Icon.Critical, "casenotes could not restore the backup", str(failure))
            return False
    return True
