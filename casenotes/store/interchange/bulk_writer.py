"""Writing many records at once, leaving the store exactly as ``save_record`` one by one would.

``save_record`` loads the record, deletes and re-inserts its links and lets triggers
update the search index, all per record: about 2,000 records a second. This writer does
the same work per batch of records: one query to find which exist, cached ids for
agencies, tags and sources, ``executemany`` for every table, and one search-index
rebuild per batch while the index triggers stand aside (see :func:`deferred_indexing`).

"Exactly" includes the row ids SQLite picks (new rows get the largest id + 1): deletes
of a table's old rows only run out of order once this import has added a row to that
table, after which no delete can lower its largest id. The equivalence test in
tests/store/test_bulk_import.py compares every table.
"""

from __future__ import annotations

import contextlib
import dataclasses
import string
from collections.abc import Callable, Iterable, Iterator, Sequence

from casenotes.store import migrations
from casenotes.store.anchor_check import check_anchors
from casenotes.store.batching import batches, marks
from casenotes.store.countries import country_name
from casenotes.store.database import Store
from casenotes.store.dates import utc_now
from casenotes.store.models import Record, Source
from casenotes.store.records import SaveOutcome, get_records, total_arrests

BATCH_SIZE = 500  # records per batch; also ids per IN (...) query, well under SQLite's limit
_CACHE_LIMIT = 100_000  # cached names/sources before the caches start over (bounds memory)
_ASCII_FOLD = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)  # as SQLite's NOCASE

LINK_INSERTS = {
    "record_agencies": "INSERT INTO record_agencies (record_id, agency_id, position) VALUES (?, ?, ?)",
    "record_countries": "INSERT INTO record_countries (record_id, country_code, position) VALUES (?, ?, ?)",
    "record_sources": "INSERT INTO record_sources (record_id, position, source_id, locator) VALUES (?, ?, ?, ?)",
    "figures": "INSERT INTO figures (record_id, position, label, value, unit, country, source_position, note) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "relations": "INSERT INTO relations (record_id, other_id, relation, position) VALUES (?, ?, ?, ?)",
    "record_tags": "INSERT INTO record_tags (record_id, tag_id, position) VALUES (?, ?, ?)",
}
_INSERT_RECORD = (
    "INSERT INTO records (id, kind, title, date, end_date, summary, country_list, arrests, origin, edited, "
    "created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_SOURCE = "INSERT INTO sources (title, publisher, url, published) VALUES (?, ?, ?, ?)"
_UPDATE_RECORD = (
    "UPDATE records SET kind = ?, title = ?, date = ?, end_date = ?, summary = ?, country_list = ?, "
    "arrests = ?, origin = ?, updated = ?, deleted = 0 WHERE id = ?"
)

# Given what a file says about a record and what the store holds (or None), the record to save.
Merge = Callable[[Record, Record | None], Record]


def _fold(name: str) -> str:
    return name.translate(_ASCII_FOLD)


def _source_key(source: Source) -> tuple[str, str, str, str]:
    return (source.title, source.publisher or "", source.url or "", source.published or "")


def _require_transaction(store: Store) -> None:
    # No savepoint of its own: inside a savepoint FTS5 writes out its in-memory index at
    # every statement (its xSavepoint flushes), which made imports several times slower.
    if not store.db.conn.in_transaction:
        raise RuntimeError("bulk writing must run inside a transaction that is rolled back on error")


@contextlib.contextmanager
def suspended_triggers(store: Store, names: Sequence[str]) -> Iterator[None]:
    """Drop these triggers for the length of the block, then recreate them from their stored SQL.

    Even a trigger that skips its work costs about as much as the insert it fires on, and
    one that writes the full-text index costs several times more inside a trigger than in
    one statement for many rows. Must run inside a transaction that is rolled back if the
    block raises (which brings the triggers back).
    """
    with _dropped_for_the_block(store, "trigger", names):
        yield


@contextlib.contextmanager
def _dropped_for_the_block(store: Store, kind: str, names: Sequence[str]) -> Iterator[None]:
    """Drop these schema objects (triggers or indexes), then recreate them from their stored SQL."""
    _require_transaction(store)
    conn = store.db.conn
    found = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = ? AND name IN {marks(names)} ORDER BY name",
        [kind, *names],
    ).fetchall()
    for name, _ in found:
        conn.execute(f'DROP {kind.upper()} "{name}"')
    yield
    for _, sql in found:
        conn.execute(sql)


