"""Full-text search over records and notes that accepts anything a person types."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

from casenotes.store.database import Store

# Markers FTS5 puts around matched words in snippets; control characters cannot occur
# in the text people search, so they are unambiguous.
MATCH_START = "\x02"
MATCH_END = "\x03"

# bm25 weights per column: title, summary, agencies, sources, note.
COLUMN_WEIGHTS = (10.0, 1.0, 4.0, 2.0, 1.0)
RANK = "bm25(search_index, {})".format(", ".join(str(w) for w in COLUMN_WEIGHTS))
SNIPPET_TOKENS = 14

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
    """Records and notes matching ``text``, best first."""
    expression = match_expression(text)
    if expression is None or limit <= 0:
        return []
    conn = store.db.conn
    # Ask for a few more than needed: hits on deleted notes' records are dropped below.
    # The summary makes the most readable snippet; other columns are used when it has no match.
    rows = conn.execute(
        f"SELECT rowid, {RANK} AS score, "
        f"snippet(search_index, 1, ?1, ?2, '…', {SNIPPET_TOKENS}), "
        f"snippet(search_index, -1, ?1, ?2, '…', {SNIPPET_TOKENS}) "
        "FROM search_index WHERE search_index MATCH ?3 ORDER BY score LIMIT ?4",
        (MATCH_START, MATCH_END, expression, limit * 2 + 10),
    ).fetchall()
    hits: list[SearchHit] = []
    for rowid, score, summary_snippet, best_snippet in rows:
        snippet = summary_snippet if MATCH_START in summary_snippet else best_snippet
        if rowid % 2 == 0:
            found = conn.execute(
                "SELECT id, title, kind, date FROM records WHERE key = ? AND deleted = 0", (rowid // 2,)
            ).fetchone()
            if found:
                hits.append(SearchHit(found[0], "record", found[0], found[1], found[2], found[3], snippet, score))
        else:
            found = conn.execute(
                "SELECT n.id, r.id, r.title, r.kind, r.date FROM notes n JOIN records r ON r.id = n.record_id "
                "WHERE n.id = ? AND n.deleted = 0 AND r.deleted = 0",
                ((rowid - 1) // 2,),
            ).fetchone()
            if found:
                hits.append(SearchHit(found[0], "note", found[1], found[2], found[3], found[4], snippet, score))
        if len(hits) == limit:
            break
    return hits


def matched_records_sql(expression_param: str = "?") -> str:
    """SQL giving (key, score) of live records matched directly or through one of their notes."""
    return f"""
        SELECT key, min(score) AS score FROM (
            SELECT rowid / 2 AS key, {RANK} AS score FROM search_index
            WHERE search_index MATCH {expression_param} AND rowid % 2 = 0
            UNION ALL
            SELECT r.key, h.score FROM (
                SELECT rowid, {RANK} AS score FROM search_index
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
    """Live notes of ``record_id`` that match ``text``, best first (to open the note a hit came from)."""
    expression = match_expression(text)
    if expression is None:
        return []
    rows = store.db.conn.execute(
        f"SELECT n.id FROM search_index s JOIN notes n ON s.rowid = n.id * 2 + 1 "
        f"WHERE search_index MATCH ? AND n.record_id = ? AND n.deleted = 0 ORDER BY {RANK}",
        (expression, record_id),
    ).fetchall()
    return [row[0] for row in rows]


def records_by_title(store: Store, text: str, *, limit: int = 20) -> list[tuple[str, str]]:
    """(id, title) of live records whose title matches ``text`` as typed, best first."""
    expression = match_expression(text)
    if expression is None:
        return []
    rows = store.db.conn.execute(
        "SELECT r.id, r.title FROM search_index s JOIN records r ON s.rowid = r.key * 2 "
        "WHERE search_index MATCH ? AND r.deleted = 0 ORDER BY bm25(search_index) LIMIT ?",
        ("title : (" + expression + ")", limit),
    ).fetchall()
    return [(row[0], row[1]) for row in rows]


def highlight_terms(text: str) -> list[str]:
    """The words of a query, to highlight where they start words in a note's text."""
    return [word for word in _words(unicodedata.normalize("NFKC", text or "")) if word]


def record_snippets(store: Store, text: str, keys: list[int]) -> dict[int, str]:
    """Highlighted snippets for these record keys where ``text`` matches them directly."""
    expression = match_expression(text)
    if expression is None or not keys:
        return {}
    rowids = [key * 2 for key in keys]
    marks = ", ".join("?" for _ in rowids)
    rows = store.db.conn.execute(
        f"SELECT rowid, snippet(search_index, 1, ?, ?, '…', {SNIPPET_TOKENS}), "
        f"snippet(search_index, -1, ?, ?, '…', {SNIPPET_TOKENS}) FROM search_index "
        f"WHERE search_index MATCH ? AND rowid IN ({marks})",
        [MATCH_START, MATCH_END, MATCH_START, MATCH_END, expression, *rowids],
    ).fetchall()
    return {rowid // 2: (summary if MATCH_START in summary else best) for rowid, summary, best in rows}
