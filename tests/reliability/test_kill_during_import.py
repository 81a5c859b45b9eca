"""kill -9 in the middle of a 100,000-record import leaves the store exactly as it was."""

from __future__ import annotations

import signal

from casenotes.store import open_data_dir
from casenotes.store.health import check_store
from casenotes.store.notes import add_note, note_count
from tests.conftest import store_dump
from tests.reliability.conftest import database_of, python_process, write_import_file

RECORDS = 100_000
KILL_AFTER = 0.2  # share of the file read (and written inside the import's transaction) when the kill comes

# Runs the streaming import that `casenotes import FILE` runs, printing its progress
# (bytes of the file read so far) so the test knows when it is midway.
IMPORT_IN_A_CHILD = """
import sys
from pathlib import Path
from casenotes.store import open_data_dir
from casenotes.store.interchange import import_file
with open_data_dir(Path(sys.argv[1])) as store:
    import_file(store, Path(sys.argv[2]), progress=lambda done, total: print("progress", done, total, flush=True))
print("finished", flush=True)
"""


def test_sigkill_midway_through_a_100k_import_changes_nothing(live_data_dir, tmp_path):
    with open_data_dir(live_data_dir) as store:
        add_note(store, "operation-onymous", "written before the import")
    before = store_dump(database_of(live_data_dir))
    import_file = write_import_file(tmp_path / "100k.json", RECORDS)

    child = python_process(IMPORT_IN_A_CHILD, str(live_data_dir), str(import_file))
    try:
        seen = []
        for line in child.stdout:
            seen.append(line.split())
            if seen[-1][0] == "progress" and int(seen[-1][1]) >= KILL_AFTER * int(seen[-1][2]):
                child.send_signal(signal.SIGKILL)
                break
        child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL, child.stderr.read()
    assert seen and seen[-1][0] == "progress" and int(seen[-1][1]) < int(seen[-1][2])  # killed midway, not after

    assert store_dump(database_of(live_data_dir)) == before
    with open_data_dir(live_data_dir) as store:
        report = check_store(store, thorough=True)
        assert report.ok, report.describe()
        add_note(store, "operation-onymous", "the store still takes writes")
        assert note_count(store) == 2