@contextlib.contextmanager
def deferred_indexing(store: Store) -> Iterator[None]:
    """Keep the search-index triggers out of record writes; callers reindex what they write.

    Sets the ``fts_deferred`` meta flag, and for the length of the block drops the
    triggers that honour it (see :func:`suspended_triggers`). Must run inside a
    transaction that is rolled back if the block raises (bringing flag and triggers back).
    """
    _require_transaction(store)
    conn = store.db.conn
    names = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%fts_deferred%' ORDER BY name"
    )]
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('fts_deferred', '1')")
    with suspended_triggers(store, names):
        yield
    conn.execute("DELETE FROM meta WHERE key = 'fts_deferred'")


# Secondary indexes of the tables a big import fills that no query of the import itself
# uses (figures_by_record stays: re-imported records' figures are read and deleted by it).
REBUILT_INDEXES = (
    "records_by_date", "records_by_title", "records_by_kind", "records_by_arrests", "records_by_country_list",
    "records_by_note_count", "records_by_updated", "records_deleted", "record_agencies_by_agency",
    "record_countries_by_country", "record_sources_by_source", "record_tags_by_tag", "relations_by_other",
    "figures_by_label",
)


@contextlib.contextmanager
def rebuilt_indexes(store: Store) -> Iterator[None]:
    """Drop :data:`REBUILT_INDEXES` for the length of the block and build them anew at its end.

    Building an index from a full table sorts it once; keeping it up to date row by row
    costs a B-tree insert per row, which made a large import into a small store about
    10% slower. Worth it only when the block adds at least as many rows as the tables
    hold. Must run inside a transaction that is rolled back if the block raises (which
    brings the indexes back as they were).
    """
    with _dropped_for_the_block(store, "index", REBUILT_INDEXES):
        yield


# FTS5 keeps new index entries in memory until this many bytes, then writes them out as a
# segment. Its default (1 MiB) makes a big import write and merge many small segments; a
# larger buffer inside the import's transaction made indexing ~40% faster here.
FTS_DEFAULT_HASHSIZE = 1024 * 1024
IMPORT_FTS_HASHSIZE = 64 * 1024 * 1024


@contextlib.contextmanager
def larger_index_buffer(store: Store) -> Iterator[None]:
    """Let the full-text index buffer more in memory for the length of the block.

    Must run inside a transaction that is rolled back if the block raises.
    """
    _require_transaction(store)
    conn = store.db.conn
    configured = conn.execute("SELECT v FROM search_index_config WHERE k = 'hashsize'").fetchone()
    conn.execute("INSERT INTO search_index (search_index, rank) VALUES ('hashsize', ?)", (IMPORT_FTS_HASHSIZE,))
    yield
    conn.execute("INSERT INTO search_index (search_index, rank) VALUES ('hashsize', ?)",
                 (configured[0] if configured else FTS_DEFAULT_HASHSIZE,))
    if configured is None:
        conn.execute("DELETE FROM search_index_config WHERE k = 'hashsize'")


# The SELECT of the statement the index triggers run: the same text for the same record.
_SEARCH_ROW_SELECT = migrations.RECORD_SEARCH_ROW[migrations.RECORD_SEARCH_ROW.index("SELECT"):]
INSERT_SEARCH_ROW = "INSERT INTO search_index (rowid, title, summary, agencies, sources, note) VALUES (?, ?, ?, ?, ?, ?)"


def reindex_records(store: Store, record_ids: Sequence[str], *, new: Sequence[str] = ()) -> None:
    """Rebuild the search rows of these records in a few statements.

    ``new`` names records that had no search row before (just added), which saves the
    delete. The rows are read with one query and written one by one in a single
    ``executemany``: FTS5 writes its in-memory index out after every multi-row statement
    (an ``INSERT ... SELECT`` or a ``DELETE`` of many rows), and that cost three times
    the indexing itself.
    """
    conn = store.db.conn
    fresh = set(new)
    for batch in batches(record_ids, BATCH_SIZE):
        stale = [record_id for record_id in batch if record_id not in fresh]
        if stale:
            conn.execute(
                f"DELETE FROM search_index WHERE rowid IN (SELECT key * 2 FROM records WHERE id IN "
                f"{marks(stale)})", stale,
            )
        rows = conn.execute(f"{_SEARCH_ROW_SELECT} WHERE r.deleted = 0 AND r.id IN {marks(batch)}", batch).fetchall()
        conn.executemany(INSERT_SEARCH_ROW, rows)


