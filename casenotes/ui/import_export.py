"""File ▸ Import and File ▸ Export: run an import with progress and cancel, export a scope.

The main window owns one :class:`ImportController` and opens an :class:`ExportDialog`
on demand; both work in a worker thread on their own connection to the database file,
so the window stays responsive, and neither writes SQL itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QMessageBox, QProgressBar, QProgressDialog, QPushButton, QRadioButton, QVBoxLayout, QWidget,
)

from casenotes.store import Store
from casenotes.store.interchange import (
    EXPORT_FORMATS, FILE_SUFFIXES, ImportSummary, export_to_file, import_file, select_record_ids,
)
from casenotes.store.interchange.export_options import ExportOptions
from casenotes.store.interchange.manifest import write_manifest
from casenotes.store.listing import RecordFilter
from casenotes.ui.store_job import StoreJob

IMPORT_FILE_FILTER = "casenotes files (*.json *.csv);;JSON (*.json);;CSV (*.csv);;All files (*)"
FORMAT_LABELS = {"json": "JSON (casenotes format, with notes)", "csv": "CSV (one record a row)",
                 "markdown": "Markdown report"}
SCOPE_ALL, SCOPE_SEARCH, SCOPE_SELECTION = "all", "search", "selection"
MANIFEST_SUFFIX = ".sha256"


def _message(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    """A message box shown without blocking (window-modal), kept alive by its parent."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the text can quote the file, which may hold HTML
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def describe_import(file_name: str, summary: ImportSummary) -> str:
    """The summary shown when an import has finished."""
    lines = [f"Imported {file_name}:",
             f"{len(summary.added):,} records added, {len(summary.updated):,} updated, "
             f"{len(summary.unchanged):,} already up to date."]
    if summary.notes_added or summary.notes_updated:
        lines.append(f"{summary.notes_added:,} notes added, {summary.notes_updated:,} updated.")
    return "\n".join(lines)


