# The two commands of the README: `make site` and `make test`, on a fresh clone.
# Both create .venv on first use and reinstall when pyproject.toml changes.
# `make test` runs pytest on every core (pytest-xdist); a bare `pytest` stays in one process.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test lint browser serve clean

site: $(VENV)/.site-installed
	$(BIN)/muqabala build

test: $(VENV)/.test-installed browser
	$(BIN)/muqabala schema --check
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest -n auto
	$(BIN)/muqabala build
	$(BIN)/muqabala links

serve: $(VENV)/.site-installed
	$(BIN)/muqabala serve

lint: $(VENV)/.test-installed
	$(BIN)/ruff check scripts tests
	$(BIN)/ruff format --check scripts tests
	$(BIN)/mypy
	$(BIN)/lint-imports

# Debian's Chromium for the real-browser tests; test tools never download their own browser.
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then \
		echo "Installing Debian's chromium and chromium-driver"; \
		$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.site-installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e ".[test]"
	touch $@ $(VENV)/.site-installed

# The generated pages, as listed once in scripts/muqabala/vocabulary.py (GENERATED; a test checks this list).
clean:
	rm -rf site .cache content/*/statements content/*/articles content/*/checks \
		content/*/compare.md content/*/discrepancies.md content/*/data.md content/*/feed.xml \
		content/*/feed.json content/*/.muqabala-generated.json
