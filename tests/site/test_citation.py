"""Cite this entry: an APA-style reference and BibTeX of the version shown, and that
version's permanent page, which keeps the cited text after the entry changes."""

import re
from html import unescape

import pytest

from tests.factories import make_label, make_responsibility, make_title
from tests.pages import role_url, url_in
from titles.models import Status, Title

pytestmark = pytest.mark.django_db

VERSION_LINK = re.compile(r'class="citation__permalink" href="([^"]+)"')


def page(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    return response.content.decode()


def permalink(client, address):
    return VERSION_LINK.search(page(client, address)).group(1)


def test_a_role_page_cites_the_version_it_shows_in_apa_and_bibtex(client):
    title = make_title("Kampanjledare", "Campaign Lead", slug="kampanjledare")
    record = title.history.latest()
    html = unescape(page(client, role_url("en", "kampanjledare")))
    day = record.history_date.date()
    link = f"/en/roles/campaign-lead/versions/{record.history_id}/"
    assert f'class="citation__permalink" href="{link}"' in html
    month = day.strftime("%B")
    assert f"Campaign Lead. ({day.year}, {month} {day.day}). In <cite>Yrkesroller" in html
    assert f"http://testserver{link}</a>" in html
    assert f"@misc{{yrkesroller-kampanjledare-{day.isoformat()}," in html
    assert "title        = {Campaign Lead}," in html
    assert f"url          = {{http://testserver{link}}}," in html


def test_the_swedish_page_cites_in_swedish(client):
    make_title("Kampanjledare", "Campaign Lead", slug="kampanjledare")
    html = page(client, role_url("sv", "kampanjledare"))
    assert "Citera det här uppslaget" in html
    assert re.search(r"Kampanjledare\. \(\d{4}, \d{1,2} [a-zåäö]+\)\. I <cite>", html)
    assert "langid       = {swedish}" in html
    assert re.search(r'href="/sv/yrken/kampanjledare/versioner/\d+/"', html)


def test_bibtex_special_characters_are_escaped(client):
    make_title("Vd & ägare 100%", "CEO & owner_1", slug="vd-agare")
    html = unescape(page(client, role_url("en", "vd-agare")))
    assert r"title        = {CEO \& owner\_1}," in html


def test_the_permanent_link_keeps_the_cited_text_after_the_entry_changes(client):
    title = make_title("Kampanjledare", "Campaign Lead", slug="kampanjledare")
    make_label(title, "Kampanjansvarig")
    make_responsibility(title, "Planerar kampanjer", "Plans campaigns")
    cited = permalink(client, role_url("sv", "kampanjledare"))
    title.definition_sv = "En helt ny definition."
    title.save()
    title.labels.filter(text="Kampanjansvarig").delete()
    title.responsibilities.update(text_sv="Något annat")  # no history: stays as it was

    old = page(client, cited)
    assert "Kampanjledare gör saker." in old
    assert "En helt ny definition." not in old
    assert "Kampanjansvarig" in old
    assert "Planerar kampanjer" in old
    assert "Det här är uppslaget som det publicerades" in old
    assert 'href="/sv/yrken/kampanjledare/">' in old  # read the current entry
    assert 'name="robots" content="noindex"' in old

    newest = permalink(client, role_url("sv", "kampanjledare"))
    assert newest != cited
    assert "En helt ny definition." in page(client, newest)
    listed = re.findall(r"/sv/yrken/kampanjledare/versioner/\d+/", old)
    assert newest in listed


def test_a_version_answers_at_a_later_slug_by_redirecting_to_its_own(client):
    title = make_title("Kampanjledare", "Campaign Lead", slug="kampanjledare")
    cited = permalink(client, role_url("sv", "kampanjledare"))
    number = cited.rstrip("/").rsplit("/", 1)[1]
    title.slug = "kampanjchef"
    title.save()
    response = client.get(f"/sv/yrken/kampanjchef/versioner/{number}/")
    assert response.status_code == 301
    assert response["Location"] == cited
    english = client.get(f"/en/roles/kampanjledare/versions/{number}/")
    assert english.status_code == 301
    assert english["Location"] == f"/en/roles/campaign-lead/versions/{number}/"


def test_only_published_versions_have_a_page(client):
    title = make_title("Utkastroll", "Draft role", slug="utkastroll", status=Status.DRAFT)
    draft = title.history.latest().history_id
    assert client.get(f"/sv/yrken/utkastroll/versioner/{draft}/").status_code == 404
    assert client.get("/sv/yrken/utkastroll/versioner/999999/").status_code == 404
    title.status = Status.PUBLISHED
    title.save()
    published = title.history.latest().history_id
    assert client.get(f"/sv/yrken/utkastroll/versioner/{published}/").status_code == 200
    assert client.post(f"/sv/yrken/utkastroll/versioner/{published}/").status_code == 405


def test_a_version_of_a_retired_title_stays_readable(client):
    title = make_title("Gammal roll", "Old role", slug="gammal-roll")
    cited = permalink(client, role_url("sv", "gammal-roll"))
    title.status = Status.RETIRED
    title.save()
    html = page(client, cited)
    assert "Gammal roll" in html


def test_the_version_page_switches_language_to_the_same_version(client):
    make_title("Kampanjledare", "Campaign Lead", slug="kampanjledare")
    cited = permalink(client, role_url("sv", "kampanjledare"))
    number = cited.rstrip("/").rsplit("/", 1)[1]
    html = page(client, cited)
    assert f'hreflang="en" href="http://testserver/en/roles/campaign-lead/versions/{number}/"' in (
        html
    )


def test_rows_without_history_get_no_citation_but_the_page_works(client):
    Title.objects.bulk_create(
        [Title(slug="bulkroll", name="Bulkroll", name_sv="Bulkroll", name_en="Bulk role",
               field="marketing", seniority="mid", focus="both", profile="specialist",
               status=Status.PUBLISHED)]
    )  # fmt: skip
    html = page(client, url_in("sv", "titles:title-detail", "bulkroll"))
    assert "citation__permalink" not in html
