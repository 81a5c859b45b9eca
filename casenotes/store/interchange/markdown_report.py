"""A Markdown report of records: what a journalist pastes into a draft.

Per record: the title, kind and dates at their precision, countries by name, agencies,
the summary, a table of figures citing their sources (with disagreements between
sources spelled out), the sources with links, related records and the user's notes.
Text from records is escaped so it reads as written; note bodies are Markdown already
and are quoted as they are.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TextIO

from casenotes.store.batching import batches
from casenotes.store.countries import country_name
from casenotes.store.database import Store
from casenotes.store.dates import display_date, display_range
from casenotes.store.interchange.export_options import Omitted
from casenotes.store.interchange.json_export import iter_records
from casenotes.store.models import Figure, Note, Record, Source
from casenotes.store.notes import notes_for_record, tags_of_notes
from casenotes.store.privacy import private_note_ids, without_private_tags
from casenotes.store.records import incoming_relations, titles_for

_INLINE_SPECIAL = re.compile(r"([\\`*\[\]<>])")
_LOOSE_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_BLOCK_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])", re.MULTILINE)
_RELATION_WORDS = {"follows": "follows", "part_of": "part of", "related": "related to"}
_INCOMING_WORDS = {"follows": "followed by", "part_of": "includes", "related": "related to"}


def escape(text: str) -> str:
    """Plain text that Markdown shows as written (no accidental emphasis, links or headings)."""
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _LOOSE_UNDERSCORE.sub(r"\\_", text)
    return _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _cell(text: str) -> str:
    """Text for a table cell: escaped, on one line, with pipes that do not end the cell."""
    return escape(" ".join(text.split())).replace("|", "\\|")


def format_value(value: int | float) -> str:
    """121 -> '121', 1500000.0 -> '1,500,000', 2.5 -> '2.5'."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}"


def _figure_text(figure: Figure) -> str:
    return format_value(figure.value) + (f" {figure.unit}" if figure.unit else "")


def _label(label: str) -> str:
    return label.replace("_", " ")


def _citation(figure: Figure) -> str:
    return f"[{figure.source + 1}]" if figure.source is not None else "—"


def _link(text: str, url: str | None) -> str:
    if not url:
        return escape(text)
    return f"[{escape(text)}](<{url.replace('>', '%3E')}>)"


def _figures(record: Record) -> list[str]:
    if not record.figures:
        return []
    with_notes = any(figure.note for figure in record.figures)
    header = "| Figure | Value | Country | Source |" + (" Note |" if with_notes else "")
    rule = "| --- | ---: | --- | --- |" + (" --- |" if with_notes else "")
    lines = ["### Figures", "", header, rule]
    for figure in record.figures:
        country = country_name(figure.country) if figure.country else "—"
        row = f"| {_cell(_label(figure.label))} | {_cell(_figure_text(figure))} | {_cell(country)} | {_citation(figure)} |"
        if with_notes:
            row += f" {_cell(figure.note or '')} |"
        lines.append(row)
    lines += _disagreements(record.figures)
    return lines + [""]


def _disagreements(figures: Sequence[Figure]) -> list[str]:
    """One line for each figure (label and country) whose sources give different values."""
    groups: dict[tuple[str, str | None], dict[tuple, list[Figure]]] = {}
    for figure in figures:
        versions = groups.setdefault((figure.label, figure.country), {})
        versions.setdefault((figure.value, figure.unit), []).append(figure)
    lines = []
    for (label, country), versions in groups.items():
        if len(versions) < 2:
            continue
        what = _label(label) + (f" in {country_name(country)}" if country else "")
        said = []
        for group in versions.values():
            cited = sorted({f.source + 1 for f in group if f.source is not None})
            citation = f" [{', '.join(str(n) for n in cited)}]" if cited else ""
            said.append(escape(_figure_text(group[0])) + citation)
        lines += ["", f"**Sources disagree** on {escape(what)}: {'; '.join(said)}."]
    return lines


def _source_line(number: int, source: Source) -> str:
    details = [escape(part) for part in (source.publisher, display_date(source.published)) if part]
    if source.locator:
        details.append(escape(source.locator))
    text = f"{number}. {_link(source.title, source.url)}"
    return text + (" — " + ", ".join(details) if details else "")


