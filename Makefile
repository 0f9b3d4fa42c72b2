# One place that knows how to set the project up; the README's two commands are `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1

.PHONY: setup run chat index test lint bench

$(STAMP): pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt torch==2.13.0
	$(PY) -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(PY) -m bot run

chat: setup
	$(PY) -m bot chat

index: setup
	$(PY) -m bot index

lint: setup
	$(PY) -m ruff check bot tests benchmarks

test: lint
	$(PY) -m pytest

bench: setup
	$(PY) benchmarks/answer_latency.py
	$(PY) benchmarks/discord_burst.py
