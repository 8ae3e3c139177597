# The two commands of the README: `make run` and `make test`.
VENV := .venv
PY := $(VENV)/bin/python
SEED := fixtures/targets_2026_nbfl.txt
DEPARTMENT := 宁波市妇女联合会
YEAR := 2026

.PHONY: run test setup install bench serve load browser-test

$(VENV)/.installed: requirements.txt
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

install: $(VENV)/.installed

setup: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py import_targets $(SEED) --department $(DEPARTMENT) --year $(YEAR)
	$(PY) manage.py seed_demo

run: setup
	$(PY) manage.py runserver 127.0.0.1:8000

test: setup
	$(PY) -m pytest

browser-test: install
	$(PY) -m pytest -m browser

# Scratch databases of its own (SQLite; PostgreSQL too when DATABASE_URL names a server): needs no `setup`.
bench: install
	$(PY) -m benchmarks.run $(BENCH_ARGS)

# Production settings on this machine: DEBUG off, the local secret key unless SECRET_KEY is set, and plain HTTP on
# loopback (behind nginx with TLS, leave the SECURE_* variables at their production defaults).
serve: setup
	export DEBUG=0 SECRET_KEY="$${SECRET_KEY:-$$(cat $${VAR_DIR:-var}/secret_key)}" \
	  ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" SECURE_SSL_REDIRECT="$${SECURE_SSL_REDIRECT:-0}" \
	  SESSION_COOKIE_SECURE="$${SESSION_COOKIE_SECURE:-0}" CSRF_COOKIE_SECURE="$${CSRF_COOKIE_SECURE:-0}" \
	  SECURE_HSTS_SECONDS="$${SECURE_HSTS_SECONDS:-0}" && \
	$(PY) manage.py collectstatic --noinput >/dev/null && \
	exec $(VENV)/bin/gunicorn perf_targets.wsgi --bind 127.0.0.1:8000 --workers $$(( $$(nproc) * 2 + 1 )) \
	  --access-logfile -

load: install
	$(PY) -m benchmarks.load
