# Everyday commands. `make run` serves the site, `make test` runs the whole suite.
# Both set up .venv first (Python 3.12+), so they work on a fresh clone.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PYTEST_ARGS ?=

# Django 6.1 needs Python 3.12 or newer. Each candidate is *run*, not just looked up:
# pyenv shims exist on PATH even when they cannot start an interpreter.
define find_python
for c in $(PYTHON) python3.13 python3.12 \
		$$(ls -d "$$(pyenv root 2>/dev/null)"/versions/3.1[3-9]*/bin/python3 2>/dev/null) \
		$$(ls -d "$$(pyenv root 2>/dev/null)"/versions/3.12*/bin/python3 2>/dev/null) \
		python3; do \
	if "$$c" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
		echo "$$c"; exit 0; \
	fi; \
done; exit 1
endef

.PHONY: help
help:
	@echo "make run    set up, load the demo content and serve http://127.0.0.1:$(PORT)/"
	@echo "make test   set up and run the whole test suite"
	@echo "make lint   ruff check and format check"
	@echo "make bench-search   search and page speed with 10,000 generated articles"

$(PY):
	@py=$$($(find_python)) || { \
		echo "error: no Python 3.12 or newer found (tried PYTHON=$(PYTHON), python3.13, python3.12, pyenv's versions, python3)." >&2; \
		echo "       Install Python 3.12+ or run: make PYTHON=/path/to/python3.12 ..." >&2; \
		exit 1; }; \
	echo "Creating $(VENV) with $$py ($$("$$py" -V))"; \
	"$$py" -m venv $(VENV) && $(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed-run

.PHONY: run
run: export DJANGO_DEBUG ?= 1
run: $(VENV)/.installed-run
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_content
	$(PY) manage.py ensure_admin
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

.PHONY: test
test: $(VENV)/.installed-dev
	$(PY) -m pytest $(PYTEST_ARGS)

.PHONY: lint
lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Search and page speed with 10,000 generated articles (tops the database up first; use a
# database of its own: DATABASE_URL=... make bench-search).
.PHONY: bench-search
bench-search: $(VENV)/.installed-run
	$(PY) manage.py migrate --noinput --verbosity 0
	$(PY) bench/search.py $(BENCH_ARGS)

.PHONY: clean
clean:
	rm -rf $(VENV) staticfiles .pytest_cache
