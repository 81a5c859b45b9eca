# casenotes: `make run` opens the app, `make test` runs the whole suite.
# Both create .venv and install the project into it on first use, and skip that
# step afterwards until pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run test lint bench clean

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "casenotes needs Python 3.11 or newer (set PYTHON=...)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

run: $(INSTALLED)
	$(BIN)/casenotes

lint: $(INSTALLED)
	$(BIN)/lint-imports

test: $(INSTALLED) lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# The benchmark of issue 8 (docs/performance.md): generated stores of 10k, 100k and 1M
# records (cached in bench/cache/), every figure against a baseline; writes
# bench/results.json and the table in docs/performance.md. BENCH_ARGS="--sizes 10000 --quick"
# for a short try. The older single-purpose benchmarks stay runnable on their own.
bench: $(INSTALLED)
	$(BIN)/python bench/performance.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build dist *.egg-info

# ---- packaging (docs: README "Installing"; packaging/) -------------------------------
# make package: the one-folder desktop app in dist/casenotes plus a .tar.gz of it.
# make wheel: the sdist and wheel in dist/. make install-desktop: menu entry and icons
# for the current user, starting $(CASENOTES) (default: the one in .venv; point it at
# dist/casenotes/casenotes or another install to use that).
VERSION = $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
PACKAGE_DIST ?= dist
PACKAGE_WORK ?= build/pyinstaller
PACKAGE_APP = $(PACKAGE_DIST)/casenotes/casenotes
PACKAGE_GZIP ?= gzip -6
PACKAGE_ARCHIVE = $(PACKAGE_DIST)/casenotes-$(VERSION)-linux-$(shell uname -m).tar.gz
CASENOTES ?= $(abspath $(BIN)/casenotes)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: package wheel install-desktop uninstall-desktop desktop-tools validate-desktop

package: $(INSTALLED)
	rm -rf $(PACKAGE_DIST)/casenotes $(PACKAGE_WORK) $(PACKAGE_ARCHIVE)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath $(PACKAGE_DIST) --workpath $(PACKAGE_WORK) packaging/casenotes.spec
	$(PACKAGE_APP) --version
	$(PACKAGE_APP) --smoke
	tar -C $(PACKAGE_DIST) -I '$(PACKAGE_GZIP)' -cf $(PACKAGE_ARCHIVE) casenotes
	@du -sh $(PACKAGE_DIST)/casenotes $(PACKAGE_ARCHIVE)

WHEEL_DIST ?= dist
wheel: $(INSTALLED)
	@# Byte code Python wrote next to resources/__init__.py would end up in the sdist.
	find resources -name __pycache__ -prune -exec rm -rf {} +
	$(BIN)/python -m build --outdir $(WHEEL_DIST) .

install-desktop: $(INSTALLED)
	$(BIN)/python packaging/desktop_integration.py install --exec "$(CASENOTES)"

uninstall-desktop:
	$(PYTHON) packaging/desktop_integration.py uninstall

# desktop-file-validate and appstreamcli are Debian packages; the tests run both.
desktop-tools:
	@command -v desktop-file-validate >/dev/null && command -v appstreamcli >/dev/null || { \
	  echo "installing desktop-file-utils and appstream (Debian packages) for the validators"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends desktop-file-utils appstream; }

validate-desktop: desktop-tools
	desktop-file-validate resources/io.github.casenotes.Casenotes.desktop
	appstreamcli validate --no-net resources/io.github.casenotes.Casenotes.metainfo.xml

# The packaging tests need the validators: this line makes them a prerequisite of test.
test: desktop-tools

.PHONY: eval-extract
# Precision and recall of "article to record" per field (bench/extract_eval.py).
eval-extract: $(INSTALLED)
	$(BIN)/python bench/extract_eval.py
