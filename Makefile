# The two commands a person needs: `make run` and `make test`. Everything else is for developers.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.9
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format bench messages setup migrate demo clean pango

$(VENV)/.installed: requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is nodig")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip --version >/dev/null 2>&1 || $(PY) -m ensurepip --upgrade >/dev/null
	$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(VENV)/bin/uv pip sync --quiet --python $(PY) requirements.lock
	touch $@

setup: $(VENV)/.installed

# WeasyPrint needs Pango, a system library: find it, or install it (as root, with apt-get), or
# stop with the one command that does. Any Python 3 runs it, before the virtualenv exists.
pango:
	@$(PYTHON) portaal/pango.py

migrate: setup
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py demo

run: pango demo
	@echo "Regioportaal draait op http://$(HOST):$(PORT)/  (demo-accounts: zie README.md, wachtwoord 'demo')"
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# one pytest worker per core (pytest-xdist); each loads the demo region into its own database,
# and a worker that is done takes tests from the other (worksteal: the slow ones come last)
TEST_WORKERS ?= auto
test: pango lint
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist worksteal

# The bench measures the production stack against PostgreSQL, at two scales, each in a database
# of its own (kept between runs: the national one takes minutes to load): the demo region, then
# the demo at national scale, with its figures beside the regional ones.
BENCH_PG ?= postgres://root@127.0.0.1:5432
BENCH_REGIO := DATABASE_URL=$(BENCH_PG)/regioportaal_bench
BENCH_NATIONAAL := DATABASE_URL=$(BENCH_PG)/regioportaal_bench_nationaal
bench: pango setup
	$(BENCH_REGIO) $(PY) manage.py maak_database
	$(BENCH_REGIO) $(PY) manage.py migrate --noinput -v 0
	$(BENCH_REGIO) $(PY) manage.py demo
	$(BENCH_REGIO) $(PY) manage.py bench --storing --bewaar .bench/regionaal.json
	$(BENCH_NATIONAAL) $(PY) manage.py maak_database
	$(BENCH_NATIONAAL) $(PY) manage.py migrate --noinput -v 0
	$(BENCH_NATIONAAL) $(PY) manage.py demo --scale national
	$(BENCH_NATIONAAL) $(PY) manage.py bench --scale national --vergelijk .bench/regionaal.json \
		--bewaar .bench/nationaal.json

messages: setup
	$(PY) manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=tests --ignore=test-artifacts
	$(PY) manage.py compilemessages -l en

clean:
	rm -rf $(VENV) db.sqlite3 .pytest_cache
