"""Swedish and English: prefixes, translated addresses, the language switch, the catalogues."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

from tests.factories import make_responsibility, make_title
from tests.pages import url_in

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "locale"


def switch_links(html):
    nav = re.search(r'<nav class="language-switch".*?</nav>', html, flags=re.S).group(0)
    return dict(re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', nav)[::1])


def test_both_languages_have_a_prefix_and_translated_addresses():
    assert url_in("sv", "titles:home") == "/sv/"
    assert url_in("en", "titles:home") == "/en/"
    assert url_in("sv", "titles:title-detail", "saljare") == "/sv/yrken/saljare/"
    assert url_in("en", "titles:title-detail", "saljare") == "/en/roles/saljare/"
    assert url_in("sv", "titles:index") == "/sv/a-o/"
    assert url_in("en", "titles:index") == "/en/a-z/"
    assert url_in("sv", "titles:compare") == "/sv/jamfor/"
    assert url_in("sv", "titles:career-paths") == "/sv/karriarvagar/"


def test_the_bare_address_redirects_to_the_readers_language(client):
    assert client.get("/")["Location"] == "/sv/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")["Location"] == "/en/"


def test_language_switch_keeps_the_reader_on_the_same_role(client):
    make_title("Säljare", "Sales Executive", slug="saljare")
    html = client.get("/sv/yrken/saljare/").content.decode()
    assert switch_links(html) == {"/en/roles/sales-executive/": "en"}
    assert '<span aria-current="true" lang="sv">Svenska</span>' in html
    html = client.get("/en/roles/sales-executive/").content.decode()
    assert switch_links(html) == {"/sv/yrken/saljare/": "sv"}


def test_language_switch_keeps_the_chosen_comparison(client):
    make_title(slug="a")
    make_title(slug="b")
    html = client.get("/en/compare/?roles=a&roles=b").content.decode()
    assert switch_links(html) == {"/sv/jamfor/?roles=a&amp;roles=b": "sv"}


def test_language_switch_on_a_missing_page_leads_to_the_other_home_page(client):
    html = client.get("/en/no-such-page/").content.decode()
    assert switch_links(html) == {"/sv/": "sv"}


def test_swedish_pages_show_no_english_interface_text(client):
    make_responsibility(make_title(slug="roll"))
    html = client.get("/sv/yrken/roll/").content.decode()
    assert '<html lang="sv">' in html
    for english in ("Skip to content", "Responsibilities", "Related roles", "Compare", "Search"):
        assert english not in html
    assert "Hoppa till innehållet" in html and "Arbetsuppgifter" in html


def test_every_interface_string_has_a_swedish_translation():
    catalogue = polib.pofile(str(LOCALE / "sv/LC_MESSAGES/django.po"))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []
    assert catalogue.percent_translated() == 100


def test_placeholders_survive_translation():
    catalogue = polib.pofile(str(LOCALE / "sv/LC_MESSAGES/django.po"))
    placeholder = re.compile(r"%\(\w+\)[sd]|<\w+:\w+>")
    for entry in catalogue.translated_entries():
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            assert sorted(placeholder.findall(text)) == sorted(placeholder.findall(entry.msgid))


def test_english_catalogue_exists_for_compilemessages():
    assert (LOCALE / "en/LC_MESSAGES/django.po").exists()
