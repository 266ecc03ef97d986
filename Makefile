# Klimathubben. `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help install messages makemessages migrate demo backup restore run worker serve serve-varnish test test-sqlite test-postgres test-redis chromium redis varnish search-dictionary lint format check bench bench-site wrk lighthouse clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  \033[1m%-14s\033[0m %s\n", $$1, $$2}'

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(STAMP) ## Create .venv with Python 3.11 and install the project with its dev extra

messages: $(STAMP) ## Compile the Swedish and English catalogues under locale/
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

makemessages: $(STAMP) ## Collect translatable strings into locale/*/LC_MESSAGES/django.po
	$(PY) manage.py makemessages -l sv -l en --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=media --ignore=tests --ignore=node_modules --ignore=lighthouse-reports

migrate: $(STAMP) ## Apply database migrations
	$(PY) manage.py migrate --noinput

demo: migrate ## Load the demo content (idempotent) and make the local admin user
	$(PY) manage.py load_demo_content
	$(PY) manage.py ensure_dev_admin

backup: $(STAMP) ## Write the database and uploaded files to backups/klimathubben-<time>.tar.gz (ARCHIVE=path to choose)
	$(PY) manage.py backup $(if $(ARCHIVE),--output "$(ARCHIVE)")

restore: $(STAMP) ## Restore ARCHIVE=path into an empty database and media folder, then migrate (FORCE=1 replaces content)
	@test -n "$(ARCHIVE)" || { echo "Name the archive: make restore ARCHIVE=backups/klimathubben-....tar.gz" >&2; exit 2; }
	$(PY) manage.py restore "$(ARCHIVE)" $(if $(FORCE),--force)

run: messages demo ## Set up everything, serve http://127.0.0.1:8000 and run the task worker beside it
	@echo "Klimathubben: http://$(HOST):$(PORT)/  admin: http://$(HOST):$(PORT)/$${WAGTAIL_ADMIN_PATH:-admin}/ (admin / klimathubben, local use only)"
	@bash scripts/with-worker $(PY) $(PY) manage.py runserver $(HOST):$(PORT)

worker: $(STAMP) ## Run the task worker alone (e-mails, newsletters); `make run` starts one already
	$(PY) manage.py db_worker

# `make serve`: production settings on loopback, with a key and hosts for this machine only and
# no HTTPS redirect or HSTS (set SECRET_KEY, ALLOWED_HOSTS, WEB_CONCURRENCY to change them).
SERVE_ENV = DJANGO_SETTINGS_MODULE=hub.settings.production \
	SECRET_KEY="$${SECRET_KEY:-klimathubben-make-serve-on-this-machine-only}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-$(HOST),localhost}" \
	SITE_BASE_URL="$${SITE_BASE_URL:-http://$(HOST):$(PORT)}" \
	SECURE_SSL_REDIRECT=0 SECURE_HSTS_SECONDS=0 GUNICORN_BIND=$(HOST):$(PORT)

serve: messages demo ## Serve http://127.0.0.1:8000 as in production: collected static files, production settings, gunicorn (deploy/gunicorn.conf.py) and the task worker
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput -v 0
	@echo "Klimathubben with gunicorn: http://$(HOST):$(PORT)/ (workers: WEB_CONCURRENCY, default 2 per core + 1)"
	$(SERVE_ENV) bash scripts/with-worker $(PY) $(BIN)/gunicorn -c deploy/gunicorn.conf.py

serve-varnish: varnish ## `make serve` behind Varnish on http://127.0.0.1:6081, purged by the hub (deploy/varnish/)
	HOST=$(HOST) PORT=$(PORT) SITE_BASE_URL="$${SITE_BASE_URL:-http://$(HOST):6081}" bash scripts/with-varnish $(MAKE) serve

chromium: ## Make sure Debian's Chromium is there for the browser tests
	@bash scripts/ensure-chromium

redis: ## Make sure Debian's redis-server is there for the cache tests
	@bash scripts/ensure-redis

varnish: ## Make sure Debian's Varnish is there for the front-cache tests
	@bash scripts/ensure-varnish

search-dictionary: ## Install the Swedish search dictionary for PostgreSQL (as root; otherwise it says why not)
	@bash scripts/install-swedish-dictionary

test: messages chromium redis varnish search-dictionary ## Run the whole suite on SQLite and on a throwaway PostgreSQL, browser, Redis cache and Varnish tests included
	@REQUIRE_VARNISH=1 bash scripts/test-all $(PYTEST_ARGS)

test-sqlite: messages ## Run the suite on SQLite only (PYTEST_ARGS="-k home" narrows it)
	$(BIN)/pytest $(PYTEST_ARGS)

test-postgres: messages ## Run the suite on a throwaway PostgreSQL only
	bash scripts/with-postgres $(BIN)/pytest $(PYTEST_ARGS)

test-redis: messages redis ## Run the cache tests against a throwaway Redis server (on SQLite)
	bash scripts/with-redis $(BIN)/pytest -m redis $(PYTEST_ARGS)

bench: messages search-dictionary ## Time the site search on 12,300 generated pages on a throwaway PostgreSQL (BENCH_ARGS="--repeat 5")
	bash scripts/with-postgres $(PY) bench/search.py --pg-set jit=off $(BENCH_ARGS)

wrk: ## Make sure Debian's wrk is there for the site benchmark (installs it as root)
	@command -v wrk >/dev/null || apt-get install -y wrk

bench-site: messages search-dictionary wrk ## Serve 12,300 generated pages with gunicorn and load each kind of page with wrk (SITE_BENCH_ARGS="--quick")
	bash scripts/with-postgres $(PY) bench/site.py $(SITE_BENCH_ARGS)

.PHONY: bench-soak
bench-soak: messages search-dictionary wrk ## Five minutes of wrk, 32 connections, over the site benchmark's pages; fails on errors or workers' memory growth (SOAK_ARGS="--reuse /tmp/site-data")
	bash scripts/with-postgres $(PY) bench/soak.py $(SOAK_ARGS)

# Lighthouse from the npm registry, pinned by scripts/lighthouse/package-lock.json; npm ci again
# only when the lock changes (npm ci writes node_modules/.package-lock.json last).
LIGHTHOUSE_NPM := scripts/lighthouse/node_modules/.package-lock.json
$(LIGHTHOUSE_NPM): scripts/lighthouse/package-lock.json
	cd scripts/lighthouse && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

lighthouse: messages chromium $(LIGHTHOUSE_NPM) ## Lighthouse (mobile) on six kinds of page of the demo site served as in production; fails below 100 (LIGHTHOUSE_ARGS="--runs 3")
	$(PY) scripts/lighthouse/run.py $(LIGHTHOUSE_ARGS)

lint: $(STAMP) ## Ruff lint and format check, Django checks, missing migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=hub.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=hub.settings.test $(PY) manage.py makemigrations --check --dry-run

format: $(STAMP) ## Format and autofix with Ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean: ## Remove the virtualenv, the SQLite database, media and collected static files
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache .ruff_cache
