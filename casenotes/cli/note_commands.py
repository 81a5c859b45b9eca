"""``note``: adding and reading notes from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from casenotes.cli.errors import CliError
from casenotes.cli.output import print_json
from casenotes.store import open_data_dir
from casenotes.store.notes import add_note


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    note_parser = commands.add_parser("note", parents=[common], help="add or read notes")
    note_commands = note_parser.add_subparsers(dest="note_command", metavar="ACTION", required=True,
                                               parser_class=type(note_parser))
    add_parser = note_commands.add_parser("add", parents=[common], help="add a note to a record")
    add_parser.add_argument("record_id", metavar="RECORD_ID")
    add_parser.add_argument("text", metavar="TEXT", help="the note (Markdown); '-' reads standard input")
    add_parser.add_argument("--json", action="store_true", help="print the new note as JSON")
    add_parser.set_defaults(handler=run_add)


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
        print_json({"id": note.id, "record_id": note.record_id, "body": note.body,
                    "created": note.created, "updated": note.updated})
    else:
        print(f"added note {note.id} to {note.record_id}")
    return 0
