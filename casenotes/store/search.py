"""Full-text search over records and notes that accepts anything a person types."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from casenotes.store.batching import batches, marks
from casenotes.store.database import Store
from casenotes.store.text_match import QueryTerms
from casenotes.store.text_match import fold as _fold
from casenotes.store.ranking import COLUMN_WEIGHTS, RANK, RANKED_ROWS, rank  # noqa: F401 (COLUMN_WEIGHTS: re-exported)

# Markers around matched words in snippets; control characters cannot occur
# in the text people search, so they are unambiguous.
MATCH_START = "\x02"
MATCH_END = "\x03"

# Snippets come from a linear scan of the row's text in Python (row_snippets): FTS5's
# snippet() runs the query again for each row and takes time quadratic in the matches
# of one row (0.6 s for 10,000 matches, minutes for a pasted 1 MB text).
SNIPPET_CONTEXT_CHARS = 60
_SNIPPET_COLUMN_ORDER = (1, 4, 0, 2, 3)  # summary, note, title, agencies, sources

_WORD = re.compile(r"\w+")
_QUOTED = re.compile(r'"([^"]*)"')


@dataclass
class SearchHit:
    id: str | int  # record id, or note id for a note
    type: str  # "record" | "note"
    record_id: str
    title: str
    kind: str
    date: str | None
    snippet: str  # with MATCH_START/MATCH_END around matched words
    score: float

    def as_json(self) -> dict:
        return {
            "id": self.id, "type": self.type, "record_id": self.record_id, "title": self.title,
            "kind": self.kind, "date": self.date, "snippet": snippet_html(self.snippet),
        }


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def match_expression(text: str) -> str | None:
    """Turn what a person typed into a safe FTS5 query, or None if it holds no words.

    Every word is quoted, so FTS5 syntax (quotes, ``-``, ``*``, ``AND``, ``NEAR(``,
    brackets) is searched for as plain words. Words of two letters or more match as
    prefixes, so results appear while a word is still being typed. Text between a
    balanced pair of double quotes is matched as a phrase.
    """
    if not isinstance(text, str):
        return None
    text = unicodedata.normalize("NFKC", text)
    terms: list[str] = []
    phrases = _QUOTED.findall(text) if text.count('"') >= 2 else []
    rest = _QUOTED.sub(" ", text) if phrases else text
    for phrase in phrases:
        words = _words(phrase)
        if len(words) > 1:
            terms.append(_quote(" ".join(words)))
        elif words:
            rest += " " + words[0]
    for word in _words(rest):
        terms.append(_quote(word) + ("*" if len(word) >= 2 else ""))
    if not terms:
        return None
    return " ".join(dict.fromkeys(terms))


def search(store: Store, text: str, *, limit: int = 50) -> list[SearchHit]:
    """Records and notes matching ``text``, best first.

    However common the words, the ranking work is bounded (see :mod:`casenotes.store.ranking`).
    Notes of a deleted record stay in the index (the record can come back) and their hits
    are dropped: more ranked rows are read while they leave the page short, up to
    :data:`~casenotes.store.ranking.RANKED_ROWS` rows, which keeps the work bounded too
    (past that a page may come back short).
    """
    expression = match_expression(text)
    if expression is None or limit <= 0:
        return []
    conn = store.db.conn
    wanted = limit * 2 + 10
    most = max(RANKED_ROWS, wanted)
    live: dict[int, SearchHit] = {}
    checked: set[int] = set()
    while True:
        ranked = rank(conn, expression, wanted).rows
        unchecked = [rowid for rowid, _ in ranked if rowid not in checked]
        live.update(_live_hits(conn, unchecked))
        checked.update(unchecked)
        found_rows = [(rowid, live[rowid]) for rowid, _ in ranked if rowid in live][:limit]
        if len(found_rows) == limit or len(ranked) < wanted or wanted >= most:
            break
        wanted = min(wanted * 4, most)
    scores = dict(ranked)
    for rowid, hit in found_rows:
        hit.score = scores[rowid]
    snippets = row_snippets(store, text, [rowid for rowid, _ in found_rows])
    for rowid, hit in found_rows:
        hit.snippet = snippets.get(rowid, "")
    return [hit for _, hit in found_rows]


def _live_hits(conn, rowids: list[int]) -> dict[int, SearchHit]:
    """The live records and notes behind these index rows (without snippet or score), by row id."""
    hits: dict[int, SearchHit] = {}
    record_keys = [rowid // 2 for rowid in rowids if rowid % 2 == 0]
    note_ids = [(rowid - 1) // 2 for rowid in rowids if rowid % 2 == 1]
    for batch in batches(record_keys):
        for key, record_id, title, kind, date in conn.execute(
            f"SELECT key, id, title, kind, date FROM records WHERE deleted = 0 AND key IN {marks(batch)}", batch
        ):
            hits[key * 2] = SearchHit(record_id, "record", record_id, title, kind, date, "", 0.0)
    for batch in batches(note_ids):
        for note_id, record_id, title, kind, date in conn.execute(
            "SELECT n.id, r.id, r.title, r.kind, r.date FROM notes n JOIN records r ON r.id = n.record_id "
            f"WHERE n.deleted = 0 AND r.deleted = 0 AND n.id IN {marks(batch)}", batch
        ):
            hits[note_id * 2 + 1] = SearchHit(note_id, "note", record_id, title, kind, date, "", 0.0)
    return hits


def row_snippets(store: Store, text: str, rowids: list[int]) -> dict[int, str]:
    """A highlighted snippet of each of these index rows, around the first word matching ``text``.

    The summary is preferred, then the note, the title, agencies and sources. Read from
    the stored text in one linear pass per row: FTS5's own ``snippet()`` would run the
    whole query again for each row (about 60 ms for a common prefix in a million rows)
    and takes time quadratic in the matches of a row.
    """
    terms = _query_terms(text)
    snippets: dict[int, str] = {}
    for batch in batches(rowids):
        for row in store.db.conn.execute(
            f"SELECT rowid, title, summary, agencies, sources, note FROM search_index WHERE rowid IN {marks(batch)}", batch
        ):
            snippets[row[0]] = next(
                (found for column in _SNIPPET_COLUMN_ORDER
                 if (found := snippet_around_first_match(row[column + 1] or "", terms)) is not None),
                "",
            )
    return snippets


def _query_terms(text: str) -> list[tuple[str, bool]]:
    """(folded word, matches as prefix) for each word typed, as match_expression reads them."""
    return [(_fold(word), len(word) >= 2) for word in _words(unicodedata.normalize("NFKC", text))]


def _is_match(word: str, terms: list[tuple[str, bool]]) -> bool:
    folded = _fold(word)
    return any(folded.startswith(term) if prefix else folded == term for term, prefix in terms)


def snippet_around_first_match(
    value: str, terms: list[tuple[str, bool]], context: int = SNIPPET_CONTEXT_CHARS
) -> str | None:
    """The text around the first word of ``value`` matching ``terms``, matches marked; None if none."""
    first = next((match for match in _WORD.finditer(value) if _is_match(match.group(), terms)), None)
    if first is None:
        return None
    start = max(0, first.start() - context)
    if start:
        space = value.find(" ", start, first.start())
        start = space + 1 if space != -1 else first.start()
    end = min(len(value), first.start() + 2 * context)
    if end < len(value):
        space = value.rfind(" ", first.start() + context, end)
        end = space if space != -1 else end
    parts, position = [], start
    for match in _WORD.finditer(value, start):
        if match.start() >= end:
            break
        if _is_match(match.group(), terms):  # the whole word decides, even if the window cuts it
            word_end = min(match.end(), end)
            parts += [value[position:match.start()], MATCH_START, value[match.start():word_end], MATCH_END]
            position = word_end
    parts.append(value[position:end])
    return ("…" if start else "") + "".join(parts) + ("…" if end < len(value) else "")


def matched_records_sql(expression_param: str = "?", *, score: str = RANK) -> str:
    """SQL giving (key, score) of live records matched directly or through one of their notes.

    ``score`` scores one matching index row (bm25 by default; ``"0"`` when only membership
    matters, which skips ranking); a record's score is its best row's.
    """
    return f"""
        SELECT key, min(score) AS score FROM (
            SELECT rowid / 2 AS key, {score} AS score FROM search_index
            WHERE search_index MATCH {expression_param} AND rowid % 2 = 0
            UNION ALL
            SELECT r.key, h.score FROM (
                SELECT rowid, {score} AS score FROM search_index
                WHERE search_index MATCH {expression_param} AND rowid % 2 = 1
            ) h
            JOIN notes n ON n.id = (h.rowid - 1) / 2 AND n.deleted = 0
            JOIN records r ON r.id = n.record_id
        ) GROUP BY key
    """


def snippet_html(snippet: str) -> str:
    """A snippet as HTML: the text escaped, matched words in ``<mark>``."""
    return html.escape(snippet, quote=False).replace(MATCH_START, "<mark>").replace(MATCH_END, "</mark>")


def snippet_plain(snippet: str, start: str = "", end: str = "") -> str:
    """A snippet as plain text, matched words wrapped in ``start``/``end``."""
    return snippet.replace(MATCH_START, start).replace(MATCH_END, end)


def matching_note_ids(store: Store, record_id: str, text: str) -> list[int]:
    """Live notes of ``record_id`` that match ``text``, most matched words first (to open the note a hit came from).

    A record has a few notes, so their text is matched here (:mod:`casenotes.store.text_match`)
    instead of running the full-text query, which for a common word reads its whole index
    entry (tens of milliseconds at a million records) each time a record is selected
    during a search.
    """
    if match_expression(text) is None:
        return []
    terms = QueryTerms.parse(text)
    scored = [
        (-len(terms.matched_words(body)), note_id)
        for note_id, body in store.db.conn.execute(
            "SELECT id, body FROM notes WHERE record_id = ? AND deleted = 0 ORDER BY id", (record_id,)
        )
        if terms.matches([body])
    ]
    return [note_id for _, note_id in sorted(scored)]


def highlight_terms(text: str) -> list[str]:
    """The words of a query, to highlight where they start words in a note's text."""
    return [word for word in _words(unicodedata.normalize("NFKC", text or "")) if word]


def record_snippets(store: Store, text: str, keys: list[int]) -> dict[int, str]:
    """Highlighted snippets for these record keys where words of ``text`` are in the record itself."""
    if match_expression(text) is None or not keys:
        return {}
    snippets = row_snippets(store, text, [key * 2 for key in keys])
    return {rowid // 2: snippet for rowid, snippet in snippets.items() if snippet}
