"""Freshness in O(1): one content version row, bumped by the database on every change a page
shows, answers 304s and keys the page cache; no page is served stale after a change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    make_label,
    make_relation,
    make_responsibility,
    make_source,
    make_tag,
    make_title,
    make_topic,
)
from tests.pages import count_queries, page, role_url, url_in
from titles.models import ContentVersion, Skill, SlugRedirect, Status, Title

pytestmark = pytest.mark.django_db

PAGES = [
    ("titles:home", ()),
    ("titles:index", ()),
    ("titles:compare", ()),
    ("titles:career-paths", ()),
    ("titles:recent", ()),
    ("titles:title-detail", ("roll",)),  # a title with the same slug in both languages
    ("titles:field-detail", ("marketing",)),
]


def conditional_queries(client, url, etag):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    return [query["sql"] for query in queries]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_a_304_costs_one_lookup_of_the_content_version(client, name, args):
    make_title(slug="roll", slug_en="roll", field="marketing")
    url = url_in("sv", name, *args)
    etag = client.get(url)["ETag"]
    queries = conditional_queries(client, url, etag)
    assert len(queries) == 1
    assert "titles_contentversion" in queries[0]


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_a_page_seen_before_comes_from_the_cache(client, name, args):
    make_title(slug="roll", slug_en="roll", field="marketing")
    url = url_in("en", name, *args)
    first = client.get(url)
    assert count_queries(client, url) == 1
    again = client.get(url)
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_no_cached_page_survives_a_publication(client):
    make_title("Marknadsförare", "Marketer", slug="marknadsforare")
    draft = make_title("Tillväxtmarknadsförare", "Growth Marketer", slug="growth", status="draft")
    index = url_in("en", "titles:index")
    assert "Growth Marketer" not in page(client, index)
    draft.status = Status.PUBLISHED
    draft.save()
    assert "Growth Marketer" in page(client, index)
    Title.objects.filter(pk=draft.pk).update(status=Status.DRAFT)  # a bulk update, no signals
    assert "Growth Marketer" not in page(client, index)


def _bulk(title, other):
    Title.objects.filter(pk=title.pk).update(name_en="Renamed in bulk")


def _raw_sql(title, other):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE titles_title SET name_en = %s WHERE id = %s", ["Raw", title.pk])


CHANGES = {
    "label": lambda title, other: make_label(title, "Nytt namn"),
    "label deleted": lambda title, other: title.labels.all().delete(),
    "responsibility": lambda title, other: make_responsibility(title),
    "skill": lambda title, other: Skill.objects.create(title=title, text_sv="Noggrann"),
    "relation": lambda title, other: make_relation(title, other),
    "tag added": lambda title, other: title.tags.add(make_tag("ny", "Ny", "New")),
    "topic": lambda title, other: make_topic(title),
    "source added": lambda title, other: title.sources.add(make_source()),
    "old address": lambda title, other: SlugRedirect.objects.create(old_slug="gammal", title=title),
    "bulk update": _bulk,
    "raw SQL": _raw_sql,
    "title deleted": lambda title, other: other.delete(),
}


@pytest.mark.parametrize("change", CHANGES)
def test_every_change_a_page_can_show_bumps_the_content_version(client, change):
    title = make_title(slug="roll")
    make_label(title, "Gammalt namn")
    other = make_title(slug="annan")
    url = url_in("sv", "titles:title-detail", "roll")
    etag = client.get(url)["ETag"]
    before = ContentVersion.current()
    CHANGES[change](title, other)
    after = ContentVersion.current()
    assert after[0] > before[0]
    assert after[1] >= before[1]
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def installed_triggers():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT event_object_table, event_manipulation FROM information_schema.triggers"
            )
        else:
            cursor.execute("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
        found = set()
        for table, what in cursor.fetchall():
            for operation in ("INSERT", "UPDATE", "DELETE"):
                if operation in what.upper():
                    found.add((table, operation))
        return found


def test_every_table_a_page_shows_still_has_its_triggers_after_all_migrations():
    """SQLite drops a table's triggers when a migration rebuilds it: a later migration that
    alters one of these tables must put them back (as 0020 does for labels)."""
    from importlib import import_module

    from django.apps import apps

    shown = import_module("titles.migrations.0018_content_version").shown_tables(apps)
    wanted = {(table, op) for table in shown for op in ("INSERT", "UPDATE", "DELETE")}
    # and the ones keeping each label's copy of "published" (0020)
    wanted |= {("titles_label", "INSERT"), ("titles_label", "UPDATE"), ("titles_title", "UPDATE")}
    found = installed_triggers()
    assert wanted - found == set()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT trigger_name FROM information_schema.triggers")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"titles_label_sets_public", "titles_title_publishes_labels"} <= names


def test_what_the_public_does_not_see_leaves_the_version_alone(client):
    make_title(slug="roll")
    before = ContentVersion.current()
    client.get("/api/v1/search", {"q": "finns inte alls"})  # a search miss is recorded
    client.get(url_in("sv", "titles:search"), {"q": "finns inte heller"})
    assert ContentVersion.current() == before


@pytest.mark.usefixtures("shared_cache")
def test_the_page_cache_is_shared_and_never_stale(client):
    """In Redis (production) as in local memory: one rendering serves the next request, and
    a change is seen by the very next one."""
    title = make_title("Marknadsförare", "Marketer", slug="marknadsforare")
    url = role_url("en", "marknadsforare")
    assert "Marketer" in page(client, url)
    assert count_queries(client, url) == 1
    title.name_en = "Marketing Generalist"
    title.save()
    assert "Marketing Generalist" in page(client, url)
