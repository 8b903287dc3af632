"""The public pages with the real glossary (content/) loaded: the seeds' favourite
comparison, SEO tags, JSON-LD, the sitemap, and no inline code on any page."""

import json
import re

import pytest
from django.utils import translation

from tests.pages import page, role_url, url_in
from tests.sitemaps import whole_sitemap
from titles.models import Title

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("glossary")]


def test_home_offers_the_assistant_coordinator_manager_comparison_in_one_click(client):
    html = page(client, url_in("sv", "titles:home"))
    compare = url_in("sv", "titles:compare")
    roles = ["marknadsassistent", "marknadskoordinator", "marknadsansvarig"]
    link = compare + "?" + "&amp;".join(f"roles={slug}" for slug in roles)
    assert f'href="{link}"' in html
    target = page(client, link.replace("&amp;", "&"))
    assert target.count('<th scope="col">') == 3
    assert 'role="search"' in html
    assert "Marknadsföring" in html
    assert 'aria-labelledby="recent-heading"' in html


def test_every_page_has_a_unique_title_description_canonical_and_hreflang(client):
    urls = [
        url_in("sv", "titles:home"),
        url_in("sv", "titles:title-detail", "marknadsassistent"),
        url_in("sv", "titles:index"),
        url_in("sv", "titles:compare"),
        url_in("sv", "titles:career-paths"),
        url_in("sv", "titles:field-detail", "marketing"),
        url_in("sv", "titles:tag-detail", "entry-level"),
    ]
    titles = set()
    for url in urls:
        html = page(client, url)
        titles.add(re.search(r"<title>(.*?)</title>", html).group(1))
        assert re.search(r'<meta name="description" content="[^"]{20,}">', html)
        assert f'<link rel="canonical" href="http://testserver{url}">' in html
        english = translation_of(url, "en")
        if "/yrken/" in url:  # the English role page has the English slug
            english = role_url("en", "marknadsassistent")
            assert english == "/en/roles/marketing-assistant/"
        assert f'<link rel="alternate" hreflang="en" href="http://testserver{english}">' in html
        assert f'<link rel="alternate" hreflang="sv" href="http://testserver{url}">' in html
        assert '<link rel="alternate" hreflang="x-default"' in html
        assert '<meta property="og:title"' in html
        assert f'<meta property="og:url" content="http://testserver{url}">' in html
    assert len(titles) == len(urls)


def test_the_index_files_every_published_title_of_the_real_glossary(client):
    """The index reads each label's copy of "published": right after ``loaddata`` too, which
    writes labels before their titles."""
    from tests.site.test_views import letter_bar

    published = Title.objects.published().count()
    for language in ("sv", "en"):
        bar = letter_bar(page(client, url_in(language, "titles:index")))
        abbreviations = Title.objects.published().filter(
            labels__kind="abbreviation", labels__language=language
        )
        total = sum(count or 0 for _letter, count, _current in bar)
        assert total == published + abbreviations.count()


def translation_of(url, language):
    from django.urls import translate_url

    with translation.override("sv"):
        return translate_url(url, language)


def test_role_page_json_ld_is_a_defined_term_and_an_occupation_with_its_codes(client):
    from pyld import jsonld

    html = page(client, role_url("en", "key-account-manager"))
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))

    def offline_loader(url, options=None):
        assert url.rstrip("/") in {"https://schema.org", "http://schema.org"}
        context = {"@context": {"@vocab": "https://schema.org/"}}
        return {"contextUrl": None, "documentUrl": url, "document": context}

    expanded = jsonld.expand(data, {"documentLoader": offline_loader})
    term = expanded[0]
    schema = "https://schema.org/"
    assert term["@type"] == [schema + "DefinedTerm", schema + "Occupation"]
    assert term[schema + "name"][0]["@value"] == "Key Account Manager"
    alternates = {value["@value"] for value in term[schema + "alternateName"]}
    assert {"KAM", "Nyckelkundsansvarig", "Strategic Account Manager"} <= alternates
    term_set = term[schema + "inDefinedTermSet"][0]
    assert term_set["@type"] == [schema + "DefinedTermSet"]
    categories = {
        (
            category[schema + "inCodeSet"][0][schema + "name"][0]["@value"],
            category[schema + "codeValue"][0]["@value"],
        )
        for category in term[schema + "occupationalCategory"]
    }
    assert categories == {("SSYK 2012", "3322"), ("ISCO-08", "3322")}
    assert term["@id"] == f"http://testserver{role_url('en', 'key-account-manager')}#term"


def test_sitemap_lists_every_page_in_both_languages_with_alternates(client):
    xml = whole_sitemap(client)
    role_sv = url_in("sv", "titles:title-detail", "marknadsassistent")
    role_en = role_url("en", "marknadsassistent")
    assert f"<loc>http://testserver{role_sv}</loc>" in xml
    assert f"<loc>http://testserver{role_en}</loc>" in xml
    assert f'hreflang="en" href="http://testserver{role_en}"' in xml
    assert f"<loc>http://testserver{url_in('en', 'titles:index')}</loc>" in xml
    published = Title.objects.published().count()
    assert xml.count("/yrken/") >= published * 2


def test_every_address_in_the_sitemap_answers_200(client):
    xml = whole_sitemap(client)
    addresses = set(re.findall(r'(?:<loc>|href=")http://testserver([^<"]+)', xml))
    assert len(addresses) > 100
    broken = {path for path in addresses if client.get(path).status_code != 200}
    assert broken == set()


def test_pages_carry_no_inline_styles_scripts_or_event_handlers(client):
    for url in [
        url_in("en", "titles:home"),
        role_url("en", "marknadsassistent"),
        url_in("en", "titles:index"),
        url_in("en", "titles:compare") + "?roles=seo-specialist&roles=sem-specialist",
        url_in("en", "titles:career-paths"),
    ]:
        html = page(client, url)
        assert not re.search(r"\sstyle=|\son[a-z]+=", html), url
        scripts = re.findall(r"<script([^>]*)>", html)
        assert all("src=" in attrs or "application/ld+json" in attrs for attrs in scripts)


def test_role_page_shows_codes_with_group_names_topics_and_the_way_in(client):
    html = page(client, url_in("sv", "titles:title-detail", "grafisk-formgivare"))
    assert '<a href="https://www.scb.se/' in html
    assert '2172</a> <span lang="sv">Grafisk formgivare m.fl.</span>' in html
    assert '2166</a> <span lang="en">Graphic and multimedia designers</span>' in html
    title = Title.objects.get(slug="grafisk-formgivare")
    for topic in title.topics.all():
        assert f"<li>{topic.name_sv}</li>" in html
    assert title.pathway_sv.split(".")[0] in html
    english = page(client, role_url("en", "grafisk-formgivare"))
    assert title.pathway_en.split(".")[0] in english
    assert '2172</a> <span lang="en">Graphic designers</span>' in english
