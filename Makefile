# The two commands a fresh clone needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
INSTALLED := $(VENV)/.installed

.PHONY: run test install lint check messages opensearch bench-import bench-search

$(INSTALLED): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(INSTALLED)

install: $(INSTALLED)

# Migrate, load the demo (idempotent: a second run keeps the data), then serve with the scheduler beside it.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo "Báo Đắk Lắk: http://127.0.0.1:$(PORT)/  Đài PT-TH: http://drt.localhost:$(PORT)/  Cổng TTĐT: http://congthongtin.localhost:$(PORT)/"
	@$(BIN)/python manage.py run_scheduler & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check

# The admin's Vietnamese catalogues: each app with a locale/ folder, and templates/ into locale/ (LOCALE_PATHS).
# An app without one is left out until `mkdir <app>/locale && make messages`; then translate the new msgids.
LOCALE_APPS = $(patsubst %/locale/,%,$(wildcard */locale/))
APPS_WITHOUT_LOCALE = $(filter-out $(LOCALE_APPS),$(patsubst %/apps.py,%,$(wildcard */apps.py)))
MESSAGES_IGNORE = .venv node_modules build tests '*.egg-info' $(APPS_WITHOUT_LOCALE)

messages: install
	$(BIN)/python manage.py makemessages -l vi --no-obsolete --add-location=file $(addprefix --ignore=,$(MESSAGES_IGNORE))
	$(BIN)/python manage.py compilemessages -l vi $(addprefix --ignore=,$(MESSAGES_IGNORE))

# A single local OpenSearch node from Maven Central, on 127.0.0.1:9200, data in .opensearch/ (Ctrl+C stops it).
opensearch:
	search/opensearch_node/run.sh

bench-import: install
	$(BIN)/python tests/bench/bench_import.py $(BENCH_ARGS)

bench-search: install
	$(BIN)/python tests/bench/bench_search.py $(BENCH_ARGS)
