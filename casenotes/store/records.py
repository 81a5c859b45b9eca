"""Reading and writing records with their agencies, countries, sources, figures, relations and tags."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import Enum

from casenotes.store.anchor_check import check_anchors
from casenotes.store.batching import batches, marks
from casenotes.store.countries import country_name
from casenotes.store.database import Store
from casenotes.store.dates import utc_now
from casenotes.store.errors import NotFound
from casenotes.store.models import Figure, Record, Relation, Source
from casenotes.store.validation import validate_record



class SaveOutcome(Enum):
    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def record_exists(store: Store, record_id: str, *, include_deleted: bool = False) -> bool:
    sql = "SELECT 1 FROM records WHERE id = ?" + ("" if include_deleted else " AND deleted = 0")
    return store.db.conn.execute(sql, (record_id,)).fetchone() is not None


def get_record(store: Store, record_id: str, *, include_deleted: bool = False) -> Record:
    """The record with this id; raise :class:`NotFound` if there is none."""
    found = get_records(store, [record_id], include_deleted=include_deleted)
    if not found:
        raise NotFound(f"no record with id {record_id!r}")
    return found[0]


def get_records(store: Store, record_ids: Sequence[str], *, include_deleted: bool = False) -> list[Record]:
    """Records with these ids, in the order given; unknown ids are skipped."""
    by_id: dict[str, Record] = {}
    for batch in batches(record_ids):
        by_id.update(_load_batch(store, batch, include_deleted))
    return [by_id[record_id] for record_id in record_ids if record_id in by_id]


def _load_batch(store: Store, ids: list[str], include_deleted: bool) -> dict[str, Record]:
    conn = store.db.conn
    in_ids = marks(ids)
    deleted_clause = "" if include_deleted else " AND deleted = 0"
    records: dict[str, Record] = {}
    for row in conn.execute(
        "SELECT id, title, kind, date, end_date, summary, origin, edited, created, updated, deleted, note_count "
        f"FROM records WHERE id IN {in_ids}{deleted_clause}",
        ids,
    ):
        records[row[0]] = Record(
            id=row[0], title=row[1], kind=row[2], date=row[3], end_date=row[4], summary=row[5],
            origin=row[6], edited=bool(row[7]), created=row[8], updated=row[9], deleted=bool(row[10]),
            note_count=row[11],
        )
    if not records:
        return records
    ids = list(records)
    in_ids = marks(ids)
    for record_id, name in conn.execute(
        "SELECT ra.record_id, a.name FROM record_agencies ra JOIN agencies a ON a.id = ra.agency_id "
        f"WHERE ra.record_id IN {in_ids} ORDER BY ra.record_id, ra.position",
        ids,
    ):
        records[record_id].agencies.append(name)
    for record_id, code in conn.execute(
        f"SELECT record_id, country_code FROM record_countries WHERE record_id IN {in_ids} "
        "ORDER BY record_id, position",
        ids,
    ):
        records[record_id].countries.append(code)
    for record_id, title, publisher, url, published, locator in conn.execute(
        "SELECT rs.record_id, s.title, s.publisher, s.url, s.published, rs.locator "
        "FROM record_sources rs JOIN sources s ON s.id = rs.source_id "
        f"WHERE rs.record_id IN {in_ids} ORDER BY rs.record_id, rs.position",
        ids,
    ):
        records[record_id].sources.append(Source(title, publisher, url, published, locator))
    for record_id, label, value, unit, country, source, note in conn.execute(
        "SELECT record_id, label, value, unit, country, source_position, note "
        f"FROM figures WHERE record_id IN {in_ids} ORDER BY record_id, position",
        ids,
    ):
        records[record_id].figures.append(Figure(label, value, unit, country, source, note))
    for record_id, other_id, relation in conn.execute(
        f"SELECT record_id, other_id, relation FROM relations WHERE record_id IN {in_ids} "
        "ORDER BY record_id, position",
        ids,
    ):
        records[record_id].related.append(Relation(other_id, relation))
    for record_id, name in conn.execute(
        "SELECT rt.record_id, t.name FROM record_tags rt JOIN tags t ON t.id = rt.tag_id "
        f"WHERE rt.record_id IN {in_ids} ORDER BY rt.record_id, rt.position",
        ids,
    ):
        records[record_id].tags.append(name)
    return records


def total_arrests(figures: Iterable[Figure]) -> int | None:
    """Arrests for the list column: the first stated total, else the sum of per-country counts.

    A record lists its main source's figures first, so where sources disagree on the
    total the first one is the record's own choice. Where they disagree on a country's
    count, the larger is used, so the sum never counts a country twice.
    """
    totals = [f.value for f in figures if f.label == "arrests" and f.country is None]
    if totals:
        return int(totals[0])
    per_country: dict[str, float] = {}
    for figure in figures:
        if figure.label == "arrests" and figure.country:
            per_country[figure.country] = max(per_country.get(figure.country, 0), figure.value)
    return int(sum(per_country.values())) if per_country else None


def save_record(store: Store, record: Record, *, origin: str = "user", user_edit: bool = False) -> SaveOutcome:
    """Insert or update a record and everything attached to it, in one transaction.

    ``user_edit`` marks the record as changed by the user, so seed updates leave it alone.
    A deleted record with the same id is brought back.
    """
    record = validate_record(record)
    with store.transaction():
        existing = _existing(store, record.id)
        now = utc_now()
        if existing is not None and not existing.deleted and existing.content() == record.content():
            if user_edit and not existing.edited:
                store.db.conn.execute("UPDATE records SET edited = 1 WHERE id = ?", (record.id,))
            return SaveOutcome.UNCHANGED
        _write(store, record, existing, origin=origin, user_edit=user_edit, now=now)
        if existing is not None:
            check_anchors(store, [record.id], cause=origin)  # notes anchored to a value it changed
    return SaveOutcome.ADDED if existing is None else SaveOutcome.UPDATED


def _existing(store: Store, record_id: str) -> Record | None:
    found = _load_batch(store, [record_id], include_deleted=True)
    return found.get(record_id)


def _write(store: Store, record: Record, existing: Record | None, *, origin: str, user_edit: bool, now: str) -> None:
    conn = store.db.conn
    arrests = total_arrests(record.figures)
    if existing is None:
        conn.execute(
            "INSERT INTO records (id, kind, title, date, end_date, summary, country_list, arrests, origin, edited, "
            "created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (record.id, record.kind, record.title, record.date, record.end_date, record.summary,
             ",".join(record.countries), arrests, origin, int(user_edit), record.created or now, now),
        )
    else:
        conn.execute(
            "UPDATE records SET kind = ?, title = ?, date = ?, end_date = ?, summary = ?, country_list = ?, "
            "arrests = ?, origin = ?, edited = max(edited, ?), updated = ?, deleted = 0 WHERE id = ?",
            (record.kind, record.title, record.date, record.end_date, record.summary, ",".join(record.countries),
             arrests, origin, int(user_edit), now, record.id),
        )
        for table in ("figures", "record_agencies", "record_countries", "record_sources", "relations", "record_tags"):
            conn.execute(f"DELETE FROM {table} WHERE record_id = ?", (record.id,))
    write_links(store, record)


def write_links(store: Store, record: Record) -> None:
    """Insert the agencies, countries, sources, figures, relations and tags of a record."""
    conn = store.db.conn
    conn.executemany(
        "INSERT INTO record_agencies (record_id, agency_id, position) VALUES (?, ?, ?)",
        [(record.id, _agency_id(store, name), position) for position, name in enumerate(record.agencies)],
    )
    for code in set(record.countries) | {f.country for f in record.figures if f.country}:
        conn.execute("INSERT OR IGNORE INTO countries (code, name) VALUES (?, ?)", (code, country_name(code)))
    conn.executemany(
        "INSERT INTO record_countries (record_id, country_code, position) VALUES (?, ?, ?)",
        [(record.id, code, position) for position, code in enumerate(record.countries)],
    )
    conn.executemany(
        "INSERT INTO record_sources (record_id, position, source_id, locator) VALUES (?, ?, ?, ?)",
        [(record.id, position, _source_id(store, source), source.locator)
         for position, source in enumerate(record.sources)],
    )
    conn.executemany(
        "INSERT INTO figures (record_id, position, label, value, unit, country, source_position, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(record.id, position, f.label, f.value, f.unit, f.country, f.source, f.note)
         for position, f in enumerate(record.figures)],
    )
    conn.executemany(
        "INSERT INTO relations (record_id, other_id, relation, position) VALUES (?, ?, ?, ?)",
        [(record.id, r.id, r.relation, position) for position, r in enumerate(record.related)],
    )
    conn.executemany(
        "INSERT INTO record_tags (record_id, tag_id, position) VALUES (?, ?, ?)",
        [(record.id, tag_id(store, name), position) for position, name in enumerate(record.tags)],
    )


def _agency_id(store: Store, name: str) -> int:
    conn = store.db.conn
    row = conn.execute("SELECT id FROM agencies WHERE name = ?", (name,)).fetchone()
    if row:
        return row[0]
    return conn.execute("INSERT INTO agencies (name) VALUES (?)", (name,)).lastrowid


def tag_id(store: Store, name: str) -> int:
    """The id of the tag called ``name`` (case-insensitive), creating it if needed."""
    conn = store.db.conn
    row = conn.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()
    if row:
        return row[0]
    return conn.execute("INSERT INTO tags (name) VALUES (?)", (name,)).lastrowid


def _source_id(store: Store, source: Source) -> int:
    conn = store.db.conn
    row = conn.execute(
        "SELECT id FROM sources WHERE title = ? AND ifnull(publisher, '') = ifnull(?, '') "
        "AND ifnull(url, '') = ifnull(?, '') AND ifnull(published, '') = ifnull(?, '')",
        (source.title, source.publisher, source.url, source.published),
    ).fetchone()
    if row:
        return row[0]
    return conn.execute(
        "INSERT INTO sources (title, publisher, url, published) VALUES (?, ?, ?, ?)",
        (source.title, source.publisher, source.url, source.published),
    ).lastrowid


def delete_record(store: Store, record_id: str) -> None:
    """Mark a record deleted (a tombstone, so merges and seed updates know it was removed)."""
    with store.transaction():
        changed = store.db.conn.execute(
            "UPDATE records SET deleted = 1, updated = ? WHERE id = ? AND deleted = 0", (utc_now(), record_id)
        ).rowcount
    if not changed:
        raise NotFound(f"no record with id {record_id!r}")


def restore_record(store: Store, record_id: str, *, updated: str | None = None) -> None:
    """Bring a deleted record back, as changed now or, for an undo, at ``updated`` (its time before the delete).

    An undone delete is no change to the record: saved searches should not list it as
    changed since they were last opened.
    """
    with store.transaction():
        changed = store.db.conn.execute(
            "UPDATE records SET deleted = 0, updated = ? WHERE id = ? AND deleted = 1",
            (updated or utc_now(), record_id),
        ).rowcount
    if not changed:
        raise NotFound(f"no deleted record with id {record_id!r}")


def all_record_ids(store: Store, *, include_deleted: bool = False) -> list[str]:
    sql = "SELECT id FROM records" + ("" if include_deleted else " WHERE deleted = 0") + " ORDER BY key"
    return [row[0] for row in store.db.conn.execute(sql)]


def titles_for(store: Store, record_ids: Iterable[str]) -> dict[str, str]:
    """Titles of the live records among ``record_ids`` (for showing relations as links)."""
    ids = list(dict.fromkeys(record_ids))
    titles: dict[str, str] = {}
    for batch in batches(ids):
        titles.update(store.db.conn.execute(
            f"SELECT id, title FROM records WHERE deleted = 0 AND id IN {marks(batch)}", batch
        ).fetchall())
    return titles


def incoming_relations(store: Store, record_id: str) -> list[tuple[str, str, str]]:
    """(other id, other title, relation) for live records that point at this one."""
    return store.db.conn.execute(
        "SELECT r.id, r.title, rel.relation FROM relations rel JOIN records r ON r.id = rel.record_id "
        "WHERE rel.other_id = ? AND r.deleted = 0 ORDER BY r.date, r.title",
        (record_id,),
    ).fetchall()


def record_count(store: Store) -> int:
    return store.db.conn.execute("SELECT count(*) FROM records WHERE deleted = 0").fetchone()[0]


def set_record_tags(store: Store, record_id: str, tags: list[str]) -> None:
    """Replace a record's tags; this counts as the user's edit, which seed updates respect."""
    names = list(dict.fromkeys(t.strip() for t in tags if t.strip()))
    with store.transaction():
        changed = store.db.conn.execute(
            "UPDATE records SET edited = 1, updated = ? WHERE id = ? AND deleted = 0", (utc_now(), record_id)
        ).rowcount
        if not changed:
            raise NotFound(f"no record with id {record_id!r}")
        store.db.conn.execute("DELETE FROM record_tags WHERE record_id = ?", (record_id,))
        store.db.conn.executemany(
            "INSERT OR IGNORE INTO record_tags (record_id, tag_id, position) VALUES (?, ?, ?)",
            [(record_id, tag_id(store, name), position) for position, name in enumerate(names)],
        )


def all_tag_names(store: Store) -> list[str]:
    """Every tag name in the store, for autocompletion."""
    return [name for (name,) in store.db.conn.execute("SELECT name FROM tags ORDER BY name COLLATE NOCASE")]
