"""``merge`` and ``private``: working with other people's stores, and keeping some things to yourself."""

from __future__ import annotations

import argparse
from pathlib import Path

from casenotes.cli.output import print_json
from casenotes.store import open_data_dir
from casenotes.store.merging.apply import BOTH, CONFLICT_TAG, MINE, THEIRS, apply_merge
from casenotes.store.merging.plan import plan_merge
from casenotes.store.merging.remote import read_merge_file
from casenotes.store.privacy import set_note_private, set_tag_private, tag_uses


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    merge_parser = commands.add_parser(
        "merge", parents=[common], help="merge another casenotes user's export (format v1) into this store",
        description="Merge FILE (best made with 'casenotes export --for-merge') by stable id: new records and "
                    "notes are added, a record or note only one side changed takes that side's version, "
                    "deletions are carried over. A record or note both sides changed is a conflict: both versions "
                    f"are kept, tagged '{CONFLICT_TAG}' (or use --conflicts). All or nothing; the store is "
                    "backed up first.",
    )
    merge_parser.add_argument("file", metavar="FILE", type=Path)
    merge_parser.add_argument("--dry-run", action="store_true", help="show what the merge would do; change nothing")
    merge_parser.add_argument("--conflicts", choices=(BOTH, MINE, THEIRS), default=BOTH,
                              help="keep both versions (default), keep mine, or take theirs")
    merge_parser.set_defaults(handler=run_merge)

    private_parser = commands.add_parser(
        "private", parents=[common], help="mark a note or a tag private (left out of shared exports and serve)",
        description="Private notes and tags stay on this machine: 'export --profile share' and 'serve' leave "
                    "them out. 'private list' shows every tag and whether it is private.",
    )
    actions = private_parser.add_subparsers(dest="private_command", metavar="WHAT", required=True,
                                            parser_class=type(private_parser))
    note_parser = actions.add_parser("note", parents=[common], help="mark a note private")
    note_parser.add_argument("note_id", metavar="NOTE_ID", type=int)
    note_parser.add_argument("--off", action="store_true", help="share the note again")
    note_parser.set_defaults(handler=run_private_note)
    tag_parser = actions.add_parser("tag", parents=[common], help="mark a tag private")
    tag_parser.add_argument("name", metavar="NAME")
    tag_parser.add_argument("--off", action="store_true", help="share the tag again")
    tag_parser.set_defaults(handler=run_private_tag)
    list_parser = actions.add_parser("list", parents=[common], help="every tag, its use, and whether it is private")
    list_parser.add_argument("--json", action="store_true", help="print a JSON array")
    list_parser.set_defaults(handler=run_private_list)


def run_merge(args: argparse.Namespace, data_dir: Path) -> int:
    remote = read_merge_file(args.file)
    with open_data_dir(data_dir) as store:
        if args.dry_run:
            plan = plan_merge(store, args.file, merge_file=remote)
            print(f"dry run, nothing changed: {plan.describe()}")
            for conflict in plan.conflicts:
                print(f"  conflict: {conflict.label}")
            return 0
        summary = apply_merge(store, remote, default=args.conflicts)
    source = f" from store {summary.peer_store_id[:8]}" if summary.peer_store_id else ""
    print(f"merged {args.file}{source}: {summary.describe()}")
    for label in summary.kept_both:
        print(f"  conflict kept as both versions: {label}")
    return 0


def run_private_note(args: argparse.Namespace, data_dir: Path) -> int:
    with open_data_dir(data_dir) as store:
        set_note_private(store, args.note_id, not args.off)
    print(f"note {args.note_id} is {'shared' if args.off else 'private'}")
    return 0


def run_private_tag(args: argparse.Namespace, data_dir: Path) -> int:
    with open_data_dir(data_dir) as store:
        set_tag_private(store, args.name, not args.off)
    print(f"tag {args.name!r} is {'shared' if args.off else 'private'}")
    return 0


def run_private_list(args: argparse.Namespace, data_dir: Path) -> int:
    with open_data_dir(data_dir) as store:
        uses = tag_uses(store)
    if args.json:
        print_json([{"name": use.name, "private": use.private, "records": use.records, "notes": use.notes}
                    for use in uses])
        return 0
    for use in uses:
        print(f"{'private' if use.private else 'shared ':7}  {use.name}  ({use.records} records, {use.notes} notes)")
    return 0
