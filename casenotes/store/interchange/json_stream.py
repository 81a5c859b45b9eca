"""Reading a format-v1 JSON file of any size, one record or note at a time.

Memory stays bounded by the largest single record or note, not by the file: the file is
decoded 256 KB at a time, and each item of the ``records`` and ``notes`` lists is parsed
on its own by the json module's C scanner. The header is read first (``format``,
``version``, and that ``records`` is a list: in files casenotes writes, the first few
bytes); then the records; the notes pass carries on from the end of the records list,
so nothing is parsed twice (only a file whose notes come before its records has them
read in a pass of their own).
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

from casenotes.store.interchange.document import ImportFileError
from casenotes.store.interchange.file_input import CHUNK_SIZE, CheckedUtf8Reader, check_importable
from casenotes.store.interchange.json_records import check_header

# Below this size a syntax error is worded by re-reading the file with json.loads (its
# usual message); above it the message is this reader's own, with the same line and column.
EXACT_ERROR_LIMIT = 32 * 1024 * 1024
_WHITESPACE = re.compile(r"[ \t\n\r]*")
# A parse that fails this close to the end of the text read so far may only have met an
# item cut in two by the chunk boundary: read on and try again.
_NEAR_END = 64


class JsonSyntaxError(Exception):
    """Where a file stops being JSON: the json module's wording, with line and column."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(f"{message} at line {line}, column {column}")
        self.line = line


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON value")


_decode = json.JSONDecoder(parse_constant=_refuse_constant).raw_decode


class JsonText:
    """A JSON file's text, decoded a chunk at a time, read value by value from a position.

    Only the text from the start of the value being read is kept.
    """

    def __init__(self, path: Path) -> None:
        self.reader = CheckedUtf8Reader(path)
        self._text = ""
        self._pos = 0
        self._at_end = False
        self._lines_before = 0  # newlines in the text already let go
        self._column_before = 0  # characters since the last of them

    def close(self) -> None:
        self.reader.close()

    def _read_more(self, size: int = 0) -> bool:
        """Append more of the file to the text (dropping what was read); False at its end."""
        if self._at_end:
            return False
        done = self._text[:self._pos]
        if done:
            last_newline = done.rfind("\n")
            if last_newline < 0:
                self._column_before += len(done)
            else:
                self._lines_before += done.count("\n")
                self._column_before = len(done) - last_newline - 1
            self._text = self._text[self._pos:]
            self._pos = 0
        more = self.reader.read_text(max(size, CHUNK_SIZE))
        if not more:
            self._at_end = True
            return False
        self._text += more
        return True

    def error(self, message: str, pos: int | None = None) -> JsonSyntaxError:
        pos = self._pos if pos is None else pos
        newlines = self._text.count("\n", 0, pos)
        if newlines:
            column = pos - self._text.rfind("\n", 0, pos)
        else:
            column = self._column_before + pos + 1
        return JsonSyntaxError(message, self._lines_before + newlines + 1, column)

    def next_char(self) -> str:
        """Move past white space; the character there ('' at the end of the file)."""
        while True:
            self._pos = _WHITESPACE.match(self._text, self._pos).end()
            if self._pos < len(self._text):
                return self._text[self._pos]
            if not self._read_more():
                return ""

    def expect(self, char: str, message: str) -> None:
        if self.next_char() != char:
            raise self.error(message)
        self._pos += 1

    def value(self) -> object:
        """The value at the position (after white space), moving past it."""
        self.next_char()
        while True:
            try:
                value, end = _decode(self._text, self._pos)
            except json.JSONDecodeError as error:
                cut = error.pos >= len(self._text) - _NEAR_END or error.msg.startswith("Unterminated string")
                if cut and not self._at_end:
                    self._read_more(len(self._text))
                    continue
                raise self.error(error.msg, error.pos) from None
            except RecursionError:
                raise self.error("Values nested too deeply") from None
            except ValueError as error:  # NaN or Infinity, or a number of more digits than Python reads
                raise self.error(str(error).split(";")[0].rstrip(".")) from None
            # A number that ends near the end of the text may go on in the next chunk ("0" of "0.5").
            if end < len(self._text) - _NEAR_END or self._at_end:
                self._pos = end
                return value
            self._read_more(len(self._text))

    def items(self) -> Iterator[object]:
        """The items of the list at the position, one at a time, moving past its end."""
        self.expect("[", "Expecting '['")
        if self.next_char() == "]":
            self._pos += 1
            return
        while True:
            yield self.value()
            char = self.next_char()
            self._pos += 1
            if char == "]":
                return
            if char != ",":
                raise self.error("Expecting ',' delimiter", self._pos - 1)

    def members(self) -> Iterator[str]:
        """The keys of the object at the position; the caller reads or skips each value."""
        self.expect("{", "Expecting '{'")
        if self.next_char() == "}":
            self._pos += 1
            return
        while True:
            if self.next_char() != '"':
                raise self.error("Expecting property name enclosed in double quotes")
            key = self.value()
            self.expect(":", "Expecting ':' delimiter")
            yield key
            char = self.next_char()
            self._pos += 1
            if char == "}":
                return
            if char != ",":
                raise self.error("Expecting ',' delimiter", self._pos - 1)

    def skip(self) -> None:
        """Move past the value at the position; a list item by item, so a long one costs no memory."""
        if self.next_char() == "[":
            for _ in self.items():
                pass
        else:
            self.value()

    def end(self) -> None:
        """Refuse anything but white space after the top-level value."""
        if self.next_char():
            raise self.error("Extra data")


