"""File ▸ New record from article…: paste or open an article, review the proposed values, save.

The user sees every proposed value with the sentence it came from and its flags, keeps,
edits or drops each, and only "Save record" writes anything (through
``casenotes.store.records.save_record``). Cancelling after changes asks first.
"""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QMessageBox, QPlainTextEdit, QPushButton, QSplitter, QTableView, QTextBrowser, QVBoxLayout, QWidget,
)

from casenotes.extract import Article, Draft, article_from_text, extract_draft, load_article
from casenotes.extract.draft import suggest_record_id
from casenotes.extract.loading import checked_publication_date
from casenotes.store import InvalidInput, Store, StoreError
from casenotes.store.records import record_exists, save_record
from casenotes.ui.proposal_model import DETAIL, FIELD, FLAGS, HEADERS, KEEP, SENTENCE, VALUE, ProposalTableModel

TITLE = "New record from article"
ARTICLE_PLACEHOLDER = "Paste the article's text here, or open a saved .txt, .html or .md file."
FILE_FILTER = "Articles (*.txt *.html *.htm *.md *.markdown);;All files (*)"
NOTHING_YET = "Paste or open an article, then press “Propose values”."
DISCARD_QUESTION = "Discard this draft? Nothing from it has been saved."
ROW_HEIGHT = 24


