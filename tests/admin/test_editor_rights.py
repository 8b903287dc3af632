"""What only publishers do: delete published titles, choose publishing statuses, change a
published title's names and relations outside its review, import changes to published titles."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import make_label, make_title
from tests.forms import admin_form
from tests.pages import change_url, page
from titles.exchange.format import export_glossary
from titles.history import timeline
from titles.models import Label, Title

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:titles_title_changelist")


def delete_url(title):
    return reverse("admin:titles_title_delete", args=[title.pk])


# --- Deleting -----------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["published", "retired"])
def test_an_editor_cannot_delete_a_published_or_retired_title(editor_client, status):
    title = make_title(status=status)
    assert editor_client.get(delete_url(title)).status_code == 403
    assert editor_client.post(delete_url(title), {"post": "yes"}).status_code == 403
    assert 'class="deletelink"' not in page(editor_client, change_url(title))
    action = {"action": "delete_selected", "_selected_action": [title.pk], "post": "yes"}
    assert editor_client.post(CHANGELIST, action).status_code == 403
    assert Title.objects.filter(pk=title.pk).exists()


def test_an_editor_deletes_a_draft(editor_client):
    title = make_title(status="draft")
    assert editor_client.post(delete_url(title), {"post": "yes"}).status_code == 302
    assert not Title.objects.filter(pk=title.pk).exists()


def test_a_publishers_deletion_is_recorded_in_the_history(publisher_client, publisher):
    title = make_title("Utgången roll", "Gone Role")
    pk = title.pk
    assert publisher_client.post(delete_url(title), {"post": "yes"}).status_code == 302
    assert not Title.objects.filter(pk=pk).exists()
    newest = timeline(pk)[0]
    assert newest.user == publisher.username
    assert "deleted the title" in newest.lines
    history = page(publisher_client, reverse("admin:titles_title_history", args=[pk]))
    assert "deleted the title" in history and publisher.username in history


# --- The status menu ----------------------------------------------------------------------------


def status_options(client, url):
    html = page(client, url)
    menu = html[html.index('name="status"') : html.index("</select>", html.index('name="status"'))]
    return [
        value for value in ("draft", "review", "published", "retired") if f'value="{value}"' in menu
    ]


def test_the_status_menu_offers_an_editor_only_what_an_editor_may_choose(editor_client):
    assert status_options(editor_client, reverse("admin:titles_title_add")) == ["draft", "review"]
    draft = make_title(status="draft")
    assert status_options(editor_client, change_url(draft)) == ["draft", "review"]
    published = make_title(status="published")
    assert status_options(editor_client, change_url(published)) == ["published"]


def test_the_status_menu_offers_a_publisher_every_status(publisher_client):
    title = make_title(status="draft")
    assert status_options(publisher_client, change_url(title)) == [
        "draft",
        "review",
        "published",
        "retired",
    ]


# --- Names and relations of published titles, imports -------------------------------------------


def test_an_editor_changes_a_published_titles_names_only_on_its_page(editor_client):
    published, draft = make_title(), make_title(status="draft")
    label = make_label(published, "Alias")
    url = reverse("admin:titles_label_change", args=[label.pk])
    response = editor_client.post(url, {"text": "Changed", "language": "sv", "kind": "former"})
    assert response.status_code == 403
    add = reverse("admin:titles_label_add")
    data = {"title": published.pk, "text": "Nytt", "language": "sv", "kind": "alternative"}
    response = editor_client.post(add, data)
    assert "is published: change its names and relations on the title" in response.content.decode()
    assert editor_client.post(add, {**data, "title": draft.pk}).status_code == 302
    assert list(Label.objects.filter(text="Nytt").values_list("title", flat=True)) == [draft.pk]


def test_an_editor_cannot_import_changes_to_published_titles(editor_client):
    title = make_title(definition_en="Old.")
    data = export_glossary(Title.objects.filter(pk=title.pk))
    data["titles"][0]["definition"]["en"] = "Imported."
    upload = SimpleUploadedFile("glossary.json", json.dumps(data).encode())
    response = editor_client.post(reverse("admin:titles_title_import"), {"file": upload})
    assert response.status_code == 403
    assert Title.objects.get(pk=title.pk).definition_en == "Old."


def test_an_unchanged_save_of_a_title_with_names_succeeds(publisher_client):
    """What a browser submits: the blank extra name row sends its selects' first options."""
    title = make_title()
    make_label(title, "Alias")
    data = admin_form(publisher_client, change_url(title))
    assert data["labels-1-kind"] == "alternative"  # as a browser would send it
    response = publisher_client.post(change_url(title), data)
    assert response.status_code == 302
    assert title.labels.count() == 3
