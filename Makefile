# The two commands a fresh clone needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The settings read it too: the sites' port and the links in notification emails.
export PORT
INSTALLED := $(VENV)/.installed
# Every package of the tree, pinned with its hashes; pyproject.toml says what the code needs, `make lock` pins it.
LOCK := requirements.lock

.PHONY: run test install vendor lock lint check messages opensearch fuzz bench-import bench-search bench-recall bench-archive-memory bench-anonymise bench-most-read bench-pages bench-page-weight bench-media demo-media backup restore bench-submissions bench-quiz bench-quiz-ranking bench-faults bench-report bench-yearbook

$(INSTALLED): pyproject.toml $(LOCK)
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(INSTALLED)

install: $(INSTALLED)

# axe-core, the accessibility checker the browser tests inject into every public page type: the npm registry's
# tarball of a pinned version, checked against the integrity the registry publishes for it (`dist.integrity`,
# pinned here too) before its axe.min.js is written into an ignored folder, named by its version so that a new
# pin fetches again; the tests read the one there, never the network.
AXE_VERSION := 4.14.1
AXE_INTEGRITY := sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==
AXE := tests/e2e/vendor/axe-$(AXE_VERSION).min.js

$(AXE):
	rm -f $(@D)/axe-*.min.js
	$(PYTHON) tests/e2e/vendor_package.py https://registry.npmjs.org/axe-core/-/axe-core-$(AXE_VERSION).tgz \
		$(AXE_INTEGRITY) package/axe.min.js $@

vendor: $(AXE)

# Pin the newest versions pyproject.toml allows (then `make install`, run the suite, and commit the lock).
lock:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet pip-tools==7.6.2
	$(BIN)/pip-compile --quiet --upgrade --extra dev --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-find-links --no-emit-index-url --output-file $(LOCK) pyproject.toml

# The demo's audio and video (demo/media/), spoken by espeak-ng and encoded by ffmpeg (Debian's packages) from
# demo/data/broadcasts.json. The repository keeps the files: `make run` and the tests need neither program.
demo-media: install
	$(BIN)/python -m demo.make_media

# Migrate, set the site up and load the demo on it (idempotent: a second run keeps the data), then serve with
# the scheduler beside it.
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@echo "Báo Đắk Lắk: http://127.0.0.1:$(PORT)/  Đài PT-TH: http://drt.localhost:$(PORT)/  Cổng TTĐT: http://congthongtin.localhost:$(PORT)/"
	@$(BIN)/python manage.py run_scheduler & scheduler=$$!; \
	trap 'kill $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# One worker per core (pytest-xdist), each with a test database of its own. `--dist load` hands each worker its
# tests in pytest-django's order, which runs the transactional ones (they empty the database) after the others,
# in chunks of at most 16 so that no worker sits on a queue while another one is idle. The suite starts hundreds
# of Python processes (workers, the anonymiser's children, commands under the production settings): they reuse
# compiled bytecode even where the environment turns writing it off. `pytest tests/...` runs in one process.
test: install $(AXE)
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -n auto --dist load --maxschedchunk 16 $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check

# The database and every folder of uploaded files in one dated archive in BACKUP_DIR (default backups/), readable
# by its owner only; `make restore ARCHIVE=backups/neuguong-….tar` puts one back into an empty database and empty
# folders (REPLACE=1: over what the site holds). README, "Backups".
backup: install
	$(BIN)/python manage.py backup

restore: install
	@test -n "$(ARCHIVE)" || { echo "Name the archive: make restore ARCHIVE=backups/neuguong-….tar" >&2; exit 2; }
	$(BIN)/python manage.py restore "$(ARCHIVE)" $(if $(REPLACE),--replace)

# The admin's Vietnamese catalogues: each app with a locale/ folder, and templates/ into locale/ (LOCALE_PATHS).
# An app without one is left out until `mkdir <app>/locale && make messages`; then translate the new msgids.
# Wagtail's strings in locale/wagtail (README) are compiled here, never rewritten: makemessages writes ours only.
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

# The property-based pass over every way in: ten thousand generated inputs per target, counts printed.
fuzz: install
	HYPOTHESIS_PROFILE=bench $(BIN)/python -m pytest -m fuzz --hypothesis-show-statistics -q $(PYTEST_ARGS)

