"""The ``casenotes`` command: opens the window, or runs a subcommand for scripting."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from casenotes import __version__
from casenotes.cli import (
    extract_commands, interchange_commands, maintenance_commands, note_commands, record_commands, serve_command,
    sharing_commands,
)
from casenotes.cli.errors import CliError, EXIT_BAD_INPUT, EXIT_INTERNAL
from casenotes.paths import resolve_data_dir
from casenotes.store import StoreError

COMMAND_MODULES = (record_commands, note_commands, interchange_commands, maintenance_commands, extract_commands,
                   sharing_commands, serve_command)


class _Parser(argparse.ArgumentParser):
    """Reports a bad command line in one line on stderr, with exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def _data_dir_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--data-dir", metavar="DIR", default=default,
        help="where the database lives (default: $CASENOTES_DATA_DIR or the per-user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="casenotes",
        description="Case notes on law-enforcement operations against dark-web markets and cybercrime. "
                    "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"casenotes {__version__}")
    parser.add_argument(
        "--smoke", action="store_true",
        help="self-test: open the window offscreen on a temporary store, search, save a note, exit 0",
    )
    _data_dir_option(parser, None)
    # Subcommands accept --data-dir too, so it may come before or after the command name.
    common = argparse.ArgumentParser(add_help=False)
    _data_dir_option(common, argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in COMMAND_MODULES:
        module.register(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run casenotes with ``argv`` (default: the process arguments); return the exit code."""
    logging.basicConfig(level=os.environ.get("CASENOTES_LOG", "WARNING").upper(), format="%(name)s: %(message)s")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_request:  # --help, --version or a bad command line
        return exit_request.code if isinstance(exit_request.code, int) else EXIT_BAD_INPUT
    if args.smoke:
        from casenotes.smoke import run_smoke

        return run_smoke()
    data_dir = resolve_data_dir(args.data_dir)
    if args.command is None:
        from casenotes.app import run_gui

        return run_gui(data_dir)
    try:
        return args.handler(args, data_dir)
    except (CliError, StoreError) as error:
        print(f"casenotes: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader (e.g. `head`) went away; stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug: say so in one line, keep the details for --debug runs
        if os.environ.get("CASENOTES_DEBUG"):
            raise
        print(f"casenotes: internal error: {type(error).__name__}: {error} "
              "(set CASENOTES_DEBUG=1 for details)", file=sys.stderr)
        return EXIT_INTERNAL
