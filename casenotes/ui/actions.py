"""The window's actions: label, shortcut, tooltip and menu, declared in one table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from casenotes.ui import hotkeys


@dataclass(frozen=True)
class ActionSpec:
    name: str
    menu: str
    text: str
    tooltip: str
    shortcuts: tuple[QKeySequence, ...] = ()
    checkable: bool = False
    separator_before: bool = False


ACTION_SPECS = (
    ActionSpec("new_record", "&File", "&New record…", "Add a record of your own", (hotkeys.NEW_RECORD,)),
    ActionSpec("new_from_article", "&File", "New record from &article…",
               "Paste or open a press release and get a draft record to check before saving",
               (hotkeys.NEW_FROM_ARTICLE,)),
    ActionSpec("import", "&File", "&Import…", "Add or update records (and notes) from a casenotes JSON or CSV file",
               (hotkeys.IMPORT,), separator_before=True),
    ActionSpec("export", "&File", "&Export…",
               "Save everything, the current search or the selection as JSON, CSV or a Markdown report",
               (hotkeys.EXPORT,)),
    ActionSpec("merge", "&File", "&Merge…",
               "Merge another casenotes user's export into this store; you choose where you both changed something"),
    ActionSpec("quit", "&File", "&Quit", "Close casenotes (notes are saved)", (hotkeys.QUIT,), separator_before=True),
    ActionSpec("find", "&Edit", "&Find…", "Search records and notes", tuple(hotkeys.FIND)),
    ActionSpec("clear_filters", "&Edit", "&Clear search and filters", "Show every record again",
               (hotkeys.CLEAR_FILTERS,)),
    ActionSpec("save_search", "&Edit", "&Save search…", "Save the current search and filters under a name",
               (hotkeys.SAVE_SEARCH,)),
    ActionSpec("edit_record", "&Record", "&Edit record…", "Change the selected record (your edits survive seed updates)",
               (hotkeys.EDIT_RECORD,)),
    ActionSpec("delete_record", "&Record", "&Delete record", "Delete the selected record (Edit ▸ Undo brings it back)",
               separator_before=True),
    ActionSpec("new_note", "&Notes", "&New note", "Start another note on the shown record", (hotkeys.NEW_NOTE,)),
    ActionSpec("quote_in_note", "&Notes", "&Quote in note",
               "Insert the text selected in the record into the note, with where it came from",
               (hotkeys.QUOTE_IN_NOTE,)),
    ActionSpec("note_history", "&Notes", "Note &history…", "Earlier versions of the open note; restore any of them",
               (hotkeys.NOTE_HISTORY,)),
    ActionSpec("delete_note", "&Notes", "&Delete note", "Move the open note to the trash (Ctrl+Z undoes it)"),
    ActionSpec("all_notes", "&Notes", "&All notes…", "Every note across records, newest first, by tag",
               (hotkeys.ALL_NOTES,), separator_before=True),
    ActionSpec("needs_review", "&Notes", "Needs &review…",
               "Notes on a figure or field whose value changed since you wrote or last reviewed them"),
    ActionSpec("trash", "&Notes", "&Trash…", "Deleted notes: restore them or empty the trash"),
    ActionSpec("tags", "&Notes", "Ta&gs…", "Every tag and its use; mark tags private to leave them out of shared exports"),
    ActionSpec("focus_list", "&View", "Go to the &list", "Move the keyboard focus to the record list",
               (hotkeys.FOCUS_LIST,)),
    ActionSpec("focus_detail", "&View", "Go to the &detail", "Move the keyboard focus to the record detail",
               (hotkeys.FOCUS_DETAIL,)),
    ActionSpec("focus_timeline", "&View", "Go to the &timeline", "Move the keyboard focus to the timeline",
               (hotkeys.FOCUS_TIMELINE,)),
    ActionSpec("lanes_kind", "&View", "Timeline lanes by &kind", "One timeline lane per kind of record",
               (hotkeys.LANES_BY_KIND,), checkable=True, separator_before=True),
    ActionSpec("lanes_country", "&View", "Timeline lanes by &country", "One timeline lane per country",
               (hotkeys.LANES_BY_COUNTRY,), checkable=True),
    ActionSpec("lanes_agency", "&View", "Timeline lanes by &agency", "One timeline lane per agency",
               (hotkeys.LANES_BY_AGENCY,), checkable=True),
    ActionSpec("fit_all", "&View", "&Fit all", "Zoom the timeline out to show every record", (hotkeys.FIT_ALL,),
               separator_before=True),
    ActionSpec("zoom_to_selection", "&View", "Zoom to &selection", "Zoom the timeline to the selected record",
               (hotkeys.ZOOM_TO_SELECTION,)),
    ActionSpec("zoom_in", "&View", "Zoom &in", "Zoom the timeline in", (hotkeys.ZOOM_IN,)),
    ActionSpec("zoom_out", "&View", "Zoom &out", "Zoom the timeline out", (hotkeys.ZOOM_OUT,)),
    ActionSpec("refresh", "&View", "&Reload", "Read the store again (after changes made elsewhere)",
               (hotkeys.REFRESH,), separator_before=True),
    ActionSpec("backup_now", "&Tools", "&Back up now", "Copy the store into the backups folder now"),
    ActionSpec("check_database", "&Tools", "&Check database…",
               "Look for damage in the store and repair the search index if needed"),
    ActionSpec("shortcuts", "&Help", "&Keyboard shortcuts", "Every keyboard shortcut", (hotkeys.SHORTCUTS_HELP,)),
    ActionSpec("about", "&Help", "&About casenotes", "Version, licence, data location and sources"),
)


def build_actions(window: QMainWindow, handlers: dict[str, Callable[[], None]]) -> dict[str, QAction]:
    """Create every action, put it in its menu and connect it to ``handlers[name]``."""
    actions: dict[str, QAction] = {}
    menus: dict[str, QMenu] = {}
    for spec in ACTION_SPECS:
        menu = menus.get(spec.menu)
        if menu is None:
            menu = menus[spec.menu] = window.menuBar().addMenu(spec.menu)
        if spec.separator_before and not menu.isEmpty():
            menu.addSeparator()
        action = QAction(spec.text, window)
        action.setObjectName(f"action_{spec.name}")
        action.setToolTip(spec.tooltip)
        action.setStatusTip(spec.tooltip)
        action.setShortcuts(list(spec.shortcuts))
        action.setCheckable(spec.checkable)
        handler = handlers[spec.name]
        action.triggered.connect(lambda _checked=False, handler=handler: handler())
        menu.addAction(action)
        actions[spec.name] = action
    return actions
