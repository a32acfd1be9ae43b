# Everyday commands. The whole CI run is `make test` (= scripts/test.sh); the others are quick loops.
.PHONY: install test test-fast test-one lint typecheck bench run

VENV ?= .venv
BIN := $(VENV)/bin
WORKERS ?= 2

install:
	[ -x $(BIN)/python ] || python3 -m venv $(VENV)
	python3 -m uv pip install -q --python $(BIN)/python -e '.[test]' || $(BIN)/python -m pip install -q -e '.[test]'

# Everything CI runs: ruff, mypy, migrations, deploy checks, pytest on SQLite and PostgreSQL 15, browsers.
test:
	bash scripts/test.sh

# The non-browser suite on SQLite only: the everyday loop.
test-fast:
	$(BIN)/pytest -q -n $(WORKERS) --ignore=tests/e2e

# One test or a few, by keyword: make test-one K=overdue
test-one:
	$(BIN)/pytest -q -p no:xdist -k "$(K)"

lint:
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(MAKE) typecheck

typecheck:
	KEHOACH_DATA_DIR=$$(mktemp -d) $(BIN)/mypy

bench:
	$(BIN)/python benchmarks/bench_import.py
	$(BIN)/python benchmarks/bench_pages.py

run:
	bash scripts/start.sh
