"""Small readers for settings that come from environment variables.

Each one fails loudly (``ImproperlyConfigured``) on a value it cannot understand, so a typo
in production configuration stops the start instead of quietly meaning something else.
"""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name, default=None, *, required=False):
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"The environment variable {name} must be set.")
        return default
    return value


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a boolean: use one of true/false, yes/no, on/off, 1/0."
    )


def env_int(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    items = [item.strip() for item in value.split(",")]
    if any(not item for item in items):
        raise ImproperlyConfigured(f"{name}={value!r} has an empty item: separate with commas.")
    return items


def env_database(name, default):
    """A database config from a URL (``postgres://…`` or ``sqlite:///…``), via dj-database-url."""
    import dj_database_url

    url = env_str(name, default)
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} is not a database URL: {error}") from error
    if config["ENGINE"] not in {
        "django.db.backends.postgresql",
        "django.db.backends.sqlite3",
    }:
        raise ImproperlyConfigured(f"{name} must point to PostgreSQL or SQLite, not {url!r}.")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config.setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
    # Two checkouts sharing one PostgreSQL server give their test databases different names.
    test_name = env_str("TEST_DATABASE_NAME")
    if test_name:
        config["TEST"] = {"NAME": test_name}
    if config["ENGINE"] == "django.db.backends.postgresql":
        # Generic plans for the search's prepared statements (titles/search/prepared.py); Django
        # prepares nothing else with psycopg2, so nothing else is affected.
        options = config.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} {GENERIC_PLANS}".strip()
    return config


GENERIC_PLANS = "-c plan_cache_mode=force_generic_plan"
# SQLite with two saves at once: the write-ahead log lets readers go on while one writes,
# IMMEDIATE takes the write lock when a transaction starts (not halfway, when it could only
# fail with "database is locked"), and a writer waits up to 20 s for the other to finish.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