class JsonImportFile:
    """A format-v1 JSON file opened for a streaming import: the header, then the records, then the notes."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.size = check_importable(self.path)
        self._current: JsonText | None = None
        # What the records pass leaves to the notes pass: the text and the rest of the top level.
        self._rest: tuple[JsonText, Iterator[str]] | None = None
        self._notes_before_records = False

    @property
    def bytes_read(self) -> int:
        """How far the current pass has read, for progress."""
        return self._current.reader.bytes_read if self._current is not None else 0

    def _open(self, *, keep_current: bool = False) -> JsonText:
        if not keep_current:
            self.close()
        self._current = JsonText(self.path)
        return self._current

    def close(self) -> None:
        """Let go of the file (the passes do when they end or fail)."""
        if self._current is not None:
            self._current.close()
        self._rest = None

    @contextlib.contextmanager
    def _syntax_errors(self, text: JsonText) -> Iterator[None]:
        try:
            yield
        except JsonSyntaxError as error:
            text.close()
            raise ImportFileError(self._syntax_message(error)) from None
        except BaseException:
            text.close()
            raise

    def _syntax_message(self, error: JsonSyntaxError) -> str:
        if self.size <= EXACT_ERROR_LIMIT:
            try:
                json.loads(self.path.read_bytes().decode("utf-8-sig"))
            except json.JSONDecodeError as exact:
                return f"{self.path} is not valid JSON: {exact.msg} at line {exact.lineno}, column {exact.colno}"
            except (ValueError, RecursionError):
                pass
        return f"{self.path} is not valid JSON: {error}"

    def _top_level(self, text: JsonText) -> Iterator[str]:
        first = text.next_char()
        if first != "{":
            if first != "[":
                text.value()  # not JSON at all is a syntax error
            raise ImportFileError("not a casenotes file: the top level must be a JSON object")
        return text.members()

    def check_header(self) -> None:
        """Refuse anything but a casenotes format-v1 object whose ``records`` is a list.

        Reads only as far as it needs: in files casenotes writes, the first few bytes.
        """
        header: dict[str, object] = {}
        list_keys: dict[str, bool] = {}
        text = self._open()
        with self._syntax_errors(text):
            for key in self._top_level(text):
                if key in ("format", "version") and key not in header:
                    value = text.value()
                    header[key] = type(value)() if isinstance(value, (dict, list)) else value
                    if "format" in header and "version" in header and "records" in list_keys:
                        break
                    continue
                if key in ("records", "notes") and key not in list_keys:
                    list_keys[key] = text.next_char() == "["
                    if "format" in header and "version" in header and key == "records":
                        break
                text.skip()
            text.close()
        check_header(header.get("format"), header.get("version"))
        for key, is_list in list_keys.items():
            if not is_list:
                raise ImportFileError(f'"{key}" must be a list')

    def records(self) -> Iterator[object]:
        """The items of the top-level ``records`` list, in file order."""
        text = self._open()
        with self._syntax_errors(text):
            members = self._top_level(text)
            for key in members:
                if key == "records":
                    if text.next_char() != "[":
                        raise ImportFileError('"records" must be a list')
                    yield from text.items()
                    break
                self._notes_before_records |= key == "notes"
                text.skip()
            self._rest = (text, members)

    def notes(self) -> Iterator[object]:
        """The items of the top-level ``notes`` list, in file order (after :meth:`records`)."""
        rest, self._rest = self._rest, None
        if rest is None or self._notes_before_records:
            yield from self._notes_before(stop_at_records=rest is not None)
        if rest is None:
            return
        text, members = rest
        self._current = text
        with self._syntax_errors(text):
            for key in members:
                if key == "notes":
                    yield from self._note_items(text)
                else:
                    text.skip()
            text.end()
            text.close()

    def _notes_before(self, *, stop_at_records: bool) -> Iterator[object]:
        """A pass of its own for notes that come before the records (or for a file read only for notes)."""
        text = self._open(keep_current=True)
        with self._syntax_errors(text):
            for key in self._top_level(text):
                if key == "records" and stop_at_records:
                    break
                if key == "notes":
                    yield from self._note_items(text)
                else:
                    text.skip()
            else:
                text.end()
            text.close()

    @staticmethod
    def _note_items(text: JsonText) -> Iterator[object]:
        if text.next_char() != "[":
            raise ImportFileError('"notes" must be a list')
        yield from text.items()
