"""The real glossary (content/), loaded once for a whole test module.

Search behaviour is specified against the real titles, and loading them takes a second or
two, so the search and API tests share one load per module instead of one per test. Each
test still runs in its own transaction on top of it.
"""

from contextlib import contextmanager

from django.apps import apps
from django.db import connection, transaction

from titles.exchange.loader import load_content, read_content


def assert_test_database():
    """Module-wide data is written outside the tests' transactions: never into a real database
    (pytest-django only sets up the test database when a collected test is marked django_db)."""
    name = str(connection.settings_dict["NAME"])
    assert "test" in name or "memory" in name, f"refusing to load the glossary into {name}"


@contextmanager
def real_glossary(django_db_blocker):
    with django_db_blocker.unblock():
        assert_test_database()
        load_content(read_content())
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            empty_titles_tables()


def empty_titles_tables():
    """Leave the titles app's tables as empty as the next test module expects them.

    Plain DELETEs, so no signal writes new rows (history) while emptying; foreign keys are
    deferred to the end of the transaction, when every table is empty.
    """
    models = apps.get_app_config("titles").get_models(include_auto_created=True)
    with transaction.atomic(), connection.cursor() as cursor:
        for model in models:
            if model._meta.managed and not model._meta.proxy:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
