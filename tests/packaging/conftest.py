"""Fixtures for the packaging tests: the built sdist and wheel, a clean venv, the frozen app.

Each is built once per test session. Select these tests with ``-m packaging`` (or leave
them out with ``-m "not packaging"``); ``make test`` runs them. Nothing here skips: a
missing tool is a failure with a message saying how to get it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import venv
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
BUILD_TIMEOUT_S = 600


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "packaging: builds or checks the wheel, sdist, frozen app or desktop files",
    )


def run(command: list[str | Path], *, cwd: Path | None = None, env: dict | None = None,
        timeout: float = 120, check: bool = True) -> subprocess.CompletedProcess:
    """Run a command, failing the test with its output if it fails and ``check`` is set."""
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
    )
    if check and result.returncode != 0:
        pytest.fail(
            f"{' '.join(map(str, command))} exited {result.returncode}\n"
            f"--- stdout ---\n{result.stdout[-4000:]}\n--- stderr ---\n{result.stderr[-4000:]}"
        )
    return result


def require_tool(name: str, how: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed; {how}")
    return path


@pytest.fixture(scope="session")
def pyproject_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


@dataclass
class Distributions:
    sdist: Path
    wheel: Path


@dataclass
class WheelInstall:
    """A fresh virtual environment with nothing but the wheel and its dependencies."""

    prefix: Path
    python: Path
    casenotes: Path

    def site_packages(self) -> Path:
        return next((self.prefix / "lib").glob("python3*/site-packages"))


@dataclass
class FrozenApp:
    folder: Path  # dist/casenotes
    program: Path
    archive: Path


def build_distributions(out: Path) -> Distributions:
    """``make wheel`` (``python -m build``): the sdist, and the wheel built from it."""
    run(["make", "-C", ROOT, "wheel", f"WHEEL_DIST={out}"], timeout=BUILD_TIMEOUT_S)
    sdists, wheels = sorted(out.glob("*.tar.gz")), sorted(out.glob("*.whl"))
    assert len(sdists) == 1 and len(wheels) == 1, sorted(out.iterdir())
    return Distributions(sdists[0], wheels[0])


def install_wheel(wheel: Path, prefix: Path) -> WheelInstall:
    venv.EnvBuilder(with_pip=False).create(prefix)
    python = prefix / "bin" / "python"
    # This environment's pip installs into the new one (and reuses its download cache).
    run([sys.executable, "-m", "pip", "--python", python, "install", "--quiet",
         "--disable-pip-version-check", "--no-compile", wheel], timeout=BUILD_TIMEOUT_S)
    return WheelInstall(prefix, python, prefix / "bin" / "casenotes")


def build_frozen_app(out: Path, version: str) -> FrozenApp:
    """``make package`` with its output in ``out`` instead of dist/."""
    # Fastest gzip level: the test checks the archive's contents, not how small it is.
    run(["make", "-C", ROOT, "package", f"PACKAGE_DIST={out / 'dist'}", f"PACKAGE_WORK={out / 'work'}",
         "PACKAGE_GZIP=gzip -1"], timeout=BUILD_TIMEOUT_S)
    archives = sorted((out / "dist").glob(f"casenotes-{version}-linux-*.tar.gz"))
    assert len(archives) == 1, sorted((out / "dist").iterdir())
    folder = out / "dist" / "casenotes"
    return FrozenApp(folder, folder / "casenotes", archives[0])


@pytest.fixture(scope="session")
def _builds(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
            pyproject_version: str) -> dict[str, Future]:
    """Start, side by side, only the builds that the selected tests use (they take ~30 s each)."""
    wanted = {name for item in request.session.items for name in getattr(item, "fixturenames", ())}
    pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="packaging-build")
    futures: dict[str, Future] = {}
    if "frozen_app" in wanted:
        require_tool("make", "install make (Debian: apt-get install make)")
        futures["frozen_app"] = pool.submit(build_frozen_app, tmp_path_factory.mktemp("package"), pyproject_version)
    if wanted & {"distributions", "wheel_install"}:
        require_tool("make", "install make (Debian: apt-get install make)")
        dist_dir, prefix = tmp_path_factory.mktemp("dist"), tmp_path_factory.mktemp("wheel-venv")

        def wheel_then_install() -> tuple[Distributions, WheelInstall]:
            built = build_distributions(dist_dir)
            return built, install_wheel(built.wheel, prefix)

        futures["wheel"] = pool.submit(wheel_then_install)
    yield futures
    pool.shutdown(wait=True, cancel_futures=True)


@pytest.fixture(scope="session")
def distributions(_builds: dict[str, Future]) -> Distributions:
    return _builds["wheel"].result()[0]


@pytest.fixture(scope="session")
def wheel_install(_builds: dict[str, Future]) -> WheelInstall:
    return _builds["wheel"].result()[1]


@pytest.fixture(scope="session")
def frozen_app(_builds: dict[str, Future]) -> FrozenApp:
    return _builds["frozen_app"].result()


def app_env(**overrides: str) -> dict[str, str]:
    """The environment for running an installed or frozen casenotes: headless, no checkout on the path."""
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(overrides)
    return env
