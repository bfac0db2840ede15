# Rebuilding Trust: two commands from nothing.
#   make lab   create .venv if needed and open JupyterLab on the course (welcome lesson first)
#   make test  create .venv if needed and run every test
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(abspath $(VENV))/bin
STAMP := $(VENV)/.installed
# nbgrader shells out to alembic: the environment's bin/ comes first.
export PATH := $(BIN):$(PATH)

# JupyterLab refuses to run as root unless told; extra options can be passed as LAB_ARGS="...".
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)
LAB_ARGS ?=

.PHONY: lab test env validate exercises clean-env

env: $(STAMP)

# Reinstalls only when the declared dependencies change.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@for ext in formgrader assignment_list course_list validate_assignment; do \
		$(BIN)/jupyter server extension enable --sys-prefix nbgrader.server_extensions.$$ext >/dev/null 2>&1 || exit 1; done
	$(BIN)/trustwork validate
	@touch $(STAMP)

# nbgrader's local exchange must exist and be writable by everyone who releases or fetches.
.exchange:
	@mkdir -p .exchange && chmod 777 .exchange

lab: $(STAMP) | .exchange
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" --LabApp.news_url=None \
		--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate $(ROOT_FLAG) $(LAB_ARGS) course/00_welcome.ipynb

test: $(STAMP) | .exchange
	$(BIN)/python -m pytest --nbval-lax tests course

# Regenerate exercises/ from solutions/ with nbgrader (never edit exercises/ by hand).
exercises: $(STAMP)
	@for dir in solutions/*/; do $(BIN)/nbgrader generate_assignment "$$(basename $$dir)" --force || exit 1; done

validate: $(STAMP)
	$(BIN)/trustwork validate

clean-env:
	rm -rf $(VENV)
