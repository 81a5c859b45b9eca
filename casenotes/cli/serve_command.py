"""``serve``: a read-only Datasette over a snapshot of the store, without anything private."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import signal
import socket
import sys
import tempfile
from pathlib import Path

from casenotes.cli.errors import CliError
from casenotes.store import open_data_dir
from casenotes.store.interchange.export_options import Omitted
from casenotes.store.snapshot import write_shared_snapshot
from casenotes.store.snapshot_metadata import DATABASE_NAME, snapshot_metadata

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
INSTALL_HINT = "casenotes serve needs Datasette: install it with  pip install 'casenotes[serve]'  (or pip install datasette)"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    serve_parser = commands.add_parser(
        "serve", parents=[common], help="share a read-only view of the store in Datasette (private notes left out)",
        description="Take a snapshot of the store without private notes, private tags, deleted items and earlier "
                    "note versions, and serve it read-only with Datasette, with full-text search. Only this "
                    "computer can connect unless --host says otherwise. Ctrl+C stops it and removes the snapshot.",
    )
    serve_parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    serve_parser.add_argument("--host", default=DEFAULT_HOST,
                              help=f"address to listen on (default {DEFAULT_HOST}: this computer only; "
                                   "0.0.0.0 shares it with your network)")
    serve_parser.set_defaults(handler=run_serve)


def _datasette_cli():
    try:
        from datasette.cli import cli
    except ImportError:
        raise CliError(INSTALL_HINT) from None
    return cli


def _check_free(host: str, port: int) -> None:
    """Fail early, in one line, when the port cannot be listened on."""
    if not 0 < port < 65536:
        raise CliError(f"--port must be between 1 and 65535, not {port}")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise CliError(f"cannot listen on {host}: {error.strerror}") from None
    family, kind, _, _, address = infos[0]
    with socket.socket(family, kind) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as error:
            raise CliError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None


def run_serve(args: argparse.Namespace, data_dir: Path) -> int:
    cli = _datasette_cli()
    _check_free(args.host, args.port)
    with tempfile.TemporaryDirectory(prefix="casenotes-serve-") as folder:
        snapshot_path = Path(folder) / f"{DATABASE_NAME}.db"
        with open_data_dir(data_dir) as store:
            snapshot = write_shared_snapshot(store, snapshot_path)
        taken = dt.datetime.now().strftime("%d %B %Y, %H:%M")
        metadata_path = Path(folder) / "metadata.json"
        metadata_path.write_text(
            json.dumps(snapshot_metadata(records=snapshot.records, notes=snapshot.notes, taken=taken), indent=2),
            encoding="utf-8",
        )
        url_host = f"[{args.host}]" if ":" in args.host else args.host
        left_out = Omitted(snapshot.private_notes_left_out, snapshot.private_tags_left_out).describe()
        print(f"serving a snapshot of {snapshot.records:,} records and {snapshot.notes:,} notes at "
              f"http://{url_host}:{args.port}/{DATABASE_NAME} ({left_out}) — Ctrl+C stops it", flush=True)
        if args.host not in LOOPBACK:
            print(f"note: listening on {args.host}, so other computers can read this snapshot", flush=True)
        previous = signal.signal(signal.SIGTERM, _stop_quietly)  # so the snapshot is removed on a kill too
        try:
            cli.main(
                args=["serve", "--immutable", str(snapshot_path), "--metadata", str(metadata_path),
                      "--host", args.host, "--port", str(args.port),
                      "--setting", "allow_download", "off", "--setting", "default_page_size", "50"],
                prog_name="casenotes serve", standalone_mode=False,
            )
        except SystemExit as exit_request:  # uvicorn exits when it cannot start
            code = exit_request.code if isinstance(exit_request.code, int) else 1
            if code:
                print("casenotes: error: Datasette stopped; see the messages above", file=sys.stderr)
                return code
        finally:
            signal.signal(signal.SIGTERM, previous)
    return 0


def _stop_quietly(_signal: int, _frame: object) -> None:
    raise SystemExit(0)
