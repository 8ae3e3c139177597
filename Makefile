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

serve: setup
	DEBUG=$${DEBUG:-0} $(PY) manage.py collectstatic --noinput >/dev/null
	$(VENV)/bin/gunicorn perf_targets.wsgi --bind 127.0.0.1:8000 --workers $$(( $$(nproc) * 2 + 1 )) --access-logfile -

load: install
	$(PY) -m benchmarks.load
