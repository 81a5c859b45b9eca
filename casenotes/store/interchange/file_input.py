"""Opening a file to import: clear messages for what is not a readable UTF-8 file."""

from __future__ import annotations

import codecs
import io
import os
from pathlib import Path

from casenotes.store.interchange.document import ImportFileError

UTF8_BOM = codecs.BOM_UTF8
CHUNK_SIZE = 256 * 1024
SNIFF_SIZE = 4096


def check_importable(path: Path) -> int:
    """Return the size of ``path``, or raise :class:`ImportFileError` saying why it cannot be imported."""
    try:
        info = path.stat()
    except OSError as error:
        raise ImportFileError(f"cannot read {path}: {error.strerror or error}") from None
    if path.is_dir():
        raise ImportFileError(f"{path} is a folder, not a file: choose a .json or .csv file")
    if not os.access(path, os.R_OK):
        raise ImportFileError(f"cannot read {path}: permission denied")
    if info.st_size == 0:
        raise ImportFileError(f"{path} is empty")
    return info.st_size


class CheckedUtf8Reader(io.RawIOBase):
    """Reads a file's bytes, refusing bytes that are not UTF-8 as soon as they arrive.

    A leading byte-order mark is skipped. It counts bytes and lines read so far, so
    errors found by the parser on top can say where they are.
    """

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        try:
            self._file = open(path, "rb")  # noqa: SIM115 (closed in close())
        except OSError as error:
            raise ImportFileError(f"cannot read {path}: {error.strerror or error}") from None
        self._decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self.bytes_read = 0
        self.lines_read = 0  # newlines seen so far
        if self._file.read(len(UTF8_BOM)) != UTF8_BOM:
            self._file.seek(0)
        else:
            self.bytes_read = len(UTF8_BOM)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self._file.read(len(buffer))
        self._check(chunk)
        buffer[:len(chunk)] = chunk
        return len(chunk)

    def read(self, size: int = -1) -> bytes:
        chunk = self._file.read(size)
        self._check(chunk)
        return chunk

    def _check(self, chunk: bytes) -> None:
        try:
            self._decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as error:
            offset = self.bytes_read + error.start
            line = self.lines_read + chunk.count(b"\n", 0, max(error.start, 0)) + 1
            bad = error.object[error.start:error.start + 1].hex().upper() if error.start >= 0 else "?"
            raise ImportFileError(
                f"{self.path} is not UTF-8 text (byte 0x{bad} at line {line}, offset {offset}); "
                "save it as UTF-8 and import it again"
            ) from None
        self.bytes_read += len(chunk)
        self.lines_read += chunk.count(b"\n")

    def close(self) -> None:
        if not self.closed:
            self._file.close()
        super().close()


def text_reader(path: Path) -> io.TextIOWrapper:
    """The file as checked UTF-8 text with newlines untranslated (as the csv module wants)."""
    return io.TextIOWrapper(io.BufferedReader(CheckedUtf8Reader(path), CHUNK_SIZE), encoding="utf-8", newline="")


def sniff_format(path: Path) -> str:
    """'json' or 'csv': by the file's extension, else by its first non-blank character."""
    with open(path, "rb") as file:
        start = file.read(SNIFF_SIZE)
    content = start.removeprefix(UTF8_BOM).lstrip()
    if not content and len(start) < SNIFF_SIZE:
        raise ImportFileError(f"{path} is empty (it holds only blank space)")
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix == ".csv":
        return "csv"
    return "json" if content[:1] in (b"{", b"[") else "csv"
