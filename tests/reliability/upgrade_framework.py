"""Build a store at any earlier schema version, fill it, upgrade it, and say what was lost.

How it covers future migrations: ``test_upgrades.py`` is parametrised over
``known_migration_names()``, so a new migration is one more version to start from,
with no test to edit. A store at version *k* (the first *k* migrations applied) is
filled by the writer registered for the newest migration ≤ *k* in ``WRITERS`` — raw
SQL written against that version's schema, so it keeps working after the app's own
code has moved on. When a migration changes a table a writer uses, that writer fails
at the versions after it, with a message asking for a writer for the new version.

What "nothing lost" means: after Store.open upgrades the file, every record (live
and deleted, with all links and timestamps), every note (with pinned/deleted, tags
and every earlier version), every meta row and the list columns read back through
the *current* store API exactly as SAMPLE describes them, and check_store is clean.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from casenotes.store import Store
from casenotes.store import migrations as schema
from casenotes.store.countries import country_name
from casenotes.store.health import check_store
from casenotes.store.interchange import record_to_json
from casenotes.store.listing import rows_for_keys
from casenotes.store.models import Figure
from casenotes.store.notes import note_versions, notes_for_record
from casenotes.store.records import all_record_ids, get_records, total_arrests

# ---- what every version's store holds ---------------------------------------------------

SAMPLE_RECORDS = [
    {"id": "operation-sample", "title": "Operation Sample — Yücel’s “market”", "kind": "operation",
     "date": "2014-11", "end_date": "2014-11-06", "summary": "Line one.\nLine two with <b>markup</b> & 🔍.",
     "agencies": ["FBI", "Europol", "Guardia Civil"], "countries": ["US", "DE", "ES"],
     "figures": [{"label": "arrests", "value": 17, "unit": "people", "country": "US", "source": 0},
                 {"label": "arrests", "value": 3, "unit": "people", "country": "DE", "source": 1, "note": "as printed"},
                 {"label": "seized_usd", "value": 1.5e6, "unit": "USD", "country": None, "source": None}],
     "sources": [{"title": "Press release", "publisher": "DOJ", "url": "https://example.org/a", "published": "2014-11-07"},
                 {"title": "Zeitungsbericht", "publisher": None, "url": None, "published": "2014", "locator": "p. 3"}],
     "related": [{"id": "takedown-sample", "relation": "follows"}, {"id": "not-in-store", "relation": "related"}],
     "tags": ["darknet", "Sample Tag"],
     "origin": "import", "edited": True, "deleted": False,
     "created": "2020-01-01T10:00:00.000Z", "updated": "2021-02-03T04:05:06.789Z"},
    {"id": "takedown-sample", "title": "A takedown", "kind": "takedown", "date": "2013", "end_date": None,
     "summary": "", "agencies": [], "countries": [], "figures": [], "sources": [], "related": [], "tags": [],
     "origin": "seed", "edited": False, "deleted": False,
     "created": "2019-05-05T00:00:00.000Z", "updated": "2019-05-05T00:00:00.000Z"},
    {"id": "deleted-sample", "title": "Deleted but remembered", "kind": "raid", "date": "2015-01-01",
     "end_date": None, "summary": "a tombstone", "agencies": ["FBI"], "countries": ["US"],
     "figures": [{"label": "arrests", "value": 2, "unit": None, "country": None, "source": None}],
     "sources": [], "related": [], "tags": ["darknet"],
     "origin": "user", "edited": True, "deleted": True,
     "created": "2018-01-01T00:00:00.000Z", "updated": "2018-06-01T00:00:00.000Z"},
]

SAMPLE_NOTES = [
    {"uid": "note-1", "record_id": "operation-sample", "pinned": True, "deleted": False, "tags": ["todo"],
     "created": "2022-01-01T09:00:00.000Z",
     # Each body after the first was saved at the time beside it; the earlier ones become versions.
     "history": [("first draft", "2022-01-01T09:00:00.000Z"), ("second draft", "2022-01-02T09:00:00.000Z"),
                 ("final — with *Markdown* and a <script>alert(1)</script>", "2022-01-03T09:00:00.000Z")]},
    {"uid": "note-2", "record_id": "operation-sample", "pinned": False, "deleted": True, "tags": [],
     "created": "2022-02-01T09:00:00.000Z", "history": [("a deleted note", "2022-02-01T09:00:00.000Z")]},
    {"uid": "note-3", "record_id": "takedown-sample", "pinned": False, "deleted": False, "tags": ["todo", "later"],
     "created": "2022-03-01T09:00:00.000Z", "history": [("x" * 5000, "2022-03-01T09:00:00.000Z")]},
]

SAMPLE_META = {"seed_version": "1", "sample_key": "sample value"}


# ---- writers: SAMPLE into the schema of one version --------------------------------------


def _figure_objects(record: dict) -> list[Figure]:
    return [Figure(f["label"], f["value"], f.get("unit"), f.get("country"), f.get("source"), f.get("note"))
            for f in record["figures"]]


def write_sample_0001(conn: sqlite3.Connection) -> None:
    """SAMPLE as the 0001_initial schema stores it (triggers keep the search index and counts)."""
    def one(sql, params):
        return conn.execute(sql, params).lastrowid

    def id_of(table, column, value):
        row = conn.execute(f"SELECT id FROM {table} WHERE {column} = ?", (value,)).fetchone()
        return row[0] if row else one(f"INSERT INTO {table} ({column}) VALUES (?)", (value,))

    for r in SAMPLE_RECORDS:
        one("INSERT INTO records (id, kind, title, date, end_date, summary, country_list, arrests, origin, edited, "
            "created, updated, deleted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (r["id"], r["kind"], r["title"], r["date"], r["end_date"], r["summary"], ",".join(r["countries"]),
             total_arrests(_figure_objects(r)), r["origin"], int(r["edited"]), r["created"], r["updated"],
             int(r["deleted"])))
        for position, name in enumerate(r["agencies"]):
            one("INSERT INTO record_agencies (record_id, agency_id, position) VALUES (?, ?, ?)",
                (r["id"], id_of("agencies", "name", name), position))
        codes = dict.fromkeys(r["countries"] + [f["country"] for f in r["figures"] if f.get("country")])
        for code in codes:
            conn.execute("INSERT OR IGNORE INTO countries (code, name) VALUES (?, ?)", (code, country_name(code)))
        for position, code in enumerate(r["countries"]):
            one("INSERT INTO record_countries (record_id, country_code, position) VALUES (?, ?, ?)",
                (r["id"], code, position))
        for position, s in enumerate(r["sources"]):
            source_id = one("INSERT INTO sources (title, publisher, url, published) VALUES (?, ?, ?, ?)",
                            (s["title"], s["publisher"], s["url"], s["published"]))
            one("INSERT INTO record_sources (record_id, position, source_id, locator) VALUES (?, ?, ?, ?)",
                (r["id"], position, source_id, s.get("locator")))
        for position, f in enumerate(r["figures"]):
            one("INSERT INTO figures (record_id, position, label, value, unit, country, source_position, note) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (r["id"], position, f["label"], f["value"], f["unit"], f["country"], f["source"], f.get("note")))
        for position, rel in enumerate(r["related"]):
            one("INSERT INTO relations (record_id, other_id, relation, position) VALUES (?, ?, ?, ?)",
                (r["id"], rel["id"], rel["relation"], position))
        for position, name in enumerate(r["tags"]):
            one("INSERT INTO record_tags (record_id, tag_id, position) VALUES (?, ?, ?)",
                (r["id"], id_of("tags", "name", name), position))
    for n in SAMPLE_NOTES:
        (first_body, first_saved), *later = n["history"]
        note_id = one("INSERT INTO notes (uid, record_id, body, created, updated, pinned) VALUES (?, ?, ?, ?, ?, ?)",
                      (n["uid"], n["record_id"], first_body, n["created"], first_saved, int(n["pinned"])))
        for body, saved in later:
            conn.execute("UPDATE notes SET body = ?, updated = ? WHERE id = ?", (body, saved, note_id))
        if n["deleted"]:
            conn.execute("UPDATE notes SET deleted = 1 WHERE id = ?", (note_id,))
        for name in n["tags"]:
            one("INSERT INTO note_tags (note_id, tag_id) VALUES (?, ?)", (note_id, id_of("tags", "name", name)))
    for key, value in SAMPLE_META.items():
        conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", (key, value))


# Migration name -> the writer for a store at that version. Add one when a migration
# changes a table the previous writer fills.
WRITERS: dict[str, Callable[[sqlite3.Connection], None]] = {
    "0001_initial": write_sample_0001,
}


def writer_for(version: int) -> tuple[str, Callable[[sqlite3.Connection], None]]:
    """The writer for a store with the first ``version`` migrations applied (newest one ≤ it)."""
    names = schema.known_migration_names()[:version]
    for name in reversed(names):
        if name in WRITERS:
            return name, WRITERS[name]
    raise LookupError(f"no sample writer for any migration up to version {version}")


# ---- building, upgrading, reading back ---------------------------------------------------


def create_at_version(path: Path, version: int) -> None:
    """A database file with exactly the first ``version`` migrations applied, as that casenotes left it."""
    names = schema.known_migration_names()
    with Store.open(path, migrate=False) as store:
        schema.migrations.apply(store.db, stop_before=names[version] if version < len(names) else None)
        store.db.conn.execute(f"PRAGMA user_version = {version}")


def fill(path: Path, version: int) -> None:
    name, writer = writer_for(version)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("BEGIN")
        try:
            writer(conn)
        except sqlite3.Error as error:
            raise AssertionError(
                f"the sample writer for {name} no longer fits the schema at version {version} "
                f"({schema.known_migration_names()[version - 1]}): {error}. Add a writer for that "
                "migration to WRITERS in tests/reliability/upgrade_framework.py"
            ) from error
        conn.execute("COMMIT")
    finally:
        conn.close()


def expected_content() -> dict:
    """SAMPLE as the current store API must read it back."""
    records = {}
    for r in SAMPLE_RECORDS:
        exported = {key: r[key] for key in ("id", "title", "kind", "date", "end_date", "summary", "agencies",
                                            "countries", "related", "tags")}
        exported["figures"] = [{"label": f["label"], "value": f["value"], "unit": f["unit"], "country": f["country"],
                                "source": f["source"], **({"note": f["note"]} if f.get("note") else {})}
                               for f in r["figures"]]
        exported["sources"] = [{"title": s["title"], "publisher": s["publisher"], "url": s["url"],
                                "published": s["published"], **({"locator": s["locator"]} if s.get("locator") else {})}
                               for s in r["sources"]]
        live_notes = sum(1 for n in SAMPLE_NOTES if n["record_id"] == r["id"] and not n["deleted"])
        records[r["id"]] = {"content": exported, "origin": r["origin"], "edited": r["edited"],
                            "deleted": r["deleted"], "created": r["created"], "updated": r["updated"],
                            "note_count": live_notes}
    notes = {}
    for n in SAMPLE_NOTES:
        history = n["history"]
        notes[n["uid"]] = {"record_id": n["record_id"], "body": history[-1][0], "created": n["created"],
                           "updated": history[-1][1], "pinned": n["pinned"], "deleted": n["deleted"],
                           "tags": sorted(n["tags"], key=str.casefold),
                           "versions": [list(pair) for pair in history[:-1]]}
    list_rows = {r["id"]: {"countries": ",".join(r["countries"]), "arrests": total_arrests(_figure_objects(r))}
                 for r in SAMPLE_RECORDS if not r["deleted"]}
    return {"records": records, "notes": notes, "meta": dict(SAMPLE_META), "list_rows": list_rows}


def read_content(store: Store) -> dict:
    """Everything SAMPLE describes, read through the current store API."""
    records, notes = {}, {}
    for record in get_records(store, all_record_ids(store, include_deleted=True), include_deleted=True):
        records[record.id] = {"content": record_to_json(record), "origin": record.origin, "edited": record.edited,
                              "deleted": record.deleted, "created": record.created, "updated": record.updated,
                              "note_count": record.note_count}
        for note in notes_for_record(store, record.id, include_deleted=True):
            tags = [row[0] for row in store.db.conn.execute(
                "SELECT t.name FROM note_tags nt JOIN tags t ON t.id = nt.tag_id WHERE nt.note_id = ?", (note.id,))]
            versions = [[v.body, v.saved] for v in reversed(note_versions(store, note.id))]
            # A version is stamped with the time its body was saved; pair each with the body it replaced.
            notes[note.uid] = {"record_id": note.record_id, "body": note.body, "created": note.created,
                               "updated": note.updated, "pinned": note.pinned, "deleted": note.deleted,
                               "tags": sorted(tags, key=str.casefold), "versions": versions}
    meta = dict(store.db.conn.execute("SELECT key, value FROM meta").fetchall())
    keys = [row[0] for row in store.db.conn.execute("SELECT key FROM records WHERE deleted = 0")]
    list_rows = {row.id: {"countries": row.countries, "arrests": row.arrests}
                 for row in rows_for_keys(store, keys).values()}
    return {"records": records, "notes": notes, "meta": meta, "list_rows": list_rows}


def upgrade_and_compare(path: Path, version: int) -> tuple[dict, dict, list[str]]:
    """Create at ``version``, fill, open with the current casenotes; return (expected, found, health problems)."""
    create_at_version(path, version)
    fill(path, version)
    with Store.open(path) as store:
        assert store.pending_migrations() == []
        found = read_content(store)
        problems = [f"{p.check}: {p.message}" for p in check_store(store, thorough=True).problems]
    return expected_content(), found, problems
