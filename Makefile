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
	@echo "make bench  readers' pages against a static file under gunicorn and wrk (one table)"
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

# The Nu Html Checker (vnu.jar, run with Java) validates every reader page in the tests. It comes
# from the npm registry's vnu-jar package, pinned; its install script (a Java downloader) is not
# run. Without npm or Java the validity tests skip, saying why (CI requires them).
VNU_VERSION := 26.9.27
$(VENV)/.installed-vnu: | $(PY)
	@if command -v npm >/dev/null 2>&1; then \
		npm install --silent --no-audit --no-fund --ignore-scripts --prefix $(VENV)/vnu \
			vnu-jar@$(VNU_VERSION) && touch $@; \
	else \
		echo "note: npm not found, so the HTML validity tests will skip (apt-get install npm)"; \
	fi

.PHONY: run
run: export DJANGO_DEBUG ?= 1
run: $(VENV)/.installed-run
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_content
	$(PY) manage.py ensure_admin
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

.PHONY: test
test: $(VENV)/.installed-dev $(VENV)/.installed-vnu
	$(PY) -m pytest $(PYTEST_ARGS)

.PHONY: lint
lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The benchmark needs wrk (Debian package `wrk`): installed here when we are root with apt-get.
.PHONY: bench
bench: $(VENV)/.installed-run
	@command -v wrk >/dev/null || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing wrk"; \
			apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }; \
		else \
			echo "error: make bench needs wrk: sudo apt-get install wrk (Debian, Ubuntu) or brew install wrk (macOS)" >&2; \
			exit 1; \
		fi; }
	$(PY) bench/run.py
# Search and page speed with 10,000 generated articles (tops the database up first; use a
# database of its own: DATABASE_URL=... make bench-search).
.PHONY: bench-search
bench-search: $(VENV)/.installed-run
	$(PY) manage.py migrate --noinput --verbosity 0
	$(PY) bench/search.py $(BENCH_ARGS)

.PHONY: clean
clean:
	rm -rf $(VENV) staticfiles .pytest_cache
