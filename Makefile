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

bench: $(INSTALLED)
	$(BIN)/python bench/import_bench.py --csv

clean:
	rm -rf $(VENV) build dist *.egg-info
