"""``search``, ``show`` and ``list``: reading records from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from casenotes.cli.errors import CliError
from casenotes.cli.output import bold, print_json
from casenotes.store import open_data_dir
from casenotes.store.countries import country_name
from casenotes.store.dates import display_range
from casenotes.store.interchange import record_to_json
from casenotes.store.listing import RecordFilter, filtered_keys, rows_for_keys
from casenotes.store.models import Record
from casenotes.store.notes import notes_for_record
from casenotes.store.records import get_record, titles_for
from casenotes.store.saved_searches import get_saved_search, save_search, saved_search_hits
from casenotes.store.search import search, snippet_plain

MAX_LIMIT = 10_000


def _positive_limit(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid limit {text!r}: give a whole number") from None
    if not 1 <= value <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"limit must be between 1 and {MAX_LIMIT}")
    return value


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    search_parser = commands.add_parser(
        "search", parents=[common], help="search records and notes",
        description="Ranked full-text search over record titles, summaries, agencies, sources and notes. "
                    "Any text is a valid query; words match as prefixes, \"quoted words\" as a phrase.",
    )
    search_parser.add_argument("query", metavar="QUERY", nargs="?", help="what to look for (not with --saved)")
    search_parser.add_argument("--limit", type=_positive_limit, default=20, metavar="N", help="at most N hits (default 20)")
    search_parser.add_argument("--json", action="store_true", help="print a JSON array of hits")
    search_parser.add_argument("--saved", metavar="NAME", help="run the saved search called NAME instead of QUERY")
    search_parser.add_argument("--new", action="store_true",
                               help="with --saved: only records added or changed since the search was last opened")
    search_parser.add_argument("--save", metavar="NAME", help="also save QUERY as a saved search called NAME")
    search_parser.set_defaults(handler=run_search)

    show_parser = commands.add_parser("show", parents=[common], help="show one record with its notes")
    show_parser.add_argument("record_id", metavar="ID")
    show_parser.add_argument("--json", action="store_true", help="print the record as JSON")
    show_parser.set_defaults(handler=run_show)

    list_parser = commands.add_parser("list", parents=[common], help="list all records by date")
    list_parser.add_argument("--json", action="store_true", help="print a JSON array")
    list_parser.set_defaults(handler=run_list)


def run_search(args: argparse.Namespace, data_dir: Path) -> int:
    if args.saved and (args.query is not None or args.save):
        raise CliError("give either QUERY or --saved NAME, not both")
    if not args.saved and args.query is None:
        raise CliError("give a QUERY to search for, or --saved NAME")
    if args.new and not args.saved:
        raise CliError("--new needs --saved NAME")
    with open_data_dir(data_dir) as store:
        if args.saved:
            saved = get_saved_search(store, args.saved)
            hits = saved_search_hits(store, saved, new_only=args.new, limit=args.limit)
        else:
            hits = search(store, args.query, limit=args.limit)
            if args.save:
                save_search(store, args.save, RecordFilter(query=args.query))
    if args.json:
        print_json([hit.as_json() for hit in hits])
        return 0
    for hit in hits:
        where = hit.record_id if hit.type == "record" else f"{hit.record_id} (note {hit.id})"
        print(f"{bold(hit.title)}  [{where}, {hit.kind}, {display_range(hit.date, None) or 'undated'}]")
        print(f"    {snippet_plain(hit.snippet, '*', '*')}")
    return 0


def run_show(args: argparse.Namespace, data_dir: Path) -> int:
    with open_data_dir(data_dir) as store:
        record = get_record(store, args.record_id)
        notes = notes_for_record(store, record.id)
        related_titles = titles_for(store, [r.id for r in record.related])
    if args.json:
        data = record_to_json(record)
        data["notes"] = [
            {"id": n.id, "body": n.body, "created": n.created, "updated": n.updated, "pinned": n.pinned}
            for n in notes
        ]
        print_json(data)
        return 0
    print(format_record(record, related_titles))
    if notes:
        print(f"\nNotes ({len(notes)}):")
        for note in notes:
            pin = " (pinned)" if note.pinned else ""
            print(f"  #{note.id}{pin}  {note.updated[:16].replace('T', ' ')}  {note.first_line[:100]}")
    return 0


def format_record(record: Record, related_titles: dict[str, str]) -> str:
    """A record as plain text for reading in a terminal."""
    lines = [bold(record.title), f"{record.kind} · {display_range(record.date, record.end_date) or 'undated'} · id {record.id}"]
    if record.countries:
        lines.append("Countries: " + ", ".join(f"{country_name(c)} ({c})" for c in record.countries))
    if record.agencies:
        lines.append("Agencies: " + ", ".join(record.agencies))
    if record.tags:
        lines.append("Tags: " + ", ".join(record.tags))
    if record.summary:
        lines += ["", record.summary]
    if record.figures:
        lines += ["", "Figures:"]
        for figure in record.figures:
            where = f" ({country_name(figure.country)})" if figure.country else ""
            unit = f" {figure.unit}" if figure.unit else ""
            cite = f" [{figure.source + 1}]" if figure.source is not None else ""
            note = f" — {figure.note}" if figure.note else ""
            lines.append(f"  {figure.label}{where}: {figure.value:,}{unit}{cite}{note}")
    if record.sources:
        lines += ["", "Sources:"]
        for number, source in enumerate(record.sources, start=1):
            parts = [source.title] + [p for p in (source.publisher, source.published) if p]
            lines.append(f"  [{number}] " + ", ".join(parts) + (f" <{source.url}>" if source.url else ""))
    if record.related:
        lines += ["", "Related:"]
        for relation in record.related:
            title = related_titles.get(relation.id, "not in this store")
            lines.append(f"  {relation.relation.replace('_', ' ')} {relation.id} ({title})")
    return "\n".join(lines)


def run_list(args: argparse.Namespace, data_dir: Path) -> int:
    with open_data_dir(data_dir) as store:
        keys = filtered_keys(store, sort="date")
        rows = rows_for_keys(store, keys)
    ordered = [rows[key] for key in keys if key in rows]
    if args.json:
        print_json([
            {"id": r.id, "title": r.title, "kind": r.kind, "date": r.date, "end_date": r.end_date,
             "countries": [c for c in r.countries.split(",") if c], "arrests": r.arrests, "notes": r.note_count}
            for r in ordered
        ])
        return 0
    if not ordered:
        raise CliError("the store has no records")
    for row in ordered:
        print(f"{row.date or '—':<10}  {row.kind:<11}  {row.id:<40}  {row.title}")
    return 0
