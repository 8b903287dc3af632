"""Editors' moderation queue of readers' suggestions."""

import pytest
from django.urls import reverse

from tests.factories import make_title
from tests.forms import admin_form
from tests.pages import change_url, page
from titles.models import SearchMiss, Suggestion

pytestmark = pytest.mark.django_db


def suggestion_url(suggestion):
    return reverse("admin:titles_suggestion_change", args=[suggestion.pk])


def test_accepting_a_missing_title_opens_a_prefilled_draft(editor_client, editor):
    suggestion = Suggestion.objects.create(
        kind="missing", name="Drönarpilot", text="Flies drones.", language="sv", email="a@b.se"
    )
    data = admin_form(editor_client, suggestion_url(suggestion), "suggestion_form")
    data.update({"state": "accepted", "reply": "Added as a draft.", "_save": "Save"})
    response = editor_client.post(suggestion_url(suggestion), data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:titles_title_add"))
    assert "name_sv=Dr%C3%B6narpilot" in response["Location"]
    form = page(editor_client, response["Location"])
    assert 'value="Drönarpilot"' in form
    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.closed_by, suggestion.email) == ("accepted", editor, "")


def test_the_email_is_shown_only_on_the_suggestions_own_page(editor_client):
    Suggestion.objects.create(
        kind="missing", name="Roll", text="Hej", language="sv", email="a@b.se"
    )
    changelist = page(editor_client, reverse("admin:titles_suggestion_changelist"))
    assert "a@b.se" not in changelist
    assert "a@b.se" in page(editor_client, suggestion_url(Suggestion.objects.get()))


def test_the_title_links_to_its_open_suggestions(editor_client):
    title = make_title(slug="saljare")
    Suggestion.objects.create(kind="change", title=title, text="Fel namn", language="sv")
    html = page(editor_client, change_url(title))
    assert "1 open suggestion" in html
    assert f"title__id__exact={title.pk}" in html


def test_suggestions_and_misses_appear_together(editor_client):
    Suggestion.objects.create(kind="missing", name="Drönarpilot", text="Saknas", language="sv")
    SearchMiss.objects.create(query="tiktokare", count=7)
    html = page(editor_client, reverse("admin:titles_suggestion_looked_for"))
    assert "Drönarpilot" in html and "tiktokare" in html
    misses = page(editor_client, reverse("admin:titles_searchmiss_changelist"))
    assert reverse("admin:titles_suggestion_looked_for") in misses


def test_readers_send_suggestions_editors_cannot_add_them(editor_client):
    response = editor_client.get(reverse("admin:titles_suggestion_add"))
    assert response.status_code == 403
