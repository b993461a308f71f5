# Two entry points for a fresh machine (Python 3.11+, make, bash):
#   make demo   install, then clean the bundled fixtures into out/fixtures.jsonl and print a summary
#   make test   install, then run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: demo test install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,ray]'

demo: install
	@mkdir -p out
	@rm -f out/fixtures.jsonl
	$(BIN)/scraper clean fixtures/pages -o out/fixtures.jsonl
	@echo "records written to out/fixtures.jsonl"

test: install-test
	$(BIN)/python -m pytest tests

clean:
	rm -rf out .pytest_cache
