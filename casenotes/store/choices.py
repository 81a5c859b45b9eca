"""Values a record form offers: records found by title, known figure labels and units, new ids."""

from __future__ import annotations

from dataclasses import dataclass

from slugify import slugify

from casenotes.store.database import Store
from casenotes.store.search import match_expression

# Labels the detail pane knows how to name; offered even in an empty store.
COMMON_FIGURE_LABELS = (
    "arrests", "seized_usd", "seized_eur", "drugs_kg", "firearms", "premises_searched", "countries_involved",
)
COMMON_UNITS = ("people", "USD", "EUR", "GBP", "kg", "items")
MAX_SLUG_LENGTH = 80
FALLBACK_SLUG = "record"


@dataclass(frozen=True)
class TitleMatch:
    """A live record offered when someone looks a record up by its title."""

    id: str
    title: str
    date: str | None


def find_records_by_title(
    store: Store, text: str, *, limit: int = 20, exclude: str | None = None
) -> list[TitleMatch]:
    """Live records whose title starts with ``text``, then those with a title word starting with it.

    A record whose id is exactly ``text`` comes first. Matching ignores case; any text is
    safe (FTS syntax is quoted). Word matches are not ranked, so the lookup stays fast
    however many records share a common word.
    """
    text = text.strip() if isinstance(text, str) else ""
    if not text or limit <= 0:
        return []
    conn = store.db.conn
    found: dict[str, TitleMatch] = {}

    def add(rows) -> None:
        for record_id, title, date in rows:
            if record_id != exclude and record_id not in found and len(found) < limit:
                found[record_id] = TitleMatch(record_id, title, date)

    add(conn.execute("SELECT id, title, date FROM records WHERE id = ? AND deleted = 0", (text,)))
    # A range over the NOCASE title index finds prefixes without scanning the table.
    add(conn.execute(
        "SELECT id, title, date FROM records WHERE deleted = 0 AND title >= ?1 COLLATE NOCASE "
        "AND title < (?1 || char(1114111)) COLLATE NOCASE ORDER BY title COLLATE NOCASE LIMIT ?2",
        (text, limit + 1),
    ))
    expression = match_expression(text)
    if expression is not None and len(found) < limit:
        keys = [row[0] for row in conn.execute(
            "SELECT rowid / 2 FROM search_index WHERE search_index MATCH ? AND rowid % 2 = 0 LIMIT ?",
            (f"{{title}} : ({expression})", limit * 2 + 1),
        )]
        if keys:
            marks = ", ".join("?" for _ in keys)
            add(conn.execute(
                f"SELECT id, title, date FROM records WHERE deleted = 0 AND key IN ({marks}) "
                "ORDER BY title COLLATE NOCASE",
                keys,
            ))
    return list(found.values())


def records_titled(store: Store, title: str) -> list[TitleMatch]:
    """Live records whose title is ``title`` (ignoring case and surrounding spaces)."""
    return [TitleMatch(*row) for row in store.db.conn.execute(
        "SELECT id, title, date FROM records WHERE deleted = 0 AND title = ? COLLATE NOCASE ORDER BY date",
        (title.strip(),),
    )]


def figure_labels(store: Store) -> list[str]:
    """The common figure labels, then every other label the store uses, most used first."""
    used = [row[0] for row in store.db.conn.execute(
        "SELECT label FROM figures GROUP BY label ORDER BY count(*) DESC, label"
    )]
    return list(dict.fromkeys([*COMMON_FIGURE_LABELS, *used]))


def figure_units(store: Store) -> list[str]:
    """The units figures use in this store, most used first, then the common ones."""
    used = [row[0] for row in store.db.conn.execute(
        "SELECT unit FROM figures WHERE unit IS NOT NULL AND unit != '' GROUP BY unit ORDER BY count(*) DESC, unit"
    )]
    return list(dict.fromkeys([*used, *COMMON_UNITS]))


def slug_for_title(title: str) -> str:
    """A readable id stem from a title: 'Operation Foo!' -> 'operation-foo'."""
    return slugify(title or "", max_length=MAX_SLUG_LENGTH, word_boundary=True) or FALLBACK_SLUG


def unique_record_id(store: Store, title: str) -> str:
    """A new record id made from ``title``, with '-2', '-3', … added if the id is taken.

    Deleted records keep their ids (a tombstone), so their ids count as taken too.
    """
    stem = slug_for_title(title)
    taken = {row[0] for row in store.db.conn.execute(
        "SELECT id FROM records WHERE id = ?1 OR id LIKE ?2 ESCAPE '\\'",
        (stem, stem.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "-%"),
    )}
    if stem not in taken:
        return stem
    number = 2
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"
