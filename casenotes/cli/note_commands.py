"""``note``: adding and reading notes from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from casenotes.cli.errors import CliError
from casenotes.cli.output import print_json
from casenotes.store import open_data_dir
from casenotes.store.models import Note
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


def _note_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid note id {text!r}: note ids are numbers") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"invalid note id {text!r}: note ids are numbers from 1")
    return value


def _note_json(note: Note) -> dict:
    return {"id": note.id, "record_id": note.record_id, "body": note.body, "created": note.created,
            "updated": note.updated, "pinned": note.pinned, "deleted": note.deleted, "tags": note.tags}


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
    with open_data_dir(data_dir) as store:
        note = add_note(store, args.record_id, body)
    if args.json:
        print_json(_note_json(note))
    else:
        print(f"added note {note.id} to {note.record_id}")
    return 0


def run_list(args: argparse.Namespace, data_dir: Path) -> int:
    with open_data_dir(data_dir) as store:
        get_record(store, args.record_id)  # an unknown record is an error, not an empty list
        notes = [get_note(store, note.id) for note in notes_for_record(store, args.record_id)]
    if args.json:
        print_json([_note_json(note) for note in notes])
        return 0
    for note in notes:
        pin = " pinned" if note.pinned else ""
        tags = f"  [{', '.join(note.tags)}]" if note.tags else ""
        print(f"{note.id:>6}  {note.updated[:16].replace('T', ' ')}{pin}  {note.first_line[:70]}{tags}")
    return 0


def run_show(args: argparse.Namespace, data_dir: Path) -> int:
    with open_data_dir(data_dir) as store:
        note = get_note(store, args.note_id)
    if args.json:
        print_json(_note_json(note))
        return 0
    state = " (in the trash)" if note.deleted else ""
    print(f"Note {note.id} on {note.record_id}{state}, created {note.created}, updated {note.updated}")
    if note.tags:
        print("Tags: " + ", ".join(note.tags))
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
