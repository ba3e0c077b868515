# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench translations clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c constraints.txt -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m eoffice demo

# Tests run in parallel, a test file per worker (module fixtures stay in one process);
# TEST_WORKERS=0 runs them in this process.
TEST_WORKERS ?= auto

# ruff over the code, tests and benchmarks; mypy over the non-UI packages (pyproject.toml).
lint: $(STAMP)
	$(PY) -m ruff check eoffice tests bench
	$(PY) -m mypy

test: $(STAMP) lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -n $(TEST_WORKERS) --maxprocesses=4 --dist loadfile $(PYTEST_ARGS)

bench: $(STAMP)
	$(PY) bench/documents.py

translations: $(STAMP)
	$(PY) -m eoffice.ui.i18n.build

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
