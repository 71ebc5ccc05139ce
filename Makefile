# summit-i18n — two set-up commands: `make site` (build the site) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT    := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get
## axe-core (accessibility rules the browser tests run on every page), from npm.
AXE_VERSION := 4.14.1
AXE    := $(VENV)/node/node_modules/axe-core/axe.min.js

.PHONY: site test lint bench system-deps clean

## The main job: catalogs up to date, then the site in every language (drafts shown).
site: $(VENV)/.installed
	$(BIN)/summit-i18n extract
	$(BIN)/summit-i18n update
	$(BIN)/summit-i18n build --use-fuzzy
	@echo "the site is in site/: open site/index.html in a browser"

## The whole test suite, after ruff and mypy --strict (installs GNU gettext and
## Chromium from Debian if missing).
test: $(VENV)/.installed-test system-deps $(AXE) lint
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

## Benchmarks side by side with GNU gettext, Babel, translate-toolkit, po4a, mdpo.
bench: $(VENV)/.installed-bench system-deps
	$(BIN)/python -m benchmarks

$(AXE): | $(VENV)/bin/python system-deps
	mkdir -p $(VENV)/node
	[ -f $(VENV)/node/package.json ] || echo '{"private": true}' > $(VENV)/node/package.json
	cd $(VENV)/node && npm install --no-audit --no-fund --save-exact axe-core@$(AXE_VERSION)
	test -f $@

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-bench: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install -q -e '.[test,bench]'
	touch $@ $(VENV)/.installed $(VENV)/.installed-test

## Debian packages the tests use: msgfmt/msgmerge (gettext), Chromium, po4a, CJK fonts
## (found through fontconfig for the share cards), npm (for axe-core), Java (for the Nu
## HTML Checker).
system-deps:
	@missing=""; \
	command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	command -v npm >/dev/null || missing="$$missing npm"; \
	command -v fc-match >/dev/null || missing="$$missing fontconfig"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v chromium >/dev/null || missing="$$missing chromium chromium-driver"; \
	command -v po4a-gettextize >/dev/null || missing="$$missing po4a"; \
	[ -d /usr/share/fonts/opentype/noto ] || missing="$$missing fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(APT) update -qq && $(APT) install -y -qq --no-install-recommends $$missing; \
	fi

clean:
	rm -rf $(VENV) site .summit-i18n .pytest_cache .mypy_cache .ruff_cache
	find locale -name '*.mo' -delete
