# The two set-up commands of the README: `make run` and `make test`.
# Each makes its own virtual environment in .venv with only Python 3.11+.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: run test install bench clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/.installed

# Validate the bundled content, then export it (dist/json and dist/html).
run: install
	$(BIN)/netlint validate
	$(BIN)/netlint export --out dist

# The whole test suite.
test: install
	$(BIN)/python -m pytest -q

# Benchmarks (bench/run.py): netlint against the YAML-parsing floor and check-jsonschema.
bench: install
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) dist .netlint_cache .pytest_cache
