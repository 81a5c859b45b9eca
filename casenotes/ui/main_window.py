"""The main window: wires the search, list, detail and timeline panes together and nothing else."""

from __future__ import annotations

import html
from array import array
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QActionGroup, QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog, QHBoxLayout, QLabel, QMainWindow, QMessageBox, QSplitter, QVBoxLayout, QWidget,
)

from casenotes.store import Store, StoreError
from casenotes.store.anchors import review_count
from casenotes.store.backup import MANUAL, backup_now
from casenotes.store.listing import RELEVANCE, RecordFilter, facets, filtered_keys
from casenotes.store.records import record_count
from casenotes.store.saved_searches import (
    delete_saved_search, get_saved_search, mark_opened, new_or_changed_ids, save_search, saved_searches,
)
from casenotes.store.search import highlight_terms, matching_note_ids
from casenotes.ui import hotkeys
from casenotes.ui.about import AboutDialog
from casenotes.ui.actions import build_actions
from casenotes.ui.check_dialog import CheckDialog
from casenotes.ui.daily_check import DailyCheckRunner
from casenotes.ui.detail_pane import DetailPane
from casenotes.ui.facet_bar import FacetBar
from casenotes.ui.import_export import ExportDialog, ImportController
from casenotes.ui.merge_dialog import MERGE_FILE_FILTER, MergeDialog, read_and_plan
from casenotes.ui.notes.all_notes_dialog import AllNotesDialog
from casenotes.ui.notes.review_dialog import NeedsReviewDialog
from casenotes.ui.notes.trash_dialog import TrashDialog
from casenotes.ui.record_commands import RecordCommands
from casenotes.ui.record_list import RecordListPane
from casenotes.ui.record_model import COLUMNS
from casenotes.ui.saved_searches_panel import SavedSearchesPanel, count_saved_searches
from casenotes.ui.search_field import SearchField
from casenotes.ui.shortcuts_dialog import ShortcutsDialog
from casenotes.ui.sliced_task import SlicedTask
from casenotes.ui.store_reader import StoreReader
from casenotes.ui.store_watcher import StoreWatcher
from casenotes.ui.tags_dialog import TagsDialog
from casenotes.ui.timeline import TimelineView, load_prepared_timeline, timeline_matches_steps
from casenotes.ui.window_state import WindowState
from casenotes.ui.safe_text import ask, show_message, warn

DEFAULT_SORT = ("date", True)  # newest first
# A write from the window waits this long for another program's lock; longer would freeze
# the window, and a note that cannot be saved yet is kept and retried anyway.
GUI_BUSY_TIMEOUT_MS = 750
# The list first shows this many rows (one quick query), then all of them: a million keys
# take a few hundred milliseconds to read, a page takes one.
FIRST_PAGE = 200
# The daily check reads the whole database; it waits until the window has settled.
DAILY_CHECK_DELAY_MS = 3000
LANE_ACTIONS = {"kind": "lanes_kind", "country": "lanes_country", "agency": "lanes_agency"}


