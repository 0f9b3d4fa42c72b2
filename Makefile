# One place that knows how to set the project up; the README's two commands are `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export HF_HUB_OFFLINE := 1

.PHONY: setup run chat index test lint bench

# Quiet unless something fails: each step's output goes to a log that is shown only then.
$(STAMP): pyproject.toml constraints.txt
	@echo "Setting up $(VENV) (a few minutes the first time)..."
	@log=$$(mktemp); trap 'rm -f "$$log"' EXIT; \
	step() { "$$@" >>"$$log" 2>&1 || { cat "$$log"; echo "make setup failed at: $$*" >&2; exit 1; }; }; \
	step python3 -m venv $(VENV); \
	step $(PY) -m pip install --quiet --upgrade pip; \
	step $(PY) -m pip install --quiet -c constraints.txt torch==2.13.0; \
	step $(PY) -m pip install --quiet -c constraints.txt -e ".[test]"
	@touch $(STAMP)
	@echo "Set up $(VENV)."

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
	$(PY) benchmarks/memory_flat.py
