"""Guides: Markdown made safe, role names linked, draft until published, in search, sitemap
and home page; the bundled guides load; editors cannot change what the public reads."""

import json
import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from tests.factories import make_guide, make_publisher, make_title
from tests.pages import page, url_in
from titles.guides import render
from titles.models import Guide, GuideStatus

pytestmark = pytest.mark.django_db
GUIDES_DIR = Path(settings.BASE_DIR) / "content" / "guides"


@pytest.fixture
def coordinator():
    return make_title("Marknadskoordinator", "Marketing Coordinator", slug="marknadskoordinator")


def test_raw_html_and_unsafe_links_never_reach_the_page(coordinator):
    html = render(
        '<script>alert(1)</script> <img src=x onerror="alert(1)">\n\n'
        "[klicka](javascript:alert(1)) och [källa](https://example.org/)",
        "sv",
    )
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert "javascript:" not in html.replace("[klicka](javascript:alert(1))", "")
    assert '<a href="https://example.org/">källa</a>' in html


def test_the_first_mention_of_a_role_is_linked_not_in_headings(coordinator):
    with translation.override("sv"):
        html = render(
            "# Marknadskoordinator\n\nEn marknadskoordinator planerar. Marknadskoordinatorn igen.",
            "sv",
        )
    assert "<h1" not in html
    assert "<h2>Marknadskoordinator</h2>" in html
    links = re.findall(r'<a href="([^"]+)" class="term-link">([^<]+)</a>', html)
    assert links == [("/sv/yrken/marknadskoordinator/", "marknadskoordinator")]


def test_a_published_guide_reads_in_both_languages_with_its_article_data(client, coordinator):
    guide = make_guide(body="En Marknadskoordinator skriver.\n\n## Mer\n\n- punkt")
    guide.roles.add(coordinator)
    sv = page(client, url_in("sv", "titles:guide-detail", guide.slug))
    assert '<h1 id="guide-heading">Om roller</h1>' in sv
    assert 'href="/sv/yrken/marknadskoordinator/" class="term-link"' in sv
    en = page(client, url_in("en", "titles:guide-detail", guide.slug))
    assert "About roles" in en
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', en, re.S)[1])
    assert data["@type"] == "Article"
    assert data["headline"] == "About roles"
    assert data["inLanguage"] == "en"
    assert data["about"][0]["name"] == "Marketing Coordinator"


def test_a_draft_is_not_public(client):
    make_guide(slug="utkast", status=GuideStatus.DRAFT)
    page(client, url_in("sv", "titles:guide-detail", "utkast"), status=404)
    assert "utkast" not in page(client, url_in("sv", "titles:guides"))
    assert "/guider/utkast/" not in client.get("/sitemap-guides.xml").content.decode()


def test_guides_are_listed_on_home_in_the_sitemap_and_below_roles_in_search(client, coordinator):
    guide = make_guide(title_sv="Om marknadskoordinatorer", title_en="On coordinators")
    guide.roles.add(coordinator)
    assert "/sv/guider/om-roller/" in page(client, url_in("sv", "titles:home"))
    sitemap = client.get("/sitemap-guides.xml").content.decode()
    assert "/sv/guider/om-roller/" in sitemap and "/en/guides/om-roller/" in sitemap
    results = page(client, url_in("sv", "titles:search") + "?q=koordinator")
    assert results.index("/sv/yrken/marknadskoordinator/") < results.index("/sv/guider/om-roller/")


def test_a_change_to_a_guide_shows_at_once(client):
    guide = make_guide()
    url = url_in("en", "titles:guide-detail", guide.slug)
    etag = client.get(url)["ETag"]
    guide.title_en = "Renamed guide"
    guide.save()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "Renamed guide" in response.content.decode()


def test_the_bundled_guides_load_and_every_one_reads_in_both_languages(client):
    call_command("loadglossary", verbosity=0)
    files = sorted(GUIDES_DIR.glob("*.yaml"))
    assert len(files) >= 6
    assert Guide.objects.published().count() == len(files)
    for path in files:
        slug = yaml.safe_load(path.read_text())["slug"]
        for language in ("sv", "en"):
            html = page(client, url_in(language, "titles:guide-detail", slug))
            assert 'class="term-link"' in html, f"{slug} ({language}) links no role"


def test_loading_again_never_overwrites_an_editors_change(tmp_path):
    call_command("loadglossary", verbosity=0)
    guide = Guide.objects.order_by("slug").first()
    guide.summary_sv = "Redaktörens egen sammanfattning."
    guide.save()
    call_command("loadglossary", verbosity=0)
    guide.refresh_from_db()
    assert guide.summary_sv == "Redaktörens egen sammanfattning."
    call_command("loadglossary", "--force", verbosity=0)
    guide.refresh_from_db()
    assert guide.summary_sv != "Redaktörens egen sammanfattning."


def test_a_bad_guide_file_is_refused_with_the_file_and_field(tmp_path):
    from django.core.management.base import CommandError

    content = tmp_path / "content"
    content.mkdir()
    for name in ("tags.yaml", "sources.yaml", "topics.yaml"):
        (content / name).write_text((GUIDES_DIR.parent / name).read_text())
    (content / "titles").mkdir()
    (content / "guides").mkdir()
    (content / "guides" / "trasig.yaml").write_text(
        "slug: trasig\nstatus: published\ntitle: {sv: Trasig}\nroles: [finns-inte]\n"
    )
    with pytest.raises(CommandError) as error:
        call_command("loadglossary", "--path", str(content), verbosity=0)
    message = str(error.value)
    assert "trasig.yaml: title.en: missing" in message
    assert "trasig.yaml: roles: 'finns-inte' is not in the glossary" in message
    assert not Guide.objects.exists()


def test_an_editor_writes_drafts_but_cannot_publish_or_change_a_published_guide(editor_client):
    draft = make_guide(slug="utkast", status=GuideStatus.DRAFT, body="Första versionen.")
    published = make_guide(slug="publicerad")
    change = f"/admin/titles/guide/{draft.pk}/change/"
    form = editor_client.get(change).content.decode()
    assert 'value="published"' not in form
    assert "Första versionen." in form  # the preview
    post = {
        "slug": "utkast",
        "status": "published",
        "title_sv": "Utkast",
        "title_en": "Draft",
        "summary_sv": "S",
        "summary_en": "S",
        "body_sv": "Ny text",
        "body_en": "New text",
    }
    editor_client.post(change, post)
    draft.refresh_from_db()
    assert draft.status == GuideStatus.DRAFT
    response = editor_client.post(f"/admin/titles/guide/{published.pk}/change/", post)
    assert response.status_code == 403 or b"Ny text" not in response.content
    published.refresh_from_db()
    assert published.body_sv == "Text."
    publisher_client = Client()
    publisher_client.force_login(make_publisher())
    publisher_client.post(change, post)
    draft.refresh_from_db()
    assert (draft.status, draft.body_sv) == (GuideStatus.PUBLISHED, "Ny text")
    assert draft.published_at is not None
