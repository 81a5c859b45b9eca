"""casenotes serve: Datasette over a snapshot without private content, answering on 127.0.0.1."""

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from casenotes.store import open_data_dir
from casenotes.store.notes import add_note, trash_note
from casenotes.store.privacy import set_note_private, set_tag_private
from casenotes.store.records import get_record, set_record_tags
from casenotes.store.snapshot import write_shared_snapshot

PRIVATE_TEXT = "WOMBAT-5518 private lead"
TRASHED_TEXT = "KESTREL-0042 trashed draft"
SHARED_TEXT = "Europol confirmed the Austrian arrests"
PRIVATE_TAG = "narwhal-tip"


@pytest.fixture
def data_with_secrets(data_dir):
    with open_data_dir(data_dir) as store:
        private = add_note(store, "operation-disruptor", f"{PRIVATE_TEXT} about DisrupTor")
        set_note_private(store, private.id, True)
        trashed = add_note(store, "operation-disruptor", f"{TRASHED_TEXT} about DisrupTor")
        trash_note(store, trashed.id)
        edited = add_note(store, "operation-disruptor", "first draft that was rewritten")
        from casenotes.store.notes import save_note_body
        save_note_body(store, edited.id, f"{SHARED_TEXT} in DisrupTor")
        record = get_record(store, "operation-hyperion")
        set_record_tags(store, "operation-hyperion", [*record.tags, PRIVATE_TAG])
        set_tag_private(store, PRIVATE_TAG, True)
    return data_dir


def test_the_snapshot_file_holds_no_private_trashed_or_earlier_text(data_with_secrets, tmp_path):
    with open_data_dir(data_with_secrets) as store:
        snapshot = write_shared_snapshot(store, tmp_path / "casenotes.db")
        assert store.db.conn.execute("SELECT count(*) FROM notes WHERE private = 1").fetchone()[0] == 1
    raw = snapshot.path.read_bytes()
    for secret in (PRIVATE_TEXT, TRASHED_TEXT, PRIVATE_TAG, "first draft that was rewritten"):
        assert secret.encode() not in raw, secret
    assert SHARED_TEXT.encode() in raw
    assert (snapshot.notes, snapshot.private_notes_left_out, snapshot.private_tags_left_out) == (1, 1, 1)
    with sqlite3.connect(snapshot.path) as conn:
        hits = conn.execute("SELECT type, record_id FROM search WHERE hit IN "
                            "(SELECT rowid FROM search_index WHERE search_index MATCH 'austrian')").fetchall()
        assert hits == [("note", "operation-disruptor")]
        assert conn.execute("SELECT count(*) FROM records_fts WHERE records_fts MATCH 'hyperion'").fetchone()[0] == 1
    assert oct(snapshot.path.stat().st_mode & 0o777) == "0o600"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get_json(url: str):
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


def test_serve_answers_a_full_text_search_on_localhost_without_private_text(data_with_secrets):
    port = _free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "casenotes", "--data-dir", str(data_with_secrets), "serve", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
    )
    base = f"http://127.0.0.1:{port}/casenotes"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                _get_json(f"{base}.json")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"casenotes serve did not answer: {server.stdout.read() if server.poll() else ''}")
                time.sleep(0.2)
        hits = _get_json(f"{base}/search.json?_shape=array&_search=" + urllib.parse.quote("disruptor"))
        assert {hit["type"] for hit in hits} == {"record", "note"}
        assert any(SHARED_TEXT in (hit["text"] or "") for hit in hits)
        records = _get_json(f"{base}/records.json?_shape=array&_col=title&_search=silk")
        assert "Silk Road 2.0 takedown" in {row["title"] for row in records}
        for path in (f"/search.json?_shape=array&_search={PRIVATE_TEXT.split()[0]}", "/notes.json?_shape=array",
                     "/tags.json?_shape=array", "/note_versions.json?_shape=array"):
            with urllib.request.urlopen(base + path, timeout=5) as response:
                body = response.read().decode()
            assert PRIVATE_TEXT not in body and TRASHED_TEXT not in body and PRIVATE_TAG not in body, path
        assert _get_json(f"{base}/search.json?_shape=array&_search=" + urllib.parse.quote('"wombat AND (')) == []
        metadata = _get_json(f"http://127.0.0.1:{port}/-/metadata.json")
        assert metadata["title"].startswith("casenotes") and metadata["source_url"].startswith("https://")
        with pytest.raises(urllib.error.HTTPError):  # the database file itself is not offered
            urllib.request.urlopen(f"http://127.0.0.1:{port}/casenotes.db", timeout=5)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}/casenotes" in output
    assert "1 private note and 1 private tag were left out" in output
