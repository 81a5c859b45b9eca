"""``make install-desktop`` / ``make uninstall-desktop``: the menu entry and icons for one user."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from casenotes import APP_ID
from casenotes.ui.icons import ICON_SIZES
from tests.packaging.conftest import ROOT, require_tool, run
from tests.packaging.test_desktop_files import desktop_entry, desktop_file_validate

pytestmark = pytest.mark.packaging

INSTALLED_ICONS = [f"icons/hicolor/{s}x{s}/apps/{APP_ID}.png" for s in ICON_SIZES] + [
    f"icons/hicolor/scalable/apps/{APP_ID}.svg"
]
INSTALLED = sorted([f"applications/{APP_ID}.desktop", *INSTALLED_ICONS])


def fake_program(folder: Path, name: str = "casenotes") -> Path:
    """An executable standing in for an installed casenotes."""
    folder.mkdir(parents=True, exist_ok=True)
    program = folder / name
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


def make(target: str, home: Path, *, xdg_data_home: Path | None, check: bool = True, **variables: str):
    env = {key: value for key, value in os.environ.items() if key != "XDG_DATA_HOME"}
    env["HOME"] = str(home)
    if xdg_data_home is not None:
        env["XDG_DATA_HOME"] = str(xdg_data_home)
    command = [require_tool("make", "install make"), "-s", "-C", ROOT, target]
    command += [f"{key}={value}" for key, value in variables.items()]
    return run(command, env=env, check=check)


def exec_arguments(value: str) -> list[str]:
    """Split a desktop file's Exec value as the Desktop Entry spec says a launcher does."""
    value = value.replace("\\\\", "\\")  # the string-level escape: \\ is one backslash
    arguments, current, quoted, index = [], "", False, 0
    while index < len(value):
        char = value[index]
        if quoted and char == "\\" and value[index + 1] in '"`$\\':
            current, index = current + value[index + 1], index + 2
            continue
        if char == '"':
            quoted = not quoted
        elif char == " " and not quoted:
            arguments.append(current)
            current = ""
        else:
            current += char
        index += 1
    assert not quoted, f"unbalanced quotes in Exec={value}"
    return [argument.replace("%%", "%") for argument in arguments + [current] if argument]


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_install_desktop_puts_the_entry_and_icons_in_xdg_data_home(tmp_path):
    home, data_home = tmp_path / "home", tmp_path / "xdg"
    program = fake_program(tmp_path / "bin")
    make("install-desktop", home, xdg_data_home=data_home, CASENOTES=str(program))
    assert files_under(data_home) == INSTALLED
    entry = desktop_entry(data_home / "applications" / f"{APP_ID}.desktop")
    assert exec_arguments(entry["Exec"]) == [str(program)]
    assert entry["TryExec"] == str(program)
    assert entry["Icon"] == APP_ID
    assert not home.exists() or files_under(home) == []


def test_install_desktop_without_xdg_data_home_uses_home_local_share(tmp_path):
    home = tmp_path / "home"
    program = fake_program(tmp_path / "bin")
    make("install-desktop", home, xdg_data_home=None, CASENOTES=str(program))
    assert files_under(home / ".local" / "share") == INSTALLED


def test_install_desktop_defaults_to_the_casenotes_in_the_venv(tmp_path):
    data_home = tmp_path / "xdg"
    make("install-desktop", tmp_path / "home", xdg_data_home=data_home)
    entry = desktop_entry(data_home / "applications" / f"{APP_ID}.desktop")
    assert exec_arguments(entry["Exec"]) == [str(ROOT / ".venv" / "bin" / "casenotes")]


def test_a_program_path_with_spaces_is_quoted_and_the_entry_stays_valid(tmp_path):
    data_home = tmp_path / "xdg"
    program = fake_program(tmp_path / "My Apps" / "case notes")
    make("install-desktop", tmp_path / "home", xdg_data_home=data_home, CASENOTES=str(program))
    installed = data_home / "applications" / f"{APP_ID}.desktop"
    desktop_file_validate(installed)
    assert exec_arguments(desktop_entry(installed)["Exec"]) == [str(program)]


@pytest.mark.parametrize("name", ['quote"d', "dollar$HOME", "back\\slash", "per%cent", "tick`s"])
def test_characters_the_desktop_spec_reserves_are_escaped_in_exec(tmp_path, name):
    data_home = tmp_path / "xdg"
    program = fake_program(tmp_path / name)
    env = {**os.environ, "HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(data_home)}
    run([sys.executable, ROOT / "packaging" / "desktop_integration.py", "install", "--exec", program], env=env)
    installed = data_home / "applications" / f"{APP_ID}.desktop"
    desktop_file_validate(installed)
    assert exec_arguments(desktop_entry(installed)["Exec"]) == [str(program)]


def test_install_desktop_refuses_a_program_that_is_not_there(tmp_path):
    data_home = tmp_path / "xdg"
    result = make("install-desktop", tmp_path / "home", xdg_data_home=data_home, check=False,
                  CASENOTES=str(tmp_path / "no-such-casenotes"))
    assert result.returncode != 0
    assert "is not an executable file" in result.stderr
    assert not data_home.exists()


def test_uninstall_desktop_removes_exactly_what_install_put_there(tmp_path):
    home, data_home = tmp_path / "home", tmp_path / "xdg"
    others = {
        "applications/org.example.Other.desktop": "[Desktop Entry]\n",
        "icons/hicolor/48x48/apps/org.example.Other.png": "not ours",
        "icons/hicolor/48x48/apps/casenotes-notes.png": "not ours either",
    }
    for name, text in others.items():
        (data_home / name).parent.mkdir(parents=True, exist_ok=True)
        (data_home / name).write_text(text)
    before = files_under(data_home)
    make("install-desktop", home, xdg_data_home=data_home, CASENOTES=str(fake_program(tmp_path / "bin")))
    assert files_under(data_home) == sorted(before + INSTALLED)
    result = make("uninstall-desktop", home, xdg_data_home=data_home)
    assert files_under(data_home) == before
    assert f"removed {len(INSTALLED)} casenotes files" in result.stdout
    for name, text in others.items():
        assert (data_home / name).read_text() == text


def test_uninstall_desktop_with_nothing_installed_changes_nothing(tmp_path):
    data_home = tmp_path / "xdg"
    result = make("uninstall-desktop", tmp_path / "home", xdg_data_home=data_home)
    assert "no casenotes files" in result.stdout
    assert not data_home.exists()
