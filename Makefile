# trendgraph: two commands on a fresh machine.
#   make run    set up .venv, install, build the graph and serve it on http://127.0.0.1:8000
#   make test   set up .venv with the dev extras and run the tests

PYTHON ?= $(shell command -v python3.11 >/dev/null 2>&1 && echo python3.11 || echo python3)
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test build serve validate stats bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

build: $(VENV)/.installed
	$(BIN)/trendgraph build

run: build
	$(BIN)/trendgraph serve --host $(HOST) --port $(PORT)

serve: $(VENV)/.installed
	$(BIN)/trendgraph serve --host $(HOST) --port $(PORT)

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest

validate: $(VENV)/.installed
	$(BIN)/trendgraph validate

stats: build
	$(BIN)/trendgraph stats

bench: $(VENV)/.installed-dev build
	$(BIN)/python bench/build.py

clean:
	rm -rf dist .build $(VENV)
