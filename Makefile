# make site · make test · make serve — each creates .venv on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3 || command -v python)
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SOURCE ?= seeds
OUTPUT ?= site
BASE_URL ?= /
SITE_URL ?=

.PHONY: site test serve browser clean bench

# Installing says nothing unless it fails (then pip's log is shown): `make site` prints the build's summary.
QUIETLY = > $(VENV)/install.log 2>&1 || { cat $(VENV)/install.log; exit 1; }

$(BIN)/python:
	@echo "Setting up $(VENV) (first run only)"
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip $(QUIETLY)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@$(BIN)/python -m pip install --quiet -e . $(QUIETLY)
	@$(BIN)/python -m compileall -q generator  # as pip does for an installed package: no start compiles it
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	@$(BIN)/python -m pip install --quiet -e '.[test,dask]' $(QUIETLY)
	@touch $@

site: $(VENV)/.installed
	@$(BIN)/timeline build --source $(SOURCE) --output $(OUTPUT) --base-url $(BASE_URL) $(if $(SITE_URL),--site-url $(SITE_URL))

serve: $(VENV)/.installed
	@$(BIN)/timeline serve --source $(SOURCE) --output $(OUTPUT)

# Debian's Chromium drives the browser tests; a JRE runs the HTML validator. Installed when missing.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  echo "Installing Debian chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; }
	@command -v java >/dev/null 2>&1 || { \
	  echo "Installing a Java runtime for the HTML validator"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq default-jre-headless; }

test: $(VENV)/.installed-test browser
	$(BIN)/python -m pytest -q

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/extract.py
	$(BIN)/python benchmarks/peer_corpus.py
	$(BIN)/python benchmarks/merge.py

clean:
	rm -rf $(VENV) $(OUTPUT) .cache
