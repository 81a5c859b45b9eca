"""``casenotes check``: is the database sound, and is its search index true to the data?

:func:`check_store` runs SQLite's own checks (``quick_check`` or the slower
``integrity_check``, ``foreign_key_check``, FTS5 ``integrity-check``) and then
compares the search index with what it should hold: one row per live record
(row id ``2*key``) and one per live note (``2*id+1``), each with current text.
:func:`repair_store` rebuilds what can be rebuilt from the data itself. Neither
imports Qt; the window's Tools ▸ Check database calls them too.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field

from casenotes.store import migrations
from casenotes.store.database import Store
from casenotes.store.failures import is_damage

MAX_LISTED = 20  # problems of one kind listed one by one; the rest are counted

INTEGRITY = "integrity"
FOREIGN_KEYS = "foreign keys"
SEARCH_INDEX = "search index"
NOTE_COUNTS = "note counts"

# The note row the notes_index_* triggers write; records use migrations.RECORD_SEARCH_ROW.
NOTE_SEARCH_SELECT = "SELECT id * 2 + 1, '', '', '', '', body FROM notes WHERE deleted = 0"
_INDEX_PROBLEM = re.compile(r"missing from index|wrong # of entries in index|non-unique entry in index")


@dataclass
class Problem:
    check: str  # INTEGRITY, FOREIGN_KEYS, SEARCH_INDEX or NOTE_COUNTS
    message: str
    repairable: bool  # --repair can fix it from the data in the store


@dataclass
class HealthReport:
    checks: list[str] = field(default_factory=list)  # what was checked, in order
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def repairable(self) -> bool:
        """True when there are problems and --repair can fix every one of them."""
        return bool(self.problems) and all(problem.repairable for problem in self.problems)

    def describe(self) -> str:
        """The report as lines of text for a terminal or a dialog."""
        lines = [f"checked: {', '.join(self.checks)}"]
        if self.ok:
            lines.append("no problems found")
        for problem in self.problems:
            hint = " (repairable)" if problem.repairable else ""
            lines.append(f"{problem.check}: {problem.message}{hint}")
        return "\n".join(lines)


@dataclass
class RepairReport:
    actions: list[str] = field(default_factory=list)
    after: HealthReport = field(default_factory=HealthReport)  # the check run after repairing

    def describe(self) -> str:
        return "\n".join(["repaired:"] + [f"  {action}" for action in self.actions])


def plural(count: int, noun: str) -> str:
    """'1 record', '2 records'."""
    return f"{count} {noun}" + ("" if count == 1 else "s")


def check_store(store: Store, *, thorough: bool = False) -> HealthReport:
    """Run every check on ``store``; ``thorough`` uses integrity_check instead of quick_check."""
    report = HealthReport()
    report.checks.append("integrity (thorough)" if thorough else "integrity (quick)")
    if not _check_integrity(store, report, thorough=thorough):
        return report  # the other checks would only trip over the same damage
    report.checks.append(FOREIGN_KEYS)
    _check_foreign_keys(store, report)
    report.checks.append(SEARCH_INDEX)
    _check_fts_structure(store, report)
    _check_search_rows(store, report)
    report.checks.append(NOTE_COUNTS)
    _check_note_counts(store, report)
    return report


def _check_integrity(store: Store, report: HealthReport, *, thorough: bool) -> bool:
    pragma = "integrity_check" if thorough else "quick_check"
    try:
        rows = [row[0] for row in store.db.conn.execute(f"PRAGMA {pragma}({MAX_LISTED})")]
    except sqlite3.DatabaseError as error:
        if not is_damage(error):
            raise
        report.problems.append(Problem(INTEGRITY, f"the database file is damaged: {error}", False))
        return False
    if rows == ["ok"]:
        return True
    for row in rows:
        report.problems.append(Problem(INTEGRITY, row, bool(_INDEX_PROBLEM.search(row))))
    return all(problem.repairable for problem in report.problems)


def _check_foreign_keys(store: Store, report: HealthReport) -> None:
    rows = store.db.conn.execute("PRAGMA foreign_key_check").fetchall()
    for table, rowid, parent, _ in rows[:MAX_LISTED]:
        report.problems.append(Problem(FOREIGN_KEYS, f"{table} row {rowid} refers to a missing row in {parent}", False))
    if len(rows) > MAX_LISTED:
        report.problems.append(Problem(FOREIGN_KEYS, f"… and {len(rows) - MAX_LISTED} more broken references", False))


def _check_fts_structure(store: Store, report: HealthReport) -> None:
    try:
        # An INSERT by syntax, so it needs the write lock, but it changes nothing.
        with store.transaction():
            store.db.conn.execute("INSERT INTO search_index (search_index) VALUES ('integrity-check')")
    except Exception as error:  # noqa: BLE001 - SQLite reports index damage as several error kinds
        if not is_damage(error) and not is_damage(error.__cause__ or error):
            raise
        report.problems.append(Problem(SEARCH_INDEX, f"the full-text index is damaged ({error.__cause__ or error})", True))


def _expected_rows_sql() -> str:
    insert = re.match(r"\s*INSERT INTO search_index\s*\([^)]*\)\s*", migrations.RECORD_SEARCH_ROW)
    if insert is None:
        raise RuntimeError("migrations.RECORD_SEARCH_ROW no longer starts with INSERT INTO search_index (...)")
    record_select = migrations.RECORD_SEARCH_ROW[insert.end():] + " WHERE r.deleted = 0"
    return f"{record_select} UNION ALL {NOTE_SEARCH_SELECT}"


def _check_search_rows(store: Store, report: HealthReport) -> None:
    conn = store.db.conn
    conn.execute("DROP TABLE IF EXISTS temp.expected_search")
    conn.execute(
        "CREATE TEMP TABLE expected_search (rowid_ INTEGER PRIMARY KEY, title, summary, agencies, sources, note)"
    )
    try:
        conn.execute(f"INSERT INTO temp.expected_search {_expected_rows_sql()}")
        missing = [row[0] for row in conn.execute(
            "SELECT rowid_ FROM temp.expected_search WHERE rowid_ NOT IN (SELECT rowid FROM search_index) ORDER BY rowid_"
        )]
        extra = [row[0] for row in conn.execute(
            "SELECT rowid FROM search_index WHERE rowid NOT IN (SELECT rowid_ FROM temp.expected_search) ORDER BY rowid"
        )]
        stale = [row[0] for row in conn.execute(
            "SELECT e.rowid_ FROM temp.expected_search e JOIN search_index s ON s.rowid = e.rowid_ "
            "WHERE s.title IS NOT e.title OR s.summary IS NOT e.summary OR s.agencies IS NOT e.agencies "
            "OR s.sources IS NOT e.sources OR s.note IS NOT e.note ORDER BY e.rowid_"
        )]
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.expected_search")
    for rowids, what in ((missing, "missing from"), (stale, "out of date in"), (extra, "left over in")):
        if rowids:
            report.problems.append(Problem(
                SEARCH_INDEX, f"{_describe_rows(store, rowids)} {'is' if len(rowids) == 1 else 'are'} {what} the search index", True
            ))


def _describe_rows(store: Store, rowids: list[int]) -> str:
    """'3 entries (record operation-x, note 12, …)' for search row ids."""
    names = []
    for rowid in rowids[:5]:
        if rowid % 2 == 0:
            found = store.db.conn.execute("SELECT id FROM records WHERE key = ?", (rowid // 2,)).fetchone()
            names.append(f"record {found[0]}" if found else f"unknown record #{rowid // 2}")
        else:
            names.append(f"note {(rowid - 1) // 2}")
    more = ", …" if len(rowids) > 5 else ""
    return f"{len(rowids)} {'entry' if len(rowids) == 1 else 'entries'} ({', '.join(names)}{more})"


_WRONG_NOTE_COUNTS = (
    "SELECT r.id FROM records r WHERE r.note_count != "
    "(SELECT count(*) FROM notes n WHERE n.record_id = r.id AND n.deleted = 0)"
)


def _check_note_counts(store: Store, report: HealthReport) -> None:
    wrong = [row[0] for row in store.db.conn.execute(_WRONG_NOTE_COUNTS)]
    if wrong:
        listed = ", ".join(wrong[:5]) + (", …" if len(wrong) > 5 else "")
        report.problems.append(Problem(NOTE_COUNTS, f"{plural(len(wrong), 'record')} {'shows' if len(wrong) == 1 else 'show'} a wrong number of notes ({listed})", True))


def repair_store(store: Store, report: HealthReport | None = None) -> RepairReport:
    """Rebuild the search index (and indexes and note counts) from the data; say what was done.

    Everything happens in one transaction. Damage to the data itself (failed
    integrity or foreign-key checks) cannot be repaired here: restore a backup.
    """
    report = report or check_store(store)
    result = RepairReport()
    conn = store.db.conn
    with store.transaction():
        if any(p.check == INTEGRITY and p.repairable for p in report.problems):
            conn.execute("REINDEX")
            result.actions.append("rebuilt the database's indexes (REINDEX)")
        records, notes = rebuild_search_index(store)
        search_problems = [p.message for p in report.problems if p.check == SEARCH_INDEX]
        found = f" (found: {'; '.join(search_problems)})" if search_problems else " (it had no problems)"
        result.actions.append(f"rebuilt the search index from {plural(records, 'record')} and {plural(notes, 'note')}{found}")
        fixed = conn.execute(
            "UPDATE records SET note_count = "
            "(SELECT count(*) FROM notes n WHERE n.record_id = records.id AND n.deleted = 0) "
            f"WHERE id IN ({_WRONG_NOTE_COUNTS})"
        ).rowcount
        if fixed:
            result.actions.append(f"corrected the note count of {plural(fixed, 'record')}")
    result.after = check_store(store)
    return result


def rebuild_search_index(store: Store) -> tuple[int, int]:
    """Drop and recreate the search index, then fill it from records and notes.

    Dropping (rather than deleting rows) also works when the index's own
    structures are damaged. Returns how many records and notes were indexed.
    """
    conn = store.db.conn
    with store.transaction():
        create_sql = conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'search_index'"
        ).fetchone()[0]
        conn.execute("DROP TABLE search_index")
        conn.execute(create_sql)
        records = conn.execute(migrations.RECORD_SEARCH_ROW + " WHERE r.deleted = 0").rowcount
        notes = conn.execute(
            "INSERT INTO search_index (rowid, title, summary, agencies, sources, note) " + NOTE_SEARCH_SELECT
        ).rowcount
    return records, notes
