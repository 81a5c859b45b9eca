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
What later migrations added is read back too, for the versions that had it: saved
searches (with what they find), note anchors with their recorded changes, private
notes and tags, merge history, notes removed for good (as the deletions a merge
export carries) and the log of merges. A version without a feature must come out of
the upgrade with none of it, so a migration that invents data is caught as well.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from casenotes.store import Store
from casenotes.store import migrations as schema
from casenotes.store.anchors import change_history, note_anchor, notes_needing_review
from casenotes.store.countries import country_name
from casenotes.store.health import check_store
from casenotes.store.interchange import record_to_json
from casenotes.store.interchange.export_options import ExportOptions
from casenotes.store.interchange.json_export import iter_notes
from casenotes.store.listing import rows_for_keys
from casenotes.store.merging.history import known_versions
from casenotes.store.models import Figure
from casenotes.store.notes import note_versions, notes_for_record
from casenotes.store.privacy import private_note_ids, private_tag_names
from casenotes.store.records import all_record_ids, get_records, total_arrests
from casenotes.store.saved_searches import new_or_changed_ids, saved_search_hits, saved_searches

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

# From 0002_saved_searches. "finds" is what the search returns on SAMPLE_RECORDS, "new"
# the records updated after it was last opened: the stored filter must still mean that.
SAMPLE_SAVED_SEARCHES = [
    {"name": "Darknet in Europe", "created": "2022-04-01T10:00:00.000Z", "last_opened": "2022-04-02T10:00:00.000Z",
     "filter": {"query": "", "kinds": [], "agencies": ["Europol"], "countries": ["DE"], "tags": ["darknet"],
                "year_from": 2014, "year_to": None},
     "finds": ["operation-sample"], "new": []},
    {"name": "Yücel’s “market”", "created": "2020-12-01T08:00:00.000Z", "last_opened": "2021-01-01T00:00:00.000Z",
     "filter": {"query": "market", "kinds": ["operation", "takedown"], "agencies": [], "countries": [], "tags": [],
                "year_from": None, "year_to": 2020},
     "finds": ["operation-sample"], "new": ["operation-sample"]},
    {"name": "takedowns", "created": "2022-04-03T10:00:00.000Z", "last_opened": "2022-04-03T10:00:00.000Z",
     "filter": {"query": "", "kinds": ["takedown"], "agencies": [], "countries": [], "tags": [],
                "year_from": None, "year_to": None},
     "finds": ["takedown-sample"], "new": []},
]

# From 0003_note_anchors: which figure or field a note is about, the value as last seen,
# and each change found since (reviewed, or still waiting for review). note-2 is in the
# trash and keeps its anchor there.
SAMPLE_ANCHORS = {
    "note-1": {"kind": "figure", "label": "arrests", "country": "US", "value": [17], "changes": [
        {"old": [12], "new": [15], "detected": "2022-01-04T09:00:00.000Z", "cause": "user",
         "source": "“Press release”, DOJ", "reviewed": "2022-01-05T09:00:00.000Z"},
        {"old": [15], "new": [17], "detected": "2022-01-06T09:00:00.000Z", "cause": "import",
         "source": "“Press release”, DOJ", "reviewed": None}]},
    "note-2": {"kind": "field", "label": "agencies", "country": None, "value": ["Europol", "FBI", "Guardia Civil"],
               "changes": []},
    "note-3": {"kind": "field", "label": "summary", "country": None, "value": None, "changes": [
        {"old": "An earlier summary", "new": None, "detected": "2022-03-02T09:00:00.000Z", "cause": "seed",
         "source": None, "reviewed": None}]},
}

