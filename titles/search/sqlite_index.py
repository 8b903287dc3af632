"""SQLite's search triggers and indexes, put back after a migration dropped them."""

import re
from importlib import import_module

from django.db import DEFAULT_DB_ALIAS, connections

_CREATED_NAME = re.compile(r"CREATE (?:TRIGGER|INDEX) IF NOT EXISTS (\w+)")


def repair_sqlite_index(using=DEFAULT_DB_ALIAS, **kwargs):
    """After ``migrate``: put back the SQLite search triggers and indexes a table rebuild
    dropped (Django rebuilds SQLite tables for many field changes), then refill the FTS
    tables. Does nothing on PostgreSQL, or when they are all in place."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    ddl = import_module("titles.migrations.0005_search_indexes")
    wanted = ddl.SQLITE_INDEXES + ddl.SQLITE_TRIGGERS
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master")
        existing = {name for (name,) in cursor.fetchall()}
        if "titles_label_trigram" not in existing:
            return  # migrated back to before 0005
        if all(_CREATED_NAME.search(sql).group(1) in existing for sql in wanted):
            return
        for sql in wanted + ddl.SQLITE_REBUILD:
            cursor.execute(sql)