class _NamedRows:
    """Ids and stored spellings of a table of names compared without case (agencies, tags)."""

    def __init__(self, conn, table: str) -> None:
        self._conn = conn
        self._table = table
        self._known: dict[str, tuple[int, str]] = {}  # folded name -> (id, name as stored)
        self._by_spelling: dict[str, tuple[int, str]] = {}  # the same, by the spelling a file used

    def _lookup(self, name: str) -> tuple[int, str] | None:
        known = self._by_spelling.get(name)
        if known is None:
            known = self._known.get(_fold(name))
            if known is not None:
                self._by_spelling[name] = known
        return known

    def prefetch(self, names: Iterable[str]) -> None:
        if len(self._known) > _CACHE_LIMIT:
            self._known.clear()
            self._by_spelling.clear()
        missing = list({_fold(name): name for name in names if self._lookup(name) is None}.values())
        for part in batches(missing, BATCH_SIZE):
            for row_id, stored in self._conn.execute(
                f"SELECT id, name FROM {self._table} WHERE name IN {marks(part)}", part
            ):
                self._known[_fold(stored)] = (row_id, stored)

    def stored_spelling(self, name: str) -> str:
        known = self._lookup(name)
        return known[1] if known else name

    def id_for(self, name: str) -> int:
        """The row's id, inserting the name (spelled as given) if the table lacks it."""
        return self.row_for(name)[0]

    def row_for(self, name: str) -> tuple[int, str]:
        """The row's id and stored spelling, inserting the name (spelled as given) if the table lacks it."""
        known = self._lookup(name)
        if known is None:
            row_id = self._conn.execute(f"INSERT INTO {self._table} (name) VALUES (?)", (name,)).lastrowid
            known = self._known[_fold(name)] = self._by_spelling[name] = (row_id, name)
        return known


