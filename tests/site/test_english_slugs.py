"""English pages have English slugs (issue 16): /en/roles/marketing-assistant/ is the English
page, /sv/yrken/marknadsassistent/ the Swedish one (and the concept's URI); each language's
other slug, and a former English slug, answer 301 to the page in that language."""

import re
from importlib import import_module
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.utils.text import slugify

from tests.factories import make_guide, make_relation, make_title
from tests.forms import admin_form
from tests.pages import change_url, count_queries, page, url_in
from tests.sitemaps import sitemap_parts
from titles.models import EnglishSlugRedirect, Status, Title

pytestmark = pytest.mark.django_db

SV, EN = "/sv/yrken/marknadsassistent/", "/en/roles/marketing-assistant/"


@pytest.fixture
def assistant():
    return make_title("Marknadsassistent", "Marketing Assistant", slug="marknadsassistent")


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


def switch_links(html):
    nav = html.split('class="language-switch"')[1].split("</nav>")[0]
    return dict(re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', nav))


# --- The model -------------------------------------------------------------------------


def test_a_title_gets_an_english_slug_made_from_its_english_name(assistant):
    assert assistant.slug_en == "marketing-assistant"
    assert assistant.get_absolute_url("en") == EN
    assert assistant.get_absolute_url("sv") == SV


def test_a_taken_english_slug_gets_a_number_and_a_swedish_slug_is_never_taken(assistant):
    again = make_title("Marknadsassistent två", "Marketing Assistant", slug="assistent-2")
    assert again.slug_en == "marketing-assistant-2"
    # An English name that spells another title's Swedish slug
    clash = make_title("Något annat", "Marknadsassistent", slug="nagot-annat")
    assert clash.slug_en == "marknadsassistent-2"
    # Its own Swedish slug is fine
    same = make_title("Key Account Manager", "Key Account Manager", slug="key-account-manager")
    assert same.slug_en == "key-account-manager"


def test_the_migration_gives_every_title_of_the_real_glossary_a_unique_english_slug():
    migration = import_module("titles.migrations.0023_english_slugs")
    entries = [
        yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((Path(settings.BASE_DIR) / "content" / "titles").glob("*.yaml"))
    ]
    rows = [
        (number, entry["slug"], entry["names"]["en"], entry["names"]["sv"])
        for number, entry in enumerate(entries, 1)
    ]
    chosen = migration.english_slugs(rows)
    slugs = {pk: slug for pk, slug, _en, _sv in rows}
    assert len(set(chosen.values())) == len(rows)
    assert not {
        slug_en
        for pk, slug_en in chosen.items()
        if slug_en in slugs.values() and slugs[pk] != slug_en
    }
    by_slug = {slugs[pk]: slug_en for pk, slug_en in chosen.items()}
    assert by_slug["marknadsassistent"] == "marketing-assistant"
    assert by_slug["key-account-manager"] == "key-account-manager"
    assert by_slug["vd"] == "chief-executive-officer"
    assert all(by_slug[slug] == slugify(name) for _pk, slug, name, _sv in rows)


def test_the_migration_numbers_clashing_slugs():
    migration = import_module("titles.migrations.0023_english_slugs")
    rows = [
        (1, "saljare", "Seller", "Säljare"),
        (2, "seller", "Vendor", "Försäljare"),  # Swedish slug "seller": no one else's
        (3, "forsaljare", "Seller", "Försäljare"),
        (4, "tom", "", "Tom"),
    ]
    assert migration.english_slugs(rows) == {
        1: "seller-2",
        2: "vendor",
        3: "seller-3",
        4: "tom",
    }
    # A former Swedish slug of another title is not given either.
    assert migration.english_slugs(rows[1:2], former=[("vendor", 9)]) == {2: "vendor-2"}
    assert migration.english_slugs(rows[1:2], former=[("vendor", 2)]) == {2: "vendor"}


# --- Addresses -------------------------------------------------------------------------


def test_the_english_page_is_served_at_the_english_slug(client, assistant):
    html = page(client, EN)
    assert "Marketing Assistant" in html
    assert f'<link rel="canonical" href="http://testserver{EN}">' in html
    assert page(client, SV)


def test_the_swedish_slug_under_english_redirects_permanently_keeping_the_query(client, assistant):
    response = client.get("/en/roles/marknadsassistent/?utm_source=skola&q=%C3%A5")
    assert response.status_code == 301
    assert response["Location"] == f"{EN}?utm_source=skola&q=%C3%A5"


def test_the_english_slug_under_swedish_redirects_to_the_swedish_slug(client, assistant):
    response = client.get("/sv/yrken/marketing-assistant/")
    assert response.status_code == 301
    assert response["Location"] == SV


def test_a_title_with_the_same_slug_in_both_languages_answers_as_before(client):
    make_title("Key Account Manager", "Key Account Manager", slug="key-account-manager")
    for url in ("/sv/yrken/key-account-manager/", "/en/roles/key-account-manager/"):
        assert client.get(url).status_code == 200


def test_a_title_without_an_english_slug_has_its_english_page_at_the_swedish_one(client):
    title = make_title("Säljare", "Sales Executive", slug="saljare")
    Title.objects.filter(pk=title.pk).update(slug_en="")  # as a bulk write leaves it
    assert client.get("/en/roles/saljare/").status_code == 200
    assert client.get("/en/roles/sales-executive/").status_code == 404


def test_a_changed_english_slug_keeps_redirecting_and_a_slug_in_use_wins(client, assistant):
    assistant.slug_en = "marketing-assistant-junior"
    assistant.save()
    assistant.slug_en = "junior-marketing-assistant"
    assistant.save()
    for old in ("marketing-assistant", "marketing-assistant-junior"):
        response = client.get(f"/en/roles/{old}/")
        assert response.status_code == 301
        assert response["Location"] == "/en/roles/junior-marketing-assistant/"
        # and under /sv/ to the Swedish page
        assert client.get(f"/sv/yrken/{old}/")["Location"] == SV
    assert client.get("/en/roles/marknadsassistent/")["Location"] == (
        "/en/roles/junior-marketing-assistant/"
    )
    # The Swedish slug and the concept did not move.
    assert client.get(SV).status_code == 200
    assert not assistant.slug_redirects.exists()

    other = make_title("Annan", "Other", slug="annan")
    other.slug_en = "marketing-assistant"
    other.full_clean()
    other.save()
    assert "Other" in page(client, "/en/roles/marketing-assistant/")
    assert set(EnglishSlugRedirect.objects.values_list("old_slug", flat=True)) == {
        "marketing-assistant-junior",
        "other",
    }


def test_a_renamed_swedish_slug_leads_to_the_english_page_in_english(client, assistant):
    assistant.slug = "marknadsassistent-ny"
    assistant.save()
    response = client.get("/en/roles/marknadsassistent/")
    assert (response.status_code, response["Location"]) == (301, EN)
    assert client.get(SV)["Location"] == "/sv/yrken/marknadsassistent-ny/"


def test_retired_titles_lead_to_their_replacement_in_the_readers_language(client, assistant):
    make_title(
        "Marknadsbiträde",
        "Marketing Aide",
        slug="marknadsbitrade",
        status=Status.RETIRED,
        replaced_by=assistant,
    )
    for old in ("/en/roles/marketing-aide/", "/en/roles/marknadsbitrade/"):
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, EN)
    assert client.get("/sv/yrken/marketing-aide/")["Location"] == SV
    make_title("Avvecklad", "Discontinued", slug="avvecklad", status=Status.RETIRED)
    assert client.get("/en/roles/discontinued/").status_code == 404
    make_title("Utkast", "Draft Role", slug="utkast", status=Status.DRAFT)
    assert client.get("/en/roles/draft-role/").status_code == 404
    assert client.get("/en/roles/utkast/").status_code == 404