# From 0004_private_and_merge.
SAMPLE_PRIVATE = {"notes": ["note-3"], "tags": ["later", "Sample Tag"]}
SAMPLE_STORE_ID = "5b7f0c2a9e4d4c1f8a6b3e2d1c0f9a8b"
PEER_STORE_ID = "0d1e2f3a4b5c4d6e8f7a9b0c1d2e3f4a"
# A note removed for good (its trash emptied): only its tombstone is left.
SAMPLE_REMOVED_NOTES = [
    {"uid": "note-4", "record_id": "operation-sample", "created": "2022-04-01T09:00:00.000Z",
     "body": "removed for good", "removed": "2022-04-05T09:00:00.000Z"},
]
# (kind, item id, version hash, where it came from, when) — listed oldest first per item.
SAMPLE_MERGE_HISTORY = [
    ("record", "operation-sample", "3f9a0c1be2d4475a8c6e1f0b9d2a7c54", "export", "2022-05-01T10:00:00.000Z"),
    ("record", "operation-sample", "8c2e41d07b5a4f3e9a1c6d0f2b7e5a13", PEER_STORE_ID, "2022-06-01T10:00:00.000Z"),
    ("record", "deleted-sample", "deleted", "export", "2022-05-01T10:00:00.000Z"),
    ("note", "note-1", "a41c7e90d3b24f6f8e2a5c1b0d9f7e36", "export", "2022-05-01T10:00:00.000Z"),
    ("note", "note-4", "deleted", PEER_STORE_ID, "2022-06-01T10:00:00.000Z"),
]
SAMPLE_MERGES = [
    {"peer_store_id": PEER_STORE_ID, "file": "/home/user/Desktop/casenotes-laptop.json",
     "merged": "2022-06-01T10:00:00.000Z",
     "summary": {"records_added": 0, "records_updated": 1, "records_deleted": 0, "notes_added": 0,
                 "notes_updated": 0, "notes_deleted": 1, "kept_mine": 0, "took_theirs": 0, "kept_both": 0}},
    {"peer_store_id": None, "file": "C:\\Users\\Zoë\\plain export.json", "merged": "2022-06-02T10:00:00.000Z",
     "summary": {"records_added": 2, "records_updated": 0, "records_deleted": 0, "notes_added": 3,
                 "notes_updated": 0, "notes_deleted": 0, "kept_mine": 0, "took_theirs": 0, "kept_both": 0}},
]


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


def write_sample_0002(conn: sqlite3.Connection) -> None:
    """0001's sample plus saved searches, their filter stored as JSON with sorted keys."""
    write_sample_0001(conn)
    for saved in SAMPLE_SAVED_SEARCHES:
        conn.execute("INSERT INTO saved_searches (name, filter, created, last_opened) VALUES (?, ?, ?, ?)",
                     (saved["name"], json.dumps(saved["filter"], ensure_ascii=False, sort_keys=True),
                      saved["created"], saved["last_opened"]))


def _stored_anchor_value(value: object) -> str:
    """An anchored value as 0003 stores it: compact JSON, so equal values have equal text."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_sample_0003(conn: sqlite3.Connection) -> None:
    """0002's sample plus anchored notes: the anchor columns and each change found since."""
    write_sample_0002(conn)
    for uid, anchor in SAMPLE_ANCHORS.items():
        note_id = conn.execute("SELECT id FROM notes WHERE uid = ?", (uid,)).fetchone()[0]
        conn.execute("UPDATE notes SET anchor_kind = ?, anchor_label = ?, anchor_country = ?, anchor_value = ? "
                     "WHERE id = ?",
                     (anchor["kind"], anchor["label"], anchor["country"], _stored_anchor_value(anchor["value"]),
                      note_id))
        for change in anchor["changes"]:
            conn.execute("INSERT INTO anchor_changes (note_id, old_value, new_value, detected, cause, source, "
                         "reviewed) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (note_id, _stored_anchor_value(change["old"]), _stored_anchor_value(change["new"]),
                          change["detected"], change["cause"], change["source"], change["reviewed"]))


