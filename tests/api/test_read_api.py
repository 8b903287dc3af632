"""The read API (issue 15): titles, one title, fields, tags, suggest and changes; its
headers (ETag, 304, CORS, cache), its errors (JSON, in the asked language) and its limits."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import (
    make_label,
    make_relation,
    make_title,
)
from titles.models import SlugRedirect, Status, Title

pytestmark = pytest.mark.django_db


def get(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.status_code, response.content[:300])
    return response


def slugs(client, url):
    return [one["slug"] for one in get(client, url).json()["results"]]


# Titles ---------------------------------------------------------------------------------


def test_titles_lists_only_published_ones_in_slug_order(client, roles):
    assert slugs(client, "/api/v1/titles") == [
        "marknadsassistent",
        "marknadskoordinator",
        "saljare",
    ]
    first = get(client, "/api/v1/titles").json()["results"][0]
    assert first["names"] == {"sv": "Marknadsassistent", "en": "Marketing Assistant"}
    assert first["url"] == "http://testserver/en/roles/marketing-assistant/"
    assert first["api_url"] == "http://testserver/api/v1/titles/marknadsassistent"


def test_titles_page_through_a_cursor_until_next_is_null(client, roles):
    page = get(client, "/api/v1/titles?limit=2").json()
    assert [one["slug"] for one in page["results"]] == ["marknadsassistent", "marknadskoordinator"]
    assert page["next"] == "http://testserver/api/v1/titles?limit=2&after=marknadskoordinator"
    last = get(client, page["next"]).json()
    assert [one["slug"] for one in last["results"]] == ["saljare"]
    assert last["next"] is None


def test_titles_filter_by_field_seniority_tag_topic_and_change_time(client, roles):
    assert slugs(client, "/api/v1/titles?field=sales") == ["saljare"]
    assert slugs(client, "/api/v1/titles?seniority=entry") == ["marknadsassistent"]
    assert slugs(client, "/api/v1/titles?tag=b2b") == ["marknadsassistent", "saljare"]
    assert slugs(client, f"/api/v1/titles?topic={roles['topic'].slug}") == ["marknadsassistent"]
    past = timezone.now() - timedelta(days=1)
    Title.objects.filter(slug="saljare").update(updated_at=past - timedelta(days=1))
    since = past.isoformat().replace("+00:00", "Z")
    assert "saljare" not in slugs(client, f"/api/v1/titles?updated_since={since}")
    assert slugs(client, "/api/v1/titles?tag=nothing-like-it") == []


@pytest.mark.parametrize(
    "query", ["limit=0", "limit=201", "limit=x", "field=bogus", "seniority=top",
              "updated_since=yesterday", "after=" + "x" * 101]
)  # fmt: skip
def test_bad_parameters_are_a_400_naming_the_parameter(client, roles, query):
    error = get(client, f"/api/v1/titles?{query}", 400).json()["error"]
    assert error["code"] == "invalid_request"
    assert f"“{query.split('=')[0]}”" in error["message"]


def test_one_title_has_every_public_field_in_both_languages(client, roles):
    data = get(client, "/api/v1/titles/marknadsassistent").json()
    assert data["names"] == {"sv": "Marknadsassistent", "en": "Marketing Assistant"}
    assert data["urls"] == {"sv": "http://testserver/sv/yrken/marknadsassistent/",
                            "en": "http://testserver/en/roles/marketing-assistant/"}  # fmt: skip
    assert {"text": "MA", "language": "sv", "kind": "abbreviation"} in data["labels"]
    assert "marknadsasistent" not in str(data["labels"])  # a hidden misspelling
    assert data["responsibilities"] == [{"sv": "Planera kampanjer", "en": "Plan campaigns"}]
    assert data["codes"] == {"ssyk": "3322", "isco": "3322", "esco": ""}
    assert data["field_names"] == {"sv": "Marknadsföring", "en": "Marketing"}
    assert data["tags"] == [{"slug": "b2b", "names": {"sv": "Företag", "en": "Business"}}]
    assert data["topics"][0]["names"] == {"sv": "nyhetsbrev", "en": "newsletters"}
    assert data["sources"][0]["url"] == "https://example.org/a"
    relations = [(one["type"], one["slug"]) for one in data["relations"]]
    assert relations == [("confused_with", "saljare"), ("next_step", "marknadskoordinator")]
    assert data["relations"][1]["note"] == {"sv": "Mer ansvar.", "en": "More."}
    seen_from_above = get(client, "/api/v1/titles/marknadskoordinator").json()["relations"]
    assert [(one["type"], one["slug"]) for one in seen_from_above] == [
        ("previous_step", "marknadsassistent")
    ]


def test_a_draft_is_not_there_a_retired_title_is_gone_a_merged_one_moved(client, roles):
    assert get(client, "/api/v1/titles/hemlig", 404).json()["error"]["code"] == "not_found"
    Title.objects.filter(slug="hemlig").update(status=Status.RETIRED)
    assert get(client, "/api/v1/titles/hemlig", 410).json()["error"]["code"] == "gone"
    Title.objects.filter(slug="hemlig").update(replaced_by=roles["coordinator"])
    merged = get(client, "/api/v1/titles/hemlig", 301)
    assert merged["Location"] == "http://testserver/api/v1/titles/marknadskoordinator"
    assert merged.json()["error"]["code"] == "moved"
    SlugRedirect.objects.create(old_slug="saljaren", title=roles["seller"])
    renamed = get(client, "/api/v1/titles/saljaren", 301)
    assert renamed["Location"].endswith("/api/v1/titles/saljare")


def test_lists_and_a_title_take_the_same_few_queries_however_many_titles(client, roles):
    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            get(client, url)
        return len(captured)

    small = queries("/api/v1/titles"), queries("/api/v1/titles/marknadsassistent")
    for number in range(20):
        title = make_title(slug=f"extra-{number}")
        make_relation(roles["assistant"], title, "related")
        make_label(roles["assistant"], f"Namn {number}", "sv")
    large = queries("/api/v1/titles"), queries("/api/v1/titles/marknadsassistent")
    assert small == large
    assert large[1] <= 12


# Fields, tags, suggest --------------------------------------------------------------------


def test_fields_and_tags_count_published_titles(client, roles):
    fields = {one["slug"]: one for one in get(client, "/api/v1/fields").json()}
    assert {slug: one["count"] for slug, one in fields.items()} == {"marketing": 2, "sales": 1}
    assert fields["sales"]["names"] == {"sv": "Försäljning och kundansvar",
                                        "en": "Sales and accounts"}  # fmt: skip
    assert fields["sales"]["url"] == "http://testserver/en/fields/sales/"
    roles["draft"].tags.add(roles["tag"])
    tags = get(client, "/api/v1/tags").json()
    assert [(one["slug"], one["count"]) for one in tags] == [("b2b", 2)]
    roles["coordinator"].tags.add(roles["tag"])  # a change: the counts are new at once
    assert get(client, "/api/v1/tags").json()[0]["count"] == 3
    assert get(client, "/api/v1/fields").json()[0]["count"] == 2
    with CaptureQueriesContext(connection) as captured:
        get(client, "/api/v1/tags")
        get(client, "/api/v1/fields")
    assert not [q for q in captured if "COUNT" in q["sql"]], "counted once per content version"


def test_suggest_is_the_autocomplete_as_json(client, roles):
    data = get(client, "/api/v1/suggest?q=marknadsass").json()
    assert data["results"][0]["slug"] == "marknadsassistent"
    assert data["results"][0]["matched"]["language"] == "sv"
    assert get(client, "/api/v1/suggest?q=hemlig roll").json()["results"] == []
    assert get(client, "/api/v1/suggest", 400).json()["error"]["message"] == (
        "The parameter “q” is required."
    )
    too_long = get(client, "/api/v1/suggest?q=" + "a" * 500, 400).json()["error"]
    assert too_long["code"] == "invalid_request"


# Changes ----------------------------------------------------------------------------------


def test_changes_tell_a_mirror_what_was_created_changed_retired_merged_and_moved(client, roles):
    start = timezone.now() - timedelta(hours=1)
    Title.objects.update(updated_at=start - timedelta(days=1), created_at=start - timedelta(days=2))
    since = start.isoformat()
    assert get(client, "/api/v1/changes", 400).json()["error"]["code"] == "invalid_request"
    assert get(client, "/api/v1/changes", data={"since": since}).json()["results"] == []

    new = make_title(slug="ny-roll")
    changed = Title.objects.get(slug="saljare")
    changed.definition_en = "Sells things."
    changed.save()
    retired, merged = roles["coordinator"], make_title(slug="gammal", created_at=start)
    Title.objects.filter(pk=retired.pk).update(status=Status.RETIRED, updated_at=timezone.now())
    Title.objects.filter(pk=merged.pk).update(
        status=Status.RETIRED, replaced_by=new, updated_at=timezone.now()
    )
    SlugRedirect.objects.create(old_slug="saljaren", title=changed)
    roles["draft"].save()  # a draft's change is not public

    results = get(client, "/api/v1/changes", data={"since": since}).json()["results"]
    found = {one["slug"]: (one["change"], one["replaced_by"]) for one in results}
    assert found == {
        "ny-roll": ("created", None),
        "saljare": ("changed", None),
        "marknadskoordinator": ("retired", None),
        "gammal": ("merged", "ny-roll"),
        "saljaren": ("moved", "saljare"),
    }
    for odd in ("0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-10:00", since[:19] + "-19:46"):
        assert get(client, "/api/v1/changes", data={"since": odd}).status_code == 200
    times = [one["at"] for one in results]
    assert times == sorted(times)

    pages, url = [], f"/api/v1/changes?since={since.replace('+', '%2B')}&limit=2"
    while url:
        page = get(client, url).json()
        pages.append([one["slug"] for one in page["results"]])
        url = page["next"]
    assert [slug for page in pages for slug in page] == [one["slug"] for one in results]
    assert [len(page) for page in pages] == [2, 2, 1]


# Headers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/api/v1/titles", "/api/v1/titles/saljare", "/api/v1/fields", "/api/v1/tags",
            "/api/v1/suggest?q=salj", "/api/v1/changes?since=2020-01-01T00:00:00Z"]
)  # fmt: skip
def test_every_answer_is_cacheable_conditional_and_open_to_other_sites(client, roles, url):
    response = get(client, url)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "public, max-age=60"
    assert "Accept-Language" in response["Vary"]
    etag, modified = response["ETag"], response["Last-Modified"]
    head = client.head(url)
    assert (head.status_code, head.content, head["ETag"]) == (200, b"", etag)
    assert head["Content-Length"] == str(len(response.content))
    with CaptureQueriesContext(connection) as captured:
        assert get(client, url, 304, HTTP_IF_NONE_MATCH=etag)["ETag"] == etag
    assert len(captured) == 1  # the content version, nothing else
    get(client, url, 304, HTTP_IF_MODIFIED_SINCE=modified)
    roles["seller"].save()
    assert get(client, url, HTTP_IF_NONE_MATCH=etag)["ETag"] != etag


def test_errors_are_json_in_the_asked_language_english_by_default(client, roles):
    error = get(client, "/api/v1/titles/nope", 404).json()["error"]
    assert error == {"code": "not_found", "message": "There is no published title with that slug."}
    swedish = get(client, "/api/v1/titles/nope", 404, HTTP_ACCEPT_LANGUAGE="sv").json()
    assert swedish["error"]["message"] == "Det finns ingen publicerad titel med den adressen."
    unknown = get(client, "/api/v1/nothing-here", 404)
    assert unknown["Content-Type"] == "application/json"
    assert unknown.json()["error"]["code"] == "not_found"
    for method in (client.post, client.put, client.delete):
        response = method("/api/v1/titles")
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD"
        assert response.json()["error"]["code"] == "method_not_allowed"
        assert "Access-Control-Allow-Origin" not in response
    assert get(client, "/api/v1/titles", HTTP_ACCEPT_LANGUAGE="sv")["Content-Language"] == "sv"


def test_too_many_requests_are_a_json_429(client, roles, settings):
    settings.API_RATE = "3/m"
    for _request in range(3):
        get(client, "/api/v1/fields")
    response = get(client, "/api/v1/fields", 429)
    assert response.json()["error"]["code"] == "rate_limited"
    assert int(response["Retry-After"]) >= 1


# Schema and documentation -----------------------------------------------------------------


def test_the_openapi_schema_is_3_1_and_lists_every_endpoint(client):
    response = get(client, "/api/v1/openapi.json")
    schema = response.json()
    assert schema["openapi"].startswith("3.1")
    assert set(schema["paths"]) == {
        "/api/v1/titles", "/api/v1/titles/{slug}", "/api/v1/fields", "/api/v1/tags",
        "/api/v1/suggest", "/api/v1/changes",
    }  # fmt: skip
    assert set(schema["paths"]["/api/v1/titles/{slug}"]["get"]["responses"]) >= {
        "200", "301", "404", "410"
    }  # fmt: skip
    get(client, "/api/v1/openapi.json", 304, HTTP_IF_NONE_MATCH=response["ETag"])


def test_the_documentation_page_is_in_both_languages_and_links_the_schema(client):
    assert get(client, "/api/", 302)["Location"] in ("/sv/api/", "/en/api/")
    english = get(client, "/en/api/").content.decode()
    assert "<h1>API for programs</h1>" in english
    assert 'href="/api/v1/openapi.json"' in english
    assert "/static/ninja/swagger-ui-bundle" in english
    assert "<h1>API för program</h1>" in get(client, "/sv/api/").content.decode()
    assert 'href="/en/api/"' in get(client, "/en/").content.decode()  # in the footer
