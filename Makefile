# The single entry point for development tasks. `make help` lists them.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
DEV := DEBUG=1
PG_URL ?= postgres://postgres@127.0.0.1:5432

.PHONY: help install messages test test-fast test-pg lint typecheck format run migrate demo bench makemessages

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed messages  ## create .venv with every Python package

messages: $(VENV)/.installed  ## compile the translation catalogues (locale/*.po → .mo)
	@$(DEV) $(PY) manage.py compilemessages --ignore='.venv' -v0

makemessages: $(VENV)/.installed  ## collect new strings into locale/*.po
	$(DEV) $(PY) manage.py makemessages -l zh_Hans -l en --ignore=.venv --ignore=var --ignore=tests

test: install  ## run the test suite, in parallel (SQLite; set DATABASE_URL for PostgreSQL)
	$(PY) -m pytest

test-fast: install  ## the suite without the browser journeys and the slow tests, in parallel
	$(PY) -m pytest -m "not e2e and not slow"

test-pg: install  ## run the test suite on PostgreSQL (PG_URL=postgres://user@host:port)
	$(PY) scripts/pg_test.py "$(PG_URL)"

lint: install  ## ruff check, ruff format --check, makemigrations --check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(DEV) $(PY) manage.py makemigrations --check --dry-run

typecheck: install  ## mypy with django-stubs (it imports the settings)
	$(DEV) $(PY) -m mypy

format: install  ## format the code with ruff
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

migrate: install
	$(DEV) $(PY) manage.py migrate --no-input -v0

demo: migrate  ## load the seed evaluation and the demo users
	$(DEV) $(PY) manage.py loaddemo

run: demo  ## serve the portal with the demo data on http://127.0.0.1:8000
	$(DEV) $(PY) manage.py runserver 127.0.0.1:8000

bench: install  ## run every benchmark in bench/
	$(PY) bench/run.py
