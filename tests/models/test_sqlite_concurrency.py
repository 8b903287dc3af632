"""SQLite under two simultaneous saves (issue 12): the second writer waits for the first
instead of failing with "database is locked" (WAL, IMMEDIATE transactions, a busy timeout)."""

import os
import subprocess
import sys

from django.conf import settings


def run_two_saves(tmp_path, **extra_env):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'two.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "glossary.settings",
        **extra_env,
    }
    result = subprocess.run(
        [sys.executable, "-m", "tests.models.sqlite_two_saves"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split("\n")[:2]


def test_two_saves_at_once_both_succeed_one_after_the_other(tmp_path):
    assert run_two_saves(tmp_path) == ["saved", "saved"]


def test_the_database_runs_in_wal_mode_with_immediate_transactions():
    options = settings.DATABASES["default"].get("OPTIONS", {})
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        from glossary.env import SQLITE_OPTIONS as options
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 5
