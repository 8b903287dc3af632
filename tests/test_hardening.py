"""Production hardening (issue 12): deploy checks, headers, lockout, rate limits, health, logs."""

import logging
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import make_editor

pytestmark = pytest.mark.django_db

API = "/api/v1/search"


def production_env(**extra):
    env = {key: value for key, value in os.environ.items() if not key.startswith("SECURE_")}
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="yrkesroller.example",
        DJANGO_SETTINGS_MODULE="glossary.settings",
        **extra,
    )
    return env


def deploy_check(env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )


def test_check_deploy_is_clean_in_production_settings():
    result = deploy_check(production_env(REDIS_URL="redis://127.0.0.1:6379/0"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_warns_when_workers_would_not_share_rate_limits():
    result = deploy_check(production_env())
    assert result.returncode != 0
    assert "glossary.W001" in result.stdout + result.stderr


@override_settings(SECURE_HSTS_SECONDS=63072000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_pages_carry_the_security_headers(client):
    response = client.get("/sv/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=63072000; includeSubDomains"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_open_data_may_be_read_from_other_sites(client):
    assert client.get(API, {"q": "säljare"})["Cross-Origin-Resource-Policy"] == "cross-origin"


def test_the_admin_has_a_strict_content_security_policy_too(client):
    policy = client.get(reverse("admin:login"))["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_production_defaults_to_https_only_and_trusts_no_proxy_header():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.split() == ["True", "True", "True", "63072000", "None"]
    trusted = production_env(TRUSTED_PROXY_SETS_PROTO="true")
    run = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=trusted,
        capture_output=True,
        text=True,
    )
    assert "('HTTP_X_FORWARDED_PROTO', 'https')" in run.stdout


def test_a_forged_forwarded_proto_header_does_not_make_a_request_secure(client):
    with override_settings(SECURE_HSTS_SECONDS=3600):
        response = client.get("/sv/", HTTP_X_FORWARDED_PROTO="https")
    assert "Strict-Transport-Security" not in response


# --- Admin login lockout ------------------------------------------------------------------


def login(client, password):
    return client.post(
        reverse("admin:login"),
        {"username": "redaktor", "password": password},
        REMOTE_ADDR="10.1.2.3",
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_failed_logins_lock_the_user_out_from_that_address_until_an_admin_unlocks(client, caplog):
    make_editor()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "wrong").status_code == 200
    with caplog.at_level(logging.WARNING, logger="glossary.lockout"):
        locked = login(client, "wrong")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    assert int(locked["Retry-After"]) == settings.AXES_COOLOFF_TIME.total_seconds()
    assert "admin login locked for user 'redaktor'" in caplog.text
    # Even the right password waits out the cool-off ...
    assert login(client, "a-long-editor-password-1").status_code == 429
    # ... unless an admin unlocks the user.
    call_command("axes_reset_username", "redaktor", verbosity=0)
    assert login(client, "a-long-editor-password-1").status_code == 302


def test_another_address_is_not_locked_out(client):
    make_editor()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, "wrong")
    response = client.post(
        reverse("admin:login"),
        {"username": "redaktor", "password": "a-long-editor-password-1"},
        REMOTE_ADDR="10.9.9.9",
    )
    assert response.status_code == 302


# --- Rate limits --------------------------------------------------------------------------


@pytest.mark.usefixtures("shared_cache")
@override_settings(API_RATE="3/m")
def test_the_api_answers_429_with_retry_after_past_its_rate(client):
    for _request in range(3):
        assert client.get(API, {"q": "säljare"}).status_code == 200
    limited = client.get(API, {"q": "säljare"})
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert limited.json()["error"].startswith("Too many searches")
    # Another address still gets answers.
    assert client.get(API, {"q": "säljare"}, REMOTE_ADDR="10.0.0.7").status_code == 200


@pytest.mark.usefixtures("shared_cache")
@override_settings(SEARCH_RATE="2/m")
def test_the_search_page_answers_429_with_a_page_in_the_readers_language(client):
    url = "/sv/sok/"
    for _request in range(2):
        assert client.get(url, {"q": "xyz"}).status_code == 200
    limited = client.get(url, {"q": "xyz"})
    assert limited.status_code == 429
    assert "Retry-After" in limited
    assert '<html lang="sv"' in limited.content.decode()


def test_the_default_rates_let_a_student_type_freely(client):
    caches["default"].clear()
    query = "marknadskoordinator"
    for end in range(2, len(query) + 1):  # the autocomplete asks at every keystroke
        assert client.get(API, {"q": query[:end]}).status_code == 200
    caches["default"].clear()


# --- Health -------------------------------------------------------------------------------


def test_healthz_reports_database_cache_and_migrations_without_details(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "migrations": "ok"},
    }
    assert response["Cache-Control"].startswith("max-age=0")


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
)
def test_healthz_answers_503_naming_the_failing_part(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "failing", "migrations": "ok"}
    assert "127.0.0.1" not in response.content.decode()


# --- Request log --------------------------------------------------------------------------


def test_every_request_logs_one_line_with_its_id(client, caplog):
    with caplog.at_level(logging.INFO, logger="glossary.requests"):
        response = client.get(API, {"q": "säljare"}, HTTP_X_REQUEST_ID="abc12345-proxy")
    assert response["X-Request-ID"] == "abc12345-proxy"
    (line,) = [record for record in caplog.records if record.name == "glossary.requests"]
    assert line.getMessage().startswith("GET /api/v1/search?q=")
    assert " 200 " in line.getMessage()
    assert line.request_id == "abc12345-proxy"


def test_a_request_id_that_is_not_one_is_replaced(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="bad id\nwith newline")
    assert len(response["X-Request-ID"]) == 32


# --- The API's methods and language --------------------------------------------------------


def test_a_post_to_the_api_is_405_with_allow_not_a_csrf_403():
    response = Client(enforce_csrf_checks=True).post(API, {"q": "säljare"})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


def test_api_errors_are_english_by_default_and_follow_accept_language(client):
    english = client.get(API, {"limit": "0"}).json()["error"]
    swedish = client.get(API, {"limit": "0"}, HTTP_ACCEPT_LANGUAGE="sv-SE,sv;q=0.9").json()
    assert english == "limit must be a whole number from 1 to 50."
    assert swedish["error"] != english
    fallback = client.get(API, {"limit": "0"}, HTTP_ACCEPT_LANGUAGE="de, fr;q=0.5").json()
    assert fallback["error"] == english
