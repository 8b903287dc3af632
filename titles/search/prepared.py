"""Server-side prepared statements for the search's SQL on PostgreSQL.

A search sends one or two statements of a few kilobytes, and PostgreSQL spent longer parsing
and planning them (1–2.5 ms) than running them (0.1–1.5 ms) at 250,000 labels. So each
distinct SQL text is prepared once per database connection and then only executed::

    PREPARE search_3 AS <sql with $1, $2 …>; EXECUTE search_3(…)    -- first time, one round trip
    EXECUTE search_3(…)                                               -- every later time

The plans are generic (``plan_cache_mode=force_generic_plan``, set for the session in
``glossary.env.env_database``): PostgreSQL's default keeps re-planning statements whose
parameters change the estimates, which is exactly the planning we want to skip. The search's
statements read through indexes whatever the parameters, so one plan serves all
(docs/search.md has the measurements, with the same rows either way).

A prepared statement lives as long as the session and outlives a rolled-back transaction, so
the names prepared are remembered per psycopg2 connection object: a new connection (Django
closes them after ``CONN_MAX_AGE``) starts over. Needs session-level connections, as Django's
own persistent connections are; a pooler in transaction mode (PgBouncer's) would not do.
On SQLite (in-process, no planning round trip to save) statements run as they are.
"""

import re

from django.db import connection

# At most this many statements per connection: the search has a few dozen shapes (one per
# number of words in a query); anything beyond runs unprepared rather than piling up.
MAX_STATEMENTS = 100

_PLACEHOLDER = re.compile(r"%s")


def execute(cursor, sql, params):
    """Run ``sql`` (psycopg2 ``%s`` style) with ``params``, prepared on PostgreSQL."""
    if connection.vendor != "postgresql":
        cursor.execute(sql, params)
        return
    names = _prepared_names()
    name = names.get(sql)
    arguments = f"({', '.join(['%s'] * len(params))})" if params else ""
    if name is not None:
        cursor.execute(f"EXECUTE {name}{arguments}", params)
    elif len(names) < MAX_STATEMENTS:
        name = f"search_{len(names)}"
        cursor.execute(
            f"PREPARE {name} AS {_numbered(sql)}; EXECUTE {name}{arguments}",
            params,
        )
        names[sql] = name
    else:
        cursor.execute(sql, params)


def _prepared_names():
    """SQL text -> statement name, for the psycopg2 connection open now."""
    raw = connection.connection
    held = getattr(connection, "_search_statements", None)
    if held is None or held[0] is not raw:
        held = (raw, {})
        connection._search_statements = held
    return held[1]


def _numbered(sql):
    """``%s`` placeholders as ``$1``, ``$2`` …, for PREPARE (``%%`` stays for psycopg2)."""
    counter = iter(range(1, len(sql) + 1))
    return _PLACEHOLDER.sub(lambda _match: f"${next(counter)}", sql)


def forget():
    """Deallocate this connection's prepared statements (``DEALLOCATE ALL``), so the next
    search prepares its statements anew: after a schema change in a long-running process,
    and in tests."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    connection._search_statements = None
