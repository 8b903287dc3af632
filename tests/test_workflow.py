"""The editorial workflow: roles, no lost edits, history with revert, merge, backlog, imports."""

import json
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
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
from titles.exchange.csv_format import from_csv, to_csv
from titles.exchange.format import export_glossary
from titles.history import timeline
from titles.models import Label, SlugRedirect, Tag, Title

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:titles_title_changelist")
IMPORT = reverse("admin:titles_title_import")


def change_url(title):
    return reverse("admin:titles_title_change", args=[title.pk])


def history_url(title):
    return reverse("admin:titles_title_history", args=[title.pk])


@pytest.fixture
def publisher_client(client, db):
    user = make_editor("publicist")
    user.groups.set([Group.objects.get(name="Publishers")])
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


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
    title = make_title(definition_en="Original.")
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
    title = make_title()
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
    title = make_title(definition_en="Version one.")
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


# --- Import and export in the admin -------------------------------------------------------------


def upload(client, name, content, **extra):
    file = SimpleUploadedFile(name, content.encode("utf-8"))
    return client.post(IMPORT, {"file": file, **extra})


def test_admin_import_previews_then_writes_on_confirm(publisher_client):
    title = make_title(definition_en="Before.")
    data = export_glossary()
    data["titles"][0]["definition"]["en"] = "After."
    response = upload(publisher_client, "glossary.json", json.dumps(data))
    page = response.content.decode()
    assert "0 to create, 1 to change" in page
    assert "change: definition" in page
    assert Title.objects.get(pk=title.pk).definition_en == "Before."
    response = publisher_client.post(IMPORT, {"confirm": "1"})
    assert response.status_code == 302
    assert Title.objects.get(pk=title.pk).definition_en == "After."


def test_admin_import_of_a_bad_file_lists_the_reasons_and_writes_nothing(publisher_client):
    make_title(slug="kvar")
    data = export_glossary()
    data["titles"][0]["relations"] = [{"type": "related", "target": "saknas"}]
    data["titles"][0]["definition"]["en"] = "Should not be saved."
    page = upload(publisher_client, "glossary.json", json.dumps(data)).content.decode()
    assert "Rejected: titles[0] (kvar): relations[0].target: unknown relation target" in page
    assert "Confirm import" not in page
    assert Title.objects.get(slug="kvar").definition_en != "Should not be saved."


def test_admin_import_refuses_a_file_that_is_not_json(publisher_client):
    page = upload(publisher_client, "glossary.json", "{oops").content.decode()
    assert "The file is not valid JSON" in page


def test_an_editor_cannot_publish_through_an_import(editor_client):
    make_title(slug="ny-roll", status="published")
    data = export_glossary()
    Title.objects.all().delete()  # importing it now would create a published title
    response = upload(editor_client, "glossary.json", json.dumps(data))
    assert response.status_code == 403
    assert not Title.objects.exists()


def test_admin_exports_a_filtered_selection_as_json_and_csv(editor_client):
    chosen, _unchosen = make_title(), make_title()
    make_label(chosen, "Alias", language="sv")
    params = {"_selected_action": [chosen.pk]}
    response = editor_client.post(CHANGELIST, {"action": "export_json", **params})
    data = json.loads(response.content)
    assert [title["slug"] for title in data["titles"]] == [chosen.slug]
    response = editor_client.post(CHANGELIST, {"action": "export_csv", **params})
    assert response["Content-Type"].startswith("text/csv")
    assert from_csv(response.content.decode())["titles"] == data["titles"]


def test_csv_round_trips_the_real_content(tmp_path):
    from titles.exchange.loader import load_content, read_content

    load_content(read_content())
    data = export_glossary()
    again = from_csv(to_csv(data), exported_at=data["exported_at"])
    assert again["titles"] == data["titles"]
    used = {slug for title in data["titles"] for slug in title["tags"]}
    assert again["tags"] == {slug: data["tags"][slug] for slug in sorted(used)}


def test_command_line_csv_export_and_import_round_trip(tmp_path):
    make_label(make_title(slug="en-roll"), "Alias", language="en", kind="abbreviation")
    path = tmp_path / "glossary.csv"
    call_command("exportglossary", "--output", str(path), stderr=StringIO())
    first = path.read_text(encoding="utf-8")
    Title.objects.all().delete()
    call_command("importglossary", str(path), stdout=StringIO())
    call_command("exportglossary", "--output", str(path), stderr=StringIO())
    assert path.read_text(encoding="utf-8") == first


def test_command_line_export_of_a_selection(tmp_path):
    make_title(slug="utkast", status="draft")
    make_title(slug="publicerad", status="published")
    path = tmp_path / "drafts.json"
    call_command("exportglossary", "--status", "draft", "--output", str(path), stderr=StringIO())
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [title["slug"] for title in data["titles"]] == ["utkast"]


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
    assert "dolda-rollen" not in client.get("/sitemap.xml").content.decode()
    for query in ("Hidden Role", "Dolda rollen", "Gömd", "hidden"):
        found = client.get("/api/v1/search", {"q": query}).json()
        slugs = [hit["slug"] for hit in found["results"] + found["suggestions"]]
        assert "dolda-rollen" not in slugs
    assert "Hidden Role" not in client.get(reverse("titles:recent")).content.decode()


def test_an_editor_cannot_unpublish_through_an_import(editor_client):
    make_title(slug="publicerad", status="published")
    data = export_glossary()
    data["titles"][0]["status"] = "draft"
    response = upload(editor_client, "glossary.json", json.dumps(data))
    assert response.status_code == 403
    assert Title.objects.get(slug="publicerad").status == "published"


def test_an_editor_may_import_changes_to_drafts(editor_client):
    make_title(slug="utkast", status="draft", definition_en="Before.")
    data = export_glossary()
    data["titles"][0]["definition"]["en"] = "After."
    page = upload(editor_client, "glossary.json", json.dumps(data)).content.decode()
    assert "0 to create, 1 to change" in page
    editor_client.post(IMPORT, {"confirm": "1"})
    assert Title.objects.get(slug="utkast").definition_en == "After."
