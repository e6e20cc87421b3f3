# protokol: `make run` serves the site with demo data; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format bench system-deps

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

system-deps:
	bash scripts/debian-packages.sh

run: $(STAMP)
	$(BIN)/protokol init
	$(BIN)/protokol demo --if-empty
	$(BIN)/protokol serve --host $(HOST) --port $(PORT)

test: $(STAMP) system-deps
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP) system-deps
	$(BIN)/python -m bench.bench_import
	$(BIN)/python -m bench.bench_render
