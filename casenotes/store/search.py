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
# FTS5's snippet() (and highlight()) take time quadratic in the matches of one row:
# 0.6 s for 10,000 matches, minutes for a pasted 1 MB text. A row longer than this
# gets its snippet from a linear scan in Python instead (see _long_row_snippet).
SNIPPET_MAX_CHARS = 8000
SNIPPET_CONTEXT_CHARS = 60
_SNIPPET_COLUMN_ORDER = (1, 4, 0, 2, 3)  # summary, note, title, agencies, sources
_ROW_LENGTH = "ifnull(length(title), 0) + ifnull(length(summary), 0) + ifnull(length(agencies), 0) " \
              "+ ifnull(length(sources), 0) + ifnull(length(note), 0)"

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
    short = f"({_ROW_LENGTH}) <= {SNIPPET_MAX_CHARS}"
    rows = conn.execute(
        f"SELECT rowid, {RANK} AS score, "
        f"CASE WHEN {short} THEN snippet(search_index, 1, ?1, ?2, '…', {SNIPPET_TOKENS}) END, "
        f"CASE WHEN {short} THEN snippet(search_index, -1, ?1, ?2, '…', {SNIPPET_TOKENS}) END "
        "FROM search_index WHERE search_index MATCH ?3 ORDER BY score LIMIT ?4",
        (MATCH_START, MATCH_END, expression, limit * 2 + 10),
    ).fetchall()
    hits: list[SearchHit] = []
    for rowid, score, summary_snippet, best_snippet in rows:
        if summary_snippet is None:
            snippet = _long_row_snippet(store, rowid, text)
        else:
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


def _fold(word: str) -> str:
    """A word as the index compares it: case and diacritics removed (like unicode61)."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def _query_terms(text: str) -> list[tuple[str, bool]]:
    """(folded word, matches as prefix) for each word typed, as match_expression reads them."""
    return [(_fold(word), len(word) >= 2) for word in _words(unicodedata.normalize("NFKC", text))]


def _is_match(word: str, terms: list[tuple[str, bool]]) -> bool:
    folded = _fold(word)
    return any(folded.startswith(term) if prefix else folded == term for term, prefix in terms)


def _long_row_snippet(store: Store, rowid: int, text: str) -> str:
    """A snippet for a very long row: the words around its first match, found in one pass."""
    row = store.db.conn.execute(
        "SELECT title, summary, agencies, sources, note FROM search_index WHERE rowid = ?", (rowid,)
    ).fetchone()
    terms = _query_terms(text)
    for column in _SNIPPET_COLUMN_ORDER:
        snippet = snippet_around_first_match(row[column] or "", terms) if row else None
        if snippet is not None:
            return snippet
    return ""


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