def _related(store: Store, record: Record, titles: dict[str, str]) -> list[str]:
    lines = []
    for relation in record.related:
        title = titles.get(relation.id)
        shown = f"{escape(title)} (`{relation.id}`)" if title else f"`{relation.id}` (not in this store)"
        lines.append(f"- {_RELATION_WORDS.get(relation.relation, relation.relation)}: {shown}")
    for other_id, other_title, relation in incoming_relations(store, record.id):
        lines.append(f"- {_INCOMING_WORDS.get(relation, relation)}: {escape(other_title)} (`{other_id}`)")
    return ["### Related records", "", *lines, ""] if lines else []


def _note_lines(note: Note, tags: Sequence[str] = ()) -> list[str]:
    written = display_date(note.created[:10])
    changed = display_date(note.updated[:10])
    heading = f"*Note of {written}" + (f", updated {changed}" if changed != written else "")
    heading += ", pinned" if note.pinned else ""
    heading += (" · tags: " + escape(", ".join(tags)) if tags else "") + "*"
    quoted = [("> " + line).rstrip() for line in note.body.strip("\n").splitlines()] or [">"]
    return [heading, "", *quoted, ""]


def record_section(
    store: Store, record: Record, related_titles: dict[str, str], *, shared_notes_only: bool = False,
    hidden_tags: Sequence[str] = (),
) -> list[str]:
    """The report's lines for one record (without its private notes if ``shared_notes_only``).

    Note tags named in ``hidden_tags`` are not shown.
    """
    when = display_range(record.date, record.end_date) or "undated"
    lines = [f"## {escape(record.title)}", "", f"{record.kind.capitalize()} · {when} · `{record.id}`", ""]
    facts = []
    if record.countries:
        facts.append("**Countries:** " + ", ".join(f"{escape(country_name(c))} ({c})" for c in record.countries))
    if record.agencies:
        facts.append("**Agencies:** " + escape(", ".join(record.agencies)))
    if record.tags:
        facts.append("**Tags:** " + escape(", ".join(record.tags)))
    if facts:
        lines += ["  \n".join(facts), ""]
    for paragraph in re.split(r"\n\s*\n", record.summary.strip()):
        if paragraph.strip():
            lines += [escape(paragraph.strip()), ""]
    lines += _figures(record)
    if record.sources:
        lines += ["### Sources", "", *(_source_line(n, s) for n, s in enumerate(record.sources, start=1)), ""]
    lines += _related(store, record, related_titles)
    notes = notes_for_record(store, record.id)
    if shared_notes_only and notes:
        private = private_note_ids(store, [note.id for note in notes])
        notes = [note for note in notes if note.id not in private]
    if notes:
        lines += ["### Notes", ""]
        note_tags = tags_of_notes(store, [note.id for note in notes])
        for note in notes:
            lines += _note_lines(note, without_private_tags(note_tags.get(note.id, []), hidden_tags))
    return lines


def write_markdown(
    store: Store, record_ids: Sequence[str], out: TextIO, *, title: str = "casenotes report",
    scope: str | None = None, generated: str | None = None, omitted: Omitted | None = None,
    hidden_tags: Sequence[str] = (),
) -> int:
    """Write a report on these records (in this order) to ``out``; return how many.

    ``omitted`` (for a share export) leaves private notes out and says under the title
    what was left out; tags in ``hidden_tags`` are not shown.
    """
    lines = [f"# {escape(title)}", ""]
    if omitted is not None:
        lines += [f"*Shared copy: {escape(omitted.describe())}*", ""]
    about = f"{len(record_ids):,} record" + ("" if len(record_ids) == 1 else "s")
    if scope:
        about += f" · {escape(scope)}"
    if generated:
        about += f" · exported {display_date(generated[:10])}"
    out.write("\n".join(lines + [about, ""]) + "\n")
    count = 0
    for batch in batches(record_ids, 200):
        records = list(iter_records(store, batch, hidden_tags=hidden_tags))
        titles = titles_for(store, [r.id for record in records for r in record.related])
        for record in records:
            section = record_section(store, record, titles, shared_notes_only=omitted is not None,
                                     hidden_tags=hidden_tags)
            out.write("---\n\n" + "\n".join(section) + "\n")
            count += 1
    return count
