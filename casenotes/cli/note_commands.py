"""``note``: adding and reading notes from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from casenotes.cli.errors import CliError
from casenotes.cli.output import print_json
from casenotes.store import open_data_dir
from casenotes.store.anchor_text import change_sentence, describe_anchor, format_anchor_value
from casenotes.store.anchors import (
    add_anchored_note, anchored_notes, field_anchor, figure_anchor, mark_reviewed, note_anchor, notes_needing_review,
)
from casenotes.store.models import ANCHOR_FIELDS, Anchor, AnchoredNote, Note
from casenotes.store.notes import add_note, get_note, note_versions, notes_for_record
from casenotes.store.records import get_record


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    note_parser = commands.add_parser("note", parents=[common], help="add or read notes")
    note_commands = note_parser.add_subparsers(dest="note_command", metavar="ACTION", required=True,
                                               parser_class=type(note_parser))
    add_parser = note_commands.add_parser("add", parents=[common], help="add a note to a record")
    add_parser.add_argument("record_id", metavar="RECORD_ID")
    add_parser.add_argument("text", metavar="TEXT", help="the note (Markdown); '-' reads standard input")
    add_parser.add_argument("--json", action="store_true", help="print the new note as JSON")
    where = add_parser.add_mutually_exclusive_group()
    where.add_argument("--figure", metavar="LABEL",
                       help="anchor the note to one figure of the record (e.g. arrests); see --country")
    where.add_argument("--field", choices=ANCHOR_FIELDS, help="anchor the note to one field of the record")
    add_parser.add_argument("--country", metavar="CC",
                            help="with --figure: the figure's country (e.g. AT); without it, the total")
    add_parser.set_defaults(handler=run_add)

    list_parser = note_commands.add_parser("list", parents=[common], help="list the notes of a record")
    list_parser.add_argument("record_id", metavar="RECORD_ID")
    list_parser.add_argument("--json", action="store_true", help="print a JSON array")
    list_parser.set_defaults(handler=run_list)

    show_parser = note_commands.add_parser("show", parents=[common], help="print one note")
    show_parser.add_argument("note_id", metavar="NOTE_ID", type=_note_id)
    show_parser.add_argument("--json", action="store_true", help="print the note as JSON")
    show_parser.set_defaults(handler=run_show)

    history_parser = note_commands.add_parser("history", parents=[common], help="earlier versions of a note")
    history_parser.add_argument("note_id", metavar="NOTE_ID", type=_note_id)
    history_parser.add_argument("--json", action="store_true", help="print a JSON array, newest first")
    history_parser.set_defaults(handler=run_history)

    review_parser = note_commands.add_parser(
        "review", parents=[common], help="notes whose figure or field changed since written or last reviewed")
    review_parser.add_argument("--json", action="store_true", help="print a JSON array, most recent change first")
    review_parser.add_argument("--mark-reviewed", metavar="NOTE_ID", type=_note_id, nargs="+",
                               help="mark these notes reviewed: their figure's value now becomes the baseline")
    review_parser.set_defaults(handler=run_review)


def _note_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid note id {text!r}: note ids are numbers") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"invalid note id {text!r}: note ids are numbers from 1")
    return value


def _note_json(note: Note, anchored: AnchoredNote | None = None, *, with_anchor: bool = False) -> dict:
    data = {"id": note.id, "record_id": note.record_id, "body": note.body, "created": note.created,
            "updated": note.updated, "pinned": note.pinned, "deleted": note.deleted, "tags": note.tags}
    if with_anchor:
        data["anchor"] = _anchor_json(anchored)
    return data


def _anchor_json(anchored: AnchoredNote | None) -> dict | None:
    if anchored is None:
        return None
    anchor = anchored.anchor
    return {
        "kind": anchor.kind, "label": anchor.label, "country": anchor.country, "about": describe_anchor(anchor),
        "value": anchored.value, "baseline": anchored.baseline, "needs_review": anchored.needs_review,
        "changes": [{"from": c.old_value, "to": c.new_value, "detected": c.detected, "cause": c.cause,
                     "source": c.source, "text": change_sentence(anchor, c)} for c in anchored.pending],
    }


def _anchor_lines(anchored: AnchoredNote) -> list[str]:
    anchor = anchored.anchor
    lines = [f"on {describe_anchor(anchor)}: {format_anchor_value(anchor, anchored.baseline)}"]
    lines += [f"needs review: {change_sentence(anchor, change)}" for change in anchored.pending]
    return lines


def _requested_anchor(args: argparse.Namespace) -> Anchor | None:
    if args.country and not args.figure:
        raise CliError("--country goes with --figure (the figure's country)")
    if args.figure:
        return figure_anchor(args.figure, args.country)
    if args.field:
        return field_anchor(args.field)
    return None


def _read_text(text: str) -> str:
    if text != "-":
        return text
    try:
        return sys.stdin.read()
    except UnicodeDecodeError:
        raise CliError("standard input is not UTF-8 text") from None


def run_add(args: argparse.Namespace, data_dir: Path) -> int:
    body = _read_text(args.text)
    if not body.strip():
        raise CliError("the note is empty")
    anchor = _requested_anchor(args)
    with open_data_dir(data_dir) as store:
        if anchor is None:
            note = add_note(store, args.record_id, body)
        else:
            note = add_anchored_note(store, args.record_id, body, anchor)
    if args.json:
        print_json(_note_json(note))
    else:
        print(f"added note {note.id} to {note.record_id}" + (f", on {describe_anchor(anchor)}" if anchor else ""))
    return 0


def run_list(args: argparse.Namespace, data_dir: Path) -> int:
    with open_data_dir(data_dir) as store:
        get_record(store, args.record_id)  # an unknown record is an error, not an empty list
        notes = [get_note(store, note.id) for note in notes_for_record(store, args.record_id)]
        anchors = {anchored.note_id: anchored for anchored in anchored_notes(store, args.record_id)}
    if args.json:
        print_json([_note_json(note, anchors.get(note.id), with_anchor=True) for note in notes])
        return 0
    for note in notes:
        pin = " pinned" if note.pinned else ""
        tags = f"  [{', '.join(note.tags)}]" if note.tags else ""
        print(f"{note.id:>6}  {note.updated[:16].replace('T', ' ')}{pin}  {note.first_line[:70]}{tags}")
        if note.id in anchors:
            for line in _anchor_lines(anchors[note.id]):
                print(" " * 8 + line)
    return 0


def run_show(args: argparse.Namespace, data_dir: Path) -> int:
    with open_data_dir(data_dir) as store:
        note = get_note(store, args.note_id)
        anchored = note_anchor(store, args.note_id)
    if args.json:
        print_json(_note_json(note, anchored, with_anchor=True))
        return 0
    state = " (in the trash)" if note.deleted else ""
    print(f"Note {note.id} on {note.record_id}{state}, created {note.created}, updated {note.updated}")
    if note.tags:
        print("Tags: " + ", ".join(note.tags))
    if anchored is not None:
        for line in _anchor_lines(anchored):
            print(line[:1].upper() + line[1:])
    print()
    print(note.body)
    return 0


def run_history(args: argparse.Namespace, data_dir: Path) -> int:
    with open_data_dir(data_dir) as store:
        note = get_note(store, args.note_id)
        versions = note_versions(store, args.note_id)
    if args.json:
        print_json([{"version": v.id, "saved": v.saved, "body": v.body} for v in versions])
        return 0
    print(f"Note {note.id}: current text saved {note.updated}; {len(versions)} earlier versions")
    for version in versions:
        first = next((line for line in version.body.splitlines() if line.strip()), "")
        print(f"  version {version.id:>5}  saved {version.saved}  {len(version.body):>6} chars  {first[:60]}")
    return 0


def run_review(args: argparse.Namespace, data_dir: Path) -> int:
    with open_data_dir(data_dir) as store:
        if args.mark_reviewed:
            with store.transaction():  # all the named notes, or none
                for note_id in args.mark_reviewed:
                    mark_reviewed(store, note_id)
            if not args.json:
                count = len(args.mark_reviewed)
                print(f"marked {count} note{'s' if count != 1 else ''} reviewed")
                return 0
        items = notes_needing_review(store)
    if args.json:
        print_json([{**_note_json(item.note, item.anchored, with_anchor=True), "record_title": item.record_title}
                     for item in items])
        return 0
    if not items:
        print("No notes need review.")
        return 0
    for item in items:
        print(f"note {item.note.id} on {item.note.record_id} ({item.record_title}): {item.note.first_line[:60]}")
        for change in item.anchored.pending:
            print("    " + change_sentence(item.anchored.anchor, change))
    count = len(items)
    print(f"\n{count} note{'s need' if count != 1 else ' needs'} review; "
          "when read: casenotes note review --mark-reviewed NOTE_ID")
    return 0
