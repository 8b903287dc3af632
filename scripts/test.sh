#!/usr/bin/env bash
# The whole test suite: lint, migrations in step, then pytest on SQLite and on PostgreSQL.
#
# PostgreSQL: DATABASE_URL if it is set, otherwise the local server on 127.0.0.1:5432 (user
# postgres) if it answers. With CI=true a missing PostgreSQL fails the run instead of
# skipping it. Tests run in parallel (pytest-xdist), one worker per core unless TEST_WORKERS
# says otherwise; each worker has its own test database.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export SECRET_KEY="${SECRET_KEY:-test-only-key-not-secret-0123456789abcdefghijklmnopqrstuvwxyz}"

echo "== ruff"
$PY -m ruff check .
$PY -m ruff format --check .

echo "== makemigrations --check"
env -u DATABASE_URL $PY manage.py makemigrations --check --dry-run

echo "== translations"
$PY scripts/compile_messages.py

workers=(-n "${TEST_WORKERS:-auto}")

echo "== pytest on SQLite"
env -u DATABASE_URL $PY -m pytest "${workers[@]}" "$@"

pg_url="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/yrkesroller}"
if $PY scripts/db_reachable.py "$pg_url"; then
  echo "== pytest on PostgreSQL"
  DATABASE_URL="$pg_url" $PY -m pytest "${workers[@]}" "$@"
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL is required in CI but does not answer at $pg_url" >&2
  exit 1
else
  echo "== PostgreSQL not reachable at $pg_url: skipped (set DATABASE_URL to run it)"
fi
