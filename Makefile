# The few verbs a newcomer needs. `make run` and `make test` work from a clean clone with
# only Python 3.11, make and git installed.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
DEV_ENV = DEBUG=true SECRET_KEY="$$(cat var/dev-secret-key)"
HOST_PORT ?= 127.0.0.1:8000

.PHONY: install run test lint format messages bench clean

install: $(VENV)/.installed var/dev-secret-key

$(VENV)/.installed: pyproject.toml
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

run: install messages var/dev-secret-key var/dev-editor-password
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
	$(DEV_ENV) $(PY) manage.py runserver $(HOST_PORT)

test: install
	./scripts/test.sh

# Compile the interface translations (locale/*/LC_MESSAGES/django.po -> .mo); needs gettext.
messages: install var/dev-secret-key
	$(DEV_ENV) $(PY) manage.py compilemessages --ignore=.venv

# The search benchmark (PostgreSQL; see docs/search.md). Not part of the tests.
bench: install
	$(PY) bench/search_bench.py

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