class MainWindow(QMainWindow):
    """Three panes over one store: the list, the detail of the selected record and the timeline."""

    listLoaded = Signal(int)  # the list now shows this many records (all of them)
    listPageShown = Signal(int)  # the first rows of a new list are shown; the rest are being read
    storeDamaged = Signal(str)  # the daily check found the database damaged: why

    def __init__(self, store: Store, data_dir: Path) -> None:
        super().__init__()
        self.store = store
        self.data_dir = data_dir
        store.set_busy_timeout(GUI_BUSY_TIMEOUT_MS)
        self.setObjectName("mainWindow")
        self.setWindowTitle("casenotes")
        # Two reader threads, each with its own connection: the list answers every keystroke
        # and never waits behind the timeline, facets and saved-search counts, which read
        # the whole store (seconds at a million records).
        self.reader = StoreReader(store, self)
        self.background_reader = StoreReader(store, self)
        for reader in (self.reader, self.background_reader):
            reader.finished.connect(self._query_finished)
            reader.failed.connect(self._query_failed)
        self._daily_check: DailyCheckRunner | None = None
        if store.daily_check_due and store.path is not None:
            self._daily_check = DailyCheckRunner(data_dir, self)
            self._daily_check.finished.connect(self._daily_check_finished)
        self._sort: tuple[str, bool] | None = None  # None: relevance while searching, else DEFAULT_SORT
        self._current_record: str | None = None
        self._total_records = 0
        self._shown_first_record = False
        self._list_complete_for: RecordFilter | None = None  # the filter whose whole list is shown
        self._matches_task: SlicedTask | None = None

        self.search_field = SearchField(self)
        self.hit_count = QLabel(self)
        self.hit_count.setObjectName("hitCount")
        self.hit_count.setAccessibleName("Number of records shown")
        self.facet_bar = FacetBar(self)
        self.undo_stack = QUndoStack(self)
        self.record_commands = RecordCommands(store, self, undo_stack=self.undo_stack)
        self.saved_panel = SavedSearchesPanel(self)
        self.record_list = RecordListPane(store, self)
        self.detail = DetailPane(store, self.undo_stack, self)
        self.timeline = TimelineView(self)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(6, 6, 6, 0)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search_field, 1)
        search_row.addWidget(self.hit_count)
        top_layout.addLayout(search_row)
        top_layout.addWidget(self.facet_bar)

        self.upper_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.upper_splitter.setObjectName("upperSplitter")
        self.upper_splitter.addWidget(self.saved_panel)
        self.upper_splitter.addWidget(self.record_list)
        self.upper_splitter.addWidget(self.detail)
        self.upper_splitter.setStretchFactor(0, 0)
        self.upper_splitter.setStretchFactor(1, 3)
        self.upper_splitter.setStretchFactor(2, 2)
        self.main_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.upper_splitter)
        self.main_splitter.addWidget(self.timeline)
        self.main_splitter.setStretchFactor(0, 3)
        self.main_splitter.setStretchFactor(1, 2)
        central = QWidget(self)
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.addWidget(top)
        central_layout.addWidget(self.main_splitter, 1)
        self.setCentralWidget(central)
        self.status_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_label)

        self.actions = build_actions(self, {
            "new_record": self.record_commands.new_record,
            "edit_record": lambda: self.record_commands.edit_record(self._current_record),
            "delete_record": lambda: self.record_commands.delete_record(self._current_record),
            "new_from_article": self.new_record_from_article,
            "import": self.import_file,
            "export": self.export_records,
            "merge": self.merge_file,
            "quit": self.close,
            "find": self.focus_search,
            "clear_filters": self.clear_filters,
            "focus_list": lambda: self.record_list.table.setFocus(Qt.FocusReason.ShortcutFocusReason),
            "focus_detail": lambda: self.detail.record_view.setFocus(Qt.FocusReason.ShortcutFocusReason),
            "focus_timeline": lambda: self.timeline.setFocus(Qt.FocusReason.ShortcutFocusReason),
            "lanes_kind": lambda: self.timeline.set_lane_mode("kind"),
            "lanes_country": lambda: self.timeline.set_lane_mode("country"),
            "lanes_agency": lambda: self.timeline.set_lane_mode("agency"),
            "fit_all": self.timeline.fit_all,
            "zoom_to_selection": self.timeline.zoom_to_selection,
            "zoom_in": self.timeline.zoom_in,
            "zoom_out": self.timeline.zoom_out,
            "refresh": self.reload,
            "new_note": self.detail.notes.new_note,
            "quote_in_note": self.detail.quote_selection,
            "note_history": self.detail.notes.show_history,
            "delete_note": self.detail.notes.delete_note,
            "all_notes": self.show_all_notes,
            "needs_review": self.show_needs_review,
            "trash": self.show_trash,
            "tags": self.show_tags,
            "save_search": self.saved_panel.ask_name_and_save,
            "backup_now": self.backup_now,
            "check_database": self.check_database,
            "shortcuts": self.show_shortcuts,
            "about": self.show_about,
        })
        self._add_undo_actions()
        lanes = QActionGroup(self)
        for name in LANE_ACTIONS.values():
            lanes.addAction(self.actions[name])

        self.search_field.queryChanged.connect(lambda _text: self._filter_changed_by_user())
        self.search_field.moveToResults.connect(self._go_to_results)
        self.facet_bar.changed.connect(self._filter_changed_by_user)
        self.record_commands.recordChanged.connect(self._record_changed)
        self.record_commands.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.saved_panel.opened.connect(self.open_saved_search)
        self.saved_panel.saveRequested.connect(self.save_current_search)
        self.saved_panel.deleteRequested.connect(self.delete_saved_search)
        self.record_list.currentRecordChanged.connect(lambda record_id: self.select_record(record_id, source="list"))
        self.record_list.clearFiltersRequested.connect(self.clear_filters)
        self.record_list.model.sortRequested.connect(self._sort_requested)
        self.detail.recordLinkActivated.connect(lambda record_id: self.select_record(record_id, source="link"))
        self.detail.notes.notesChanged.connect(self._notes_changed)
        self.timeline.recordSelected.connect(lambda record_id: self.select_record(record_id, source="timeline"))
        self.timeline.recordActivated.connect(self._record_activated)
        self.timeline.laneModeChanged.connect(self._lane_mode_changed)

        self.importer = ImportController(self, store.path) if store.path is not None else None
        if self.importer is not None:
            self.importer.store_changed.connect(lambda _summary: self._store_changed_elsewhere())
        self.export_dialog: ExportDialog | None = None
        self.watcher = StoreWatcher(store, parent=self)
        self.watcher.changed.connect(self._store_changed_elsewhere)
        self.watcher.start()
        for notice in store.notices:
            self.statusBar().showMessage(notice, 15_000)
        self._review_count = 0
        self._show_review_count(announce=False)

        self.window_state = WindowState(data_dir)
        self._restore_state()
        self.setTabOrder(self.search_field, self.record_list.table)
        self.setTabOrder(self.record_list.table, self.detail.record_view)
        self.setTabOrder(self.detail.record_view, self.timeline)
        # Fill the panes once the window has painted, so it appears at once even for a big store.
        QTimer.singleShot(0, self.reload)

    # -- loading ----------------------------------------------------------------------

    def current_filter(self) -> RecordFilter:
        return RecordFilter(query=self.search_field.text(), **self.facet_bar.selection())

    def reload(self) -> None:
        """Read everything again: the list first, then facets, saved-search counts and the timeline."""
        self.run_query()
        self.background_reader.submit("facets", lambda store: (facets(store), record_count(store)))
        self.background_reader.submit("saved", count_saved_searches)
        mode = self.timeline.lane_mode()
        self.background_reader.submit("timeline", lambda store: load_prepared_timeline(store, mode))

    def run_query(self) -> None:
        """Refresh the list (and the timeline's matches) for the current search and filters.

        The first page comes first, then every key (as a compact array, built off the GUI
        thread), then — when the filter leaves records out — the timeline's matches.
        """
        flt = self.current_filter()
        sort, descending = self._effective_sort(flt)
        if self._matches_task is not None:
            self._matches_task.cancel()
            self._matches_task = None

        def first_page(store: Store):
            return flt, filtered_keys(store, flt, sort=sort, descending=descending, limit=FIRST_PAGE)

        def everything(store: Store):
            return flt, array("q", filtered_keys(store, flt, sort=sort, descending=descending))

        # Submitted together: a new keystroke stops whichever is still running.
        self.reader.submit_all({"list-page": first_page, "list": everything})

    def _show_timeline_matches(self, flt: RecordFilter) -> None:
        """Dim the timeline's records outside the listed ones (the list for ``flt`` is complete).

        The mask over the timeline's order, and its lanes restricted to it, are built from
        the list's keys a few milliseconds at a time between events (at a million records
        it is about a second of Python; see casenotes.ui.sliced_task for why not in a thread).
        """
        if self._matches_task is not None:
            self._matches_task.cancel()
            self._matches_task = None
        if not flt.narrows():
            self.timeline.set_matching_mask(None)
            return
        data, lanes, keys = self.timeline.data(), self.timeline.lanes(), self.record_list.model.keys()
        if len(data.keys) != len(data):
            return  # no timeline yet: it shows the matches when it arrives

        def done(result) -> None:
            self._matches_task = None
            mask, restricted = result
            if flt == self.current_filter() and data is self.timeline.data():
                self.timeline.set_matching_mask(mask, lanes=lanes, restricted=restricted)

        self._matches_task = SlicedTask(timeline_matches_steps(keys, data, lanes), done, self)

    def _effective_sort(self, flt: RecordFilter) -> tuple[str, bool]:
        if self._sort is not None:
            return self._sort
        return (RELEVANCE, False) if flt.has_text() else DEFAULT_SORT

    def _query_finished(self, channel: str, result: object) -> None:
        if channel in ("list-page", "list"):
            flt, keys = result
            if flt != self.current_filter():
                return  # the user changed the search while this ran; a newer query is on its way
            complete = channel == "list"
            if not complete and self._list_complete_for == flt:
                return
            self._list_complete_for = flt if complete else None
            self.record_list.set_keys(keys, keep_record=self._current_record, empty_reason=self._empty_reason(flt))
            if self._current_record is None and len(keys) and not self._shown_first_record:
                # On first load show the newest record, so the detail pane is never blank at start.
                self._shown_first_record = True
                self.record_list.select_record(None, key=keys[0], emit=True)
            if complete:
                self._show_timeline_matches(flt)
                self._show_counts(len(keys), flt)
                self.listLoaded.emit(len(keys))
                if self._daily_check is not None and not self._daily_check.is_running():
                    QTimer.singleShot(DAILY_CHECK_DELAY_MS, self._start_daily_check)
            else:
                self.hit_count.setText("counting…")
                self.listPageShown.emit(len(keys))
        elif channel == "facets":
            found_facets, total = result
            self._total_records = total
            self.facet_bar.set_facets(found_facets)
            self._show_counts(self.record_list.model.rowCount(), self.current_filter())
        elif channel == "saved":
            self.saved_panel.show_counts(result)
        elif channel == "timeline":
            self.timeline.set_data(result.data, prepared=result, keep_matching=False)
            if self._current_record:
                self.timeline.select_record(self._current_record)
            if self._list_complete_for == self.current_filter():
                self._show_timeline_matches(self._list_complete_for)

    def _start_daily_check(self) -> None:
        if self._daily_check is not None:
            self._daily_check.start()

    def _daily_check_finished(self, result) -> None:
        if result.damage is not None:
            self.storeDamaged.emit(result.damage)
        elif result.backup_failure is not None:
            self.statusBar().showMessage(f"Today's backup could not be made: {result.backup_failure}", 15_000)

    def _query_failed(self, channel: str, message: str) -> None:
        self.statusBar().showMessage(f"Could not read the store: {message}", 10_000)

    def _show_counts(self, shown: int, flt: RecordFilter) -> None:
        if not flt.narrows():
            self.hit_count.setText(f"{shown:,} records")
        else:
            self.hit_count.setText(f"{shown:,} of {self._total_records:,}")
        self.status_label.setText(f"{self._total_records:,} records in the store")

    def _empty_reason(self, flt: RecordFilter) -> str:
        if not flt.narrows():
            return ("<p><b>The store has no records yet.</b></p>"
                    "<p>Import a file (File ▸ Import) to add some.</p>")
        what = []
        if flt.query.strip():
            what.append(f"“{html.escape(flt.query.strip())}”")
        if flt.has_facets():
            what.append("the chosen filters")
        return (f"<p><b>No records match {' and '.join(what)}.</b></p>"
                "<p>Check the spelling, use fewer words, or "
                "<a href='clear'>clear the search and filters</a> (Ctrl+Shift+L).</p>")

    # -- selection --------------------------------------------------------------------

    def select_record(self, record_id: str | None, *, source: str = "code") -> None:
        """Show ``record_id`` in all three panes (the pane it came from already shows it)."""
        self._current_record = record_id
        note_hit = self._note_matching_search(record_id)
        self.detail.show_record(record_id, open_note=note_hit)
        if note_hit is not None:
            self.detail.notes.open_search_hit(note_hit, highlight_terms(self.search_field.text()))
        if source != "timeline":
            self.timeline.select_record(record_id)
        if source != "list" and record_id is not None:
            self.record_list.select_record(record_id, key=None)
        if record_id is not None and self.detail.current_record_id() is None:
            self.statusBar().showMessage(f"The record {record_id} is not in this store", 5000)

    def _note_matching_search(self, record_id: str | None) -> int | None:
        """The note of ``record_id`` that the current search found, if any."""
        if record_id is None or not self.search_field.text().strip():
            return None
        hits = matching_note_ids(self.store, record_id, self.search_field.text())
        return hits[0] if hits else None

    def open_note(self, record_id: str, note_id: int) -> None:
        """Show a record with one of its notes open (from All notes or the trash)."""
        self.select_record(record_id, source="code")
        self.detail.notes.show_record(record_id, open_note=note_id)
        self.activateWindow()

    def _notes_changed(self, record_id: str) -> None:
        self.record_list.model.refresh_rows()
        self.detail.refresh_record()
        self._show_review_count()

    def _show_review_count(self, *, announce: bool = True) -> None:
        """Say in the Notes menu how many notes need review, and in the status bar when there are more."""
        count = review_count(self.store)
        self.actions["needs_review"].setText(f"Needs &review ({count:,})…" if count else "Needs &review…")
        if announce and count > self._review_count:
            self.statusBar().showMessage(
                f"{count:,} note{'s' if count != 1 else ''} on a changed figure or field "
                f"need{'' if count != 1 else 's'} review (Notes ▸ Needs review…)", 15_000)
        self._review_count = count

    def _record_activated(self, record_id: str) -> None:
        self.select_record(record_id, source="timeline")
        self.detail.record_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _go_to_results(self) -> None:
        table = self.record_list.table
        table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not table.currentIndex().isValid() and self.record_list.model.rowCount():
            self.record_list.select_record(None, key=self.record_list.model.keys()[0], emit=True)

    # -- commands ---------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def clear_filters(self) -> None:
        self.facet_bar.blockSignals(True)
        self.facet_bar.clear()
        self.facet_bar.blockSignals(False)
        self.search_field.set_query("")
        self.run_query()

    def _filter_changed_by_user(self) -> None:
        self.record_list.model.set_highlighted(frozenset())
        self.run_query()

    def save_current_search(self, name: str) -> None:
        flt = self.current_filter()
        if not flt.narrows():
            self.statusBar().showMessage("Type a search or choose a filter first: there is nothing to save", 8000)
            return
        exists = any(saved.name.casefold() == name.casefold() for saved in saved_searches(self.store))
        if exists and ask(self, "Replace saved search?",
                          f"A saved search called “{name}” exists. Replace it?") != QMessageBox.StandardButton.Yes:
            return
        save_search(self.store, name, flt)
        self.background_reader.submit("saved", count_saved_searches)
        self.statusBar().showMessage(f"Saved the search “{name}”", 5000)

    def open_saved_search(self, name: str) -> None:
        """Run a saved search; what is new since it was last opened shows in bold, and is then seen."""
        saved = get_saved_search(self.store, name)
        new_ids = new_or_changed_ids(self.store, saved)
        mark_opened(self.store, name)
        self.search_field.blockSignals(True)
        self.search_field.setText(saved.filter.query)
        self.search_field.blockSignals(False)
        flt = saved.filter
        self.facet_bar.set_selection(flt.kinds, flt.agencies, flt.countries, flt.tags, flt.year_from, flt.year_to)
        self.record_list.model.set_highlighted(new_ids)
        self.run_query()
        self.background_reader.submit("saved", count_saved_searches)
        if new_ids:
            self.statusBar().showMessage(f"{len(new_ids):,} records new or changed since you last opened “{name}”", 8000)

    def delete_saved_search(self, name: str) -> None:
        delete_saved_search(self.store, name)
        self.background_reader.submit("saved", count_saved_searches)

    def _sort_requested(self, sort_key: str, descending: bool) -> None:
        self._sort = (sort_key, descending)
        self.run_query()

    def _lane_mode_changed(self, mode: str) -> None:
        action = self.actions.get(LANE_ACTIONS.get(mode, ""))
        if action is not None:
            action.setChecked(True)

    def _add_undo_actions(self) -> None:
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(hotkeys.UNDO)
        undo.setToolTip("Undo the last note delete, pin or tag change")
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(hotkeys.REDO)
        redo.setToolTip("Redo what was undone")
        menu = self.menu_named("&Edit")
        first = menu.actions()[0] if menu.actions() else None
        menu.insertActions(first, [undo, redo])
        menu.insertSeparator(first)
        self.actions["undo"] = undo
        self.actions["redo"] = redo

    def menu_named(self, title: str):
        for action in self.menuBar().actions():
            if action.text() == title and action.menu() is not None:
                return action.menu()
        return self.menuBar().addMenu(title)

    def show_all_notes(self) -> None:
        dialog = AllNotesDialog(self.store, self)
        dialog.noteOpened.connect(self.open_note)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def show_needs_review(self) -> None:
        dialog = NeedsReviewDialog(self.store, self)
        dialog.noteOpened.connect(self.open_note)
        dialog.reviewed.connect(self._notes_changed)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def show_trash(self) -> None:
        self.detail.notes.flush()
        dialog = TrashDialog(self.store, self)
        dialog.changed.connect(lambda _record_id: self._after_trash_change())
        dialog.exec()

    def _after_trash_change(self) -> None:
        self.undo_stack.clear()  # restored or purged notes make the recorded deletes stale
        self.detail.show_record(self.detail.current_record_id())
        self.record_list.model.refresh_rows()

    def import_file(self, path: Path | None = None) -> None:
        """File ▸ Import: choose a file (or import ``path``) in the background, with progress and cancel."""
        if self.importer is None:
            return
        if not self.detail.notes.flush():
            QMessageBox.warning(self, "Import", "Save or discard the note being written before importing.")
            return
        if path is None:
            self.importer.choose_and_import()
        else:
            self.importer.start_import(path)

    def export_records(self) -> None:
        """File ▸ Export: everything, the current search or the selected records."""
        if self.store.path is None:
            return
        self.detail.notes.flush()
        self.export_dialog = ExportDialog(
            self, self.store.path, current_filter=self.current_filter(),
            selected_ids=self.record_list.selected_record_ids(),
        )
        self.export_dialog.exported.connect(
            lambda path, count: self.statusBar().showMessage(f"Exported {count:,} records to {path}", 10_000))
        self.export_dialog.open()

    def merge_file(self, path: Path | None = None) -> MergeDialog | None:
        """File ▸ Merge: plan merging another user's export, resolve conflicts in a dialog, merge."""
        if not self.detail.notes.flush():
            QMessageBox.warning(self, "Merge", "Save or discard the note being written before merging.")
            return None
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, "Merge an export", str(Path.home()), MERGE_FILE_FILTER)
            if not chosen:
                return None
            path = Path(chosen)
        try:
            remote, plan = read_and_plan(self.store, path)
        except StoreError as error:
            warn(self, "Cannot merge", f"{error}\n\nNothing was changed.")
            return None
        dialog = MergeDialog(self.store, remote, plan, self)
        dialog.merged.connect(self._merged)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _merged(self, summary) -> None:
        self.undo_stack.clear()  # merged notes make recorded note changes stale
        self._store_changed_elsewhere()
        self.statusBar().showMessage(f"Merged: {summary.describe()}", 15_000)

    def show_tags(self) -> None:
        """Notes ▸ Tags: every tag, with a checkbox to make it private."""
        TagsDialog(self.store, self).exec()

    def new_record_from_article(self) -> None:
        from casenotes.ui.extract_dialog import ExtractDialog  # its article reader loads in ~0.1 s: only when asked

        dialog = ExtractDialog(self.store, self)
        dialog.recordSaved.connect(self._record_added)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _record_added(self, record_id: str) -> None:
        """A dialog saved a record: show it everywhere, selected."""
        self._current_record = record_id
        self.reload()
        self.select_record(record_id)

    def _record_changed(self, record_id: str, exists: bool) -> None:
        """A record was created, edited, deleted or brought back here: show the result."""
        self.detail.notes.flush()
        if exists:
            self._record_added(record_id)
        else:
            self._current_record = None
            self.reload()
            self.select_record(None)

    def _store_changed_elsewhere(self) -> None:
        """Another program (the command line) changed the store: show what it did."""
        self.reload()
        self.record_list.model.refresh_rows()
        self.detail.refresh_record()
        self.detail.notes.reload_if_changed()
        self._show_review_count()

    def backup_now(self) -> None:
        self.detail.notes.flush()
        try:
            path = backup_now(self.store, MANUAL)
        except StoreError as error:
            warn(self, "Backup failed", f"The store could not be backed up: {error}")
            return
        self.statusBar().showMessage(f"Backed up to {path}", 10_000)

    def check_database(self) -> None:
        self.detail.notes.flush()
        dialog = CheckDialog(self.store, self)
        dialog.repaired.connect(self.reload)
        dialog.exec()

    def show_shortcuts(self) -> None:
        ShortcutsDialog(list(self.actions.values()), self).exec()

    def show_about(self) -> None:
        AboutDialog(self, self.data_dir).exec()

    # -- window state -----------------------------------------------------------------

    def _restore_state(self) -> None:
        state = self.window_state
        geometry = state.bytes("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1360, 860)
        # First launch: a timeline tall enough for several lanes, and room to read the record.
        default_sizes = {"upper_splitter": [180, 660, 520], "main_splitter": [520, 300],
                         "detail_splitter": [440, 260]}
        for key, splitter in (("upper_splitter", self.upper_splitter), ("main_splitter", self.main_splitter),
                              ("detail_splitter", self.detail.splitter)):
            saved = state.bytes(key)
            if saved is None or not splitter.restoreState(saved):
                splitter.setSizes(default_sizes[key])
        header = self.record_list.table.horizontalHeader()
        saved_header = state.bytes("list_header")
        if saved_header is not None:
            header.restoreState(saved_header)
        sort_key = state.text("sort_key", "")
        if sort_key in [column.sort_key for column in COLUMNS]:
            self._sort = (sort_key, state.flag("sort_descending", False))
        self._show_sort_indicator()
        self.record_list.table.setSortingEnabled(True)
        self.timeline.set_lane_mode(state.text("lane_mode", "kind"))
        self._lane_mode_changed(self.timeline.lane_mode())

    def _show_sort_indicator(self) -> None:
        sort_key, descending = self._sort or DEFAULT_SORT
        section = [column.sort_key for column in COLUMNS].index(sort_key)
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        header = self.record_list.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(section, order)
        header.blockSignals(False)

    def _confirm_close_unsaved(self) -> bool:
        answer = show_message(
            self, QMessageBox.Icon.Warning, "Note not saved",
            "The note you are writing could not be saved:\n"
            f"{self.detail.notes.status.text()}\n\nClose anyway and lose the unsaved text?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def save_state(self) -> None:
        state = self.window_state
        state.set("geometry", self.saveGeometry())
        state.set("upper_splitter", self.upper_splitter.saveState())
        state.set("main_splitter", self.main_splitter.saveState())
        state.set("detail_splitter", self.detail.splitter.saveState())
        state.set("list_header", self.record_list.table.horizontalHeader().saveState())
        state.set("sort_key", self._sort[0] if self._sort else "")
        state.set("sort_descending", bool(self._sort and self._sort[1]))
        state.set("lane_mode", self.timeline.lane_mode())
        state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        if not self.detail.notes.flush() and not self._confirm_close_unsaved():
            event.ignore()
            return
        self.save_state()
        self.watcher.stop()
        if self.importer is not None:
            self.importer.shutdown()
        if self._daily_check is not None:
            self._daily_check.stop()
        self.reader.shutdown()
        self.background_reader.shutdown()
        self.record_list.detach()  # nothing may read rows from the store once it is closed
        self.store.close()
        super().closeEvent(event)
