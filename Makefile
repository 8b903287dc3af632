# The few verbs a newcomer needs. `make run` and `make test` work from a clean clone with
# only Python 3.11, make and git installed.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
DEV_ENV = DEBUG=true SECRET_KEY="$$(cat var/dev-secret-key)"
HOST_PORT ?= 127.0.0.1:8000

.PHONY: install setup run test lint format messages bench clean

install: $(VENV)/.installed var/dev-secret-key

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null || { \
		echo "Yrkesroller needs Python 3.11; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)." >&2; \
		echo "Install python3.11, or run: make PYTHON=/path/to/python3.11 ..." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

# A development-only secret and editor password, generated once and kept out of git.
var/dev-secret-key:
	mkdir -p var
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@

var/dev-editor-password:
	mkdir -p var
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(12))" > $@

run: setup
	$(DEV_ENV) $(PY) manage.py runserver $(HOST_PORT)

# Everything `make run` does before it serves: install, translations, database, content, users.
setup: install messages var/dev-secret-key var/dev-editor-password
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py loadglossary --if-empty
	$(DEV_ENV) EDITOR_PASSWORD="$$(cat var/dev-editor-password)" \
		$(PY) manage.py createeditor editor --if-missing
	$(DEV_ENV) EDITOR_PASSWORD="$$(cat var/dev-editor-password)" \
		$(PY) manage.py createeditor publisher --publisher --if-missing
	@echo
	@echo "  Yrkesroller:  http://$(HOST_PORT)/"
	@echo "  Admin:        http://$(HOST_PORT)/admin/"
	@echo "                user 'editor' (Editors group) or 'publisher' (Publishers group),"
	@echo "                password '$$(cat var/dev-editor-password)'"
	@echo

test: install
	./scripts/test.sh

# Compile the interface translations (locale/*/LC_MESSAGES/django.po -> .mo), in Python:
# no gettext needed.
messages: install
	$(PY) scripts/compile_messages.py

# The search benchmark (PostgreSQL; see docs/search.md). Not part of the tests.
bench: install
	$(PY) bench/search_bench.py
	$(PY) bench/annotate_bench.py
	$(PY) bench/pages_bench.py

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
