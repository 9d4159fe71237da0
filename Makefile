# The two commands: `make run` (set up everything and serve the app) and `make test`.
# Both work on a fresh clone: they create .venv, install Python and npm packages, and build
# the GOV.UK Frontend assets first.

SHELL := /bin/bash
# pyenv's shims pick Python 3.12 from .python-version; python3.12 is tried first elsewhere.
PYTHON ?= $(shell command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in emails (return reminders) lead to where `make run` serves, unless SITE_URL is set.
SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: run test lint format assets install install-dev system-packages bench screenshots clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || \
		{ echo "Python 3.12 or newer is needed (found $$($(PYTHON) --version))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Runtime packages for `make run`; `make test` adds the test and tooling packages.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

static/build/.built: node_modules/.installed scripts/build_assets.mjs $(shell find static/src -type f)
	npm run --silent build
	touch $@

assets: static/build/.built

# Chromium (browser tests) and poppler-utils (PDF text) from Debian, when missing and root.
system-packages:
	@./scripts/ensure_system_packages.sh

run: install assets
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py load_wokingham
	DEBUG=1 $(BIN)/python manage.py load_demo
	@echo "Serving on http://$(HOST):$(PORT)/ with the background worker (demo data; Ctrl-C stops both)"
	DEBUG=1 SITE_URL='$(SITE_URL)' scripts/serve_dev.sh $(BIN)/python $(HOST):$(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

# The suite runs on every core (pytest-xdist), a module to a worker at a time; TEST_WORKERS=0
# runs it in this process.
TEST_WORKERS ?= auto
test: install-dev assets system-packages lint
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadscope $(PYTEST_ARGS)

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Times the busiest pages on synthetic data (12 and 120 months), on SQLite and on PostgreSQL,
# then making a 30-KPI board pack (cold and warm, and without its charts).
bench: install assets
	DEBUG=1 $(BIN)/python manage.py bench
	DEBUG=1 scripts/with_postgres.sh $(BIN)/python manage.py bench
	DEBUG=1 $(BIN)/python manage.py bench_packs

screenshots: install-dev assets system-packages
	UPDATE_SCREENSHOTS=1 $(BIN)/python -m pytest tests/browser -q

clean:
	rm -rf $(VENV) node_modules static/build var/staticfiles
