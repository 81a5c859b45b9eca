"""The "New record" and "Edit record" dialog: every field of a record, checked as it is typed."""

from __future__ import annotations

import logging
import sqlite3

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton,
    QTabWidget, QVBoxLayout, QWidget,
)

from casenotes.store import InvalidInput, Store, StoreError
from casenotes.store.choices import (
    agency_names, figure_labels, figure_units, tag_names, unique_record_id, used_country_codes,
)
from casenotes.store.countries import all_countries, country_name
from casenotes.store.models import RECORD_KINDS, Record
from casenotes.store.records import get_record, save_record
from casenotes.store.validation import MAX_TITLE, validate_record
from casenotes.ui.field_widgets import DateField, FieldMessage, TokenEditor, invalid_frame_style, mark_invalid
from casenotes.ui.record_form import check_date_range, country_label, locate_error, resolve_country
from casenotes.ui.record_tables import FigureTableModel, SourceTableModel
from casenotes.ui.relation_editor import RelationEditor
from casenotes.ui.row_table import RowTableEditor

log = logging.getLogger(__name__)

SAVE_KEYS = ("Ctrl+Return", "Ctrl+Enter", "Ctrl+S")
DEFAULT_SIZE = (900, 760)
KIND_LABELS = {
    "operation": "Operation", "takedown": "Takedown", "raid": "Raid", "arrest": "Arrest",
    "prosecution": "Prosecution", "other": "Other",
}
TABLE_TABS = ("figures", "sources", "related")
FIELD_NAMES = {"end_date": "end date", "related": "relations"}