def write_sample_0004(conn: sqlite3.Connection) -> None:
    """0003's sample plus private notes and tags, a note removed for good, merge history and merges."""
    write_sample_0003(conn)
    for uid in SAMPLE_PRIVATE["notes"]:
        conn.execute("UPDATE notes SET private = 1 WHERE uid = ?", (uid,))
    for name in SAMPLE_PRIVATE["tags"]:
        conn.execute("UPDATE tags SET private = 1 WHERE name = ?", (name,))
    for removed in SAMPLE_REMOVED_NOTES:
        # Written, trashed, then the trash emptied: the schema's trigger leaves the tombstone.
        note_id = conn.execute("INSERT INTO notes (uid, record_id, body, created, updated) VALUES (?, ?, ?, ?, ?)",
                               (removed["uid"], removed["record_id"], removed["body"], removed["created"],
                                removed["created"])).lastrowid
        conn.execute("UPDATE notes SET deleted = 1, updated = ? WHERE id = ?", (removed["removed"], note_id))
        conn.execute("DELETE FROM notes WHERE id = ?", (note_id,))
        stamped = conn.execute("UPDATE note_tombstones SET deleted = ? WHERE uid = ?",
                               (removed["removed"], removed["uid"])).rowcount
        assert stamped == 1, "emptying the trash left no tombstone"
    conn.execute("INSERT INTO meta (key, value) VALUES ('store_id', ?)", (SAMPLE_STORE_ID,))
    conn.executemany("INSERT INTO merge_history (kind, item_id, hash, source, noted) VALUES (?, ?, ?, ?, ?)",
                     SAMPLE_MERGE_HISTORY)
    for merge in SAMPLE_MERGES:
        conn.execute("INSERT INTO merges (peer_store_id, file, merged, summary) VALUES (?, ?, ?, ?)",
                     (merge["peer_store_id"], merge["file"], merge["merged"], json.dumps(merge["summary"])))


