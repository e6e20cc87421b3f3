# protokol: `make run` serves the site with demo data; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format bench system-deps messages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

system-deps:
	bash scripts/debian-packages.sh

# The English translation of the Danish interface, compiled from its .po (GNU gettext's msgfmt).
PO := $(wildcard protokol/locale/*/LC_MESSAGES/django.po)
MO := $(PO:.po=.mo)
messages: $(MO)

%.mo: %.po
	msgfmt --check -o $@ $<

run: $(STAMP) messages
	$(BIN)/protokol init
	$(BIN)/protokol demo --if-empty
	$(BIN)/protokol serve --host $(HOST) --port $(PORT)

# The OpenID Connect provider the login tests run (oidc-provider from the npm registry, pinned by its lock).
OIDC_PROVIDER := scripts/oidc-test-provider/node_modules/oidc-provider/package.json
$(OIDC_PROVIDER): scripts/oidc-test-provider/package-lock.json
	npm ci --prefix scripts/oidc-test-provider --no-audit --no-fund
	touch $@

test: $(STAMP) system-deps messages $(OIDC_PROVIDER)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP) system-deps
	$(BIN)/python -m bench.bench_import
	$(BIN)/python -m bench.bench_render
	$(BIN)/python -m bench.bench_search
	$(BIN)/python -m bench.bench_serve

# The importer on hostile input: each atheris target for FUZZ_SECONDS (60 s in all by default).
FUZZ_SECONDS ?= 15
.PHONY: fuzz
fuzz: $(STAMP)
	$(BIN)/python -m pip install --quiet atheris
	for target in text html pdf docx; do \
		mkdir -p var/fuzz/$$target; \
		$(BIN)/python fuzz/fuzz_importer.py $$target -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=1024 -timeout=10 \
			-artifact_prefix=var/fuzz/$$target- var/fuzz/$$target || exit 1; \
	done
