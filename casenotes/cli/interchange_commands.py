"""``import`` and ``export``: bringing records in from files and taking them out."""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from casenotes.cli.errors import CliError
from casenotes.store import open_data_dir
from casenotes.store.interchange import (
    EXPORT_FORMATS, ImportSummary, export_records, export_to_file, import_file, select_record_ids,
)
from casenotes.store.interchange.export_options import PROFILES, ExportOptions, Omitted
from casenotes.store.interchange.manifest import write_manifest
from casenotes.store.listing import RecordFilter
from casenotes.store.privacy import private_counts


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    import_parser = commands.add_parser(
        "import", parents=[common], help="import records (and notes) from a JSON or CSV file",
        description="Import a casenotes JSON file (format v1) or a CSV file. Records are matched by id: "
                    "new ones are added, changed ones updated. One bad record rejects the whole file "
                    "and nothing changes.",
    )
    import_parser.add_argument("file", metavar="FILE", type=Path)
    import_parser.add_argument("--dry-run", action="store_true",
                               help="show what would be added, updated and left alone; change nothing")
    import_parser.add_argument("--format", choices=("json", "csv"), dest="file_format",
                               help="the file's format (default: from its extension or content)")
    import_parser.set_defaults(handler=run_import)

    export_parser = commands.add_parser(
        "export", parents=[common], help="export records as JSON, CSV or a Markdown report",
        description="Write records to standard output, or to a file with -o. JSON (format v1, with notes) "
                    "imports back exactly; CSV has one record a row; Markdown is a readable report.",
    )
    export_parser.add_argument("--format", choices=EXPORT_FORMATS, default="json", dest="file_format",
                               help="json (default), csv or markdown")
    export_parser.add_argument("-o", "--output", metavar="FILE", type=Path,
                               help="write to FILE (complete or not at all, readable only by you)")
    export_parser.add_argument("--query", metavar="Q", help="only records matching this search")
    export_parser.add_argument("--ids", metavar="ID", nargs="+", help="only these records")
    export_parser.add_argument("--profile", choices=PROFILES, default="full",
                               help="share: leave out private notes and private tags, and say so first in the file")
    export_parser.add_argument("--for-merge", action="store_true",
                               help="JSON only: add what 'casenotes merge' needs (store id, note ids, versions, "
                                    "deletions)")
    export_parser.add_argument("--manifest", metavar="FILE", type=Path,
                               help="also write the SHA-256 of the export to FILE (check it with sha256sum -c); "
                                    "needs -o")
    export_parser.set_defaults(handler=run_export)


class _TerminalProgress:
    """A percentage on standard error while a long import runs (only on a terminal)."""

    def __init__(self) -> None:
        self.shown = False
        self._last = -1

    def __call__(self, done: int, total: int) -> None:
        percent = done * 100 // total if total else 100
        if percent != self._last:
            self._last = percent
            self.shown = True
            sys.stderr.write(f"\rimporting… {percent}%")
            sys.stderr.flush()

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\r" + " " * 20 + "\r")
            sys.stderr.flush()


def run_import(args: argparse.Namespace, data_dir: Path) -> int:
    progress = _TerminalProgress() if sys.stderr.isatty() else None
    with open_data_dir(data_dir) as store:
        try:
            summary = import_file(store, args.file, dry_run=args.dry_run, progress=progress,
                                  file_format=args.file_format)
        finally:
            if progress is not None:
                progress.finish()
    if args.dry_run:
        print_dry_run(summary)
    else:
        print(f"imported {args.file}: {summary.describe()}")
    return 0


def _records(count: int) -> str:
    return f"{count:,} record" + ("" if count == 1 else "s")


def print_dry_run(summary: ImportSummary) -> None:
    """What an import would do, record by record; nothing was changed."""
    print(f"dry run, nothing changed: {summary.describe()}")
    for heading, ids in (("would add", summary.added), ("would update", summary.updated),
                         ("would leave alone (already up to date)", summary.unchanged)):
        if ids:
            print(f"{heading} {_records(len(ids))}:")
            for record_id in ids:
                print(f"  {record_id}")
    if summary.notes_added or summary.notes_updated:
        print(f"would add {summary.notes_added:,} and update {summary.notes_updated:,} notes")


@contextlib.contextmanager
def _standard_output() -> Iterator[TextIO]:
    """Standard output as UTF-8 with newlines written as given (CSV needs its CRLF)."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        yield sys.stdout
        return
    out = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    try:
        yield out
    finally:
        out.flush()
        out.detach()


def run_export(args: argparse.Namespace, data_dir: Path) -> int:
    if args.for_merge and args.file_format != "json":
        raise CliError("--for-merge needs --format json")
    if args.manifest is not None and args.output is None:
        raise CliError("--manifest needs -o FILE: the manifest lists the file written")
    whole_store = not args.query and not args.ids
    options = ExportOptions.for_profile(args.profile, for_merge=args.for_merge, whole_store=whole_store)
    with open_data_dir(data_dir) as store:
        flt = RecordFilter(query=args.query) if args.query else None
        ids = select_record_ids(store, flt, args.ids, chronological=args.file_format == "markdown")
        scope = f'search "{args.query}"' if args.query else None
        if args.output is not None:
            count = export_to_file(store, ids, args.file_format, args.output, scope=scope, options=options)
            left_out = f" ({Omitted(*private_counts(store, ids)).describe()})" if options.share else ""
            print(f"exported {_records(count)} to {args.output}{left_out}")
            if args.manifest is not None:
                write_manifest(args.manifest, [args.output])
                print(f"wrote the SHA-256 manifest {args.manifest}")
            return 0
        with _standard_output() as out:
            export_records(store, ids, args.file_format, out, scope=scope, options=options)
    return 0
