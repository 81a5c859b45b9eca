"""The .desktop file and AppStream metainfo: valid, consistent with each other and the code."""

from __future__ import annotations

import configparser
import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from casenotes import APP_ID
from tests.packaging.conftest import RESOURCES, ROOT, require_tool, run

pytestmark = pytest.mark.packaging

DESKTOP = RESOURCES / f"{APP_ID}.desktop"
METAINFO = RESOURCES / f"{APP_ID}.metainfo.xml"
CHANGELOG = ROOT / "docs" / "CHANGELOG.md"
INSTALL_HINT = "run 'make desktop-tools' (it installs the Debian packages desktop-file-utils and appstream)"


def desktop_file_validate(path: Path, *, check: bool = True):
    return run([require_tool("desktop-file-validate", INSTALL_HINT), path], check=check)


def appstream_validate(path: Path, *, check: bool = True):
    return run([require_tool("appstreamcli", INSTALL_HINT), "validate", "--no-net", path], check=check)


def desktop_entry(path: Path = DESKTOP) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_file_passes_desktop_file_validate():
    result = desktop_file_validate(DESKTOP)
    assert "error" not in (result.stdout + result.stderr).lower()


def test_desktop_file_validate_catches_a_broken_desktop_file(tmp_path: Path):
    broken = tmp_path / DESKTOP.name
    broken.write_text(DESKTOP.read_text().replace("Type=Application\n", "Type=Program\n"))
    assert desktop_file_validate(broken, check=False).returncode != 0


def test_the_metainfo_passes_appstreamcli_validate():
    result = appstream_validate(METAINFO)
    assert "Validation was successful" in result.stdout


def test_appstreamcli_catches_a_broken_metainfo(tmp_path: Path):
    broken = tmp_path / METAINFO.name
    broken.write_text(re.sub(r"<summary>.*?</summary>", "", METAINFO.read_text(), flags=re.S))
    assert appstream_validate(broken, check=False).returncode != 0


def test_one_app_id_names_the_desktop_file_metainfo_and_icon():
    metainfo = ET.parse(METAINFO).getroot()
    assert metainfo.findtext("id") == APP_ID
    assert metainfo.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    assert desktop_entry()["Icon"] == APP_ID
    assert (RESOURCES / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    integration = (ROOT / "packaging" / "desktop_integration.py").read_text()
    assert f'APP_ID = "{APP_ID}"' in integration


def test_the_desktop_file_starts_the_casenotes_command():
    entry = desktop_entry()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert entry["Exec"] == "casenotes" and "casenotes" in scripts
    assert entry["Terminal"] == "false"


def test_the_metainfo_declares_licenses_content_rating_and_a_screenshot():
    metainfo = ET.parse(METAINFO).getroot()
    assert metainfo.findtext("project_license") == "MIT"
    assert metainfo.findtext("metadata_license") == "CC0-1.0"
    assert metainfo.find("content_rating[@type='oars-1.1']") is not None
    image = metainfo.findtext("screenshots/screenshot/image")
    homepage = metainfo.findtext("url[@type='homepage']")
    assert image.startswith("https://") and image.endswith("/docs/screenshot.png")
    assert homepage.startswith("https://")
    assert (ROOT / "docs" / "screenshot.png").is_file()
    assert metainfo.findtext("provides/binary") == "casenotes"


def changelog_releases() -> list[tuple[str, str, list[str]]]:
    """(version, date, items) for each released version in docs/CHANGELOG.md, newest first."""
    releases: list[tuple[str, str, list[str]]] = []
    for line in CHANGELOG.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^## \[(?P<version>[^\]]+)\] - (?P<date>\d{4}-\d{2}-\d{2})$", line)
        if heading:
            releases.append((heading["version"], heading["date"], []))
        elif line.startswith("## "):
            releases.append(("unreleased", "", []))  # an Unreleased section: not in the metainfo
        elif line.startswith("- ") and releases:
            releases[-1][2].append(line[2:].replace("`", "").strip())
    return [release for release in releases if release[0] != "unreleased"]


def metainfo_releases() -> list[tuple[str, str, list[str]]]:
    root = ET.parse(METAINFO).getroot()
    return [
        (release.get("version"), release.get("date"),
         [" ".join("".join(item.itertext()).split()) for item in release.iterfind("description/ul/li")])
        for release in root.iterfind("releases/release")
    ]


def test_metainfo_release_notes_match_the_changelog():
    assert changelog_releases(), "docs/CHANGELOG.md has no released version"
    assert metainfo_releases() == changelog_releases()


def test_the_newest_release_is_the_pyproject_version():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert changelog_releases()[0][0] == version
