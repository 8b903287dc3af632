"""Exit 0 if the PostgreSQL server of the given URL answers, 1 if not (used by test.sh)."""

import sys

import dj_database_url
import psycopg2

config = dj_database_url.parse(sys.argv[1])
try:
    psycopg2.connect(
        dbname="postgres",
        user=config["USER"] or "postgres",
        password=config["PASSWORD"] or None,
        host=config["HOST"] or "127.0.0.1",
        port=config["PORT"] or 5432,
        connect_timeout=3,
    ).close()
except psycopg2.OperationalError as error:
    print(f"PostgreSQL: {error}".strip(), file=sys.stderr)
    sys.exit(1)
