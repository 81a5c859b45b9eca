"""Datasette metadata for a shared snapshot: titles, descriptions of tables and columns, sources, licence.

Plain data (no Datasette import), written next to the snapshot as ``metadata.json``.
"""

from __future__ import annotations

HOMEPAGE = "https://github.com/casenotes/casenotes"
DATABASE_NAME = "casenotes"  # the snapshot file is casenotes.db, so Datasette serves it at /casenotes

TABLES: dict[str, dict] = {
    "records": {
        "description": "Law-enforcement operations, takedowns, raids, arrests and prosecutions. "
                       "Search them with ?_search=… (title and summary).",
        "columns": {
            "key": "Row number inside this database.",
            "id": "The record's stable id, as in casenotes exports.",
            "kind": "operation, takedown, raid, arrest, prosecution or other.",
            "title": "Title of the record.",
            "date": "When it happened, only as precise as the source: YYYY, YYYY-MM or YYYY-MM-DD.",
            "end_date": "When it ended, if it spanned a period.",
            "summary": "What happened, in a few sentences.",
            "country_list": "ISO 3166-1 alpha-2 codes of the countries involved, comma-separated.",
            "arrests": "Stated total of arrests, else the sum of the per-country arrest figures.",
            "note_count": "Number of shared notes on the record.",
            "origin": "Where the record's current content came from: seed (shipped with casenotes), import or user.",
            "edited": "1 once a person changed the record.",
            "created": "When the record was added (UTC).",
            "updated": "When the record last changed (UTC).",
            "deleted": "Always 0 here: deleted records are left out of the snapshot.",
        },
        "fts_table": "records_fts",
        "fts_pk": "key",
    },
    "figures": {
        "description": "One fact per row, citing one of the record's sources. Two rows with the same record, "
                       "label and country but different values are a disagreement between sources.",
        "columns": {
            "record_id": "The record (records.id).",
            "position": "Order within the record.",
            "label": "What is counted: arrests, seized_usd, drugs_kg, …",
            "value": "The number.",
            "unit": "Its unit, e.g. people or kg.",
            "country": "ISO 3166-1 alpha-2 code, when the figure is for one country.",
            "source_position": "Which of the record's sources (record_sources.position) says so.",
            "note": "A remark on the figure, e.g. 'as printed in the article'.",
        },
    },
    "sources": {
        "description": "Articles, press releases and other sources. Every record and figure cites one.",
        "columns": {
            "title": "Title of the source.",
            "publisher": "Who published it.",
            "url": "Where to read it.",
            "published": "When it was published (partial date).",
        },
    },
    "record_sources": {
        "description": "The sources each record cites, in order.",
        "columns": {"record_id": "The record.", "position": "0 for the first source.",
                    "source_id": "The source (sources.id).", "locator": "Page or paragraph."},
    },
    "notes": {
        "description": "Notes written on records (Markdown). Private notes and deleted notes are left out. "
                       "Search them with ?_search=….",
        "columns": {
            "uid": "The note's stable id.",
            "record_id": "The record the note is on.",
            "body": "The note, in Markdown.",
            "created": "When it was written (UTC).",
            "updated": "When it was last changed (UTC).",
            "pinned": "1 if its author pinned it.",
            "deleted": "Always 0 here.",
            "private": "Always 0 here: private notes are left out.",
        },
        "fts_table": "notes_fts",
        "fts_pk": "id",
    },
    "search": {
        "description": "Records and notes together, through casenotes' own search index (titles, summaries, "
                       "agencies, source titles and notes): /casenotes/search.json?_search=silk+road",
        "columns": {
            "hit": "Row of the search index.",
            "type": "record or note.",
            "record_id": "The record hit, or the record the note is on.",
            "title": "The record's title.",
            "kind": "The record's kind.",
            "date": "The record's date.",
            "note_id": "The note hit (notes.id), for notes.",
            "text": "The record's summary or the note's text.",
        },
        "fts_table": "search_index",
        "fts_pk": "hit",
    },
    "agencies": {"description": "Police and other agencies."},
    "record_agencies": {"description": "Which agencies took part in each record, in order."},
    "countries": {"description": "Countries by ISO 3166-1 alpha-2 code, with their English names."},
    "record_countries": {"description": "The countries of each record, in order."},
    "relations": {"description": "Links between records: follows, part_of or related. other_id may name a "
                                 "record this store does not hold."},
    "tags": {"description": "Tags on records and notes (private tags are left out)."},
    "record_tags": {"description": "Tags on records."},
    "note_tags": {"description": "Tags on notes."},
    "anchor_changes": {"description": "Changes found in the figure or field a note is about (old and new value, "
                                      "when, and the source the figure now cites), kept until the note's author "
                                      "marks them reviewed."},
}

# Bookkeeping of the app, empty or meaningless in a snapshot.
HIDDEN_TABLES = (
    "meta", "note_versions", "saved_searches", "merge_history", "note_tombstones", "merges", "_sqlite_migrations",
    "search_index", "records_fts", "notes_fts",
)


def snapshot_metadata(*, records: int, notes: int, taken: str) -> dict:
    """The metadata.json Datasette reads for a snapshot taken at ``taken`` (a display time)."""
    tables = {name: dict(table) for name, table in TABLES.items()}
    for name in HIDDEN_TABLES:
        tables.setdefault(name, {})["hidden"] = True
    return {
        "title": "casenotes — shared snapshot",
        "description": (
            f"A read-only snapshot of a casenotes store taken {taken}: {records:,} records and {notes:,} notes on "
            "law-enforcement action against dark-web markets and cybercrime. Private notes and tags are left out. "
            "Every record and figure cites its sources (see the sources table)."
        ),
        "license": "MIT (casenotes and its seed dataset); facts cite their sources",
        "license_url": f"{HOMEPAGE}/blob/main/resources/LICENSE",
        "source": "casenotes",
        "source_url": HOMEPAGE,
        "about": "How to read this database",
        "about_url": f"{HOMEPAGE}/blob/main/docs/database.md",
        "databases": {DATABASE_NAME: {"tables": tables}},
    }
