"""The compare picker: text fields resolved by search, small at any size of the glossary."""

import re

import pytest

from tests.factories import make_label, make_title
from tests.pages import count_queries, page, url_in
from titles.models import Status

pytestmark = pytest.mark.django_db


def compare(language, query):
    return url_in(language, "titles:compare") + query


def headers(html):
    header = re.search(r"<thead>(.*?)</thead>", html, flags=re.S).group(1)
    return re.findall(r">([^<>]+)</a></th>", header)


def picker_values(html):
    return re.findall(r'<input id="compare-role-\d" name="roles" type="text" value="([^"]*)"', html)


@pytest.fixture
def roles():
    return [
        make_title("Marknadsassistent", "Marketing Assistant", slug="marknadsassistent"),
        make_title("Marknadskoordinator", "Marketing Coordinator", slug="marknadskoordinator"),
        make_title("Marknadsansvarig", "Marketing Manager", slug="marknadsansvarig"),
    ]


def test_typed_names_in_either_language_are_resolved_to_their_roles(client, roles):
    html = page(client, compare("en", "?roles=Marketing+Coordinator&roles=marknadsassistent"))
    assert headers(html) == ["Marketing Coordinator", "Marketing Assistant"]
    assert "not in the glossary" not in html


def test_an_alternative_name_or_a_typo_finds_the_best_match(client, roles):
    make_label(roles[1], "Marknadssamordnare", "sv", "alternative")
    html = page(client, compare("sv", "?roles=marknadssamordnare&roles=Marknadsansvarig"))
    assert headers(html) == ["Marknadskoordinator", "Marknadsansvarig"]
    html = page(client, compare("sv", "?roles=Marknadskordinator&roles=Marknadsansvarig"))
    assert headers(html) == ["Marknadskoordinator", "Marknadsansvarig"]


def test_old_slug_links_keep_working(client, roles):
    html = page(client, compare("en", "?roles=marknadsansvarig,marknadsassistent"))
    assert headers(html) == ["Marketing Manager", "Marketing Assistant"]


def test_the_fields_show_the_chosen_roles_in_the_readers_language(client, roles):
    html = page(client, compare("en", "?roles=marknadskoordinator&roles=Marknadsansvarig"))
    assert picker_values(html) == ["Marketing Coordinator", "Marketing Manager", "", ""]
    assert "<select" not in html
    assert '<label for="compare-role-1">Role 1</label>' in html
    assert 'role="combobox"' in html and 'aria-controls="compare-role-1-listbox"' in html


def test_a_name_that_finds_nothing_is_reported_and_the_other_roles_stay(client, roles):
    url = compare("en", "?roles=Marketing+Manager&roles=Zzyzxq&roles=Marketing+Assistant")
    html = page(client, url)
    assert headers(html) == ["Marketing Manager", "Marketing Assistant"]
    assert "No role in the glossary matches “Zzyzxq”." in html
    assert picker_values(html) == ["Marketing Manager", "Zzyzxq", "Marketing Assistant", ""]
    field = re.search(r'<input id="compare-role-2"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field
    assert 'aria-describedby="compare-role-2-error compare-hint"' in field


def test_drafts_are_never_found_by_name_or_slug(client, roles):
    make_title("Hemlig roll", "Secret Role", slug="hemlig", status=Status.DRAFT)
    html = page(client, compare("en", "?roles=hemlig&roles=Secret+Role&roles=Marketing+Manager"))
    assert "Choose at least one more role to compare with Marketing Manager." in html
    assert "No role in the glossary matches “hemlig”." in html
    assert "No role in the glossary matches “Secret Role”." in html


def test_the_same_role_asked_for_twice_is_shown_once(client, roles):
    html = page(client, compare("en", "?roles=marknadsassistent&roles=Marketing+Assistant"))
    assert "Choose at least one more role to compare with Marketing Assistant." in html
    assert picker_values(html) == ["Marketing Assistant", "", "", ""]


def test_markup_in_typed_text_is_escaped(client, roles):
    html = page(client, compare("en", "?roles=%3Cscript%3Ex%3C/script%3E&roles=marknadsansvarig"))
    assert "<script>x" not in html
    assert "&lt;script&gt;x" in html


@pytest.mark.parametrize(
    "query", ["?roles=%00%01", "?roles=" + "x" * 5000, "?roles=,,,", "?roles=%E2%80%8B"]
)
def test_odd_input_gives_the_page_without_errors(client, roles, query):
    html = page(client, compare("en", query))
    assert "\x00" not in html
    assert len(html) < 40_000


def test_the_page_stays_small_and_its_queries_constant_however_many_titles(client, roles):
    url = compare("en", "?roles=Marketing+Manager&roles=marknadsassistent&roles=Zzyzxq")
    few_queries, few_size = count_queries(client, url), len(page(client, url))
    for number in range(60):
        make_title(f"Extraroll {number}", f"Extra role {number}", slug=f"extra-{number}")
    assert count_queries(client, url) == few_queries
    assert len(page(client, url)) == few_size
    assert few_queries <= 12