def test_a_304_is_never_given_for_an_address_that_now_redirects(client):
    title = make_title("Säljare", "Sales Executive", slug="saljare")
    Title.objects.filter(pk=title.pk).update(slug_en="")
    etag = client.get("/en/roles/saljare/")["ETag"]
    title = Title.objects.get(pk=title.pk)
    title.save()  # gets its English slug
    response = client.get("/en/roles/saljare/", HTTP_IF_NONE_MATCH=etag)
    assert (response.status_code, response["Location"]) == (301, "/en/roles/sales-executive/")


def test_the_english_page_costs_the_queries_the_swedish_one_does(client, assistant):
    make_relation(assistant, make_title("Marknadskoordinator", "Marketing Coordinator"))
    assert count_queries(client, EN) == count_queries(client, SV)


def test_the_english_slug_answers_the_machine_forms_of_the_concept(client, assistant):
    response = client.get(EN, HTTP_ACCEPT="text/turtle")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/turtle")
    assert response["Content-Location"] == "/data/roles/marknadsassistent.ttl"
    assert f"<http://testserver{SV}>" in response.content.decode()  # the concept's URI
    old = client.get("/en/roles/marknadsassistent/", HTTP_ACCEPT="text/turtle")
    assert old.status_code == 200


# --- Links -------------------------------------------------------------------------------


