import os
import socket
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q
from django.test import override_settings
from django.utils import translation

from tests.factories import make_editor, make_publisher
from tests.real_content import assert_test_database, empty_titles_tables


@pytest.fixture(scope="session", autouse=True)
def group_permissions(django_db_setup, django_db_blocker):
    """The groups the data migrations made (name → permissions), read when the session
    starts, on every worker, before any transactional test has flushed them away (the
    admin tests' ``editorial_groups`` brings them back after one)."""
    with django_db_blocker.unblock():
        return {
            group.name: list(group.permissions.values_list("content_type__app_label", "codename"))
            for group in Group.objects.all()
        }


@pytest.fixture
def editorial_groups(transactional_db, group_permissions):
    """Brings the Editors and Publishers groups back after an earlier transactional test
    flushed them (a flush recreates permissions, not what data migrations made)."""
    assert {"Editors", "Publishers"} <= set(group_permissions), "groups were read too late"
    for name, permissions in group_permissions.items():
        group, created = Group.objects.get_or_create(name=name)
        if created:
            wanted = Q(pk__in=[])
            for app_label, codename in permissions:
                wanted |= Q(content_type__app_label=app_label, codename=codename)
            group.permissions.set(Permission.objects.filter(wanted))


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Code run outside a request speaks English, the msgid language, so tests can assert
    messages as written. Requests still get their language from the URL (/sv/, /en/)."""
    with translation.override("en"):
        yield


@pytest.fixture(scope="session", autouse=True)
def content_version_read_per_request():
    """A test's transaction never commits, so it never notifies listeners of the content
    version (``titles.version_watch``): tests read the row, except the listener's own."""
    from django.conf import settings

    settings.CONTENT_VERSION_LISTEN = False


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: no page rendered, no request counted, by another."""
    cache.clear()
    yield


@pytest.fixture
def editor(db):
    return make_editor()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def publisher(db):
    return make_publisher()


@pytest.fixture
def publisher_client(client, publisher):
    client.force_login(publisher)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture(scope="module")
def glossary(glossary_dump, django_db_blocker):
    """The real glossary, installed once for a test module and removed after it.

    For modules that only read it: ``pytestmark = pytest.mark.usefixtures("glossary")``.
    Each test still runs in its own transaction on top of it.
    """
    with django_db_blocker.unblock():
        assert_test_database()
        call_command("loaddata", glossary_dump, verbosity=0)
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            empty_titles_tables()


@pytest.fixture(scope="session")
def glossary_dump(django_db_setup, django_db_blocker, tmp_path_factory):
    """The real glossary (content/) as a fixture file for ``loaddata``.

    ``loadglossary`` runs once per session and is rolled back; tests then install the file
    with ``loaddata``, many times faster (PostgreSQL: about 6 s against well under one).
    """
    path = tmp_path_factory.mktemp("glossary") / "glossary.json"
    with django_db_blocker.unblock(), transaction.atomic():
        assert_test_database()
        call_command("loadglossary", verbosity=0)
        call_command("dumpdata", "titles", output=str(path), verbosity=0)
        transaction.set_rollback(True)
    return path


@pytest.fixture
def browser_page(live_server, browser, glossary_dump):
    """A factory of fresh browser pages, in a given locale, on the real glossary behind a
    live server (browser tests use transactional tests, so the data is loaded per test)."""
    call_command("loaddata", glossary_dump, verbosity=0)
    contexts = []

    def open_page(locale):
        context = browser.new_context(locale=locale)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium driven by Playwright (never ``playwright install``).

    Skipped with the reason when /usr/bin/chromium is missing; with CI=true that is a failure.
    """
    if not CHROMIUM.exists():
        message = f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; the browser tests are required in CI")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the tests' own ORM calls
    # (loading the content) are still plain synchronous calls.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def redis_reachable():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/15",
        "KEY_PREFIX": f"test-{os.getpid()}",
    }
}


@pytest.fixture(params=["locmem", "redis"])
def shared_cache(request):
    """The embedded default cache, then Redis (production): rate limits, rendered pages."""
    if request.param == "locmem":
        caches["default"].clear()
        yield
        caches["default"].clear()
        return
    if not redis_reachable():
        if os.environ.get("CI") == "true":
            pytest.fail("Redis must answer on 127.0.0.1:6379 in CI")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    with override_settings(CACHES=REDIS):
        caches["default"].clear()
        yield
        caches["default"].clear()
