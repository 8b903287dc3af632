"""The editorial workflow: roles, no lost edits, history with revert, merge, backlog, preview."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    make_editor,
    make_label,
    make_relation,
    make_responsibility,
    make_source,
    make_title,
)
from tests.forms import admin_form
from tests.pages import change_url
from tests.sitemaps import whole_sitemap
from titles.history import timeline
from titles.models import Label, SlugRedirect, Tag, Title

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:titles_title_changelist")


def history_url(title):
    return reverse("admin:titles_title_history", args=[title.pk])


# --- Roles --------------------------------------------------------------------------------


def test_publishers_have_what_editors_have_and_may_publish():
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    publishers = set(
        Group.objects.get(name="Publishers").permissions.values_list("codename", flat=True)
    )
    assert editors < publishers
    assert "publish_title" in publishers - editors


def test_an_editor_cannot_publish_from_the_form(editor_client):
    title = make_title(status="review")
    data = admin_form(editor_client, change_url(title))
    data["status"] = "published"
    response = editor_client.post(change_url(title), data)
    assert response.status_code == 200
    assert "Only publishers can publish or retire" in response.content.decode()
    title.refresh_from_db()
    assert title.status == "review"


def test_an_editor_cannot_publish_with_an_action(editor_client):
    title = make_title(status="review")
    editor_client.post(CHANGELIST, {"action": "publish", "_selected_action": [title.pk]})
    title.refresh_from_db()
    assert title.status == "review"


def test_an_editor_submits_a_draft_for_review(editor_client):
    title = make_title(status="draft")
    editor_client.post(CHANGELIST, {"action": "submit_for_review", "_selected_action": [title.pk]})
    title.refresh_from_db()
    assert title.status == "review"


def test_a_publisher_publishes_and_that_counts_as_a_review(publisher_client):
    title = make_title(status="review")
    publisher_client.post(CHANGELIST, {"action": "publish", "_selected_action": [title.pk]})
    title.refresh_from_db()
    assert title.status == "published"
    assert title.last_reviewed_at == timezone.localdate()


# --- No lost edits --------------------------------------------------------------------------


def test_the_second_of_two_concurrent_saves_is_stopped_and_keeps_its_input(editor_client):
    title = make_title(definition_en="Original.", status="draft")
    first = admin_form(editor_client, change_url(title))
    second = admin_form(editor_client, change_url(title))

    first["definition_en"] = "First editor's text."
    assert editor_client.post(change_url(title), first).status_code == 302

    second["definition_en"] = "Second editor's text."
    response = editor_client.post(change_url(title), second)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else saved this title after you opened it" in page
    assert "Second editor&#x27;s text." in page  # their input is still in the form
    title.refresh_from_db()
    assert title.definition_en == "First editor's text."

    # Saving again, having been told, is a deliberate overwrite.
    from tests.forms import form_data

    again = form_data(page, "title_form")
    assert editor_client.post(change_url(title), again).status_code == 302
    title.refresh_from_db()
    assert title.definition_en == "Second editor's text."


def test_each_save_moves_the_version_on():
    title = make_title()
    version = title.version
    title.save()
    title.refresh_from_db()
    assert title.version == version + 1


# --- History ----------------------------------------------------------------------------------


def test_history_shows_who_changed_what(editor_client, editor):
    title = make_title(status="draft")
    data = admin_form(editor_client, change_url(title))
    data.update(
        {
            "definition_en": "A clearer definition.",
            "labels-0-text": "Försäljare",
            "labels-0-language": "sv",
            "labels-0-kind": "alternative",
        }
    )
    assert editor_client.post(change_url(title), data).status_code == 302
    page = editor_client.get(history_url(title)).content.decode()
    assert editor.username in page
    assert "A clearer definition." in page
    assert "added label “Försäljare” (sv, alternative)" in page


def test_revert_restores_the_title_and_its_labels_responsibilities_relations_and_tags(
    editor_client,
):
    title = make_title(definition_en="Version one.", status="review")
    other, third = make_title(), make_title()
    make_label(title, "Gammalt namn")
    make_responsibility(title, text_sv="Gammal uppgift")
    make_relation(title, other, "related")
    title.tags.add(Tag.objects.create(slug="old", name="old", name_sv="gammal", name_en="old"))
    version_one = timeline(title)[0].when  # the newest version, as the history page offers it

    data = admin_form(editor_client, change_url(title))
    data["definition_en"] = "Version two."
    data["labels-0-DELETE"] = "on"
    data["responsibilities-0-text_sv"] = "Ny uppgift"
    data["outgoing_relations-0-target"] = str(third.pk)
    data["tags"] = []
    assert editor_client.post(change_url(title), data).status_code == 302
    title.refresh_from_db()
    assert title.definition_en == "Version two."
    assert not title.tags.exists()

    revert = reverse("admin:titles_title_revert", args=[title.pk])
    response = editor_client.post(revert, {"at": version_one.isoformat()})
    assert response.status_code == 302
    title.refresh_from_db()
    assert title.definition_en == "Version one."
    assert title.labels.filter(text="Gammalt namn", kind="alternative").exists()
    assert [r.text_sv for r in title.responsibilities.all()] == ["Gammal uppgift"]
    assert [r.target for r in title.outgoing_relations.all()] == [other]
    assert [tag.slug for tag in title.tags.all()] == ["old"]
    # The revert is in the history too.
    assert "Version two." in editor_client.get(history_url(title)).content.decode()


def test_an_editor_cannot_unpublish_by_restoring_a_draft_version(editor_client):
    title = make_title(status="draft")
    draft_time = title.history.latest().history_date
    title.status = "published"
    title.save()
    revert = reverse("admin:titles_title_revert", args=[title.pk])
    response = editor_client.post(revert, {"at": draft_time.isoformat()}, follow=True)
    assert "Only publishers can restore" in response.content.decode()
    assert Title.objects.get(pk=title.pk).status == "published"


# --- Slugs, retiring and merging --------------------------------------------------------------


def test_a_slug_change_keeps_the_old_address():
    title = make_title(slug="marknadsassistent")
    title.slug = "marknadsassistent-ny"
    title.save()
    assert SlugRedirect.objects.get(old_slug="marknadsassistent").title == title
    # A new title may take the old slug back; the redirect then gives way.
    make_title(slug="marknadsassistent")
    assert not SlugRedirect.objects.filter(old_slug="marknadsassistent").exists()


def test_merge_retires_a_title_and_moves_its_names(publisher_client):
    old = make_title("Försäljare", "Salesman")
    make_label(old, "Säljare", language="sv")  # the target has that spelling already
    target = make_title("Säljare", "Sales Executive")
    response = publisher_client.post(
        CHANGELIST,
        {"action": "merge", "_selected_action": [old.pk], "apply": "1", "target": target.pk},
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert (old.status, old.replaced_by) == ("retired", target)
    names = {(label.text, label.kind) for label in target.labels.all()}
    assert ("Försäljare", "alternative") in names and ("Salesman", "alternative") in names
    assert Label.objects.filter(title=target, compact="saljare").count() == 1


def test_editors_cannot_merge(editor_client):
    old, target = make_title(), make_title()
    editor_client.post(
        CHANGELIST,
        {"action": "merge", "_selected_action": [old.pk], "apply": "1", "target": target.pk},
    )
    assert Title.objects.get(pk=old.pk).status == "published"


# --- The backlog ------------------------------------------------------------------------------


def listed(client, **params):
    return set(client.get(CHANGELIST, params).context["cl"].result_list)


def test_backlog_filters(editor_client):
    lonely = make_title()
    linked, partner = make_title(), make_title()
    make_relation(linked, partner)
    for title in (linked, partner):
        title.sources.add(make_source())
    Title.objects.filter(pk=partner.pk).update(last_reviewed_at=timezone.localdate())
    assert listed(editor_client, needs="relations") == {lonely}
    assert listed(editor_client, needs="sources") == {lonely}
    assert listed(editor_client, needs="review") == {lonely, linked}


def test_labels_shared_between_titles_are_listed_for_review(editor_client):
    first, second = make_title(), make_title()
    shared = make_label(first, "Marketing Manager", language="en")
    make_label(second, "marketing-manager", language="en")
    make_label(second, "Only here", language="en")
    response = editor_client.get(reverse("admin:titles_label_changelist"), {"shared": "yes"})
    texts = {label.text for label in response.context["cl"].result_list}
    assert texts == {shared.text, "marketing-manager"}


# --- Preview, recent changes, misses ----------------------------------------------------------


def test_an_editor_previews_a_draft_in_both_languages(editor_client):
    draft = make_title("Utkastroll", "Draft role", status="draft", definition_en="Not public yet.")
    swedish = editor_client.get(reverse("admin:titles_title_preview", args=[draft.pk, "sv"]))
    english = editor_client.get(reverse("admin:titles_title_preview", args=[draft.pk, "en"]))
    assert swedish.status_code == english.status_code == 200
    assert '<h1 id="role-name">Utkastroll</h1>' in swedish.content.decode()
    page = english.content.decode()
    assert '<h1 id="role-name">Draft role</h1>' in page and "Not public yet." in page
    assert "Preview for editors" in page and 'content="noindex"' in page
    # The public page of a draft does not exist.
    assert editor_client.get(draft.get_absolute_url()).status_code == 404


def test_preview_needs_the_admin(client, db):
    draft = make_title(status="draft")
    url = reverse("admin:titles_title_preview", args=[draft.pk, "en"])
    assert client.get(url).status_code == 302  # to the login page
    visitor = make_editor("besokare")
    visitor.groups.clear()
    client.force_login(visitor)
    assert client.get(url).status_code == 403


def test_recently_changed_lists_published_titles_newest_first(client):
    older = make_title("Äldre", "Older")
    make_title("Nyare", "Newer")
    make_title("Utkast", "Draft", status="draft")
    Title.objects.filter(pk=older.pk).update(updated_at=timezone.now() - timezone.timedelta(days=3))
    page = client.get(reverse("titles:recent")).content.decode()
    assert page.index("Newer") < page.index("Older")
    assert "Draft" not in page


def test_role_page_shows_when_it_was_last_reviewed(client):
    title = make_title(last_reviewed_at=timezone.localdate())
    page = client.get(title.get_absolute_url()).content.decode()
    assert "Last reviewed" in page


def test_a_missed_search_offers_one_click_fixes(editor_client):
    from titles.models import SearchMiss

    SearchMiss.objects.create(query="growth hacker", count=4)
    page = editor_client.get(reverse("admin:titles_searchmiss_changelist")).content.decode()
    assert "/admin/titles/label/add/?text=growth+hacker" in page
    assert "/admin/titles/title/add/?name_sv=growth+hacker" in page
    # The link opens a pre-filled form.
    form = editor_client.get(
        reverse("admin:titles_title_add"), {"name_sv": "growth hacker", "status": "draft"}
    )
    assert 'value="growth hacker"' in form.content.decode()


@pytest.mark.parametrize("status", ["draft", "review", "retired"])
def test_unpublished_titles_are_invisible_everywhere(client, status):
    hidden = make_title("Dolda rollen", "Hidden Role", slug="dolda-rollen", status=status)
    make_label(hidden, "Gömd", language="sv")
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert "dolda-rollen" not in whole_sitemap(client)
    for query in ("Hidden Role", "Dolda rollen", "Gömd", "hidden"):
        found = client.get("/api/v1/search", {"q": query}).json()
        slugs = [hit["slug"] for hit in found["results"] + found["suggestions"]]
        assert "dolda-rollen" not in slugs
    assert "Hidden Role" not in client.get(reverse("titles:recent")).content.decode()
