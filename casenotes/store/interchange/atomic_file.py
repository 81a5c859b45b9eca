"""Writing a file so that it is either complete or not there: never half written."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from casenotes.store.errors import StoreError


class ExportError(StoreError):
    """An export that could not be written; any earlier file of that name is untouched."""


@contextlib.contextmanager
def atomic_text_file(path: Path) -> Iterator[TextIO]:
    """Open a UTF-8 text file that appears at ``path`` only once everything is written.

    The text goes to a private (0600) temporary file beside ``path``, which is flushed
    to disk and renamed over ``path``; on any error the temporary file is removed and
    ``path`` keeps what it had. Newlines are written as given.
    """
    path = Path(path)
    if path.is_dir():
        raise ExportError(f"cannot write {path}: it is a folder")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"cannot write {path}: the folder {folder} does not exist")
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as file:
            yield file
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except OSError as error:
        _remove(temporary)
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None
    except BaseException:
        _remove(temporary)
        raise
    _sync_folder(folder)


def _remove(temporary: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temporary)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself survive a power cut (POSIX; elsewhere a no-op)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
