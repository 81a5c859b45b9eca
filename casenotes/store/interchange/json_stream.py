"""Reading a format-v1 JSON file of any size, one record or note at a time (ijson).

Memory stays bounded by the largest single record or note, not by the file: a 500 MB
file is read in 256 KB chunks. The file is read in up to three passes, each stopping as
early as it can: the header (``format``, ``version``, and that ``records`` is a list),
then the records, then the notes. The passes are cheap next to writing the records.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

import ijson

from casenotes.store.interchange.document import ImportFileError
from casenotes.store.interchange.file_input import CHUNK_SIZE, CheckedUtf8Reader, check_importable
from casenotes.store.interchange.json_records import check_header

# Below this size a syntax error is located exactly by re-reading the file with the json
# module; above it the message names the range of lines the parser was reading.
EXACT_ERROR_LIMIT = 32 * 1024 * 1024
_CONTAINER_START = {"start_map": {}, "start_array": []}
_TAIL_SIZE = 256
_EMPTY_NOTES_AT_END = re.compile(rb'[{,]\s*"notes"\s*:\s*\[\s*\]\s*}\s*$')


class JsonImportFile:
    """A format-v1 JSON file opened for a streaming import."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.size = check_importable(self.path)
        self._reader: CheckedUtf8Reader | None = None

    @property
    def bytes_read(self) -> int:
        """How far the current pass has read, for progress."""
        return self._reader.bytes_read if self._reader is not None else 0

    @contextlib.contextmanager
    def _reading(self) -> Iterator[CheckedUtf8Reader]:
        reader = CheckedUtf8Reader(self.path)
        self._reader = reader
        try:
            yield reader
        except ijson.JSONError as error:
            raise ImportFileError(self._syntax_message(error, reader)) from None
        finally:
            reader.close()

    def _syntax_message(self, error: Exception, reader: CheckedUtf8Reader) -> str:
        if self.size <= EXACT_ERROR_LIMIT:
            try:
                json.loads(self.path.read_bytes().decode("utf-8-sig"))
            except json.JSONDecodeError as exact:
                return f"{self.path} is not valid JSON: {exact.msg} at line {exact.lineno}, column {exact.colno}"
            except (ValueError, RecursionError):
                pass
        reason = (str(error).splitlines() or ["unexpected content"])[0].rstrip(".")
        return f"{self.path} is not valid JSON: {reason} (in the part read up to line {reader.lines_read + 1})"

    def check_header(self) -> None:
        """Refuse anything but a casenotes format-v1 object whose ``records`` is a list.

        Reads only as far as it needs: in files casenotes writes, the first few bytes.
        """
        header: dict[str, object] = {}
        value_kinds: dict[str, str] = {}
        with self._reading() as reader:
            events = ijson.parse(reader, buf_size=CHUNK_SIZE, use_float=True)
            first = next(events, None)
            if first is None or first[1] != "start_map":
                raise ImportFileError("not a casenotes file: the top level must be a JSON object")
            for prefix, event, value in events:
                if prefix in ("format", "version") and prefix not in header:
                    header[prefix] = _CONTAINER_START.get(event, value)
                elif prefix in ("records", "notes") and prefix not in value_kinds:
                    value_kinds[prefix] = event
                if ("format" in header and "version" in header and "records" in value_kinds) or (
                    prefix == "" and event == "end_map"
                ):
                    break
        check_header(header.get("format"), header.get("version"))
        for key, kind in value_kinds.items():
            if kind != "start_array":
                raise ImportFileError(f'"{key}" must be a list')

    def records(self) -> Iterator[object]:
        """The items of the top-level ``records`` list, in file order."""
        with self._reading() as reader:
            yield from ijson.items(reader, "records.item", use_float=True, buf_size=CHUNK_SIZE)

    def notes(self) -> Iterator[object]:
        """The items of the top-level ``notes`` list, in file order."""
        if self._ends_with_empty_notes():
            return
        count = 0
        with self._reading() as reader:
            for item in ijson.items(reader, "notes.item", use_float=True, buf_size=CHUNK_SIZE):
                count += 1
                yield item
        if count == 0:
            self._check_notes_is_a_list()

    def _ends_with_empty_notes(self) -> bool:
        """Whether the file's last member is ``"notes": []``, as in exports without notes.

        Then there is nothing to read (a JSON object's last duplicate key wins), and the
        notes pass is skipped. Only valid once the records pass has read the whole file.
        """
        with open(self.path, "rb") as file:
            file.seek(max(0, self.size - _TAIL_SIZE))
            return _EMPTY_NOTES_AT_END.search(file.read()) is not None

    def _check_notes_is_a_list(self) -> None:
        # Only reached when no note was found: then "notes" is absent, empty, or not a
        # list at all, and building its value costs nothing in the first two cases.
        with self._reading() as reader:
            for value in ijson.items(reader, "notes", use_float=True, buf_size=CHUNK_SIZE):
                if not isinstance(value, list):
                    raise ImportFileError('"notes" must be a list')