class RecordDialog(QDialog):
    """Create a record (``record_id`` None) or edit one; ``recordSaved(id)`` is emitted after saving.

    A new record can start from a ``draft`` (its id is ignored: one is made from the title).

    Nothing is written until Save, and nothing typed is lost when the store refuses it:
    the reason is shown next to the field it concerns and the dialog stays open.
    """

    recordSaved = Signal(str)

    def __init__(
        self, store: Store, record_id: str | None = None, parent: QWidget | None = None, *, draft: Record | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.original: Record | None = get_record(store, record_id) if record_id is not None else None
        self.saved_id: str | None = None
        self.setObjectName("recordDialog")
        self.setWindowTitle(f"Edit record — {self.original.title}" if self.original else "New record")
        self.setAccessibleName(self.windowTitle())
        self.setSizeGripEnabled(True)
        self.resize(*DEFAULT_SIZE)
        # The id cannot be typed in, so it looks like text on the dialog rather than a field.
        self.setStyleSheet(invalid_frame_style(self.palette())
                           + "QLineEdit#recordId { background: palette(window); border: none; }")
        self._build()
        self._load(self.original)
        self._initial_state = self._form_state()
        if draft is not None and self.original is None:
            self._fill(draft)  # a proposal (e.g. from an article): unsaved, so Cancel asks first
        self._save_attempted = False
        self._error_state: tuple | None = None
        self._validate()

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("recordTitle")
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setMaxLength(MAX_TITLE)
        self.title_edit.setPlaceholderText("e.g. Operation DisrupTor")
        self.title_message = FieldMessage(self)
        self.title_message.hide()

        self.kind_combo = QComboBox(self)
        self.kind_combo.setAccessibleName("Kind")
        for kind in RECORD_KINDS:
            self.kind_combo.addItem(KIND_LABELS.get(kind, kind.capitalize()), kind)
        self.id_edit = QLineEdit(self)
        self.id_edit.setObjectName("recordId")
        self.id_edit.setAccessibleName("Record id")
        self.id_edit.setReadOnly(True)
        self.id_edit.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.id_edit.setToolTip("The record's id never changes once it is saved" if self.original
                                else "Made from the title when the record is saved")

        self.date_field = DateField("Date", self)
        self.end_date_field = DateField("End date", self)
        self.summary_edit = QPlainTextEdit(self)
        self.summary_edit.setAccessibleName("Summary")
        self.summary_edit.setTabChangesFocus(True)
        self.summary_edit.setPlaceholderText("What happened, in a few sentences")
        line = self.fontMetrics().lineSpacing()
        self.summary_edit.setMinimumHeight(line * 3 + 12)
        self.summary_edit.setMaximumHeight(line * 7 + 12)

        self.agencies = TokenEditor("Agencies", "an agency", completions=agency_names(self.store),
                                    parent=self)
        used_countries = used_country_codes(self.store)
        ordered_codes = used_countries + [code for code, _name in all_countries() if code not in used_countries]
        self.countries = TokenEditor("Countries", "a country (name or code)",
                                     completions=[country_label(code) for code in ordered_codes],
                                     resolve=resolve_country, describe=country_name, parent=self)
        self.tags = TokenEditor("Tags", "a tag", completions=tag_names(self.store), parent=self)

        # Tab follows the order widgets join the dialog (Qt 6's setTabOrder mixes up compound
        # fields), so everything below is created in reading order: each page right after its tab.
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Figures, sources and relations")
        self.sources_model = SourceTableModel(self)
        labels, units = figure_labels(self.store), figure_units(self.store)
        country_completions = [country_label(code) for code in ordered_codes]
        self.figures_model = FigureTableModel(
            self.sources_model, lambda: labels, lambda: units, lambda: country_completions, self,
        )
        self.figures = RowTableEditor(self.figures_model, "figure", "Figures")
        self.tabs.addTab(self.figures, "")
        self.sources = RowTableEditor(self.sources_model, "source", "Sources")
        self.tabs.addTab(self.sources, "")
        self.relations = RelationEditor(self.store, self.original.id if self.original else None)
        self.tabs.addTab(self.relations, "")

        self.form_message = FieldMessage(self)
        self.form_message.hide()
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Close without saving (Escape)")
        self.save_button = QPushButton("&Save", self)
        self.save_button.setObjectName("saveRecord")
        self.save_button.setToolTip("Save the record (Ctrl+Enter)")
        for button in (self.cancel_button, self.save_button):
            button.setAutoDefault(False)  # Enter adds a name or a relation; Ctrl+Enter saves

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        title_box = QVBoxLayout()
        title_box.setSpacing(2)
        title_box.addWidget(self.title_edit)
        title_box.addWidget(self.title_message)
        form.addRow(self._label("&Title", self.title_edit), title_box)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind_combo)
        kind_row.addSpacing(12)
        kind_row.addWidget(self._label("Id", self.id_edit))
        kind_row.addWidget(self.id_edit, 1)
        form.addRow(self._label("&Kind", self.kind_combo), kind_row)
        form.addRow(self._label("&Date", self.date_field), self.date_field)
        form.addRow(self._label("&End date", self.end_date_field), self.end_date_field)
        form.addRow(self._label("S&ummary", self.summary_edit), self.summary_edit)
        form.addRow(self._label("&Agencies", self.agencies), self.agencies)
        form.addRow(self._label("&Countries", self.countries), self.countries)
        form.addRow(self._label("Ta&gs", self.tags), self.tags)

        buttons = QHBoxLayout()
        buttons.addWidget(self.form_message, 10)
        buttons.addStretch(1)  # keeps the buttons at their own size while no message shows
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

        for signal in (self.title_edit.textChanged, self.kind_combo.currentIndexChanged, self.date_field.changed,
                       self.end_date_field.changed, self.summary_edit.textChanged, self.agencies.changed,
                       self.countries.changed, self.tags.changed, self.figures_model.edited,
                       self.sources_model.edited, self.relations.changed):
            signal.connect(self._validate)
        self.title_edit.textChanged.connect(self._title_changed)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        for keys in SAVE_KEYS:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    # -- loading ------------------------------------------------------------------------------

    def _load(self, record: Record | None) -> None:
        if record is None:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData("operation"))
            self.id_edit.setText("")
            self.id_edit.setPlaceholderText("made from the title")
            return
        self._fill(record)
        self.id_edit.setText(record.id)

    def _fill(self, record: Record) -> None:
        """Put a record's content into the fields (not its id)."""
        self.title_edit.setText(record.title)
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(record.kind), 0))
        self.date_field.set_text(record.date)
        self.end_date_field.set_text(record.end_date)
        self.summary_edit.setPlainText(record.summary)
        self.agencies.set_values(record.agencies)
        self.countries.set_values(record.countries)
        self.tags.set_values(record.tags)
        self.sources_model.set_sources(record.sources)
        self.figures_model.set_figures(record.figures)
        self.relations.set_relations(record.related)

    def _form_state(self) -> tuple:
        """Everything typed, as it stands: differs from the start exactly when there is something to lose."""
        return (
            self.title_edit.text(), self.kind_combo.currentData(), self.date_field.text(),
            self.end_date_field.text(), self.summary_edit.toPlainText(), tuple(self.agencies.values()),
            self.agencies.pending_text(), tuple(self.countries.values()), self.countries.pending_text(),
            tuple(self.tags.values()), self.tags.pending_text(),
            repr(self.figures_model.rows()), repr(self.sources_model.rows()), repr(self.relations.relations()),
            self.relations.pending_text(),
        )

    def has_changes(self) -> bool:
        return self._form_state() != self._initial_state

    # -- checking -----------------------------------------------------------------------------

    def _title_changed(self) -> None:
        if self.original is None:
            title = self.title_edit.text().strip()
            self.id_edit.setText(unique_record_id(self.store, title) if title else "")

    def _title_problem(self) -> str:
        return "" if self.title_edit.text().strip() else "a title is needed"

    def problems(self) -> dict[str, str]:
        """What stops saving, by field (tables give their first problem)."""
        start, end = self.date_field.check(), self.end_date_field.check()
        start_range, end_range = check_date_range(start, end)
        self.date_field.set_range_problem(start_range)
        self.end_date_field.set_range_problem(end_range)
        found = {
            "title": self._title_problem(),
            "date": self.date_field.problem(),
            "end_date": self.end_date_field.problem(),
            "agencies": self.agencies.problem(),
            "countries": self.countries.problem(),
            "tags": self.tags.problem(),
            "related": self.relations.problem() or (self.relations.table.problem_lines() or [""])[0],
            "figures": (self.figures.problem_lines() or [""])[0],
            "sources": (self.sources.problem_lines() or [""])[0],
        }
        return {field: message for field, message in found.items() if message}

    def _validate(self) -> None:
        problems = self.problems()
        title_problem = problems.get("title", "")
        # An empty title is only an error once the user has typed and removed one, or tried to save.
        show_title = title_problem and (self.title_edit.isModified() or self._save_attempted)
        mark_invalid(self.title_edit, title_problem if show_title else "")
        if show_title:
            self.title_message.show_error(title_problem)
        else:
            self.title_message.show_note("")
        self._update_tab_titles(problems)
        self.save_button.setEnabled(not problems)
        if problems:
            first = next(iter(problems))
            self.save_button.setToolTip(f"Fix this first: {first.replace('_', ' ')} — {problems[first]}")
        else:
            self.save_button.setToolTip("Save the record (Ctrl+Enter)")
        if self.form_message.is_error() and self._form_state() == self._error_state:
            return  # a refusal from the last Save stays until something is changed
        if problems and (self.has_changes() or self._save_attempted):
            fields = ", ".join(FIELD_NAMES.get(field, field) for field in problems)
            self.form_message.show_note(f"To save, fix: {fields}")
        else:
            self.form_message.show_note("")

    def _update_tab_titles(self, problems: dict[str, str]) -> None:
        counts = (self.figures_model.rowCount(), self.sources_model.rowCount(), self.relations.model.rowCount())
        names = ("&Figures", "S&ources", "Re&lations")
        for tab, (key, name, count) in enumerate(zip(TABLE_TABS, names, counts)):
            mark = " ⚠" if key in problems else ""
            self.tabs.setTabText(tab, f"{name} ({count}){mark}")
            self.tabs.setTabToolTip(tab, problems.get(key, ""))

    # -- saving --------------------------------------------------------------------------------

    def save(self) -> bool:
        """Check everything, write the record and close; on any problem stay open and say where."""
        self._save_attempted = True
        for view in (self.figures.view, self.sources.view, self.relations.table.view):
            view.commit_open_editor()
        # Every field gets to keep its typed text, even when an earlier one refuses its own.
        pending = (self.agencies, self.countries, self.tags, self.relations)
        pending_ok = all([editor.commit_pending() for editor in pending])
        problems = self.problems()
        self._validate()
        if problems or not pending_ok:
            field = next(iter(problems), "")
            self._show_problem(field, problems.get(field, "fix the fields marked in red"))
            return False
        record = self.record_from_form()
        try:
            checked = validate_record(record)
        except InvalidInput as error:
            self._show_store_problem(str(error))
            return False
        if self.original is not None and checked.content() == self.original.content():
            self.saved_id = self.original.id
            self.accept()  # nothing changed: leave the record (and its seed status) alone
            return True
        try:
            save_record(self.store, record, origin=self.original.origin if self.original else "user", user_edit=True)
        except InvalidInput as error:
            self._show_store_problem(str(error))
            return False
        except (StoreError, sqlite3.Error, OSError) as error:
            log.error("saving record %s failed: %s", record.id, error)
            self._show_problem("", f"Could not save: {error}. Everything you typed is still here; try again.")
            return False
        self.saved_id = record.id
        self._initial_state = self._form_state()
        self.recordSaved.emit(record.id)
        self.accept()
        return True

    def record_from_form(self) -> Record:
        """The record as the form describes it (call when :meth:`problems` is empty)."""
        sources, positions = self.sources_model.sources()
        if self.original is not None:
            record_id = self.original.id
        else:
            record_id = unique_record_id(self.store, self.title_edit.text())
            self.id_edit.setText(record_id)
        start, end = self.date_field.check(), self.end_date_field.check()
        return Record(
            id=record_id, title=self.title_edit.text().strip(), kind=self.kind_combo.currentData(),
            date=start.iso, end_date=end.iso, summary=self._summary(),
            agencies=self.agencies.values(), countries=self.countries.values(), tags=self.tags.values(),
            figures=self.figures_model.figures(positions), sources=sources, related=self.relations.relations(),
            created=self.original.created if self.original else None,
        )

    def _summary(self) -> str:
        """The summary as typed, or exactly as stored when only its line endings or edges differ.

        The text box turns CRLF into LF; saving that back would change a summary the user
        did not touch (and flag notes written about it).
        """
        typed = self.summary_edit.toPlainText().strip()
        stored = self.original.summary if self.original is not None else None
        if stored is not None and stored.replace("\r\n", "\n").replace("\r", "\n").strip() == typed:
            return stored
        return typed

    def _show_store_problem(self, message: str) -> None:
        """Show a message from the store's own check next to the field it names."""
        place = locate_error(message)
        field = place.field
        if place.row is not None and field in ("figures", "sources"):
            editor = self.figures if field == "figures" else self.sources
            rows = [row for row in range(editor.model.rowCount()) if not editor.model.is_blank(row)]
            if place.row < len(rows):
                keys = [column.key for column in editor.model.columns]
                key = place.column if place.column in keys else keys[0]
                editor.view.setCurrentIndex(editor.model.index(rows[place.row], editor.model.column_number(key)))
        self._show_problem(field, message)

    def _show_problem(self, field: str, message: str) -> None:
        """Say what is wrong next to ``field`` (or at the bottom) and move the focus there."""
        targets = {
            "title": (self.title_edit, self.title_message), "kind": (self.kind_combo, None),
            "date": (self.date_field.edit, None), "end_date": (self.end_date_field.edit, None),
            "summary": (self.summary_edit, None),
            "agencies": (self.agencies.input, self.agencies.message),
            "countries": (self.countries.input, self.countries.message),
            "tags": (self.tags.input, self.tags.message),
            "figures": (self.figures.view, self.figures.message),
            "sources": (self.sources.view, self.sources.message),
            "related": (self.relations.target_edit, self.relations.message),
        }
        widget, label = targets.get(field, (None, None))
        if field in TABLE_TABS:
            self.tabs.setCurrentIndex(TABLE_TABS.index(field))
        if field in ("date", "end_date"):
            (self.date_field if field == "date" else self.end_date_field).set_range_problem(message)
        elif label is not None:
            label.show_error(message)
            if isinstance(widget, QLineEdit):
                mark_invalid(widget, message)
        else:
            self.form_message.show_error(message)
            self._error_state = self._form_state()
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self.save_button.setEnabled(False)

    # -- closing -------------------------------------------------------------------------------

    def reject(self) -> None:
        """Escape, Cancel and the window's close button: ask before throwing typed text away."""
        if not self.has_changes() or self._confirm_discard():
            super().reject()

    def _confirm_discard(self) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, "Discard changes?",
                          "You have typed things that are not saved. Close the dialog and lose them?",
                          parent=self)
        box.setObjectName("discardChanges")
        discard = box.addButton("&Discard changes", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("&Keep editing", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is discard