# Migration name -> the writer for a store at that version. Add one when a migration
# changes a table the previous writer fills, or adds data an upgrade must carry.
WRITERS: dict[str, Callable[[sqlite3.Connection], None]] = {
    "0001_initial": write_sample_0001,
    "0002_saved_searches": write_sample_0002,
    "0003_note_anchors": write_sample_0003,
    "0004_private_and_merge": write_sample_0004,
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


def expected_content(version: int) -> dict:
    """SAMPLE as the current store API must read it back from a store filled at ``version``.

    What the store's version could not hold must read back as nothing at all.
    """
    applied = set(schema.known_migration_names()[:version])
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
    meta = dict(SAMPLE_META)
    # A trashed note travels to other stores as a deletion, stamped with its last change.
    note_deletions = {n["uid"]: {"record_id": n["record_id"], "updated": n["history"][-1][1]}
                      for n in SAMPLE_NOTES if n["deleted"]}
    content = {"records": records, "notes": notes, "meta": meta, "list_rows": list_rows,
               "note_deletions": note_deletions, "saved_searches": {},
               "anchors": {"notes": {}, "needs_review": []}, "private": {"notes": [], "tags": []},
               "merge_history": {}, "merges": []}
    if "0002_saved_searches" in applied:
        content["saved_searches"] = _expected_saved_searches()
    if "0003_note_anchors" in applied:
        content["anchors"] = _expected_anchors()
    if "0004_private_and_merge" in applied:
        content["private"] = {"notes": sorted(SAMPLE_PRIVATE["notes"]),
                              "tags": sorted(SAMPLE_PRIVATE["tags"], key=str.casefold)}
        meta["store_id"] = SAMPLE_STORE_ID
        note_deletions.update({n["uid"]: {"record_id": n["record_id"], "updated": n["removed"]}
                               for n in SAMPLE_REMOVED_NOTES})
        content["merge_history"] = _expected_merge_history()
        content["merges"] = [dict(merge) for merge in SAMPLE_MERGES]
    return content


def _expected_saved_searches() -> dict:
    return {s["name"]: {"filter": dict(s["filter"]), "created": s["created"], "last_opened": s["last_opened"],
                        "finds": sorted(s["finds"]), "new": sorted(s["new"])}
            for s in SAMPLE_SAVED_SEARCHES}


def _expected_anchors() -> dict:
    notes = {}
    for uid, anchor in SAMPLE_ANCHORS.items():
        pending = [change for change in anchor["changes"] if change["reviewed"] is None]
        notes[uid] = {"anchor": [anchor["kind"], anchor["label"], anchor["country"]], "value": anchor["value"],
                      # The value the note was written (or last reviewed) against.
                      "baseline": pending[0]["old"] if pending else anchor["value"],
                      "changes": [[c["old"], c["new"], c["detected"], c["cause"], c["source"], c["reviewed"]]
                                  for c in anchor["changes"]]}
    live_records = {r["id"] for r in SAMPLE_RECORDS if not r["deleted"]}
    needing_review = [n["uid"] for n in SAMPLE_NOTES
                      if not n["deleted"] and n["record_id"] in live_records and n["uid"] in notes
                      and any(c["reviewed"] is None for c in SAMPLE_ANCHORS[n["uid"]]["changes"])]
    return {"notes": notes, "needs_review": sorted(needing_review)}


def _expected_merge_history() -> dict:
    """"kind:item" -> the hashes known for it, newest first (ties: the later row first)."""
    rows_by_item: dict[str, list[tuple]] = {}
    for kind, item_id, digest, _source, noted in SAMPLE_MERGE_HISTORY:
        rows_by_item.setdefault(f"{kind}:{item_id}", []).append((digest, noted))
    return {item: [digest for digest, _ in sorted(reversed(rows), key=lambda row: row[1], reverse=True)]
            for item, rows in rows_by_item.items()}


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
    all_notes = [note for record_id in records for note in notes_for_record(store, record_id, include_deleted=True)]
    return {"records": records, "notes": notes, "meta": meta, "list_rows": list_rows,
            "note_deletions": _read_note_deletions(store, list(records)),
            "saved_searches": _read_saved_searches(store), "anchors": _read_anchors(store, all_notes),
            "private": _read_private(store, all_notes), "merge_history": _read_merge_history(store),
            "merges": _read_merges(store)}


def _read_note_deletions(store: Store, record_ids: list[str]) -> dict:
    """Trashed notes and notes removed for good, as an export for merging carries them to other stores."""
    exported = iter_notes(store, record_ids, ExportOptions(for_merge=True))
    return {item["uid"]: {"record_id": item["record_id"], "updated": item["updated"]}
            for item in exported if item.get("deleted")}


def _read_saved_searches(store: Store) -> dict:
    searches = {}
    for saved in saved_searches(store):
        stored_filter = {key: list(value) if isinstance(value, tuple) else value
                         for key, value in asdict(saved.filter).items() if key != "record_ids"}
        searches[saved.name] = {"filter": stored_filter, "created": saved.created, "last_opened": saved.last_opened,
                                "finds": sorted(hit.record_id for hit in saved_search_hits(store, saved)),
                                "new": sorted(new_or_changed_ids(store, saved))}
    return searches


def _read_anchors(store: Store, notes: list) -> dict:
    anchored = {}
    for note in notes:
        found = note_anchor(store, note.id)
        if found is None:
            continue
        anchored[note.uid] = {"anchor": [found.anchor.kind, found.anchor.label, found.anchor.country],
                              "value": found.value, "baseline": found.baseline,
                              "changes": [[c.old_value, c.new_value, c.detected, c.cause, c.source, c.reviewed]
                                          for c in change_history(store, note.id)]}
    needing_review = sorted(item.note.uid for item in notes_needing_review(store))
    return {"notes": anchored, "needs_review": needing_review}


def _read_private(store: Store, notes: list) -> dict:
    private_ids = private_note_ids(store, [note.id for note in notes])
    return {"notes": sorted(note.uid for note in notes if note.id in private_ids),
            "tags": sorted(private_tag_names(store), key=str.casefold)}


def _read_merge_history(store: Store) -> dict:
    history = {}
    for kind in ("record", "note"):
        item_ids = [row[0] for row in store.db.conn.execute(
            "SELECT DISTINCT item_id FROM merge_history WHERE kind = ?", (kind,))]
        history.update({f"{kind}:{item_id}": digests
                        for item_id, digests in known_versions(store, kind, item_ids).items()})
    return history


def _read_merges(store: Store) -> list[dict]:
    """The log of merges done (nothing in the app reads it back yet, so plain SQL)."""
    rows = store.db.conn.execute("SELECT peer_store_id, file, merged, summary FROM merges ORDER BY id")
    return [{"peer_store_id": peer, "file": file, "merged": merged, "summary": json.loads(summary)}
            for peer, file, merged, summary in rows]


def upgrade_and_compare(path: Path, version: int) -> tuple[dict, dict, list[str]]:
    """Create at ``version``, fill, open with the current casenotes; return (expected, found, health problems)."""
    create_at_version(path, version)
    fill(path, version)
    with Store.open(path) as store:
        assert store.pending_migrations() == []
        found = read_content(store)
        problems = [f"{p.check}: {p.message}" for p in check_store(store, thorough=True).problems]
    return expected_content(version), found, problems
