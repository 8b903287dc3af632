"""Suggest a change or a missing title: no account, a honeypot, size and rate limits, and
the e-mail address kept only while the suggestion is open."""

import pytest
from django.test import override_settings

from tests.factories import make_title
from tests.pages import page, role_url, url_in
from titles.models import Suggestion, SuggestionState

pytestmark = pytest.mark.django_db


def suggest_url(language="en"):
    return url_in(language, "titles:suggest")


def send(client, **fields):
    data = {"text": "The English name is wrong.", "language": "en", "website": "", **fields}
    return client.post(suggest_url(), data)


def test_the_role_page_and_the_no_results_page_link_to_the_form(client):
    make_title("Säljare", "Sales Executive", slug="saljare")
    role = page(client, role_url("en", "saljare"))
    assert f'href="{suggest_url()}?title=saljare"' in role
    missing = page(client, url_in("sv", "titles:search") + "?q=dronarpilot")
    assert f'href="{suggest_url("sv")}?name=dronarpilot"' in missing


def test_a_change_to_an_entry_is_stored_and_thanked_for(client):
    title = make_title("Säljare", "Sales Executive", slug="saljare")
    form = page(client, suggest_url() + "?title=saljare")
    assert "Sales Executive" in form and 'name="title" value="saljare"' in form
    response = send(client, title="saljare", email="student@example.org")
    assert response.status_code == 302
    assert "Your suggestion has been sent" in page(client, response["Location"])
    suggestion = Suggestion.objects.get()
    assert (suggestion.kind, suggestion.title, suggestion.state) == ("change", title, "new")
    assert suggestion.email == "student@example.org"


def test_a_missing_title_is_prefilled_from_the_search(client):
    form = page(client, suggest_url() + "?name=Drönarpilot")
    assert 'value="Drönarpilot"' in form
    assert send(client, name="Drönarpilot", text="Flies drones for ads.").status_code == 302
    suggestion = Suggestion.objects.get()
    assert (suggestion.kind, suggestion.name, suggestion.title) == ("missing", "Drönarpilot", None)


def test_the_text_is_never_rendered_as_html(client, editor_client):
    send(client, text="<script>alert(1)</script> <b>bold</b>")
    html = page(editor_client, "/admin/titles/suggestion/looked-for/")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_bot_that_fills_the_honeypot_is_thanked_and_nothing_is_stored(client):
    response = send(client, website="http://spam.example")
    assert response.status_code == 302
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": ""}, "Tell us what is wrong or missing."),
        ({"text": "x" * 2001}, "At most 2000 characters"),
        ({"email": "not an address"}, "Enter a valid email address."),
        ({"language": "de"}, "Select a valid choice."),
        ({"name": "n" * 121}, "Ensure this value has at most 120 characters"),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_the_text(client, fields, message):
    response = send(client, **fields)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    if "text" not in fields:
        assert "The English name is wrong." in html  # what the reader wrote is still there
    assert not Suggestion.objects.exists()


def test_an_unknown_title_makes_it_a_missing_title_suggestion(client):
    assert send(client, title="finns-inte", name="Ny roll").status_code == 302
    assert Suggestion.objects.get().kind == "missing"


@override_settings(SUGGEST_RATE="2/h")
def test_sending_is_rate_limited_but_reading_the_form_is_not(client):
    assert send(client).status_code == 302
    assert send(client).status_code == 302
    limited = send(client)
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) >= 1
    assert "many suggestions" in limited.content.decode()
    assert client.get(suggest_url()).status_code == 200
    assert Suggestion.objects.count() == 2


def test_closing_a_suggestion_erases_the_email_address(client):
    send(client, email="student@example.org")
    suggestion = Suggestion.objects.get()
    suggestion.state = SuggestionState.DECLINED
    suggestion.save()
    suggestion.refresh_from_db()
    assert suggestion.email == "" and suggestion.closed_at is not None


def test_the_form_is_bilingual_and_states_the_privacy_rule(client):
    swedish = page(client, suggest_url("sv"))
    english = page(client, suggest_url("en"))
    assert "deleted as soon as your suggestion has been handled" in english
    assert swedish != english
    assert 'class="honeypot" aria-hidden="true"' in english