def test_the_language_switch_and_the_alternates_name_each_languages_slug(client, assistant):
    sv = page(client, SV)
    en = page(client, EN)
    assert switch_links(sv) == {EN: "en"}
    assert switch_links(en) == {SV: "sv"}
    expected = {
        "sv": f"http://testserver{SV}",
        "en": f"http://testserver{EN}",
        "x-default": f"http://testserver{SV}",
    }
    assert alternates(sv) == alternates(en) == expected


def test_the_language_switch_keeps_the_query(client, assistant):
    html = page(client, f"{SV}?utm_source=skola")
    assert switch_links(html) == {f"{EN}?utm_source=skola": "en"}


def test_the_sitemap_lists_each_language_at_its_slug_with_the_others_as_alternates(
    client, assistant
):
    parts = [part for part in sitemap_parts(client) if part.startswith("/sitemap-titles")]
    xml = "".join(client.get(part).content.decode() for part in parts)
    entries = re.findall(r"<url>.*?</url>", xml, flags=re.S)
    for url in (SV, EN):
        entry = next(one for one in entries if f"<loc>http://testserver{url}</loc>" in one)
        assert f'hreflang="sv" href="http://testserver{SV}"' in entry
        assert f'hreflang="en" href="http://testserver{EN}"' in entry
    assert "/en/roles/marknadsassistent/" not in xml


def test_english_pages_link_roles_at_their_english_slugs(client, assistant):
    coordinator = make_title(
        "Marknadskoordinator",
        "Marketing Coordinator",
        slug="marknadskoordinator",
        definition_en="Plans campaigns with a marketing assistant.",
        definition_sv="Planerar kampanjer med en marknadsassistent.",
    )
    make_relation(assistant, coordinator, "next_step")
    role = page(client, "/en/roles/marketing-coordinator/")
    assert 'href="/en/roles/marketing-assistant/" class="term-link"' in role  # in the prose
    assert '<a href="/en/roles/marketing-assistant/">' in role  # the relation
    swedish = page(client, "/sv/yrken/marknadskoordinator/")
    assert 'href="/sv/yrken/marknadsassistent/" class="term-link"' in swedish
    for url in ("/en/a-z/m/", "/en/fields/marketing/", "/en/recently-changed/", "/en/"):
        html = page(client, url)
        assert "/roles/marknadsassistent/" not in html, url
    assert 'href="/en/roles/marketing-assistant/"' in page(client, "/en/a-z/m/")


def test_search_and_the_autocomplete_give_english_slugs_to_english_readers(client, assistant):
    make_title("Marknadskoordinator", "Marketing Coordinator", slug="marknadskoordinator")
    html = page(client, url_in("en", "titles:search") + "?q=marketing")
    assert 'href="/en/roles/marketing-assistant/"' in html
    assert 'href="/en/roles/marketing-coordinator/"' in html
    exact = client.get(url_in("en", "titles:search") + "?q=Marketing+Assistant")
    assert exact["Location"] == EN

    def api_urls(path, language):
        found = client.get(path, {"q": "marketing"}, HTTP_ACCEPT_LANGUAGE=language).json()
        return {hit["slug"]: hit["url"] for hit in found["results"]}

    assert api_urls("/api/v1/search", "en")["marknadsassistent"] == EN
    assert api_urls("/api/v1/search", "sv")["marknadsassistent"] == SV
    assert api_urls("/api/v1/suggest", "en")["marknadsassistent"] == f"http://testserver{EN}"


