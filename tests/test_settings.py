"""Configuration from the environment fails loudly on values it cannot understand."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from glossary.env import env_bool, env_database, env_list, env_str


def test_booleans_accept_the_usual_words_and_refuse_the_rest(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG") is True
    monkeypatch.setenv("FLAG", "off")
    assert env_bool("FLAG", True) is False
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG='maybe' is not a boolean"):
        env_bool("FLAG")


def test_required_values_must_be_set(monkeypatch):
    monkeypatch.delenv("SOMETHING", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SOMETHING must be set"):
        env_str("SOMETHING", required=True)
    assert env_str("SOMETHING", "fallback") == "fallback"


def test_lists_refuse_empty_items(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.example, b.example")
    assert env_list("HOSTS") == ["a.example", "b.example"]
    monkeypatch.setenv("HOSTS", "a.example,,b.example")
    with pytest.raises(ImproperlyConfigured, match="empty item"):
        env_list("HOSTS")


def test_database_url_must_be_postgres_or_sqlite(monkeypatch):
    monkeypatch.setenv("DB", "postgres://user:pw@db.internal:5432/glossary")
    config = env_database("DB", "sqlite:///x.sqlite3")
    assert (config["ENGINE"], config["NAME"], config["HOST"]) == (
        "django.db.backends.postgresql",
        "glossary",
        "db.internal",
    )
    monkeypatch.setenv("DB", "mysql://root@localhost/glossary")
    with pytest.raises(ImproperlyConfigured, match="PostgreSQL or SQLite"):
        env_database("DB", "sqlite:///x.sqlite3")
    monkeypatch.setenv("DB", "not a url")
    with pytest.raises(ImproperlyConfigured, match="DB"):
        env_database("DB", "sqlite:///x.sqlite3")


def production_env_without_a_key():
    env = {key: value for key, value in os.environ.items() if key != "SECRET_KEY"}
    env.update(DEBUG="false", DJANGO_SETTINGS_MODULE="glossary.settings")
    return env


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env_without_a_key()
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_manage_py_uses_the_development_key_that_make_install_wrote():
    env = production_env_without_a_key()
    key_file = settings.BASE_DIR / "var" / "dev-secret-key"
    written = not key_file.exists()
    if written:
        key_file.parent.mkdir(exist_ok=True)
        key_file.write_text("a-development-key-for-this-test-0123456789abcdefghijklmnop\n")
    try:
        result = subprocess.run(
            [sys.executable, "manage.py", "check"],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
        )
    finally:
        if written:
            key_file.unlink()
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_tests_run_with_debug_off_like_production():
    assert settings.DEBUG is False


def test_postgres_sessions_plan_prepared_statements_once(monkeypatch):
    # titles/search/prepared.py: generic plans, added to whatever options the URL already gives.
    monkeypatch.setenv(
        "DB", "postgres://db.internal/glossary?options=-c%20statement_timeout%3D5000"
    )
    options = env_database("DB", "sqlite:///x.sqlite3")["OPTIONS"]["options"]
    assert options.split() == [
        "-c",
        "statement_timeout=5000",
        "-c",
        "plan_cache_mode=force_generic_plan",
    ]
    monkeypatch.setenv("DB", "sqlite:///x.sqlite3")
    assert "options" not in env_database("DB", "sqlite:///x.sqlite3").get("OPTIONS", {})