class BulkRecordWriter:
    """Adds or updates batches of validated records inside the caller's transaction.

    Use it inside :func:`deferred_indexing`; each batch reindexes the records it wrote.
    """

    def __init__(self, store: Store, *, origin: str = "import") -> None:
        self._store = store
        self._conn = store.db.conn
        self._origin = origin
        self._agencies = _NamedRows(self._conn, "agencies")
        self._tags = _NamedRows(self._conn, "tags")
        self._source_ids: dict[tuple[str, str, str, str], int] = {}
        self._countries = {code for (code,) in self._conn.execute("SELECT code FROM countries")}
        self._has_new_rows = dict.fromkeys(LINK_INSERTS, False)
        self._inserts: dict[str, list[tuple]] = {table: [] for table in LINK_INSERTS}
        self._deletes: dict[str, list[tuple[str]]] = {table: [] for table in LINK_INSERTS}
        self._new_records: list[tuple] = []
        self._updated_records: list[tuple] = []
        self._new_keys: dict[str, int] = {}  # record id -> key, for records this batch added

    def write_batch(self, records: Sequence[Record], merge: Merge | None = None) -> list[SaveOutcome]:
        """Save each record (in order); return what happened to each."""
        existing = {r.id: r for r in get_records(self._store, [r.id for r in records], include_deleted=True)}
        if merge is not None:
            records = [merge(record, existing.get(record.id)) for record in records]
        self._prefetch_ids(records)
        outcomes: list[SaveOutcome] = []
        to_write: list[tuple[Record, Record | None]] = []
        for record in records:
            current = existing.get(record.id)
            if current is not None and not current.deleted and current.content() == self._as_stored(record).content():
                outcomes.append(SaveOutcome.UNCHANGED)
            else:
                outcomes.append(SaveOutcome.ADDED if current is None else SaveOutcome.UPDATED)
                to_write.append((record, current))
        if not to_write:
            return outcomes
        self._add_new_sources([record for record, _ in to_write])
        now = utc_now()
        for record, current in to_write:
            self._queue_record_row(record, current, now)
            if current is not None:
                self._delete_links(record.id)
            self._queue_links(record)
        self._flush()
        built = self._search_rows_of_new_records([record for record, current in to_write if current is None])
        self._conn.executemany(INSERT_SEARCH_ROW, built.values())
        reindex_records(self._store, [record.id for record, _ in to_write if record.id not in built],
                        new=[record.id for record, current in to_write if current is None])
        # Notes anchored to a figure or field these updates changed (one query per batch).
        check_anchors(self._store, [record.id for record, current in to_write if current is not None],
                      cause=self._origin)
        return outcomes

    # ---- the records table ---------------------------------------------------------

    def _queue_record_row(self, record: Record, current: Record | None, now: str) -> None:
        country_list = ",".join(record.countries)
        arrests = total_arrests(record.figures)
        if current is None:
            self._new_records.append((
                record.id, record.kind, record.title, record.date, record.end_date, record.summary,
                country_list, arrests, self._origin, 0, record.created or now, now,
            ))
        else:
            self._updated_records.append((
                record.kind, record.title, record.date, record.end_date, record.summary, country_list,
                arrests, self._origin, now, record.id,
            ))

    def _flush_record_rows(self) -> None:
        if self._new_records:
            ids = [row[0] for row in self._new_records]
            keys = self._inserted_ids("records", "key", _INSERT_RECORD, self._new_records)
            if keys is not None:
                self._new_keys.update(zip(ids, keys))
            self._new_records.clear()
        if self._updated_records:
            self._conn.executemany(_UPDATE_RECORD, self._updated_records)
            self._updated_records.clear()

    def _inserted_ids(self, table: str, key: str, insert: str, rows: list[tuple]) -> range | None:
        """Insert the rows; return the row ids SQLite gave them, or None if it did not count up.

        A new row gets the table's largest id + 1 (while that is below 2**63 - 1), and the
        write lock keeps anyone else from inserting meanwhile, so the ids are consecutive.
        """
        before = self._conn.execute(f"SELECT ifnull(max({key}), 0) FROM {table}").fetchone()[0]
        self._conn.executemany(insert, rows)
        last = self._conn.execute("SELECT last_insert_rowid()").fetchone()[0]
        return range(before + 1, last + 1) if last == before + len(rows) else None

    # ---- the search index ----------------------------------------------------------

    def _search_rows_of_new_records(self, records: Sequence[Record]) -> dict[str, tuple]:
        """The search rows of records this batch added, built from what was just written.

        They are what the index triggers' SELECT gives (migrations.RECORD_SEARCH_ROW):
        agency names as stored, in the order of their ids (the order that query reads them
        in), and each source's title and publisher, in the record's order; NULL for none.
        Records whose key is not known are left to :func:`reindex_records`.
        """
        rows = {}
        for record in records:
            key = self._new_keys.pop(record.id, None)
            if key is None:
                continue
            agencies = sorted(map(self._agencies.row_for, record.agencies))
            rows[record.id] = (
                key * 2, record.title, record.summary,
                " ".join(name for _, name in agencies) if agencies else None,
                " ".join(f"{s.title} {s.publisher or ''}" for s in record.sources) if record.sources else None,
                "",
            )
        self._new_keys.clear()
        return rows

    # ---- link tables ---------------------------------------------------------------

    def _delete_links(self, record_id: str) -> None:
        for table in LINK_INSERTS:
            if self._has_new_rows[table]:
                self._deletes[table].append((record_id,))
            else:
                # Until this import has added a row to the table, a delete may lower its
                # largest row id, so it must run in order with the inserts.
                self._flush_table(table)
                self._conn.execute(f"DELETE FROM {table} WHERE record_id = ?", (record_id,))

    def _queue_links(self, record: Record) -> None:
        record_id = record.id
        inserts = self._inserts
        inserts["record_agencies"] += [
            (record_id, self._agencies.id_for(name), position) for position, name in enumerate(record.agencies)
        ]
        known = self._countries
        if not known.issuperset(record.countries) or any(f.country not in known for f in record.figures if f.country):
            # Same iteration as records.write_links, so new countries get the same row ids.
            for code in set(record.countries) | {f.country for f in record.figures if f.country}:
                if code not in known:
                    self._conn.execute("INSERT OR IGNORE INTO countries (code, name) VALUES (?, ?)",
                                       (code, country_name(code)))
                    known.add(code)
        inserts["record_countries"] += [(record_id, code, position) for position, code in enumerate(record.countries)]
        inserts["record_sources"] += [
            (record_id, position, self._source_id(source), source.locator)
            for position, source in enumerate(record.sources)
        ]
        inserts["figures"] += [
            (record_id, position, f.label, f.value, f.unit, f.country, f.source, f.note)
            for position, f in enumerate(record.figures)
        ]
        inserts["relations"] += [(record_id, r.id, r.relation, position) for position, r in enumerate(record.related)]
        inserts["record_tags"] += [(record_id, self._tags.id_for(name), position) for position, name in enumerate(record.tags)]

    def _flush_table(self, table: str) -> None:
        rows = self._inserts[table]
        if rows:
            self._flush_record_rows()  # link rows refer to their record
            self._conn.executemany(LINK_INSERTS[table], rows)
            rows.clear()
            self._has_new_rows[table] = True

    def _flush(self) -> None:
        self._flush_record_rows()
        for table in LINK_INSERTS:
            if self._deletes[table]:
                self._conn.executemany(f"DELETE FROM {table} WHERE record_id = ?", self._deletes[table])
                self._deletes[table].clear()
            self._flush_table(table)

    # ---- agencies, tags and sources, created on first use ----------------------------

    def _prefetch_ids(self, records: Sequence[Record]) -> None:
        """Fill the caches with the ids of names and sources this batch uses that already exist."""
        self._agencies.prefetch(name for record in records for name in record.agencies)
        self._tags.prefetch(name for record in records for name in record.tags)
        if len(self._source_ids) > _CACHE_LIMIT:
            self._source_ids.clear()
        known = self._source_ids
        self._fetch_source_ids({key for r in records for s in r.sources if (key := _source_key(s)) not in known})

    def _as_stored(self, record: Record) -> Record:
        """The record with agency and tag names spelled as the store already has them.

        Names are matched without regard to (ASCII) case, so a file saying "Alphabay"
        where the store says "AlphaBay" does not change the record.
        """
        agencies = [self._agencies.stored_spelling(name) for name in record.agencies]
        tags = [self._tags.stored_spelling(name) for name in record.tags]
        if agencies == record.agencies and tags == record.tags:
            return record
        return dataclasses.replace(record, agencies=agencies, tags=tags)

    def _add_new_sources(self, records: Sequence[Record]) -> None:
        """Insert the sources no record cited before, in order of first citation, in one statement.

        They get the ids ``save_record`` would have given them (the next free ones, in
        insertion order; see _inserted_ids), read back only if SQLite did not count up.
        """
        new = {}
        for record in records:
            for source in record.sources:
                key = _source_key(source)
                if key not in self._source_ids:
                    new.setdefault(key, source)
        if not new:
            return
        ids = self._inserted_ids("sources", "id", _INSERT_SOURCE,
                                 [(s.title, s.publisher, s.url, s.published) for s in new.values()])
        if ids is None:
            self._fetch_source_ids(set(new))
        else:
            self._source_ids.update(zip(new, ids))

    def _fetch_source_ids(self, keys: set[tuple[str, str, str, str]]) -> None:
        """Cache the ids of the stored sources with these identities (see _source_key)."""
        for part in batches(list(keys), BATCH_SIZE):
            rows = ", ".join(["(?, ?, ?, ?)"] * len(part))
            for row_id, *key in self._conn.execute(
                f"SELECT s.id, k.column1, k.column2, k.column3, k.column4 FROM (VALUES {rows}) AS k "
                "JOIN sources s ON s.title = k.column1 AND ifnull(s.publisher, '') = k.column2 "
                "AND ifnull(s.url, '') = k.column3 AND ifnull(s.published, '') = k.column4",
                [value for key in part for value in key],
            ):
                self._source_ids[tuple(key)] = row_id

    def _source_id(self, source: Source) -> int:
        key = _source_key(source)
        found = self._source_ids.get(key)
        if found is None:
            found = self._source_ids[key] = self._conn.execute(
                _INSERT_SOURCE, (source.title, source.publisher, source.url, source.published),
            ).lastrowid
        return found
