"""A guard for scale: no public page reads every title or every label on a request.

On a few thousand titles each public page is requested (the page cache off, so the page's
own queries run), and every query it makes is run again under ``EXPLAIN ANALYZE``: a scan
of ``titles_title`` or ``titles_label`` that goes through half as many rows as there are
titles or more, counted over all its loops and with the rows its filter threw away, fails
the test. This is what a subquery over all published titles or an aggregate for the ETag
did at 50,000 titles.

Figures about all titles that no index can make cheap (the counts a page shows) are computed
once per content version (``per_version``); the page is requested twice and the second
request is the one checked, as a reader meets it.
"""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.pages import url_in
from titles.models import Label, LabelKind, Relation, Status, Tag, TaggedTitle, Title

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's plans"),
]

TITLES = 3000
WATCHED = {"titles_title", "titles_label"}
FIELDS = ["marketing", "communication", "sales", "digital"]  # marketing the largest by far
INITIALS = "ABDEFGKLMNPRSTVÅÄÖ"


def seed():
    titles = Title.objects.bulk_create(
        Title(
            slug=f"roll-{number}",
            name=f"{INITIALS[number % len(INITIALS)]}roll {number}",
            name_sv=f"{INITIALS[number % len(INITIALS)]}roll {number}",
            name_en=f"{INITIALS[number % len(INITIALS)]}role {number}",
            definition_sv=f"Roll nummer {number} arbetar med marknadsföring.",
            definition_en=f"Role number {number} works in marketing.",
            field="marketing" if number % 10 else FIELDS[number % 4],
            seniority="mid",
            focus="both",
            profile="specialist",
            status=Status.PUBLISHED if number % 10 else Status.DRAFT,
        )
        for number in range(TITLES)
    )
    Label.objects.bulk_create(
        Label(title=title, text=text, language=language, kind=kind).fill_search_forms()
        for title in titles
        for text, language, kind in [
            (title.name_sv, "sv", LabelKind.PREFERRED),
            (title.name_en, "en", LabelKind.PREFERRED),
            (f"R{title.pk}", "en", LabelKind.ABBREVIATION),
        ]
    )
    tag = Tag.objects.create(slug="b2b", name="Företag", name_sv="Företag", name_en="Business")
    TaggedTitle.objects.bulk_create(
        TaggedTitle(content_object=title, tag=tag)
        for number, title in enumerate(titles)
        if number % 3
    )
    Relation.objects.bulk_create(
        Relation(source=low, target=high, type="next_step")
        for low, high in zip(titles[1:199:2], titles[2:200:2], strict=True)
    )
    Relation.objects.bulk_create(
        Relation(source=titles[1], target=other, type="related") for other in titles[3:30]
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE titles_title, titles_label, titles_relation, titles_taggedtitle")
    return titles[1]


def rows_read(node):
    """Rows a plan node went through: returned plus thrown away, over all its loops."""
    loops = node.get("Actual Loops", 1)
    kept = node.get("Actual Rows", 0)
    removed = node.get("Rows Removed by Filter", 0) + node.get("Rows Removed by Index Recheck", 0)
    return (kept + removed) * loops


def full_reads(plan):
    """The watched tables this plan reads (nearly) all of, with the rows it read."""
    found = []
    if plan.get("Relation Name") in WATCHED and rows_read(plan) >= TITLES / 2:
        found.append((plan["Relation Name"], plan["Node Type"], rows_read(plan)))
    for child in plan.get("Plans", []):
        found += full_reads(child)
    return found


def offending_queries(queries):
    """The captured queries whose plan reads (nearly) all titles or labels, planned with
    sequential scans disabled: on a few thousand rows PostgreSQL rightly prefers to read a
    small table whole, as it would not at 50,000; with an index path at hand it must take it,
    and a query that has none (or needs every row) still shows a full read."""
    offending = []
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        for query in queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
                continue
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            reads = full_reads(plan[0]["Plan"])
            if reads:
                offending.append((sql[:300], reads))
        cursor.execute("RESET enable_seqscan")
    return offending


PAGES = [
    ("sv", "titles:home", (), ""),
    ("sv", "titles:index", (), ""),
    ("sv", "titles:index-letter", ("ö",), "?page=2"),  # LIST_PAGE_SIZE is 100 here
    ("en", "titles:index", (), ""),
    ("sv", "titles:title-detail", ("roll-1",), ""),
    ("sv", "titles:field-detail", ("marketing",), ""),
    ("en", "titles:field-detail", ("marketing",), "?page=3"),
    ("sv", "titles:field-detail", ("sales",), ""),
    ("sv", "titles:tag-detail", ("b2b",), ""),
    ("en", "titles:tag-detail", ("b2b",), "?page=2"),
    ("sv", "titles:compare", (), "?roles=roll-1&roles=roll-3"),
    ("sv", "titles:compare", (), "?roles=Aroll+3&roles=roll-1"),
    ("sv", "titles:compare", (), ""),
    ("sv", "titles:career-paths", (), ""),
    ("sv", "titles:recent", (), ""),
]


@pytest.mark.parametrize(("language", "name", "args", "query"), PAGES)
def test_no_public_page_reads_every_title(client, settings, language, name, args, query):
    settings.PAGE_CACHE_SECONDS = 0
    settings.LIST_PAGE_SIZE = 100
    seed()
    url = url_in(language, name, *args) + query
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    offending = offending_queries(queries.captured_queries)
    assert not offending, json.dumps(offending, indent=1, ensure_ascii=False)


def test_a_sitemap_part_reads_only_its_own_titles(client, settings):
    """The index counts the titles once per content version; a part not rendered before
    reads only its own slice."""
    settings.SITEMAP_LIMIT = 500
    seed()
    assert client.get("/sitemap.xml").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/sitemap-titles.xml?p=2").status_code == 200
    offending = offending_queries(queries.captured_queries)
    assert not offending, json.dumps(offending, indent=1, ensure_ascii=False)


def test_a_304_reads_no_title(client):
    role = seed()
    url = url_in("sv", "titles:title-detail", role.slug)
    etag = client.get(url)["ETag"]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert len(queries) == 1
    assert not offending_queries(queries.captured_queries)
