"""``extract``: propose a draft record from an article file, without saving anything."""

from __future__ import annotations

import argparse
import contextlib
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database

from casenotes.cli.output import bold, print_json
from casenotes.paths import database_path
from casenotes.store import Store
from casenotes.store.migrations import known_migration_names

if TYPE_CHECKING:
    from casenotes.extract import Draft

# casenotes.extract is imported where it is used: loading it costs ~0.1 s, which every
# other command (and the window, which starts through this module) need not pay.


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = commands.add_parser(
        "extract", parents=[common], help="propose a draft record from an article (saves nothing)",
        description="Read an article (.txt, .html or .md; '-' for standard input) and print the record it "
                    "suggests: every value with the sentence it came from, and flags to check. Earlier actions "
                    "it mentions are matched to records in your store. Nothing is saved.",
    )
    parser.add_argument("file", metavar="FILE", help="the article file, or '-' to read text from standard input")
    parser.add_argument("--json", action="store_true", help="print the draft as JSON")
    parser.add_argument("--publisher", metavar="NAME", help="who published the article")
    parser.add_argument("--published", metavar="DATE",
                        help="when it was published (YYYY, YYYY-MM or YYYY-MM-DD); resolves 'last week' and the like")
    parser.set_defaults(handler=run_extract)


def run_extract(args: argparse.Namespace, data_dir: Path) -> int:
    from casenotes.extract import ExtractError, article_from_text, extract_draft, load_article

    if args.file == "-":
        try:
            text = sys.stdin.read()
        except UnicodeDecodeError:
            raise ExtractError("standard input is not UTF-8 text") from None
        article = article_from_text(text, publisher=args.publisher, published=args.published)
    else:
        article = load_article(args.file, publisher=args.publisher, published=args.published)
    with _read_only_store(data_dir) as store:
        draft = extract_draft(article, store)
    if args.json:
        print_json(draft.as_json())
    else:
        print(format_draft(draft))
    return 0


@contextlib.contextmanager
def _read_only_store(data_dir: Path) -> Iterator[Store | None]:
    """The store opened read-only for matching, or None when there is none this version can read.

    Extraction never writes: a missing database is not created, and one that needs a
    migration is not migrated (matching is skipped with a note on stderr instead).
    """
    path = database_path(data_dir)
    if not path.is_file():
        yield None
        return
    connection = None
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        version = connection.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error as error:
        if connection is not None:
            connection.close()
        print(f"casenotes: note: related records not matched: cannot read {path} ({error})", file=sys.stderr)
        yield None
        return
    if version != len(known_migration_names()):
        connection.close()
        print(f"casenotes: note: related records not matched: {path} needs opening with this casenotes version first",
              file=sys.stderr)
        yield None
        return
    try:
        yield Store(Database(connection), path)
    finally:
        connection.close()


def format_draft(draft: Draft) -> str:
    """The draft as plain text: each value, its flags and the sentence it came from."""
    from casenotes.extract.draft import FIELD_LABELS

    article = draft.article
    lines = [bold(f"Draft record from {article.name or 'the pasted text'}") + " — nothing has been saved.",
             "[x] proposed, [ ] suggested but left out; check every flagged (!) value.", ""]
    for flag in draft.flags:
        lines.append(f"! {flag.message}")
    for proposal in draft.proposals:
        mark = "[x]" if proposal.accepted else "[ ]"
        label = FIELD_LABELS.get(proposal.field, proposal.field)
        value = proposal.display_value() or "(none)"
        detail = proposal.display_detail()
        if proposal.field == "relation" and proposal.value is not None and proposal.value.record_title:
            detail = f"{detail}: {proposal.value.record_title}"
        extra = f" — {detail}" if detail else ""
        lines.append(f"{mark} {label}: {value}{extra}")
        for flag in proposal.flags:
            lines.append(f"      ! {flag.message}")
        if proposal.evidence:
            evidence = proposal.evidence[0]
            before = evidence.sentence[:evidence.start - evidence.sentence_start]
            after = evidence.sentence[evidence.end - evidence.sentence_start:]
            lines.append(f"      “{before}{bold(evidence.words)}{after}”")
            if len(proposal.evidence) > 1:
                lines.append(f"      (and {len(proposal.evidence) - 1} more mention{'s' if len(proposal.evidence) > 2 else ''})")
    return "\n".join(lines)