class ImportController(QObject):
    """Imports files into the store at ``database_path``, one at a time.

    Shows a window-modal progress dialog whose Cancel rolls the import back, then a
    summary or the error. ``store_changed`` is emitted (with the
    :class:`~casenotes.store.interchange.ImportSummary`) when records or notes changed,
    so panes can refresh; ``finished`` after every import, whatever its outcome.
    """

    store_changed = Signal(object)
    finished = Signal()

    def __init__(self, parent: QWidget, database_path: Path) -> None:
        super().__init__(parent)
        self._parent = parent
        self._database_path = Path(database_path)
        self.job: StoreJob | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.message_box: QMessageBox | None = None

    def is_running(self) -> bool:
        return self.job is not None

    def choose_and_import(self) -> None:
        """Ask for a file, then import it (the File ▸ Import… action)."""
        if self.is_running():
            return
        chosen, _ = QFileDialog.getOpenFileName(self._parent, "Import records", str(Path.home()), IMPORT_FILE_FILTER)
        if chosen:
            self.start_import(Path(chosen))

    def start_import(self, file_path: Path) -> None:
        """Import ``file_path`` in a worker thread; returns at once."""
        if self.is_running():
            return
        file_path = Path(file_path)

        def work(store: Store, report: Callable[[int, int], None]) -> ImportSummary:
            return import_file(store, file_path, progress=report)

        self.job = StoreJob(self._database_path, work, self)
        dialog = QProgressDialog(f"Importing {file_path.name}…", "Cancel", 0, 100, self._parent)
        dialog.setWindowTitle("Import")
        dialog.setObjectName("importProgress")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self._cancel)
        self.progress_dialog = dialog
        self.job.progressed.connect(dialog.setValue)
        self.job.succeeded.connect(lambda summary: self._succeeded(file_path, summary))
        self.job.failed.connect(lambda message: self._show(QMessageBox.Icon.Warning, "Import failed",
                                                           f"{message}\n\nNothing was changed."))
        self.job.cancelled.connect(lambda: self._show(QMessageBox.Icon.Information, "Import cancelled",
                                                      "The import was cancelled. Nothing was changed."))
        self.job.finished.connect(self._finished)
        dialog.setValue(0)
        dialog.show()
        self.job.start()

    def _cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
        if self.progress_dialog is not None:
            self.progress_dialog.setLabelText("Cancelling… (undoing the changes)")

    def _succeeded(self, file_path: Path, summary: ImportSummary) -> None:
        self._show(QMessageBox.Icon.Information, "Import finished", describe_import(file_path.name, summary))
        if summary.changed:
            self.store_changed.emit(summary)

    def _show(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        self._close_progress()
        self.message_box = _message(self._parent, icon, title, text)

    def _close_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.canceled.disconnect(self._cancel)
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _finished(self) -> None:
        self._close_progress()
        job, self.job = self.job, None
        if job is not None:
            job.wait()
            job.deleteLater()
        self.finished.emit()

    def shutdown(self) -> None:
        """Cancel a running import and wait for it to roll back (call before closing the store)."""
        if self.job is not None:
            self.job.cancel()
            self.job.wait()


class ExportDialog(QDialog):
    """Export everything, the current search or the selection, as JSON, CSV or Markdown.

    ``current_filter`` is what the list shows now (None or empty: no search), and
    ``selected_ids`` the records selected in it. The export runs in a worker thread and
    writes its file atomically; ``exported(path, count)`` is emitted when it is written.
    """

    exported = Signal(str, int)

    def __init__(
        self, parent: QWidget | None, database_path: Path, current_filter: RecordFilter | None = None,
        selected_ids: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export records")
        self.setObjectName("exportDialog")
        self._database_path = Path(database_path)
        self._filter = current_filter if current_filter is not None and current_filter.narrows() else None
        self._selected = list(dict.fromkeys(selected_ids))
        self.job: StoreJob | None = None

        self.format_box = QComboBox(objectName="exportFormat")
        self.format_box.setAccessibleName("Format")
        for name in EXPORT_FORMATS:
            self.format_box.addItem(FORMAT_LABELS[name], name)
        self.scope_all = QRadioButton("Everything", objectName="exportScopeAll")
        search_text = f' ("{self._filter.query}")' if self._filter is not None and self._filter.query.strip() else ""
        self.scope_search = QRadioButton(f"The current search{search_text}", objectName="exportScopeSearch")
        self.scope_selection = QRadioButton(
            f"The selection ({len(self._selected):,} record{'s' if len(self._selected) != 1 else ''})",
            objectName="exportScopeSelection",
        )
        self.scope_search.setEnabled(self._filter is not None)
        self.scope_selection.setEnabled(bool(self._selected))
        scopes = QButtonGroup(self)
        for button in (self.scope_all, self.scope_search, self.scope_selection):
            scopes.addButton(button)
        (self.scope_selection if self._selected else self.scope_search if self._filter else self.scope_all).setChecked(True)

        self.share_box = QCheckBox("For sharing (leave out private notes and tags)", objectName="exportShare")
        self.share_box.setToolTip("Private notes and private tags are left out, and the file says so at the top")
        self.merge_box = QCheckBox("For merging into another casenotes (JSON)", objectName="exportForMerge")
        self.merge_box.setToolTip("Adds what File ▸ Merge… needs on the other side: this store's id, note ids, "
                                  "versions and deletions")
        self.manifest_box = QCheckBox(f"Also write a SHA-256 manifest (FILE{MANIFEST_SUFFIX})",
                                      objectName="exportManifest")
        self.manifest_box.setToolTip("A file sha256sum -c can check, to show the export arrived unchanged")

        self.path_field = QLineEdit(objectName="exportPath")
        self.path_field.setAccessibleName("Export to file")
        self.path_field.setMinimumWidth(360)
        self.path_field.setText(str(Path.home() / f"casenotes-export{FILE_SUFFIXES['json']}"))
        browse = QPushButton("Browse…")
        browse.setToolTip("Choose where to save the export")
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_field)
        path_row.addWidget(browse)

        self.status = QLabel(objectName="exportStatus")
        self.status.setWordWrap(True)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("exportButton")
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("Format:", self.format_box)
        scope_column = QVBoxLayout()
        for button in (self.scope_all, self.scope_search, self.scope_selection):
            scope_column.addWidget(button)
        form.addRow("Records:", scope_column)
        form.addRow("File:", path_row)
        options_column = QVBoxLayout()
        for box in (self.share_box, self.merge_box, self.manifest_box):
            options_column.addWidget(box)
        form.addRow("Options:", options_column)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.format_box.currentIndexChanged.connect(self._format_changed)
        self._format_changed()

    def chosen_format(self) -> str:
        return self.format_box.currentData()

    def chosen_scope(self) -> str:
        if self.scope_selection.isChecked():
            return SCOPE_SELECTION
        if self.scope_search.isChecked():
            return SCOPE_SEARCH
        return SCOPE_ALL

    def export_options(self) -> ExportOptions:
        """What the ticked boxes ask for (for merging only applies to JSON)."""
        return ExportOptions(
            share=self.share_box.isChecked(),
            for_merge=self.merge_box.isChecked() and self.chosen_format() == "json",
            whole_store=self.chosen_scope() == SCOPE_ALL,
        )

    def _format_changed(self) -> None:
        self.merge_box.setEnabled(self.chosen_format() == "json")
        path = Path(self.path_field.text())
        if path.suffix.lower() in FILE_SUFFIXES.values():
            self.path_field.setText(str(path.with_suffix(FILE_SUFFIXES[self.chosen_format()])))

    def _browse(self) -> None:
        suffix = FILE_SUFFIXES[self.chosen_format()]
        chosen, _ = QFileDialog.getSaveFileName(self, "Export to", self.path_field.text(), f"*{suffix}")
        if chosen:
            self.path_field.setText(chosen)

    def start_export(self) -> None:
        """Run the export in a worker thread; the dialog closes when the file is written."""
        if self.job is not None:
            return
        target = Path(self.path_field.text().strip()).expanduser()
        if not self.path_field.text().strip():
            self.status.setText("Choose a file to export to.")
            return
        file_format, scope = self.chosen_format(), self.chosen_scope()
        flt = self._filter if scope == SCOPE_SEARCH else None
        ids = self._selected if scope == SCOPE_SELECTION else None
        description = {SCOPE_ALL: None, SCOPE_SEARCH: f'search "{flt.query}"' if flt and flt.query else "filtered list",
                       SCOPE_SELECTION: "selected records"}[scope]
        options = self.export_options()
        manifest = target.with_name(target.name + MANIFEST_SUFFIX) if self.manifest_box.isChecked() else None

        def work(store: Store, report: Callable[[int, int], None]) -> int:
            record_ids = select_record_ids(store, flt, ids, chronological=file_format == "markdown")
            count = export_to_file(store, record_ids, file_format, target, scope=description, options=options)
            if manifest is not None:
                write_manifest(manifest, [target])
            return count

        self.job = StoreJob(self._database_path, work, self)
        self.job.succeeded.connect(lambda count: self._exported(target, count))
        self.job.failed.connect(self._failed)
        self.job.finished.connect(self._job_finished)
        self._set_busy(True)
        self.status.setText(f"Exporting to {target.name}…")
        self.job.start()

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.export_button, self.format_box, self.path_field, self.share_box, self.manifest_box):
            widget.setEnabled(not busy)

    def _exported(self, target: Path, count: int) -> None:
        self.exported.emit(str(target), count)
        self.accept()

    def _failed(self, message: str) -> None:
        self.status.setText(message)

    def _job_finished(self) -> None:
        self._set_busy(False)
        job, self.job = self.job, None
        if job is not None:
            job.wait()
            job.deleteLater()

    def reject(self) -> None:
        if self.job is not None:  # let a running export finish writing (it is atomic either way)
            return
        super().reject()
