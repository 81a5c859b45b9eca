"""SHA-256 manifests of exported files, in the format ``sha256sum -c`` checks."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

from casenotes.store.interchange.atomic_file import ExportError, atomic_text_file

_CHUNK = 1024 * 1024


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file's bytes, as hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def manifest_line(digest: str, name: str) -> str:
    """One ``sha256sum`` line; names with a backslash or line break are escaped as coreutils does."""
    if "\\" in name or "\n" in name or "\r" in name:
        escaped = name.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
        return f"\\{digest}  {escaped}\n"
    return f"{digest}  {name}\n"


def write_manifest(manifest: Path, files: Sequence[Path]) -> None:
    """Write the SHA-256 of each file to ``manifest``, named relative to the manifest's folder.

    So ``cd FOLDER-OF-MANIFEST && sha256sum -c MANIFEST`` checks them. Written atomically.
    """
    manifest = Path(manifest)
    folder = (manifest.parent if str(manifest.parent) else Path(".")).resolve()
    try:
        lines = [manifest_line(sha256_of(path), os.path.relpath(Path(path).resolve(), folder)) for path in files]
    except OSError as error:
        raise ExportError(f"cannot read {error.filename} for the manifest: {error.strerror or error}") from None
    with atomic_text_file(manifest) as out:
        out.writelines(lines)
