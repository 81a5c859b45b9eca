"""The one-folder app that ``make package`` builds with PyInstaller."""

from __future__ import annotations

import tarfile

import pytest

from tests.packaging.conftest import app_env, run

pytestmark = pytest.mark.packaging

# Qt libraries and plugins the app does not use; the spec leaves them out.
LEFT_OUT = [
    "libQt6Qml", "libQt6Quick", "libQt6Svg", "libQt6Pdf", "libQt6Sql",
    "libqgtk3", "libcairo", "libpango", "libqeglfs", "libqvnc",
]


def test_frozen_app_reports_the_pyproject_version(frozen_app, pyproject_version, tmp_path):
    result = run([frozen_app.program, "--version"], cwd=tmp_path, env=app_env())
    assert result.stdout.strip() == f"casenotes {pyproject_version}"


def test_frozen_app_passes_the_smoke_test(frozen_app, pyproject_version, tmp_path):
    result = run([frozen_app.program, "--smoke"], cwd=tmp_path, env=app_env(QT_QPA_PLATFORM="xcb", DISPLAY=""))
    assert f"casenotes {pyproject_version} smoke test passed" in result.stdout
    assert "note saved on blackshades-arrests-2014 and found by search" in result.stdout
    assert "Qt platform: offscreen" in result.stdout
    assert result.stderr == ""


def test_frozen_app_searches_a_store_from_the_command_line(frozen_app, tmp_path):
    data_dir = tmp_path / "data"
    result = run([frozen_app.program, "--data-dir", data_dir, "search", "blackshades"], cwd=tmp_path, env=app_env())
    assert "BlackShades malware arrests" in result.stdout
    assert (data_dir / "casenotes.db").is_file()


def test_frozen_app_fails_its_smoke_test_without_its_seed(frozen_app, tmp_path):
    seed = frozen_app.folder / "_internal" / "casenotes" / "resources" / "seed" / "casenotes-seed.json"
    hidden = seed.with_name("hidden-by-test.json")
    seed.rename(hidden)
    try:
        result = run([frozen_app.program, "--smoke"], cwd=tmp_path, env=app_env(), check=False)
    finally:
        hidden.rename(seed)
    assert result.returncode == 1
    assert result.stderr.startswith("casenotes: smoke test failed:")
    assert "seed/casenotes-seed.json" in result.stderr


def test_frozen_app_leaves_out_the_qt_modules_it_does_not_use(frozen_app):
    names = [path.name for path in frozen_app.folder.rglob("*") if path.is_file() or path.is_symlink()]
    for unused in LEFT_OUT:
        assert not [name for name in names if name.startswith(unused)], unused
    for needed in ("libQt6Widgets.so.6", "libQt6Network.so.6", "libqxcb.so", "libqwayland.so", "libqoffscreen.so"):
        assert needed in names, needed


def test_frozen_app_carries_no_paths_of_the_build_machine(frozen_app):
    info = next(frozen_app.folder.glob("_internal/casenotes-*.dist-info"))
    assert (info / "METADATA").is_file()
    assert not (info / "direct_url.json").exists() and not (info / "RECORD").exists()


def test_the_package_archive_holds_the_whole_app(frozen_app, pyproject_version):
    with tarfile.open(frozen_app.archive) as archive:
        members = set(archive.getnames())
    assert "casenotes/casenotes" in members
    assert "casenotes/_internal/casenotes/resources/seed/casenotes-seed.json" in members
    assert f"casenotes/_internal/casenotes-{pyproject_version}.dist-info/METADATA" in members
    on_disk = {str(p.relative_to(frozen_app.folder.parent)) for p in frozen_app.folder.rglob("*")}
    assert {m for m in members if m != "casenotes"} == on_disk
