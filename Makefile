# Two targets are all a fresh machine needs: `make run` builds the bundled corpus
# into outputs/, `make test` runs the whole test suite. Both create .venv if missing.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: run test install install-dev browser clean model

run: $(STAMP)
	$(BIN)/kg build corpus/ --out outputs/

test: $(DEVSTAMP) browser
	$(BIN)/python -m pytest

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(VENV)/bin/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEVSTAMP): $(VENV)/bin/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP) $@

# Retrain kg's Swedish pipeline into kg_sv/ (about 35 minutes on 2 cores; the shipped one is
# committed, so run and test never need this). TRAINING=path overrides ../shared/training.
TRAINING ?= ../shared/training
model: $(DEVSTAMP)
	$(BIN)/python -m kg.train --source $(TRAINING)

# The browser tests drive Debian's chromium through Playwright (no browser download).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || echo "warning: could not install chromium; browser tests will be skipped"; \
	fi

clean:
	rm -rf $(VENV) outputs/*.ttl outputs/*.trig outputs/*.html outputs/*.csv
