# `make run` and `make test` are all a fresh machine needs (see README).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test lint venv clean translations

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# The extraction modules are compiled in place by mypyc (setup.py): the install is redone,
# and they are compiled again, whenever one of them changes.
BUILD_INPUTS := pyproject.toml setup.py $(wildcard service/extraction/*.py)

# Runtime install; the stamp is refreshed whenever a build input changes.
$(VENV)/.installed: $(BUILD_INPUTS) | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(BUILD_INPUTS) | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $(VENV)/.installed $@

venv: $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/kutip serve --host $(HOST) --port $(PORT)

LINTED := $(wildcard service tests bench scripts gunicorn.conf.py setup.py)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

test: $(VENV)/.installed-test lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build *.egg-info *.so service/extraction/*.so

# The pages' English catalogue (service/web/translations): after changing a translatable
# string, `make translations`, translate the new entries in the .po, and run it again (the
# compiled .mo is committed; a test fails while it lags behind the .po or the sources).
translations: $(VENV)/.installed
	$(BIN)/pybabel -q extract -F service/web/babel.cfg -k lazy_gettext --no-location \
	    --sort-output -o service/web/translations/messages.pot service/web
	$(BIN)/pybabel -q update -i service/web/translations/messages.pot \
	    -d service/web/translations --no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel compile -d service/web/translations --statistics
