"""The editors' admin: what an Editors-group user can do, see and is stopped from doing."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories import (
    make_label,
    make_relation,
    make_responsibility,
    make_source,
    make_title,
    make_topic,
)
from tests.forms import admin_form
from tests.pages import change_url, count_queries
from titles.history import timeline
from titles.models import Label, Relation, Title

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:titles_title_changelist")
ADD = reverse("admin:titles_title_add")


def new_title_form(client, **overrides):
    data = admin_form(client, ADD)
    data.update(
        {
            "name_sv": "Marknadskoordinator",
            "name_en": "Marketing Coordinator",
            "slug": "marknadskoordinator",
            "status": "draft",
            "field": "marketing",
            "seniority": "entry",
            "focus": "both",
            "profile": "generalist",
        }
    )
    data.update(overrides)
    return data


def errors_of(response):
    return response.content.decode()


# --- Access -------------------------------------------------------------------------------


def test_editors_group_can_curate_but_not_manage_users():
    group = Group.objects.get(name="Editors")
    perms = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
    curated = (
        *("title", "label", "responsibility", "skill", "relation", "source", "tag", "topic"),
        "synonym",
    )
    for model in curated:
        for action in ("add", "change", "delete", "view"):
            assert f"titles.{action}_{model}" in perms
    assert not any(perm.startswith("auth.") for perm in perms)


def test_editor_reaches_titles_but_not_users(editor_client):
    assert editor_client.get(CHANGELIST).status_code == 200
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_editor_creates_a_title_with_labels_responsibilities_and_sources(editor_client):
    source = make_source(title="Yrkesroller")
    data = new_title_form(
        editor_client,
        **{
            "labels-0-text": "Marknadskordinator",
            "labels-0-language": "sv",
            "labels-0-kind": "hidden",
            "responsibilities-0-text_sv": "Samordnar kampanjer",
            "responsibilities-0-text_en": "Coordinates campaigns",
            "responsibilities-0-order": "1",
            "Title_sources-0-source": str(source.pk),
        },
    )
    response = editor_client.post(ADD, data)
    assert response.status_code == 302, errors_of(response)
    title = Title.objects.get(slug="marknadskoordinator")
    assert {(label.text, label.kind) for label in title.labels.all()} == {
        ("Marknadskoordinator", "preferred"),
        ("Marketing Coordinator", "preferred"),
        ("Marknadskordinator", "hidden"),
    }
    assert [r.text_en for r in title.responsibilities.all()] == ["Coordinates campaigns"]
    assert list(title.sources.all()) == [source]


def test_editor_gives_a_title_skills_topics_and_a_pathway(editor_client):
    topic = make_topic(name_sv="nyhetsbrev", name_en="newsletters")
    page = editor_client.get(ADD).content.decode()
    assert 'name="skills-0-text_sv"' in page
    assert 'name="title_topics-0-topic"' in page
    data = new_title_form(
        editor_client,
        **{
            "skills-0-text_sv": "Noggrann",
            "skills-0-text_en": "Careful",
            "skills-0-order": "1",
            "title_topics-0-topic": str(topic.pk),
            "pathway_sv": "Ofta via en YH-utbildning.",
            "pathway_en": "Often through a YH programme.",
        },
    )
    response = editor_client.post(ADD, data)
    assert response.status_code == 302, errors_of(response)
    title = Title.objects.get(slug="marknadskoordinator")
    assert [skill.text_en for skill in title.skills.all()] == ["Careful"]
    assert list(title.topics.all()) == [topic]
    assert title.pathway_en == "Often through a YH programme."
    lines = [line for change in timeline(title) for line in change.lines]
    assert "added topic “newsletters”" in lines


# --- Validation with clear messages ---------------------------------------------------------


def test_empty_name_is_refused(editor_client):
    response = editor_client.post(ADD, new_title_form(editor_client, name_en=""))
    assert response.status_code == 200
    assert "This field is required" in errors_of(response)
    assert not Title.objects.exists()


def test_label_repeating_the_name_is_refused(editor_client):
    data = new_title_form(
        editor_client,
        **{
            "labels-0-text": "marketing co-ordinator",
            "labels-0-language": "en",
            "labels-0-kind": "alternative",
        },
    )
    response = editor_client.post(ADD, data)
    assert response.status_code == 200
    assert "already this title&#x27;s english name" in errors_of(response)
    assert not Title.objects.exists()


def test_a_second_preferred_label_cannot_be_added_inline(editor_client):
    data = new_title_form(
        editor_client,
        **{"labels-0-text": "Koordinator", "labels-0-language": "sv", "labels-0-kind": "preferred"},
    )
    response = editor_client.post(ADD, data)
    assert response.status_code == 200
    assert "Select a valid choice" in errors_of(response)
    assert not Title.objects.exists()


def test_the_same_label_twice_is_refused(editor_client):
    data = new_title_form(
        editor_client,
        **{
            "labels-0-text": "Koordinator",
            "labels-0-language": "sv",
            "labels-0-kind": "alternative",
            "labels-1-text": "koordinator",
            "labels-1-language": "sv",
            "labels-1-kind": "hidden",
            "labels-TOTAL_FORMS": "2",
        },
    )
    response = editor_client.post(ADD, data)
    assert "is listed twice in swedish" in errors_of(response)
    assert not Title.objects.exists()


def test_self_relation_is_refused(editor_client):
    title = make_title()
    data = admin_form(editor_client, change_url(title))
    data.update({"outgoing_relations-0-type": "related", "outgoing_relations-0-target": title.pk})
    response = editor_client.post(change_url(title), data)
    assert response.status_code == 200
    assert "cannot be related to itself" in errors_of(response)
    assert not Relation.objects.exists()


def test_duplicate_relation_is_refused(editor_client):
    title, other = make_title(), make_title()
    make_relation(title, other, "related")
    data = admin_form(editor_client, change_url(title))
    data.update({"outgoing_relations-1-type": "related", "outgoing_relations-1-target": other.pk})
    data["outgoing_relations-TOTAL_FORMS"] = "2"
    response = editor_client.post(change_url(title), data)
    assert response.status_code == 200
    assert "This relation exists already." in errors_of(response)
    assert Relation.objects.count() == 1


def test_symmetric_relation_stored_on_the_other_title_is_refused(editor_client):
    title, other = make_title(), make_title()
    make_relation(other, title, "confused_with")
    data = admin_form(editor_client, change_url(title))
    data.update(
        {"outgoing_relations-0-type": "confused_with", "outgoing_relations-0-target": other.pk}
    )
    response = editor_client.post(change_url(title), data)
    assert response.status_code == 200
    assert "shows on both pages" in errors_of(response)
    assert Relation.objects.count() == 1


def test_change_page_shows_relations_stored_on_other_titles(editor_client):
    title, other = make_title(), make_title("Säljare", "Sales Executive")
    make_relation(other, title, "confused_with")
    response = editor_client.get(change_url(title))
    assert "Sales Executive" in response.content.decode()


def test_shared_alternative_label_is_saved_with_a_warning(editor_client):
    existing = make_title("Kundansvarig", "Account Manager")
    make_label(existing, "KAM", language="sv", kind="abbreviation")
    data = new_title_form(
        editor_client,
        **{"labels-0-text": "KAM", "labels-0-language": "sv", "labels-0-kind": "abbreviation"},
    )
    response = editor_client.post(ADD, data, follow=True)
    assert "is also a name of “Account Manager”" in response.content.decode()
    assert Label.objects.filter(compact="kam").count() == 2


# --- Finding titles -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["nyckelkundsansvarig", "Key Account Manager", "KAM", "nyckelkunds-ansvarig", "saljare"],
)
def test_admin_search_finds_a_title_by_any_label_in_either_language(editor_client, query):
    kam = make_title("Nyckelkundsansvarig", "Key Account Manager", slug="kam")
    make_label(kam, "KAM", language="en", kind="abbreviation")
    make_label(kam, "Säljare", language="sv", kind="hidden")
    make_title("Projektledare", "Project Manager")
    response = editor_client.get(CHANGELIST, {"q": query})
    assert list(response.context["cl"].result_list) == [kam]


def test_missing_english_filter_lists_untranslated_titles(editor_client):
    make_title()
    gap = make_title(description_en="")
    response = editor_client.get(CHANGELIST, {"missing": "en"})
    assert list(response.context["cl"].result_list) == [gap]


def test_changelist_shows_the_gaps_an_editor_looks_for(editor_client):
    title = make_title()
    make_label(title, "Alias", language="sv")
    make_responsibility(title)
    response = editor_client.get(CHANGELIST)
    row = response.context["cl"].result_list[0]
    assert (row.labels_sv, row.labels_en, row.responsibility_count) == (2, 1, 1)


# --- Speed: a constant number of queries ----------------------------------------------------


def rich_title(relations):
    title = make_title()
    for number in range(relations):
        other = make_title()
        make_relation(title, other, "related")
        make_relation(make_title(), title, "next_step")
        make_label(title, f"Alias {number}", language="sv")
        make_responsibility(title, text_sv=f"Uppgift {number}")
        title.sources.add(make_source())
        title.tags.add(f"tag-{number}")
    return title


def test_changelist_query_count_does_not_grow_with_titles(editor_client):
    rich_title(1)
    few = count_queries(editor_client, CHANGELIST)
    for _ in range(3):
        rich_title(3)
    assert count_queries(editor_client, CHANGELIST) == few
    assert few <= 10


def test_change_view_query_count_does_not_grow_with_inlines(editor_client):
    small = rich_title(1)
    large = rich_title(6)
    small_count = count_queries(editor_client, change_url(small))
    assert count_queries(editor_client, change_url(large)) == small_count
    assert small_count <= 25
