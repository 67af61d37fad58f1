# The two commands of the README: `make demo` and `make test`. Everything else is their parts.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The suite's one tool from the npm registry (axe-core, for the accessibility tests), pinned by
# package-lock.json. Nothing from node_modules is served; `make demo` does not need it.
NODE_STAMP := node_modules/.installed
PORT ?= 8000
# The suite's second pass: the local PostgreSQL server, over its Unix socket.
POSTGRES_URL ?= postgres://%2Fvar%2Frun%2Fpostgresql/test

.PHONY: install demo test lint test-sqlite test-postgres system messages clean

install: $(STAMP)

$(STAMP): pyproject.toml
	tools/ensure-system venv
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	tools/ensure-system node
	npm ci --no-audit --no-fund
	touch $(NODE_STAMP)

demo: install
	$(BIN)/farewell demo --port $(PORT)

system:
	tools/ensure-system test
	tools/ensure-postgres

test: install system
	$(MAKE) --no-print-directory lint test-sqlite test-postgres

lint: install
	$(BIN)/ruff check farewell tests bench conftest.py
	$(BIN)/ruff format --check farewell tests bench conftest.py

test-sqlite: install $(NODE_STAMP)
	$(BIN)/pytest

test-postgres: install
	FAREWELL_TEST_DATABASE_URL='$(POSTGRES_URL)' $(BIN)/pytest --db-only

messages: install
	cd farewell && FAREWELL_DATA_DIR=../var ../$(BIN)/farewell makemessages -l ru -l en -l fr --no-obsolete --ignore 'testing/*' --ignore '*/tests/*' --ignore 'anonymize/*'
	cd farewell && FAREWELL_DATA_DIR=../var ../$(BIN)/farewell compilemessages

clean:
	rm -rf $(VENV) var .pytest_cache node_modules
