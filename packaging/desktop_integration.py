"""Add casenotes to the current user's application menu, or take it out again.

    python packaging/desktop_integration.py install --exec /path/to/casenotes
    python packaging/desktop_integration.py uninstall

``install`` writes the menu entry to ``$XDG_DATA_HOME/applications`` (default
``~/.local/share/applications``) with its ``Exec`` line pointing at the given program,
and copies the icons into ``$XDG_DATA_HOME/icons/hicolor``. ``uninstall`` removes those
files and nothing else: only files named after the casenotes app id. ``make
install-desktop`` and ``make uninstall-desktop`` run this script.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

APP_ID = "io.github.casenotes.Casenotes"  # casenotes.APP_ID; repeated so this runs without casenotes installed
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
DESKTOP_FILE = f"{APP_ID}.desktop"
ICON_SUFFIXES = (".png", ".svg")

# Characters that make the Desktop Entry spec require a quoted Exec argument.
_NEEDS_QUOTES = re.compile(r"[\s\"'\\><~|&;$*?#()`]")


class IntegrationError(Exception):
    """Something the user can fix; the message is one line."""


def data_home() -> Path:
    """``$XDG_DATA_HOME`` if set to an absolute path (as the XDG spec says), else ``~/.local/share``."""
    configured = os.environ.get("XDG_DATA_HOME", "")
    if configured and Path(configured).is_absolute():
        return Path(configured)
    return Path.home() / ".local" / "share"


def exec_argument(program: Path) -> str:
    """``program`` as one argument of a desktop file's Exec key, quoted and escaped per the spec."""
    text = str(program).replace("%", "%%")
    if _NEEDS_QUOTES.search(text):
        for special in ("\\", '"', "`", "$"):
            text = text.replace(special, "\\" + special)
        text = f'"{text}"'
    # The Exec value is itself a desktop-file string, where a backslash is written twice.
    return text.replace("\\", "\\\\")


def desktop_entry(program: Path) -> str:
    """The shipped desktop file with Exec and TryExec naming ``program``."""
    template = (RESOURCES / DESKTOP_FILE).read_text(encoding="utf-8")
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_argument(program)}"
        elif line.startswith("TryExec="):
            line = f"TryExec={str(program).replace(chr(92), chr(92) * 2)}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def shipped_icons() -> list[Path]:
    """The icon files in resources/icons/hicolor, relative to it."""
    hicolor = RESOURCES / "icons" / "hicolor"
    return sorted(
        path.relative_to(hicolor)
        for path in hicolor.glob(f"*/apps/{APP_ID}.*")
        if path.suffix in ICON_SUFFIXES
    )


def _write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def install(program: Path, home: Path) -> list[Path]:
    """Install the menu entry and icons under ``home``; return the files written."""
    program = program.expanduser()
    if not program.is_absolute():
        raise IntegrationError(f"the program must be given as an absolute path, not {program}")
    if not (program.is_file() and os.access(program, os.X_OK)):
        raise IntegrationError(f"{program} is not an executable file (run 'make' first, or pass CASENOTES=...)")
    written = []
    desktop_target = home / "applications" / DESKTOP_FILE
    _write_atomically(desktop_target, desktop_entry(program).encode("utf-8"))
    written.append(desktop_target)
    hicolor = home / "icons" / "hicolor"
    for icon in shipped_icons():
        target = hicolor / icon
        _write_atomically(target, (RESOURCES / "icons" / "hicolor" / icon).read_bytes())
        written.append(target)
    return written


def installed_files(home: Path) -> list[Path]:
    """The casenotes files now under ``home``: our desktop entry and our icons, nothing else."""
    found = [home / "applications" / DESKTOP_FILE]
    found += (home / "icons" / "hicolor").glob(f"*/apps/{APP_ID}.*")
    return sorted(path for path in found if path.is_file() and (path.suffix in ICON_SUFFIXES or path.name == DESKTOP_FILE))


def uninstall(home: Path) -> list[Path]:
    """Remove what :func:`install` put under ``home``; return the files removed."""
    removed = installed_files(home)
    for path in removed:
        path.unlink()
    return removed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Add casenotes to your application menu, or remove it.")
    actions = parser.add_subparsers(dest="action", required=True)
    install_parser = actions.add_parser("install", help="install the menu entry and icons")
    install_parser.add_argument("--exec", dest="program", type=Path, required=True,
                                help="absolute path of the casenotes program the menu entry starts")
    actions.add_parser("uninstall", help="remove the menu entry and icons")
    args = parser.parse_args(argv)
    home = data_home()
    try:
        if args.action == "install":
            files = install(args.program, home)
            print(f"installed the casenotes menu entry ({len(files)} files under {home}), starting {args.program}")
        else:
            files = uninstall(home)
            print(f"removed {len(files)} casenotes files from {home}" if files else f"no casenotes files under {home}")
    except (IntegrationError, OSError) as error:
        print(f"desktop_integration: error: {error}", file=sys.stderr)
        return 2
    for path in files:
        print(f"  {path}")
    # No cache refresh: menus watch ~/.local/share/applications and the icon theme
    # folders themselves, and a cache we wrote would be a file uninstall must not leave.
    return 0


if __name__ == "__main__":
    sys.exit(main())
