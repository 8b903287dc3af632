"""sitemap.xml: an index of parts of bounded size, with lastmod, cached, fresh after a publish."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_guide, make_tag, make_title
from tests.pages import role_url, url_in
from tests.sitemaps import sitemap_parts
from titles.models import Status, Title
from titles.site.sitemaps import SITEMAP_LIMIT

pytestmark = pytest.mark.django_db


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    return response.content.decode()


def every_loc(client):
    return [
        loc
        for part in sitemap_parts(client)
        for loc in re.findall(r"<loc>([^<]+)</loc>", xml(client, part))
    ]


@pytest.fixture
def titles():
    return [make_title(f"Roll {n}", f"Role {n}", slug=f"roll-{n:02}") for n in range(7)]


def test_the_index_is_a_sitemap_index(client, titles):
    index = xml(client, "/sitemap.xml")
    assert index.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex')
    assert "<urlset" not in index and "/roles/" not in index


def test_the_index_lists_one_part_per_section_and_parts_hold_the_pages(client, titles):
    parts = sitemap_parts(client)
    assert parts == [
        f"/sitemap-{name}.xml" for name in ("pages", "fields", "tags", "titles", "guides")
    ]
    locs = every_loc(client)
    for title in titles:
        for language in ("sv", "en"):
            assert f"http://testserver{role_url(language, title.slug)}" in locs
    assert len(locs) == len(set(locs)) == (6 + 1 + 7) * 2


def test_a_part_never_holds_more_than_the_limit_of_addresses(client, titles, settings):
    assert SITEMAP_LIMIT == 10_000
    settings.SITEMAP_LIMIT = 4
    parts = sitemap_parts(client)
    title_parts = [part for part in parts if part.startswith("/sitemap-titles.xml")]
    # 7 titles x 2 languages = 14 addresses, 4 a part.
    assert title_parts == ["/sitemap-titles.xml"] + [
        f"/sitemap-titles.xml?p={p}" for p in (2, 3, 4)
    ]
    sizes = [xml(client, part).count("<loc>") for part in title_parts]
    assert sizes == [4, 4, 4, 2]
    locs = every_loc(client)
    assert len(locs) == len(set(locs)) == (6 + 1 + 7) * 2
    assert client.get("/sitemap-titles.xml?p=5").status_code == 404


def test_each_address_carries_its_alternates_and_lastmod(client, titles):
    titles[3].tags.add(make_tag("sok", "Sök", "Search"))
    Title.objects.filter(slug="roll-03").update(updated_at="2024-05-06T07:08:09Z")
    part = xml(client, "/sitemap-titles.xml")
    # The English page has the English slug; the alternates name each language's own.
    entry = re.search(r"<url><loc>[^<]*/en/roles/role-3/</loc>.*?</url>", part, flags=re.S).group(0)
    assert "<lastmod>2024-05-06</lastmod>" in entry
    assert 'hreflang="sv" href="http://testserver/sv/yrken/roll-03/"' in entry
    assert 'hreflang="en" href="http://testserver/en/roles/role-3/"' in entry
    make_guide()
    index = xml(client, "/sitemap.xml")
    assert index.count("<lastmod>") == len(sitemap_parts(client))


def test_tags_have_a_part_of_their_own_without_drafts(client, titles):
    tag = make_tag("sok", "Sök", "Search")
    titles[0].tags.add(tag)
    hidden = make_tag("dold", "Dold", "Hidden")
    make_title(slug="utkast", status=Status.DRAFT).tags.add(hidden)
    assert "/sitemap-tags.xml" in sitemap_parts(client)
    locs = every_loc(client)
    assert f"http://testserver{url_in('en', 'titles:tag-detail', 'sok')}" in locs
    assert not [loc for loc in locs if "dold" in loc or "utkast" in loc]


def test_the_sitemap_is_cached(client, titles, django_assert_num_queries):
    xml(client, "/sitemap.xml")
    xml(client, "/sitemap-titles.xml")
    with django_assert_num_queries(2):  # the content version, once per request
        xml(client, "/sitemap.xml")
        xml(client, "/sitemap-titles.xml")


def test_a_publish_shows_in_the_sitemap_at_once(client, titles):
    draft = make_title("Ny roll", "New role", slug="ny-roll", status=Status.DRAFT)
    assert not [loc for loc in every_loc(client) if "ny-roll" in loc or "new-role" in loc]
    draft = Title.objects.get(pk=draft.pk)
    draft.status = Status.PUBLISHED
    draft.save()
    locs = every_loc(client)
    assert [loc for loc in locs if "ny-roll" in loc] == ["http://testserver/sv/yrken/ny-roll/"]
    assert [loc for loc in locs if "new-role" in loc] == ["http://testserver/en/roles/new-role/"]


def test_a_retired_or_deleted_title_leaves_the_sitemap_at_once(client, titles):
    assert [loc for loc in every_loc(client) if "roll-01" in loc]
    title = Title.objects.get(slug="roll-01")
    title.status = Status.RETIRED
    title.save()
    assert not [loc for loc in every_loc(client) if "roll-01" in loc]
    Title.objects.get(slug="roll-02").delete()
    assert not [loc for loc in every_loc(client) if "roll-02" in loc]


def test_a_part_reads_only_its_own_titles(client, titles, settings):
    settings.SITEMAP_LIMIT = 4
    with CaptureQueriesContext(connection) as queries:
        xml(client, "/sitemap-titles.xml?p=2")
    selects = [q["sql"] for q in queries if "titles_title" in q["sql"] and "COUNT" not in q["sql"]]
    assert len(selects) == 1 and "LIMIT 2" in selects[0]


def test_robots_txt_points_at_the_index(client):
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode()
