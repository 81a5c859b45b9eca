"""``backup``, ``restore`` and ``check``: keeping the store safe from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from casenotes.cli.errors import CliError
from casenotes.paths import database_path
from casenotes.store import DamagedDatabaseError, Store, open_data_dir
from casenotes.store.backup import BEFORE_REPAIR, MANUAL, backup_now
from casenotes.store.health import INTEGRITY, check_store, repair_store
from casenotes.store.recovery import newest_good_backup, probe_damage, restore_command
from casenotes.store.restore import restore_database


def register(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    backup_parser = commands.add_parser(
        "backup", parents=[common], help="back up the store now and print the file made",
        description="Write a consistent copy of the store into DATA_DIR/backups (also done automatically "
                    "on the first start of each day, before upgrades and before imports).",
    )
    backup_parser.set_defaults(handler=run_backup)

    restore_parser = commands.add_parser(
        "restore", parents=[common], help="replace the store with a backup (the current one is kept aside)",
        description="Check FILE (intact, a casenotes database, not newer than this casenotes), then make it "
                    "the store. The current database is kept in DATA_DIR/replaced/, never deleted.",
    )
    restore_parser.add_argument("file", metavar="FILE", help="a backup, e.g. from DATA_DIR/backups")
    restore_parser.set_defaults(handler=run_restore)

    check_parser = commands.add_parser(
        "check", parents=[common], help="check the store for damage; --repair rebuilds the search index",
        description="Run SQLite's integrity and foreign-key checks and check that the search index matches "
                    "the records and notes. Exits with status 2 when a problem remains.",
    )
    check_parser.add_argument("--repair", action="store_true",
                              help="back up, then rebuild the search index and note counts from the data")
    check_parser.add_argument("--thorough", action="store_true",
                              help="use integrity_check (slower, also cross-checks indexes) instead of quick_check")
    check_parser.set_defaults(handler=run_check)


def run_backup(args: argparse.Namespace, data_dir: Path) -> int:
    with open_data_dir(data_dir, seed=False) as store:
        print(backup_now(store, MANUAL))
    return 0


def run_restore(args: argparse.Namespace, data_dir: Path) -> int:
    print(restore_database(data_dir, Path(args.file)).describe())
    return 0


def _restore_advice(data_dir: Path) -> str:
    backup = newest_good_backup(data_dir)
    if backup is None:
        return "there is no good backup to restore"
    return f"restore the newest good backup, from {backup.describe_date()}, with: {restore_command(data_dir, backup.path)}"


def run_check(args: argparse.Namespace, data_dir: Path) -> int:
    path = database_path(data_dir)
    if not path.exists():
        raise CliError(f"there is no casenotes store in {data_dir}")
    # A read-only look first, then Store.open rather than open_data_dir: checking
    # reports damage, it never moves the store aside.
    cause = probe_damage(path, quick_check=False)
    if cause is not None:
        raise CliError(f"the database {path} is damaged ({cause}); {_restore_advice(data_dir)}")
    try:
        store = Store.open(path)
    except DamagedDatabaseError as error:
        raise CliError(f"{error}; {_restore_advice(data_dir)}") from None
    with store:
        report = check_store(store, thorough=args.thorough)
        print(report.describe())
        if report.ok:
            return 0
        data_damaged = any(p.check == INTEGRITY and not p.repairable for p in report.problems)
        if args.repair and not data_damaged and any(p.repairable for p in report.problems):
            print(f"backed up first: {backup_now(store, BEFORE_REPAIR)}")
            result = repair_store(store, report)
            print(result.describe())
            print(result.after.describe())
            report = result.after
            if report.ok:
                return 0
    if report.repairable:
        raise CliError("the search index does not match the data; 'casenotes check --repair' rebuilds it")
    raise CliError(
        f"the store is damaged in ways --repair cannot fix ({len(report.problems)} problems); {_restore_advice(data_dir)}"
    )
