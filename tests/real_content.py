"""Guards for the real glossary that the ``glossary`` fixture installs once per module.

Search and page behaviour is specified against the real titles; loading them per test
would take seconds, so a module shares one load and each test runs in a transaction on top.
"""

from django.apps import apps
from django.db import connection, transaction


def assert_test_database():
    """Module-wide data is written outside the tests' transactions: never into a real database
    (pytest-django only sets up the test database when a collected test is marked django_db)."""
    name = str(connection.settings_dict["NAME"])
    assert "test" in name or "memory" in name, f"refusing to load the glossary into {name}"


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
