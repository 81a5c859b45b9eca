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
UNIT_SAMPLE = 20_000  # newest figures whose units are offered
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


def agency_names(store: Store) -> list[str]:
    """Every agency named in the store, most used first (suggestions for the agencies field)."""
    return [row[0] for row in store.db.conn.execute(
        "SELECT a.name FROM agencies a LEFT JOIN (SELECT agency_id, count(*) AS uses FROM record_agencies "
        "GROUP BY agency_id) u ON u.agency_id = a.id ORDER BY ifnull(u.uses, 0) DESC, a.name"
    )]


def tag_names(store: Store) -> list[str]:
    """Every tag in the store, most used on records first."""
    return [row[0] for row in store.db.conn.execute(
        "SELECT t.name FROM tags t LEFT JOIN (SELECT tag_id, count(*) AS uses FROM record_tags "
        "GROUP BY tag_id) u ON u.tag_id = t.id ORDER BY ifnull(u.uses, 0) DESC, t.name"
    )]


def used_country_codes(store: Store) -> list[str]:
    """Country codes records use, most used first (offered before the other countries)."""
    return [row[0] for row in store.db.conn.execute(
        "SELECT country_code FROM record_countries GROUP BY country_code ORDER BY count(*) DESC, country_code"
    )]


def figure_labels(store: Store) -> list[str]:
    """The common figure labels, then every other label the store uses, most used first."""
    used = [row[0] for row in store.db.conn.execute(
        "SELECT label FROM figures GROUP BY label ORDER BY count(*) DESC, label"
    )]
    return list(dict.fromkeys([*COMMON_FIGURE_LABELS, *used]))


def figure_units(store: Store) -> list[str]:
    """The units figures use in this store, most used first, then the common ones."""
    # Units have no index: the newest figures are a fair sample and keep this quick on a big store.
    used = [row[0] for row in store.db.conn.execute(
        "SELECT unit FROM (SELECT unit FROM figures ORDER BY id DESC LIMIT ?) "
        "WHERE unit IS NOT NULL AND unit != '' GROUP BY unit ORDER BY count(*) DESC, unit",
        (UNIT_SAMPLE,),
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
    # A range over the id index ('stem-' up to 'stem.', '.' following '-') finds the numbered ids.
    taken = {row[0] for row in store.db.conn.execute(
        "SELECT id FROM records WHERE id = ?1 OR (id >= ?1 || '-' AND id < ?1 || '.')", (stem,),
    )}
    if stem not in taken:
        return stem
    number = 2
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"
