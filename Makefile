# The two commands of the README: `make run` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
SEED := fixtures/targets_2026_nbfl.txt
DEPARTMENT := 宁波市妇女联合会
YEAR := 2026

.PHONY: run test setup install install-dev bench serve load browser-test

# --no-compile: byte-compiling every package took a third of a fresh install (60 s to 38 s); Python compiles on import.
PIP := $(PY) -m pip install --quiet --disable-pip-version-check --no-compile

# What the application needs to run; the test, benchmark and browser stack only for `make test` and `make bench`.
$(VENV)/.installed: requirements.txt
	@echo "== 1/4 Python environment (.venv) and the application's packages"
	@test -x $(PY) || python3 -m venv $(VENV)
	@$(PIP) -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	@echo "== the test, benchmark and browser packages (requirements-dev.txt)"
	@$(PIP) -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

setup: install
	@echo "== 2/4 database: migrate"
	@$(PY) manage.py migrate --noinput -v 0
	@echo "== 3/4 the published 2026 table of $(DEPARTMENT)"
	@$(PY) manage.py import_targets $(SEED) --department $(DEPARTMENT) --year $(YEAR)
	@echo "== 4/4 demo users"
	@$(PY) manage.py seed_demo

run: setup
	@echo "== serving on http://127.0.0.1:8000 (Ctrl-C stops)"
	$(PY) manage.py runserver 127.0.0.1:8000

# PYTEST_ARGS narrows the run, e.g. PYTEST_ARGS='-m "not browser"'; the suite runs on every core (one database each).
test: setup install-dev
	@echo "== the test suite"
	$(PY) -m pytest -n auto $(PYTEST_ARGS)

browser-test: install-dev
	$(PY) -m pytest -m browser

# Scratch databases of its own (SQLite; PostgreSQL too when DATABASE_URL names a server): needs no `setup`.
bench: install-dev
	$(PY) -m benchmarks.run $(BENCH_ARGS)

# With CELERY_BROKER_URL (or REDIS_URL) set, a Celery worker for the long exports runs beside gunicorn and stops with it.
# Production settings on this machine: DEBUG off, the local secret key unless SECRET_KEY is set, and plain HTTP on
# loopback (behind nginx with TLS, leave the SECURE_* variables at their production defaults).
serve: setup
	export DEBUG=0 SECRET_KEY="$${SECRET_KEY:-$$(cat $${VAR_DIR:-var}/secret_key)}" \
	  ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-0}" \
	  SESSION_COOKIE_SECURE="$${SESSION_COOKIE_SECURE:-0}" CSRF_COOKIE_SECURE="$${CSRF_COOKIE_SECURE:-0}" \
	  SECURE_HSTS_SECONDS="$${SECURE_HSTS_SECONDS:-0}" && \
	$(PY) manage.py collectstatic --noinput >/dev/null && \
	if [ -n "$${CELERY_BROKER_URL:-$$REDIS_URL}" ]; then \
	  echo "== a Celery worker for the long exports (broker: $${CELERY_BROKER_URL:-$$REDIS_URL})"; \
	  $(VENV)/bin/celery -A perf_targets worker --loglevel=info --concurrency=1 \
	    --beat --schedule "$${VAR_DIR:-var}/celerybeat-schedule" & \
	  trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	fi; \
	$(VENV)/bin/gunicorn perf_targets.wsgi --bind 127.0.0.1:8000 --workers $$(( $$(nproc) * 2 + 1 )) \
	  --timeout 120 --access-logfile -

load: install-dev
	$(PY) -m benchmarks.load