bench-search: install
	$(BIN)/python tests/bench/bench_search.py $(BENCH_ARGS)

# Recall on the dev set of tests/data, per class of query: both engines and a plain OpenSearch baseline (when
# OPENSEARCH_URL is set); BENCH_ARGS=--failures lists the queries each one fails.
bench-recall: install
	$(BIN)/python tests/bench/bench_search.py --devset $(BENCH_ARGS)

# Peak memory of each command that walks the whole archive (index_archive, search_index rebuild, update, status)
# at 10,000 and 100,000 generated articles: it must not grow with the archive (on PostgreSQL when DATABASE_URL
# names it, OpenSearch too when OPENSEARCH_URL is set; BENCH_ARGS="--directory DIR" keeps the archives for --reuse).
bench-archive-memory: install
	$(BIN)/python tests/bench/bench_archive_memory.py $(BENCH_ARGS)

bench-anonymise: install
	$(BIN)/python tests/bench/bench_anonymise.py $(BENCH_ARGS)

# Reads counted per second through the "most read" endpoint (in process and on gunicorn) and most_read() over a
# year of counts; on PostgreSQL when DATABASE_URL names it (BENCH_ARGS="--articles 3000 --days 365 --reads 4000").
bench-most-read: install
	$(BIN)/python tests/bench/bench_most_read.py $(BENCH_ARGS)

# Each public page type under load on PostgreSQL (20,000 articles, 1,000 profiles, made beside the database that
# DATABASE_URL names): requests/s, p50/p95 and queries, cold and warm, page cache off and on; --keep, --reuse.
bench-pages: install
	$(BIN)/python tests/bench/bench_page_load.py $(BENCH_ARGS)

# Queries and HTML size of each public page type on the demo, and a phone's download of each home page.
bench-page-weight: install
	$(BIN)/python tests/bench/bench_page_weight.py $(BENCH_ARGS)

# Deadline rushes on a real server on PostgreSQL (DATABASE_URL's, else a private cluster): contest entries and
# units' nominations sent at once; throughput, p95, errors, lost (BENCH_ARGS=--quick: a small run).
bench-submissions: install
	$(BIN)/python tests/bench/bench_submissions.py $(BENCH_ARGS)

# The last hour of a knowledge contest's round on a real server on PostgreSQL (DATABASE_URL's, else a private
# cluster; Redis as the shared cache): 1,200 attempts begun at 1,000 a minute, at most 50 requests in flight, a
# 4th attempt tried and sends replayed; per step requests/s, p50, p95, errors, then lost and double-counted in the
# database (BENCH_ARGS="--rate 0": as fast as served; --quick: a small run).
bench-quiz: install
	$(BIN)/python tests/bench/bench_quiz.py $(BENCH_ARGS)

# A round of 100,000 attempts by 60,000 people ranked, published and counted per unit, on PostgreSQL when
# DATABASE_URL names it, else SQLite (BENCH_ARGS=--explain: PostgreSQL's plans; --quick: a tenth of the size).
bench-quiz-ranking: install
	$(BIN)/python tests/bench/bench_quiz_ranking.py $(BENCH_ARGS)

# PostgreSQL restarted, OpenSearch stopped, the upload disk full and read-only, Redis stopped, each in the middle
# of a load; each run starts its services, stops by itself and prints what it counted (BENCH_ARGS="--only redis").
bench-faults: install
	$(BIN)/python tests/bench/bench_faults.py $(BENCH_ARGS)

# Every run above and make fuzz, in one table: load held, faults survived, bad inputs tried, lost (README, "Load,
# faults and the report"; BENCH_ARGS=--quick: every part small).
bench-report: install
	$(BIN)/python tests/bench/bench_report.py $(BENCH_ARGS)

# The yearbook (kỷ yếu) of 500 profiles with their photos: the seconds and the peak memory of making it
# (BENCH_ARGS="--profiles 1000", or "--directory DIR" to keep the site and --reuse it).
bench-yearbook: install
	$(BIN)/python tests/bench/bench_yearbook.py $(BENCH_ARGS)

# A 200 MB video uploaded through the admin of a real server: the worker's memory before and at its peak.
bench-media: install
	$(BIN)/python tests/bench/bench_media_upload.py $(BENCH_ARGS)
