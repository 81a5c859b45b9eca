"""Ranking full-text matches with bounded work, however common the searched words are.

FTS5's ``bm25`` counts, for every searched word, all the rows containing it before it can
score a single row, and the best rows are known only once every match is scored: for a
word in most of a million records that is 0.2–1.5 s, where reading the newest few
thousand matching row ids takes about a millisecond. So:

- when at most :data:`RANKED_ROWS` index rows match and none of the searched words
  (or phrases) is on its own in more rows than that, they are all ranked by ``bm25``;
- when more match (the words are in a large part of the store, and say little about
  relevance), rows where the words are in the title come first, then those where they
  are in an agency name or a source title, then the rest, newest first within each group,
  taken from the newest matches and the newest title, agency and source matches.
  Every match is still found and counted; only the order of this long tail is cheaper.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from operator import itemgetter

RANKED_ROWS = 4000
_TERM = re.compile(r'"(?:[^"]|"")*"\*?')  # one quoted word or phrase of a match expression

# bm25 weights per column: title, summary, agencies, sources, note.
COLUMN_WEIGHTS = (10.0, 1.0, 4.0, 2.0, 1.0)
RANK = "bm25(search_index, {})".format(", ".join(str(w) for w in COLUMN_WEIGHTS))
# Score of a matching row past the cap: minus the weight of the best column it matches in
# (bm25 scores are negative too, lower is better).
_TITLE, _AGENCIES, _SOURCES, _ELSEWHERE = -COLUMN_WEIGHTS[0], -COLUMN_WEIGHTS[2], -COLUMN_WEIGHTS[3], -1.0


@dataclass(frozen=True)
class Ranking:
    """Index rows in ranked order: (row id, score), best first."""

    rows: list[tuple[int, float]]
    complete: bool  # every match was ranked by bm25 (else: too many matches, or too common a word)


def newest_matches(conn: sqlite3.Connection, expression: str, count: int) -> list[int]:
    """Row ids of the newest ``count`` matching index rows (without scoring them)."""
    return [row[0] for row in conn.execute(
        "SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ?", (expression, count)
    )]


def whole_words(expression: str) -> str | None:
    """The expression with its prefix terms ("road"*) matching whole words only, or None if it has none."""
    exact = expression.replace('"*', '"')
    return None if exact == expression else exact


def _common_term(conn: sqlite3.Connection, expression: str) -> bool:
    """Whether one of the expression's words or phrases, on its own and as a whole word, is in too many rows.

    bm25 counts every row holding each searched term before it scores one (85 ms for
    "road*" in a million rows, 200 ms for a common phrase), even when the rows holding all
    the terms are few; a term that common adds almost nothing to the ranking anyway.
    """
    return any(len(newest_matches(conn, term.rstrip("*"), RANKED_ROWS + 1)) > RANKED_ROWS
               for term in _TERM.findall(expression))


def can_rank_all(conn: sqlite3.Connection, expression: str) -> bool:
    """Whether bm25 can rank every match cheaply: few rows match, and no term is very common."""
    exact = whole_words(expression)
    if exact is not None and len(newest_matches(conn, exact, RANKED_ROWS + 1)) > RANKED_ROWS:
        return False  # known without expanding the prefixes, which is the slow part
    if len(newest_matches(conn, expression, RANKED_ROWS + 1)) > RANKED_ROWS:
        return False
    return not _common_term(conn, expression)


def rank(conn: sqlite3.Connection, expression: str, limit: int) -> Ranking:
    """The ``limit`` best-matching index rows, with bounded work (see the module text).

    When the words as typed, taken as whole words, already match too many rows, the
    ranked rows come from those: FTS5 reads and merges every word a prefix stands for
    (60-70 ms for "road*" in a million records), where a whole word is one index entry.
    Rows matching through longer words only ("roadside") then follow in the full list.
    """
    candidates = max(RANKED_ROWS, limit)
    exact = whole_words(expression)
    if exact is not None and len(newest_matches(conn, exact, RANKED_ROWS + 1)) > RANKED_ROWS:
        newest = _newest_with_columns(conn, exact, candidates)
        return Ranking(_by_column(conn, exact, newest, limit, candidates), complete=False)
    newest = _newest_with_columns(conn, expression, candidates + 1)
    if len(newest) <= RANKED_ROWS and not _common_term(conn, expression):
        rows = conn.execute(
            f"SELECT rowid, {RANK} AS score FROM search_index WHERE search_index MATCH ? "
            "ORDER BY score, rowid LIMIT ?",
            (expression, limit),
        ).fetchall()
        return Ranking(rows, complete=True)
    return Ranking(_by_column(conn, expression, newest[:candidates], limit, candidates), complete=False)


def _newest_with_columns(conn: sqlite3.Connection, expression: str, count: int) -> list[tuple[int, int, int, int]]:
    """The newest matching rows, each with whether it matched in its title, agencies and sources.

    One pass tells whether bm25 can rank every match and, if not, where each matched
    (marks in the short columns, found with highlight()).
    """
    return conn.execute(
        "SELECT rowid, instr(highlight(search_index, 0, char(2), ''), char(2)), "
        "instr(highlight(search_index, 2, char(2), ''), char(2)), "
        "instr(highlight(search_index, 3, char(2), ''), char(2)) "
        "FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ?",
        (expression, count),
    ).fetchall()


def _by_column(
    conn: sqlite3.Connection, expression: str, newest: list[tuple[int, int, int, int]], limit: int, candidates: int,
) -> list[tuple[int, float]]:
    """Rows matching in the title, then agencies, then source titles, then elsewhere; newest first in each."""
    scores = {rowid: _column_score(title, agencies, sources) for rowid, title, agencies, sources in newest}
    if sum(score < _ELSEWHERE for score in scores.values()) < limit:
        # Too few of the newest matches have the words in a title, agency or source: look
        # further back for those, which outrank every match elsewhere.
        for rowid, title, agencies in conn.execute(
            "SELECT rowid, instr(highlight(search_index, 0, char(2), ''), char(2)), "
            "instr(highlight(search_index, 2, char(2), ''), char(2)) "
            "FROM search_index WHERE search_index MATCH ? ORDER BY rowid DESC LIMIT ?",
            (f"{{title agencies sources}} : ({expression})", candidates),
        ):
            scores[rowid] = _column_score(title, agencies, 1)
    # The dict holds row ids newest first (rows added by the second query are older than
    # all the others), so a stable sort by score keeps newest first within a score.
    return sorted(scores.items(), key=itemgetter(1))[:limit]


def _column_score(in_title: int, in_agencies: int, in_sources: int) -> float:
    return _TITLE if in_title else _AGENCIES if in_agencies else _SOURCES if in_sources else _ELSEWHERE
