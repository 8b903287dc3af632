"""Explain a job ad (issue 14): the matcher, ``POST /api/v1/annotate`` and the page."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.factories import make_label
from titles.explain import MAX_LENGTH, explain
from titles.models import Title, Topic

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("glossary")]

API = "/api/v1/annotate"
AD = (
    "Vi söker en Key Account Manager till vårt säljteam i Malmö. Du rapporterar till "
    "marknadschefen och arbetar nära våra säljare och vår copywriter. Du skriver "
    "pressmeddelanden och nyhetsbrev, och du har erfarenhet som account manager. "
    "VD:n och CMO:n vill träffa dig. Meriterande: SEO."
)


def found(text):
    """(text as written, kind, slug or topic slug) of each match."""
    result = explain(text)
    titles = Title.objects.in_bulk({m.target for m in result.matches if m.kind == "role"})
    topics = Topic.objects.in_bulk({m.target for m in result.matches if m.kind == "topic"})
    return [
        (m.text, m.kind, (titles if m.kind == "role" else topics)[m.target].slug)
        for m in result.matches
    ]


def test_an_ad_gets_its_titles_abbreviations_inflections_and_topics():
    matches = found(AD)
    assert ("Key Account Manager", "role", "key-account-manager") in matches
    assert ("marknadschefen", "role", "marknadschef") in matches  # inflected
    assert ("säljare", "role", "saljare") in matches
    assert ("copywriter", "role", "copywriter") in matches
    assert ("account manager", "role", "account-manager") in matches
    assert ("VD", "role", "vd") in matches
    assert ("CMO", "role", "marknadsdirektor") in matches
    assert ("SEO", "role", "seo-specialist") in matches
    assert ("pressmeddelanden", "topic", "press-releases") in matches
    assert ("nyhetsbrev", "topic", "newsletters") in matches


def test_the_longest_name_wins():
    assert found("En Key Account Manager.") == [
        ("Key Account Manager", "role", "key-account-manager")
    ]


def test_english_plurals_and_definite_forms_are_found():
    assert found("We hire two account managers; copywritern och marknadskoordinatorerna.") == [
        ("account managers", "role", "account-manager"),
        ("copywritern", "role", "copywriter"),
        ("marknadskoordinatorerna", "role", "marknadskoordinator"),
    ]


def test_two_letter_names_only_count_in_capitals():
    assert [text for text, *_ in found("Vd och VD, pr och PR.")] == ["VD", "PR"]


def test_a_misspelling_is_matched_but_shown_as_the_name(client):
    title = Title.objects.get(slug="copywriter")
    make_label(title, "Kopywriter", language="sv", kind="hidden")
    body = client.post(API, {"text": "Vi söker en kopywriter."}, content_type="application/json")
    (match,) = body.json()["matches"]
    assert (match["text"], match["slug"], match["name"]["sv"]) == (
        "kopywriter",
        "copywriter",
        "Copywriter",
    )


def test_a_new_label_is_found_at_once():
    assert found("En tävlingsledare.") == []
    make_label(Title.objects.get(slug="eventansvarig"), "Tävlingsledare", language="sv")
    assert found("En tävlingsledare.") == [("tävlingsledare", "role", "eventansvarig")]


def test_a_draft_is_never_matched():
    Title.objects.filter(slug="copywriter").update(status="draft")
    Title.objects.get(slug="copywriter").save()  # the signal a real edit sends
    assert "copywriter" not in [slug for *_, slug in found("Vi söker en copywriter.")]


# --- The API ------------------------------------------------------------------------------


def post(client, body, **extra):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.post(API, data, content_type="application/json", **extra)


def test_the_api_returns_matches_with_offsets_and_the_roles_mentioned(client):
    response = post(client, {"text": AD})
    assert response.status_code == 200
    body = response.json()
    assert body["text_length"] == len(AD)
    for match in body["matches"]:
        assert AD[match["start"] : match["end"]] == match["text"]
    roles = [role["slug"] for role in body["roles"]]
    assert roles[:2] == ["key-account-manager", "marknadschef"]  # order of first mention
    kam = body["roles"][0]
    assert kam["definition"]["en"].startswith("A Key Account Manager")
    assert kam["url"] == "/en/roles/key-account-manager/"  # English unless asked otherwise


def test_the_api_answers_an_empty_text_with_empty_lists(client):
    assert post(client, {"text": ""}).json() == {"text_length": 0, "matches": [], "roles": []}


def test_a_text_over_the_limit_is_413(client):
    response = post(client, {"text": "säljare " * (MAX_LENGTH // 8 + 1)})
    assert response.status_code == 413
    assert "at most 10000 characters" in response.json()["error"]


def test_a_huge_body_is_413_before_it_is_read_as_json(client):
    assert post(client, "x" * 70_000).status_code == 413


@pytest.mark.parametrize(
    "body", ["not json", b"\xff\xfe", json.dumps(["a list"]), json.dumps({"text": 42}), "{}"]
)
def test_anything_but_a_json_object_with_a_text_string_is_400(client, body):
    response = post(client, body)
    assert response.status_code == 400
    assert response.json()["error"]


def test_get_is_405_and_errors_follow_accept_language(client):
    assert client.get(API).status_code == 405
    swedish = post(client, "nope", HTTP_ACCEPT_LANGUAGE="sv").json()["error"]
    english = post(client, "nope").json()["error"]
    assert swedish != english and english.startswith("Send a JSON object")


def test_the_api_costs_a_bounded_number_of_queries(client):
    post(client, {"text": AD})  # builds the matcher
    with CaptureQueriesContext(connection) as queries:
        assert post(client, {"text": AD * 5}).status_code == 200
    assert len(queries) == 2  # the roles and the topics; the matcher is built already


# --- The page -----------------------------------------------------------------------------


def page_url(language="sv"):
    with translation.override(language):
        return reverse("titles:annotate")


def test_the_page_links_every_name_and_lists_the_roles_in_the_readers_language(client):
    assert page_url() == "/sv/forklara-annons/"
    response = client.post(page_url("en"), {"text": AD})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="/en/roles/key-account-manager/" class="explained-role">' in html
    assert "<mark>marknadschefen</mark>" in html
    assert 'class="explained-topic"><mark>pressmeddelanden</mark>' in html
    assert "Roles this ad mentions" in html
    assert "A Key Account Manager looks after" in html


def test_the_page_refuses_an_empty_or_too_long_ad_with_a_message(client):
    response = client.post(page_url(), {"text": ""})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    response = client.post(page_url("en"), {"text": "x" * (MAX_LENGTH + 1)})
    assert "at most 10000 characters" in response.content.decode()
