"""resource_path finds what casenotes ships, from a checkout, an installed wheel and the frozen app."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casenotes.paths import resource_path
from casenotes.store.seed import SEED_RESOURCE
from casenotes.ui.about import LICENSE_RESOURCE
from casenotes.ui.icons import ICON_SIZES, icon_resource
from tests.packaging.conftest import RESOURCES, ROOT, app_env, run

pytestmark = pytest.mark.packaging

RUN_TIME_RESOURCES = [SEED_RESOURCE, LICENSE_RESOURCE, *(icon_resource(size) for size in ICON_SIZES)]
SHIPPED_RESOURCES = [
    *RUN_TIME_RESOURCES, icon_resource(None),
    "io.github.casenotes.Casenotes.desktop", "io.github.casenotes.Casenotes.metainfo.xml",
]


@pytest.mark.parametrize("name", SHIPPED_RESOURCES)
def test_resource_path_finds_each_resource_in_the_checkout(name):
    assert resource_path(name) == RESOURCES / name


def test_a_missing_resource_is_a_clear_error():
    with pytest.raises(FileNotFoundError, match="casenotes resource not found: seed/nothing.json"):
        resource_path("seed/nothing.json")


def test_resource_path_finds_each_resource_in_the_installed_wheel(wheel_install, tmp_path):
    script = "import sys\nfrom casenotes.paths import resource_path\nfor n in sys.argv[1:]: print(resource_path(n))"
    result = run([wheel_install.python, "-c", script, *SHIPPED_RESOURCES], cwd=tmp_path, env=app_env())
    found = [Path(line) for line in result.stdout.splitlines()]
    installed = wheel_install.site_packages() / "casenotes" / "resources"
    assert found == [installed / name for name in SHIPPED_RESOURCES]
    assert all(path.is_file() and not path.is_relative_to(ROOT) for path in found)


def test_resource_path_finds_the_run_time_resources_in_the_frozen_app(frozen_app, tmp_path):
    result = run([frozen_app.program, "--smoke"], cwd=tmp_path, env=app_env())
    match = re.search(r"^resources: (.+) \((\d+) files found\)$", result.stdout, re.MULTILINE)
    assert match, result.stdout
    assert Path(match.group(1)) == frozen_app.folder / "_internal" / "casenotes" / "resources"
    assert int(match.group(2)) == len(RUN_TIME_RESOURCES)
    for name in RUN_TIME_RESOURCES:
        assert (Path(match.group(1)) / name).is_file(), name
