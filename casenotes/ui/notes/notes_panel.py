"""The notes of the shown record: a list, the editor with preview, tags, pin, history and delete."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QTextDocument, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QTabWidget, QToolButton, QVBoxLayout,
    QWidget,
)

from casenotes.store import NotFound, Store
from casenotes.store.anchors import anchored_notes
from casenotes.store.models import Anchor, Note
from casenotes.store.note_links import linked_record_ids
from casenotes.store.notes import get_note, note_tag_names, notes_for_record
from casenotes.store.privacy import is_note_private, private_note_ids
from casenotes.store.records import titles_for
from casenotes.store.choices import find_records_by_title
from casenotes.ui.notes.anchor_bar import AnchorBar
from casenotes.ui.notes.autosaver import NoteAutosaver
from casenotes.ui.notes.commands import NoteTagsCommand, PinNoteCommand, PrivateNoteCommand, TrashNoteCommand
from casenotes.ui.notes.history_dialog import HistoryDialog
from casenotes.ui.notes.lock_icon import lock_icon
from casenotes.ui.notes.markdown import with_record_links
from casenotes.ui.notes.note_editor import NoteEditor
from casenotes.ui.notes.tag_field import TagField
from casenotes.ui.record_html import record_id_from_link
from casenotes.ui.safe_browser import SafeTextBrowser
from casenotes.ui.safe_text import warn
from casenotes.ui.store_command import push_change
from casenotes.ui.time_text import local_time

NOTE_ID_ROLE = Qt.ItemDataRole.UserRole
NEW_NOTE = -1  # list entry for the draft of a new note
PRIVATE_PREFIX = "Private note: "  # what screen readers say before a private note's first line


class NotesPanel(QWidget):
    """Everything about the notes of one record; saves as the user types."""

    recordLinkActivated = Signal(str)
    notesChanged = Signal(str)  # record id whose notes were added, changed, pinned, tagged or deleted

    def __init__(self, store: Store, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesPanel")
        self._store = store
        self._undo = undo_stack
        self._record_id: str | None = None
        self._last_failure = ""  # why the last save failed, while anything is still unsaved
        self._listed: list[tuple[int, str]] = []  # (note id, updated) as last shown or saved here
        self._flagged: set[int] = set()  # listed notes that need review
        self._private: set[int] = set()  # private notes among those listed

        self.heading = QLabel("Notes", self)
        self.heading.setObjectName("notesHeading")
        self.new_button = QPushButton("&New note", self)
        self.new_button.setToolTip("Start another note on this record")
        self.note_list = QListWidget(self)
        self.note_list.setObjectName("noteList")
        self.note_list.setAccessibleName("Notes on this record")
        self.note_list.setMaximumHeight(96)
        self.note_list.setIconSize(QSize(14, 14))  # the lock of private notes, as high as the text

        self.editor = NoteEditor(
            lambda text: [(m.id, m.title) for m in find_records_by_title(store, text, limit=12)], self
        )
        self.preview = SafeTextBrowser(self)
        self.preview.setObjectName("notePreview")
        self.preview.setAccessibleName("Note preview")
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.editor, "&Write")
        self.tabs.addTab(self.preview, "&Preview")
        self.anchor_bar = AnchorBar(store, self)
        self.tabs.setCornerWidget(self.anchor_bar.label, Qt.Corner.TopRightCorner)

        self.tag_field = TagField(self)
        self.tag_field.setAccessibleName("Note tags")
        self.pin_button = QToolButton(self)
        self.pin_button.setText("Pin")
        self.pin_button.setCheckable(True)
        self.pin_button.setToolTip("Pinned notes come first (undo with Ctrl+Z)")
        self.private_button = QToolButton(self)
        self.private_button.setObjectName("notePrivate")
        self.private_button.setText("Private")
        self.private_button.setIcon(lock_icon())
        self.private_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.private_button.setCheckable(True)
        self.private_button.setAccessibleName("Private note")
        self.private_button.setToolTip("Keep this note to yourself: shared exports and casenotes serve leave it out "
                                       "(undo with Ctrl+Z)")
        self.history_button = QToolButton(self)
        self.history_button.setText("History…")
        self.history_button.setToolTip("Earlier versions of this note, with what changed; restore any of them")
        self.delete_button = QToolButton(self)
        self.delete_button.setText("Delete")
        self.delete_button.setToolTip("Move this note to the trash (undo with Ctrl+Z)")
        self.status = QLabel(self)
        self.status.setObjectName("saveStatus")
        self.status.setAccessibleName("Save status")

        header = QHBoxLayout()
        header.addWidget(self.heading, 1)
        header.addWidget(self.new_button)
        footer = QHBoxLayout()
        footer.addWidget(QLabel("Tags:", self))
        footer.addWidget(self.tag_field, 1)
        footer.addWidget(self.anchor_bar.attach_button)
        footer.addWidget(self.pin_button)
        footer.addWidget(self.private_button)
        footer.addWidget(self.history_button)
        footer.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.note_list)
        layout.addWidget(self.anchor_bar)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(footer)
        layout.addWidget(self.status)

        self.autosaver = NoteAutosaver(store, self.editor, self)
        self.autosaver.saved.connect(self._saved)
        self.autosaver.created.connect(self._created)
        self.autosaver.failed.connect(self._save_failed)
        self.new_button.clicked.connect(self.new_note)
        self.note_list.currentItemChanged.connect(self._note_chosen)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.preview.internalLinkActivated.connect(self._follow_link)
        self.tag_field.tagsEdited.connect(self._tags_edited)
        self.pin_button.clicked.connect(self._pin_clicked)
        self.private_button.clicked.connect(self._private_clicked)
        self.history_button.clicked.connect(self.show_history)
        self.delete_button.clicked.connect(self.delete_note)
        self.anchor_bar.changed.connect(self._note_changed_elsewhere)
        self.anchor_bar.draftAnchorChanged.connect(self.autosaver.set_draft_anchor)
        self.show_record(None)

    # -- what is shown -----------------------------------------------------------------

    def current_note_id(self) -> int | None:
        return self.autosaver.note_id

    def show_record(self, record_id: str | None, *, open_note: int | None = None) -> None:
        """Show the notes of ``record_id``, saving the note being written first."""
        self.flush()
        self._record_id = record_id
        self.setEnabled(record_id is not None)
        self._fill_list(select=open_note)

    def _fill_list(self, *, select: int | None = None, reload: bool = False) -> None:
        """List the shown record's notes and open ``select`` (else the note being written, else the first).

        The note already in the editor stays as it is (text and cursor) unless ``reload``.
        """
        notes = notes_for_record(self._store, self._record_id) if self._record_id else []
        self._listed = [(note.id, note.updated) for note in notes]
        self._flagged = self._flagged_notes()
        self._private = private_note_ids(self._store, [note.id for note in notes])
        keep = select if select is not None else self.autosaver.note_id
        self.note_list.blockSignals(True)
        self.note_list.clear()
        for note in notes:
            self.note_list.addItem(self._item_for(note))
        self.note_list.blockSignals(False)
        self.heading.setText(f"<b>Notes</b> ({len(notes)})" if notes else "<b>Notes</b> — none yet; just start typing")
        self.note_list.setVisible(len(notes) > 1)
        ids = [note.id for note in notes]
        if keep in ids:
            self._open_row(ids.index(keep), reload=reload)
        elif self.autosaver.note_id is None and self.autosaver.is_dirty():
            return  # a new note is being written on this record: stay with it
        elif notes:
            self._open_row(0)
        else:
            self._open_draft()

    def _flagged_notes(self) -> set[int]:
        """Notes of the shown record whose figure or field changed since written or reviewed."""
        if self._record_id is None:
            return set()
        return {item.note_id for item in anchored_notes(self._store, self._record_id) if item.needs_review}

    def _item_for(self, note: Note) -> QListWidgetItem:
        marks = ("⚠ " if note.id in self._flagged else "") + ("📌 " if note.pinned else "")
        private = note.id in self._private
        item = QListWidgetItem(f"{marks}{note.first_line[:60] or '(empty)'}  ·  {local_time(note.updated)}")
        item.setData(NOTE_ID_ROLE, note.id)
        if private:
            item.setIcon(lock_icon())
            item.setData(Qt.ItemDataRole.AccessibleTextRole, PRIVATE_PREFIX + item.text())
        item.setToolTip(("Private: left out of shared exports. " if private else "")
                        + f"Created {local_time(note.created)}, last saved {local_time(note.updated)}")
        return item

    def _open_row(self, row: int, *, reload: bool = False) -> None:
        self.note_list.blockSignals(True)
        self.note_list.setCurrentRow(row)
        self.note_list.blockSignals(False)
        self._open_note(self.note_list.item(row).data(NOTE_ID_ROLE), reload=reload)

    def _open_note(self, note_id: int, *, reload: bool = False) -> None:
        note = get_note(self._store, note_id)
        self.autosaver.attach(self._record_id, note.id, note.body, reload=reload)
        self.tag_field.set_known(note_tag_names(self._store))
        self.tag_field.set_tags(note.tags)
        self.pin_button.setChecked(note.pinned)
        self.private_button.setChecked(is_note_private(self._store, note.id))
        for widget in (self.tag_field, self.pin_button, self.private_button, self.history_button, self.delete_button):
            widget.setEnabled(True)
        self.status.setText(f"Saved {local_time(note.updated)} · created {local_time(note.created)}")
        self._warn_if_unsaved()
        self.anchor_bar.show_for(self._record_id, note.id)
        self._render_preview()

    def _open_draft(self, anchor: Anchor | None = None) -> None:
        self.autosaver.attach(self._record_id, None, "", anchor=anchor)
        self.anchor_bar.show_for(self._record_id, None, draft_anchor=anchor)
        self.tag_field.set_tags([])
        self.pin_button.setChecked(False)
        self.private_button.setChecked(False)
        for widget in (self.tag_field, self.pin_button, self.private_button, self.history_button, self.delete_button):
            widget.setEnabled(False)
        self.status.setText("")
        self._warn_if_unsaved()
        self._render_preview()

    def _note_chosen(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is None:
            return
        self.flush()
        self._open_note(current.data(NOTE_ID_ROLE))

    def reload_if_changed(self) -> None:
        """Show notes another program added or changed; leave the editor alone otherwise."""
        if self._record_id is None or not self.flush():
            return
        current = [(note.id, note.updated) for note in notes_for_record(self._store, self._record_id)]
        if current != self._listed:
            self._fill_list(select=self.autosaver.note_id)

    def new_note(self, anchor: Anchor | None = None) -> None:
        """Start a new note on the shown record (stored once it has text), anchored to ``anchor`` if given."""
        if self._record_id is None:
            return
        self.flush()
        self.note_list.clearSelection()
        self._open_draft(anchor)
        self.tabs.setCurrentWidget(self.editor)
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_note(self, note_id: int) -> None:
        """Open one of the shown record's notes in the editor."""
        self.flush()
        self._fill_list(select=note_id)
        self.tabs.setCurrentWidget(self.editor)

    def refresh_anchor(self) -> None:
        """Show the open note's anchor again (after an import or edit may have changed its value)."""
        self.anchor_bar.show_for(self._record_id, self.autosaver.note_id, draft_anchor=self.autosaver.draft_anchor)
        flagged = self._flagged_notes()
        if flagged == self._flagged:
            return
        self._flagged = flagged
        for row in range(self.note_list.count()):  # relabel in place: the editor stays as it is
            item = self.note_list.item(row)
            try:
                item.setText(self._item_for(get_note(self._store, item.data(NOTE_ID_ROLE))).text())
            except NotFound:
                continue

    def open_search_hit(self, note_id: int, words: list[str]) -> None:
        """Open the note a search hit came from, with the searched words highlighted."""
        self._fill_list(select=note_id)
        self.tabs.setCurrentWidget(self.editor)
        self.editor.highlight_words(words)

    # -- saving ------------------------------------------------------------------------

    def flush(self) -> bool:
        """Save the note being written now; return whether everything is saved."""
        return self.autosaver.flush()

    def _saved(self, note_id: int) -> None:
        try:
            note = get_note(self._store, note_id)
        except NotFound:
            return
        self.status.setText(f"Saved {local_time(note.updated)} · created {local_time(note.created)}")
        self._listed = [(listed_id, note.updated if listed_id == note_id else updated)
                        for listed_id, updated in self._listed]
        current = self.note_list.currentItem()
        if current is not None and current.data(NOTE_ID_ROLE) == note_id:
            updated = self._item_for(note)
            current.setText(updated.text())
            current.setData(Qt.ItemDataRole.AccessibleTextRole, updated.data(Qt.ItemDataRole.AccessibleTextRole))
        if self.tabs.currentWidget() is self.preview:
            self._render_preview()
        # A saved body changes nothing the other panes show (counts and markers change when a
        # note is created, moved or deleted), so the window is not asked to refresh here:
        # that would cost a backlink scan on every pause in typing.

    def _created(self, note_id: int) -> None:
        # List the new note; the editor keeps the note being written (which may be this one).
        self._fill_list(select=self.autosaver.note_id)
        try:
            self.notesChanged.emit(get_note(self._store, note_id).record_id)
        except NotFound:
            pass

    def _save_failed(self, reason: str) -> None:
        self._last_failure = reason
        self._warn_if_unsaved()

    def _warn_if_unsaved(self) -> None:
        """Keep saying that text is waiting to be saved, whichever note is open, until it is."""
        kept = self.autosaver.unsaved_count()
        if not kept or not self._last_failure:
            return
        others = f" ({kept} notes waiting)" if kept > 1 else ""
        self.status.setText(f"⚠ Not saved{others}: {self._last_failure}. Your text is kept and saving is retried.")

    # -- preview -----------------------------------------------------------------------

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.preview:
            self._render_preview()

    def _render_preview(self) -> None:
        body = self.editor.toPlainText()
        titles = titles_for(self._store, linked_record_ids(body))
        self.preview.document().setMarkdown(
            with_record_links(body, titles), QTextDocument.MarkdownFeature.MarkdownNoHTML
        )

    def _follow_link(self, url: QUrl) -> None:
        record_id = record_id_from_link(url)
        if record_id:
            self.recordLinkActivated.emit(record_id)

    # -- undoable changes --------------------------------------------------------------

    def _note_changed_elsewhere(self, note_id: int) -> None:
        try:
            record_id = get_note(self._store, note_id).record_id
        except NotFound:
            return
        if record_id == self._record_id:
            self._fill_list(select=note_id)
        self.notesChanged.emit(record_id)

    def _push(self, command) -> bool:
        """Make an undoable change; if the store refuses it, show why and the note as it is."""
        if push_change(self._undo, command):
            return True
        note_id = self.autosaver.note_id
        if note_id is not None:
            why = self.status.text()
            self._open_note(note_id)  # put the pin, private and tag controls back as stored
            self.status.setText(why)
        return False

    def _report(self, message: str) -> None:
        self.status.setText(f"⚠ {message}")

    def _tags_edited(self, tags: list[str]) -> None:
        note_id = self.autosaver.note_id
        if note_id is None:
            return
        before = get_note(self._store, note_id).tags
        self._push(NoteTagsCommand(self._store, note_id, before, tags, self._note_changed_elsewhere, self._report))

    def _pin_clicked(self, pinned: bool) -> None:
        note_id = self.autosaver.note_id
        if note_id is not None:
            self._push(PinNoteCommand(self._store, note_id, pinned, self._note_changed_elsewhere, self._report))

    def _private_clicked(self, private: bool) -> None:
        note_id = self.autosaver.note_id
        if note_id is not None:
            self._push(PrivateNoteCommand(self._store, note_id, private, self._note_changed_elsewhere, self._report))

    def delete_note(self) -> None:
        """Move the open note to the trash (Ctrl+Z brings it back)."""
        note_id = self.autosaver.note_id
        if note_id is None:
            return
        if not self.flush():
            warn(self, "Note not saved", "The note could not be saved, so it was not deleted.")
            return
        label = get_note(self._store, note_id).first_line[:40] or "empty note"
        if self._push(TrashNoteCommand(self._store, note_id, label, self._note_changed_elsewhere, self._report)):
            self.autosaver.attach(self._record_id, None, "")
            self._fill_list()

    def show_history(self) -> None:
        note_id = self.autosaver.note_id
        if note_id is None or not self.flush():
            return
        dialog = HistoryDialog(self._store, note_id, self)
        dialog.restored.connect(self.show_restored)
        dialog.exec()

    def show_restored(self, note_id: int) -> None:
        """Show a note whose text was just replaced by an earlier version."""
        self._fill_list(select=note_id, reload=True)
        self.notesChanged.emit(self._record_id)

    def insert_quote(self, quote: str, reference: str) -> None:
        """Insert a Markdown block quote with its reference where the cursor is."""
        if self._record_id is None:
            return
        lines = [f"> {line}" if line.strip() else ">" for line in quote.strip().splitlines()]
        block = "\n".join(lines) + f"\n>\n> — {reference}\n\n"
        self.tabs.setCurrentWidget(self.editor)
        cursor = self.editor.textCursor()
        if cursor.positionInBlock() > 0:
            block = "\n\n" + block
        cursor.insertText(block)
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
