"""Each process learns of new content from PostgreSQL's NOTIFY (``titles.version_watch``),
so a 304 or a cached page costs no database round trip, and still is never stale."""

import time

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tests.factories import make_title
from tests.pages import url_in
from titles import version_watch
from titles.models import ContentVersion, Title

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="LISTEN/NOTIFY is PostgreSQL's"),
]


def in_database():
    with connection.cursor() as cursor:
        cursor.execute(version_watch.READ)
        return tuple(cursor.fetchone())


def eventually(check, seconds=5):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.01)
    return False


@pytest.fixture
def watcher(monkeypatch):
    monkeypatch.setattr(version_watch, "RETRY_SECONDS", 0.05)
    watcher = version_watch.Watcher().start()
    assert eventually(lambda: watcher.version is not None)
    yield watcher
    watcher.stop()


@pytest.fixture
def listening(settings):
    settings.CONTENT_VERSION_LISTEN = True
    yield
    version_watch.stop()


def test_the_listener_follows_every_committed_change(watcher):
    make_title(slug="roll")
    assert eventually(lambda: watcher.version == in_database())
    before = watcher.version
    Title.objects.filter(slug="roll").update(definition_en="Changed.")
    assert eventually(lambda: watcher.version != before)
    assert watcher.version == in_database()
    assert watcher.version[0] > before[0]


def test_a_rolled_back_change_is_not_announced(watcher):
    make_title(slug="roll")
    assert eventually(lambda: watcher.version == in_database())
    before = watcher.version
    with transaction.atomic():
        Title.objects.filter(slug="roll").update(definition_en="Never kept.")
        transaction.set_rollback(True)
    time.sleep(0.2)
    assert watcher.version == before == in_database()


def listener_pids():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s",
            [version_watch.APPLICATION],
        )
        return {pid for (pid,) in cursor.fetchall()}


def cut_listeners():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
            [version_watch.APPLICATION],
        )


def test_after_a_lost_connection_it_listens_again(watcher):
    before = listener_pids()
    assert len(before) == 1
    cut_listeners()
    assert eventually(lambda: listener_pids() and listener_pids().isdisjoint(before))
    make_title(slug="after-the-loss")
    assert eventually(lambda: watcher.version == in_database())


def test_without_a_listening_connection_the_row_is_read(listening, monkeypatch):
    monkeypatch.setattr(version_watch, "RETRY_SECONDS", 30)
    make_title(slug="roll")
    assert eventually(lambda: version_watch.current() == in_database())
    cut_listeners()
    assert eventually(lambda: version_watch.current() is None)
    make_title(slug="while-cut")
    expected = in_database()
    with CaptureQueriesContext(connection) as queries:
        assert ContentVersion.current() == expected
    assert len(queries) == 1


def test_a_304_needs_no_query_while_listening_and_a_change_still_shows(client, listening):
    make_title(slug="roll", field="marketing")
    url = url_in("sv", "titles:title-detail", "roll")
    assert eventually(lambda: version_watch.current() == in_database())
    etag = client.get(url)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert len(queries) == 0
    Title.objects.filter(slug="roll").update(name_sv="Ny rubrik")
    assert eventually(lambda: client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200)
    assert "Ny rubrik" in client.get(url).content.decode()
