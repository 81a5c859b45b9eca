"""Where casenotes keeps its data, and where it finds the files it ships with."""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

import platformdirs

from casenotes import APP_NAME

DATA_DIR_ENV = "CASENOTES_DATA_DIR"
DATABASE_NAME = "casenotes.db"
PRIVATE_DIR_MODE = 0o700


def default_data_dir() -> Path:
    """The per-user data directory, unless ``CASENOTES_DATA_DIR`` names another."""
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(chosen: str | os.PathLike[str] | None) -> Path:
    """The data directory to use: the one given on the command line, else the default."""
    if chosen:
        return Path(chosen).expanduser()
    return default_data_dir()


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the owner only, if it does not exist yet."""
    if not path.exists():
        # mkdir applies the umask; pass the mode and then set it explicitly so a
        # permissive umask cannot widen it.
        path.mkdir(mode=PRIVATE_DIR_MODE, parents=True, exist_ok=True)
        os.chmod(path, PRIVATE_DIR_MODE)
    return path


def database_path(data_dir: Path) -> Path:
    return data_dir / DATABASE_NAME


def resource_path(name: str) -> Path:
    """Path of a file shipped in ``resources/``.

    Works from a source checkout, an installed wheel (where ``resources/`` is the
    ``casenotes.resources`` package) and a PyInstaller bundle.
    """
    for base in _resource_roots():
        candidate = base / name
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"casenotes resource not found: {name}")


def _resource_roots() -> list[Path]:
    roots: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        roots.append(Path(frozen_root) / "casenotes" / "resources")
    try:
        packaged = resources.files("casenotes.resources")
    except ModuleNotFoundError:
        packaged = None
    if packaged is not None:
        roots.append(Path(str(packaged)))
    roots.append(Path(__file__).resolve().parent.parent / "resources")
    return roots
