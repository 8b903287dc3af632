"""The public JSON search API, GET /api/v1/search: its contract, validation and guarantees."""

import pytest
from django.utils import translation

from tests.factories import make_title
from titles.models import SearchMiss, Status, Title

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("glossary")]

API = "/api/v1/search"


def get(client, language="sv", **params):
    return client.get(API, params, HTTP_ACCEPT_LANGUAGE=language)


def result_slugs(response):
    return [item["slug"] for item in response.json()["results"]]


def test_response_has_the_documented_shape(client):
    response = get(client, q="saljare")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"query", "count", "results", "suggestions"}
    assert body["query"] == "saljare"
    assert body["count"] == len(body["results"])
    title = Title.objects.get(slug="saljare")
    with translation.override("sv"):
        url = title.get_absolute_url()
    assert body["results"][0] == {
        "slug": "saljare",
        "name": {"sv": "Säljare", "en": "Sales Executive"},
        "matched": {"text": "Säljare", "language": "sv", "kind": "preferred"},
        "definition": {"sv": title.definition_sv, "en": title.definition_en},
        "url": url,
    }
    assert body["suggestions"] == []


def test_urls_follow_the_requested_language(client):
    item = get(client, language="en", q="saljare").json()["results"][0]
    with translation.override("en"):
        assert item["url"] == Title.objects.get(slug="saljare").get_absolute_url()
    assert item["url"].startswith("/en/")


@pytest.mark.parametrize(
    ("query", "slug", "kind"),
    [
        ("KAM", "key-account-manager", "abbreviation"),
        ("PPC", "ppc-specialist", "abbreviation"),
        ("AdWords", "google-ads-specialist", "former"),
        ("webbredaktor", "webbredaktor", "preferred"),
        ("marknads-koordinator", "marknadskoordinator", "preferred"),
        ("projektledre", "projektledare", "preferred"),
    ],
)
def test_best_match_comes_first_with_what_it_matched(client, query, slug, kind):
    first = get(client, q=query).json()["results"][0]
    assert (first["slug"], first["matched"]["kind"]) == (slug, kind)


def test_results_are_ranked_best_first(client):
    found = result_slugs(get(client, q="account manager"))
    assert found[:2] == ["account-manager", "key-account-manager"]


def test_matched_label_reports_its_language(client):
    results = get(client, q="koordinator").json()["results"]
    publisher = next(item for item in results if item["slug"] == "publisher-coordinator")
    assert publisher["matched"] == {
        "text": "Publicistkoordinator",
        "language": "sv",
        "kind": "alternative",
    }


def test_hidden_misspellings_are_never_returned_as_text(client):
    first = get(client, q="copywritter").json()["results"][0]
    assert first["slug"] == "copywriter"
    assert first["matched"]["text"] == "Copywriter"


def test_limit_defaults_to_ten_and_caps_the_results(client):
    everything = result_slugs(get(client, q="mark", limit="50"))
    assert len(everything) > 10
    assert result_slugs(get(client, q="mark")) == everything[:10]
    assert get(client, q="mark").json()["count"] == 10
    assert get(client, q="mark", limit="3").json()["count"] == 3
    assert get(client, q="mark", limit="50").json()["count"] > 10


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}, {"q": "?!"}, {"limit": "5"}])
def test_empty_or_missing_query_gives_200_and_no_results(client, params):
    response = client.get(API, params)
    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["results"], body["suggestions"]) == (0, [], [])


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 201},
        {"q": "sälj", "limit": "0"},
        {"q": "sälj", "limit": "51"},
        {"q": "sälj", "limit": "-1"},
        {"q": "sälj", "limit": "ten"},
        {"q": "sälj", "limit": "1e3"},
        {"q": "sälj\x00are"},
        {"q": "sälj\x07are"},
        {"q": "\x1b[2J"},
        {"q": "line\nbreak"},
    ],
)
def test_bad_input_gives_400_with_an_error_message(client, params):
    response = client.get(API, params)
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"error"}
    assert isinstance(body["error"], str) and body["error"]


def test_two_hundred_characters_are_still_fine(client):
    assert client.get(API, {"q": "x" * 200}).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE titles_label; --",
        '"unbalanced',
        "NEAR(a b) OR * AND",
        "a" * 200,
        "%_%_%",
        "😀 emoji",
        "ﬃ ligature ß",
        "x\u200by",
        "営業部長",
        "\ud7fb\ud7fb\ud7fb",
        "ǅ" * 120,
        "ß" * 200,
    ],
)
def test_odd_input_never_gives_a_server_error(client, query):
    assert client.get(API, {"q": query}).status_code == 200


def test_invalid_utf8_never_gives_a_server_error(client):
    for raw in ("%ED%A0%80", "%FF%FE", "%C3"):
        assert client.get(f"{API}?q={raw}").status_code in (200, 400)


def test_only_get_and_head_are_allowed(client):
    assert client.post(API, {"q": "saljare"}).status_code == 405
    assert client.head(API, {"q": "saljare"}).status_code == 200


def test_no_result_comes_with_suggestions_in_the_same_shape(client):
    body = get(client, q="marknadskoordinatorassistent").json()
    assert (body["count"], body["results"]) == (0, [])
    suggested = [item["slug"] for item in body["suggestions"]]
    assert suggested[:2] == ["marknadskoordinator", "marknadsassistent"]
    assert set(body["suggestions"][0]) == {"slug", "name", "matched", "definition", "url"}


def test_the_api_does_not_record_misses(client):
    # The autocomplete calls it on every keystroke; only the search page records.
    get(client, q="marknadskoordinatorassistent")
    assert not SearchMiss.objects.exists()


def test_drafts_never_leak_through_the_api(client):
    make_title(
        "Hemlighetsmakare",
        "Secret Keeper",
        slug="draft-role",
        status=Status.DRAFT,
        definition_sv="Vaktar zymurgiska recept.",
    )
    for query in (
        "Hemlighetsmakare",
        "hemlighets",
        "Secret Keeper",
        "Hemlighetsmakre",
        "zymurgiska",
    ):
        body = get(client, q=query, limit="50").json()
        found = [item["slug"] for item in body["results"] + body["suggestions"]]
        assert "draft-role" not in found, query


def test_a_search_request_runs_a_small_constant_number_of_queries(
    client, django_assert_max_num_queries
):
    # The content version; the B-tree stages in one statement; on PostgreSQL the word
    # starts of a one-word query that begins labels; the others, if still needed.
    for query in ("saljare", "mark", "koordinator", "projektledre"):
        with django_assert_max_num_queries(4):
            assert get(client, q=query, limit="50").status_code == 200
    for query in ("qqxxzzvv", "marknadskoordinatorassistent"):  # and one for "did you mean"
        with django_assert_max_num_queries(4):
            get(client, q=query)


def test_a_query_asked_again_is_answered_from_the_cache_until_the_content_changes(
    client, django_assert_num_queries
):
    first = get(client, q="zymurg")
    assert first.json()["results"] == []
    with django_assert_num_queries(1):  # the content version only
        again = get(client, q="zymurg")
    assert again.content == first.content
    assert get(client, "en", q="koordinator").content != get(client, q="koordinator").content
    make_title("Zymurgiker", "Zymurgist", slug="zymurgiker")
    assert result_slugs(get(client, q="zymurg")) == ["zymurgiker"]
