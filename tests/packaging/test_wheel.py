"""The sdist and wheel from ``python -m build``, and the wheel installed in a clean venv."""

from __future__ import annotations

import email
import tarfile
import zipfile

import pytest

from casenotes.ui.icons import ICON_SIZES, icon_resource
from tests.packaging.conftest import app_env, run

pytestmark = pytest.mark.packaging

RESOURCE_FILES = [
    "LICENSE", "seed/casenotes-seed.json", "io.github.casenotes.Casenotes.desktop",
    "io.github.casenotes.Casenotes.metainfo.xml", icon_resource(None),
    *(icon_resource(size) for size in ICON_SIZES),
]


def test_the_wheel_carries_every_resource(distributions):
    names = set(zipfile.ZipFile(distributions.wheel).namelist())
    missing = [name for name in RESOURCE_FILES if f"casenotes/resources/{name}" not in names]
    assert missing == []


def test_the_sdist_carries_every_resource(distributions, pyproject_version):
    with tarfile.open(distributions.sdist) as sdist:
        names = set(sdist.getnames())
    top = f"casenotes-{pyproject_version}"
    missing = [name for name in RESOURCE_FILES if f"{top}/resources/{name}" not in names]
    assert missing == []
    assert f"{top}/pyproject.toml" in names
    assert [n for n in names if "__pycache__" in n or n.endswith(".pyc")] == []


def test_the_wheel_holds_no_build_leftovers(distributions):
    names = zipfile.ZipFile(distributions.wheel).namelist()
    assert [n for n in names if "__pycache__" in n or n.endswith((".pyc", ".egg-info"))] == []
    assert [n for n in names if n.split("/")[0] not in ("casenotes",) and ".dist-info/" not in n] == []


def test_the_wheel_metadata_has_the_version_and_the_license(distributions, pyproject_version):
    with zipfile.ZipFile(distributions.wheel) as wheel:
        info = f"casenotes-{pyproject_version}.dist-info"
        metadata = email.message_from_bytes(wheel.read(f"{info}/METADATA"))
        license_text = wheel.read(f"{info}/licenses/resources/LICENSE").decode()
    assert metadata["Version"] == pyproject_version
    assert metadata["License-Expression"] == "MIT"
    assert "casenotes developers" in license_text


def test_the_installed_wheel_searches_the_seed(wheel_install, tmp_path):
    data_dir = tmp_path / "TMP"
    result = run([wheel_install.casenotes, "--data-dir", data_dir, "search", "blackshades"],
                 cwd=tmp_path, env=app_env())
    assert "BlackShades malware arrests" in result.stdout
    assert "blackshades-arrests-2014" in result.stdout


def test_the_installed_wheel_reports_the_pyproject_version(wheel_install, pyproject_version, tmp_path):
    result = run([wheel_install.casenotes, "--version"], cwd=tmp_path, env=app_env())
    assert result.stdout.strip() == f"casenotes {pyproject_version}"


def test_the_installed_wheel_passes_the_smoke_test(wheel_install, tmp_path):
    result = run([wheel_install.casenotes, "--smoke"], cwd=tmp_path, env=app_env())
    assert "smoke test passed" in result.stdout
    assert f"resources: {wheel_install.site_packages() / 'casenotes' / 'resources'} " in result.stdout
