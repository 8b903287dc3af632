"""Searches without results, counted for the editors' list (``SearchMiss``)."""

from django.db import connection
from django.utils import timezone

from titles.models import SearchMiss
from titles.search.forms import MAX_QUERY_LENGTH


def record_miss(normalized):
    """Count a search that found nothing, by its normalised text, for the editors' list.

    One atomic upsert (``INSERT … ON CONFLICT … DO UPDATE``, the same SQL on SQLite and
    PostgreSQL), so two students missing at once both count.
    """
    normalized = normalized[:MAX_QUERY_LENGTH]
    if not normalized:
        return
    table = connection.ops.quote_name(SearchMiss._meta.db_table)
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (query, count, first_seen, last_seen) VALUES (%s, 1, %s, %s)"
            f" ON CONFLICT (query) DO UPDATE SET count = {table}.count + 1,"
            " last_seen = excluded.last_seen",
            [normalized, now, now],
        )