class ExtractDialog(QDialog):
    """Turns an article into a new record, with the user's say on every value."""

    recordSaved = Signal(str)  # the id of the record just saved

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.draft: Draft | None = None
        self._loaded: Article | None = None
        self._dirty = False
        self.setWindowTitle(TITLE)
        self.setObjectName("extractDialog")
        self.resize(1100, 760)

        self.article_text = QPlainTextEdit(objectName="articleText", placeholderText=ARTICLE_PLACEHOLDER)
        self.article_text.setAccessibleName("Article text")
        self.open_button = QPushButton("&Open file…", objectName="openArticleButton")
        self.open_button.setToolTip("Read an article saved as .txt, .html or .md")
        self.propose_button = QPushButton("&Propose values", objectName="proposeButton")
        self.propose_button.setToolTip("Read the article and propose a record (saves nothing)")
        self.publisher_field = QLineEdit(objectName="publisherField", placeholderText="e.g. RT, Europol")
        self.publisher_field.setAccessibleName("Publisher")
        self.published_field = QLineEdit(objectName="publishedField", placeholderText="YYYY, YYYY-MM or YYYY-MM-DD")
        self.published_field.setAccessibleName("Publication date")
        self.published_field.setToolTip("Resolves “last week”, “on Tuesday” and the like in the article")

        self.model = ProposalTableModel(self)
        self.table = QTableView(objectName="proposalTable")
        self.table.setAccessibleName("Proposed values")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        for column, width in ((KEEP, 48), (FIELD, 110), (VALUE, 260), (DETAIL, 160), (FLAGS, 200)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(SENTENCE, QHeaderView.ResizeMode.Stretch)
        self.evidence_view = QTextBrowser(objectName="evidenceView")
        self.evidence_view.setAccessibleName("Where the value comes from")
        self.evidence_view.setOpenLinks(False)
        self.message = QLabel(NOTHING_YET, objectName="extractMessage")
        self.message.setWordWrap(True)
        self.record_id_label = QLabel(objectName="recordIdLabel")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton("&Save record", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip("Save a new record with the values you kept")
        self.save_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setObjectName("cancelButton")

        self._lay_out()
        self.open_button.clicked.connect(self._choose_file)
        self.propose_button.clicked.connect(self.propose)
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.model.editRefused.connect(self._show_problem)
        self.model.draftChanged.connect(self._draft_changed)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _previous: self._show_evidence(current.row()))
        self.article_text.textChanged.connect(self._mark_dirty)

    def _lay_out(self) -> None:
        source = QFormLayout()
        source.addRow("Publisher:", self.publisher_field)
        source.addRow("Published:", self.published_field)
        actions = QHBoxLayout()
        actions.addWidget(self.open_button)
        actions.addLayout(source)
        actions.addStretch(1)
        actions.addWidget(self.propose_button)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.article_text)
        top_layout.addLayout(actions)
        review = QSplitter(Qt.Orientation.Vertical)
        review.addWidget(self.table)
        review.addWidget(self.evidence_view)
        review.setSizes([380, 120])
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(review)
        splitter.setSizes([220, 500])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        bottom = QHBoxLayout()
        bottom.addWidget(self.record_id_label, 1)
        bottom.addWidget(self.buttons)
        layout.addLayout(bottom)

    # -- reading the article -------------------------------------------------------------------

    def _choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, "Open article", "", FILE_FILTER)
        if path:
            self.open_file(Path(path))

    def open_file(self, path: Path) -> bool:
        """Show the article in ``path`` and propose values from it; False (with a message) if it cannot be read."""
        try:
            article = load_article(path)
        except StoreError as error:
            self._show_problem(str(error))
            return False
        self._loaded = article
        self.article_text.setPlainText(article.text)
        if article.publisher and not self.publisher_field.text():
            self.publisher_field.setText(article.publisher)
        if article.published and not self.published_field.text():
            self.published_field.setText(article.published)
        return self.propose()

    def propose(self) -> bool:
        """Read the text shown (with the publisher and date typed) and show the proposed values."""
        text = self.article_text.toPlainText()
        if not text.strip():
            self._show_problem("There is no article text to read yet.")
            return False
        publisher = self.publisher_field.text().strip() or None
        published = self.published_field.text().strip() or None
        try:
            if self._loaded is not None and self._loaded.text == text:
                # Keep what the file said about itself (headline, address); what the user typed wins.
                article = replace(self._loaded)
                if publisher:
                    article.publisher, article.publisher_given, article.publisher_evidence = publisher, True, None
                if published:
                    article.published, article.published_given = checked_publication_date(published), True
            else:
                article = article_from_text(text, publisher=publisher, published=published)
            draft = extract_draft(article, self.store)
        except StoreError as error:
            self._show_problem(str(error))
            return False
        self.draft = draft
        self.model.set_draft(draft)
        self.save_button.setEnabled(True)
        kept = sum(1 for p in draft.proposals if p.accepted)
        flagged = sum(1 for p in draft.proposals if p.flags and p.accepted)
        notes = [f"{kept} of {len(draft.proposals)} values proposed; {flagged} flagged (⚑) for you to check."]
        notes += [flag.message for flag in draft.flags]
        self._show_note(" ".join(notes) + " Untick a value to drop it; double-click to edit it.")
        self._update_record_id()
        if draft.proposals:
            self.table.selectRow(0)
        return True

    # -- reviewing -----------------------------------------------------------------------------

    def _draft_changed(self) -> None:
        self._dirty = True
        self._update_record_id()
        self._show_evidence(self.table.currentIndex().row())

    def _mark_dirty(self) -> None:
        self._dirty = bool(self.article_text.toPlainText().strip())

    def _update_record_id(self) -> None:
        title = self.draft.first_value("title") if self.draft else None
        self.record_id_label.setText(f"Will be saved as {self._record_id(title)}" if title else "No title kept yet")

    def _record_id(self, title: str) -> str:
        return suggest_record_id(title, lambda candidate: record_exists(self.store, candidate, include_deleted=True))

    def _show_evidence(self, row: int) -> None:
        if self.draft is None or not 0 <= row < len(self.draft.proposals):
            self.evidence_view.clear()
            return
        proposal = self.draft.proposals[row]
        parts = []
        for flag in proposal.flags:
            parts.append(f"<p><b>⚑ {html.escape(flag.message)}</b></p>")
        for number, evidence in enumerate(proposal.evidence):
            offset = evidence.start - evidence.sentence_start
            before = html.escape(evidence.sentence[:offset])
            words = html.escape(evidence.words)
            after = html.escape(evidence.sentence[offset + len(evidence.words):])
            label = "" if number == 0 else "Also: "
            parts.append(f"<p>{label}“{before}<b><u>{words}</u></b>{after}”</p>")
        if not proposal.evidence:
            parts.append("<p><i>Not read from a sentence (from the file or what you typed).</i></p>")
        self.evidence_view.setHtml("".join(parts))

    def _show_problem(self, message: str) -> None:
        self.message.setText(f"⚠ {message}")

    def _show_note(self, message: str) -> None:
        self.message.setText(message)

    # -- saving or leaving ---------------------------------------------------------------------

    def save(self) -> None:
        """Save a new record holding exactly the kept values, then close; stay open with a message on failure."""
        if self.draft is None:
            self._show_problem(NOTHING_YET)
            return
        try:
            title = self.draft.first_value("title")
            record = self.draft.to_record(self._record_id(title) if title else "untitled")
            missing = [r.id for r in record.related if not record_exists(self.store, r.id)]
            if missing:
                raise InvalidInput(f"no record with id {missing[0]!r} to relate to: fix or untick that row")
            save_record(self.store, record, user_edit=True)
        except StoreError as error:
            self._show_problem(f"Not saved: {error}")
            return
        self._dirty = False
        self.recordSaved.emit(record.id)
        self.accept()

    def reject(self) -> None:
        """Esc, Cancel or the close button: leave without saving, asking first if there is work to lose."""
        if self._dirty:
            answer = QMessageBox.question(self, TITLE, DISCARD_QUESTION,
                                          QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                                          QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()


__all__ = ["ExtractDialog", "HEADERS", "VALUE"]