def test_the_api_keeps_concept_slugs_and_names_both_pages(client, assistant):
    data = client.get("/api/v1/titles/marknadsassistent").json()
    assert data["slug"] == "marknadsassistent"
    assert data["urls"] == {"sv": f"http://testserver{SV}", "en": f"http://testserver{EN}"}
    assert client.get("/api/v1/titles/marketing-assistant").status_code == 404


def test_guides_link_roles_at_the_readers_language_slug(client, assistant):
    guide = make_guide(body_sv="En marknadsassistent börjar här.", body_en="A marketing assistant.")
    sv = page(client, url_in("sv", "titles:guide-detail", guide.slug))
    en = page(client, url_in("en", "titles:guide-detail", guide.slug))
    assert f'href="{SV}" class="term-link"' in sv
    assert f'href="{EN}" class="term-link"' in en


# --- Editors ---------------------------------------------------------------------------


def test_the_admin_form_has_the_english_slug_prefilled_from_the_english_name(publisher_client):
    html = page(publisher_client, "/admin/titles/title/add/")
    assert 'name="slug_en"' in html
    prepopulated = re.search(r'data-prepopulated-fields="([^"]+)"', html).group(1)
    assert "#id_slug_en" in prepopulated and "name_en" in prepopulated


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("slug_en", "marknadsassistent", "Another job title already uses this address."),
        ("slug_en", "marketing-assistant", "Another job title already uses this address."),
        ("slug_en", "Marketing-Assistant", "Use lowercase letters a–z"),
        ("slug_en", "marketing assistant", "Enter a valid “slug”"),
        ("slug_en", "marketing--assistant", "Use lowercase letters a–z"),
        ("slug", "marketing-assistant", "This is another job title&#x27;s English slug."),
    ],
)
def test_a_clashing_or_malformed_english_slug_is_a_clear_error(
    publisher_client, assistant, field, value, message
):
    other = make_title("Säljare", "Sales Executive", slug="saljare")
    data = admin_form(publisher_client, change_url(other))
    data[field] = value
    response = publisher_client.post(change_url(other), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "errornote" in html
    other.refresh_from_db()
    assert (other.slug, other.slug_en) == ("saljare", "sales-executive")


def test_editors_see_the_errors_in_swedish(client, publisher, assistant):
    client.force_login(publisher)
    other = make_title("Säljare", "Sales Executive", slug="saljare")
    data = admin_form(client, change_url(other))
    data["slug_en"] = "marknadsassistent"
    html = client.post(change_url(other), data, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "En annan yrkestitel använder redan den här adressen." in html


def test_an_editor_changes_the_english_slug_and_an_empty_one_is_made_from_the_name(
    publisher_client, assistant
):
    data = admin_form(publisher_client, change_url(assistant))
    assert data["slug_en"] == "marketing-assistant"
    data["slug_en"] = "assistant-in-marketing"
    assert publisher_client.post(change_url(assistant), data).status_code == 302
    assistant.refresh_from_db()
    assert assistant.slug_en == "assistant-in-marketing"
    assert publisher_client.get(EN)["Location"] == "/en/roles/assistant-in-marketing/"
    data = admin_form(publisher_client, change_url(assistant))
    data["slug_en"] = ""
    assert publisher_client.post(change_url(assistant), data).status_code == 302
    assistant.refresh_from_db()
    assert assistant.slug_en == "marketing-assistant"


def test_an_editors_new_english_slug_on_a_published_title_waits_for_review(
    client, editor, publisher, assistant
):
    client.force_login(editor)
    data = admin_form(client, change_url(assistant), form_id="title_form")
    data["slug_en"] = "assistant-in-marketing"
    assert client.post(change_url(assistant), data).status_code == 302
    assistant.refresh_from_db()
    assert assistant.slug_en == "marketing-assistant"
    revision = assistant.revisions.get(state="pending")
    assert revision.entry["slug_en"] == "assistant-in-marketing"
    client.force_login(publisher)
    url = f"/admin/titles/title/{assistant.pk}/revisions/{revision.pk}/"
    assert "assistant-in-marketing" in page(client, url)
    assert client.post(url, {"approve": "1"}).status_code == 302
    assistant.refresh_from_db()
    assert assistant.slug_en == "assistant-in-marketing"
    assert client.get(EN)["Location"] == "/en/roles/assistant-in-marketing/"
