"""Published entries change only through review: an editor's change to a published title
waits as its revision until a publisher approves it or sends it back."""

import pytest
from django.urls import reverse

from tests.factories import make_editor, make_label, make_relation, make_title
from tests.forms import admin_form, form_data
from tests.pages import change_url, page, role_url
from titles.history import timeline
from titles.models import Revision, Title

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:titles_title_changelist")


def revision_url(revision):
    return reverse("admin:titles_title_revision", args=[revision.title_id, revision.pk])


def log_in(client, user):
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def propose(client, title, **changes):
    """Open the title's form, change fields, save; returns the page after the redirect."""
    data = admin_form(client, change_url(title))
    data.update(changes)
    response = client.post(change_url(title), data, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def found_slugs(client, query):
    found = client.get("/api/v1/search", {"q": query}).json()
    return [hit["slug"] for hit in found["results"]]


def role_page(client, slug):
    return page(client, role_url("en", slug))


# --- End to end ---------------------------------------------------------------------------------


def test_an_editors_change_goes_live_only_when_a_publisher_approves(client, editor, publisher):
    title = make_title("Säljare", "Sales Executive", slug="saljare", definition_en="Sells.")
    version = title.version
    log_in(client, editor)
    shown = propose(
        client,
        title,
        definition_en="Sells to businesses.",
        **{"labels-0-text": "Kundvärvare", "labels-0-language": "sv"},
    )
    assert "wait for a publisher&#x27;s review" in shown

    # The public, search and the API keep the published entry.
    assert "Sells." in role_page(client, "saljare")
    assert "Sells to businesses." not in role_page(client, "saljare")
    assert "saljare" not in found_slugs(client, "Kundvärvare")
    title.refresh_from_db()
    assert (title.definition_en, title.version) == ("Sells.", version)
    assert not title.labels.filter(text="Kundvärvare").exists()

    # The admin shows that changes are waiting, and lists the title as needing work.
    assert 'id="revision-notice"' in page(client, change_url(title))
    listed = client.get(CHANGELIST, {"needs": "revision"}).context["cl"].result_list
    assert list(listed) == [title]

    # The publisher sees both versions side by side and approves.
    revision = Revision.objects.get(title=title, state="pending")
    log_in(client, publisher)
    compared = page(client, revision_url(revision))
    assert "Sells." in compared and "Sells to businesses." in compared
    assert "Kundvärvare (sv, alternative)" in compared
    response = client.post(revision_url(revision), {"approve": "1"})
    assert response.status_code == 302

    assert "Sells to businesses." in role_page(client, "saljare")
    assert "saljare" in found_slugs(client, "Kundvärvare")
    revision.refresh_from_db()
    assert (revision.state, revision.reviewed_by) == ("approved", publisher)

    # The history shows the proposal by the editor and the approval by the publisher, which
    # made the changes (and only those: no tag or label removed and added again).
    changes = timeline(title)
    approval, proposal = changes[0], changes[1]
    assert proposal.user == editor.username
    assert proposal.lines == ["proposed changes for review"]
    assert approval.user == publisher.username
    assert "approved the changes proposed by redaktor" in approval.lines
    assert "definition [en]: “Sells.” → “Sells to businesses.”" in approval.lines
    assert "added label “Kundvärvare” (sv, alternative)" in approval.lines
    assert not any(line.startswith("removed") for line in approval.lines)
    history = page(client, reverse("admin:titles_title_history", args=[title.pk]))
    assert "proposed changes for review" in history and "approved the changes" in history


# --- What an editor sees and does ---------------------------------------------------------------


def test_an_editor_reopening_the_title_sees_the_waiting_changes_and_builds_on_them(client, editor):
    title = make_title(definition_en="Old text.")
    make_label(title, "Gammalt namn")
    make_label(title, "Kvar", kind="former")
    log_in(client, editor)
    propose(
        client,
        title,
        definition_en="First editor's text.",
        **{"labels-0-DELETE": "on", "labels-2-text": "Nytt namn", "labels-2-language": "sv"},
    )

    second = log_in(client, make_editor("andra"))
    form = page(second, change_url(title))
    assert "First editor&#x27;s text." in form  # the form shows the proposal
    shown = propose(second, title, description_en="Second editor's description.")
    assert "already had changes proposed by redaktor" in shown

    revision = Revision.objects.get(title=title, state="pending")
    entry = revision.entry
    assert entry["definition"]["en"] == "First editor's text."
    assert entry["description"]["en"] == "Second editor's description."
    assert {label["text"] for label in entry["labels"]} == {"Kvar", "Nytt namn"}
    assert (revision.edits, revision.proposed_by, revision.updated_by.username) == (
        2,
        editor,
        "andra",
    )
    title.refresh_from_db()
    assert title.definition_en == "Old text."


def test_a_save_over_changes_proposed_meanwhile_is_stopped(client, editor):
    title = make_title(definition_en="Old text.")
    log_in(client, editor)
    opened_before = admin_form(client, change_url(title))
    propose(client, title, definition_en="Proposed meanwhile.")

    opened_before["description_en"] = "Made on the old form."
    response = client.post(change_url(title), opened_before)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The changes waiting for review on this title changed after you opened it" in html
    assert Revision.objects.get(title=title).entry["definition"]["en"] == "Proposed meanwhile."

    # Saving again, having been told, makes theirs the proposal.
    assert client.post(change_url(title), form_data(html, "title_form")).status_code == 302
    entry = Revision.objects.get(title=title).entry
    assert entry["description"]["en"] == "Made on the old form."


def test_saving_a_published_title_unchanged_proposes_nothing(editor_client):
    title = make_title()
    shown = propose(editor_client, title)
    assert "nothing to review" in shown
    assert not Revision.objects.exists()


def test_an_editors_change_to_a_draft_is_saved_at_once(editor_client):
    title = make_title(status="draft", definition_en="Old.")
    propose(editor_client, title, definition_en="New.")
    title.refresh_from_db()
    assert title.definition_en == "New."
    assert not Revision.objects.exists()


def test_a_publishers_own_change_goes_live_at_once(publisher_client):
    title = make_title(definition_en="Old.")
    assert "was changed successfully" in propose(publisher_client, title, definition_en="New.")
    title.refresh_from_db()
    assert title.definition_en == "New."
    assert not Revision.objects.exists()


def test_an_editor_cannot_approve(client, editor):
    title = make_title(definition_en="Old.")
    log_in(client, editor)
    propose(client, title, definition_en="New.")
    revision = Revision.objects.get()
    assert client.get(revision_url(revision)).status_code == 200  # they may look
    assert "Approve and publish" not in page(client, revision_url(revision))
    assert client.post(revision_url(revision), {"approve": "1"}).status_code == 403
    assert Title.objects.get(pk=title.pk).definition_en == "Old."


def test_an_editors_restore_of_a_published_title_waits_for_review(client, editor, publisher):
    title = make_title(definition_en="Version one.")
    version_one = timeline(title)[0].when
    log_in(client, publisher)
    propose(client, title, definition_en="Version two.")
    log_in(client, editor)
    revert = reverse("admin:titles_title_revert", args=[title.pk])
    response = client.post(revert, {"at": version_one.isoformat()}, follow=True)
    assert "waits for a publisher&#x27;s review" in response.content.decode()
    assert Title.objects.get(pk=title.pk).definition_en == "Version two."
    assert Revision.objects.get().entry["definition"]["en"] == "Version one."


# --- What a publisher sees and does -------------------------------------------------------------


def test_a_publisher_sends_changes_back_with_a_comment(client, editor, publisher):
    title = make_title(definition_en="Old.")
    log_in(client, editor)
    propose(client, title, definition_en="Too vague.")
    revision = Revision.objects.get()

    log_in(client, publisher)
    response = client.post(revision_url(revision), {"send_back": "1", "comment": ""})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    response = client.post(revision_url(revision), {"send_back": "1", "comment": "Be concrete."})
    assert response.status_code == 302
    revision.refresh_from_db()
    assert (revision.state, revision.comment) == ("sent_back", "Be concrete.")
    assert Title.objects.get(pk=title.pk).definition_en == "Old."

    log_in(client, editor)
    form = page(client, change_url(title))
    assert "were sent back by publicist" in form and "Be concrete." in form
    assert "Old." in form  # the form is the published entry again
    lines = [line for change in timeline(title) for line in change.lines]
    assert "sent back the changes proposed by redaktor: “Be concrete.”" in lines


def test_approving_changes_made_on_an_older_version_is_refused(client, editor, publisher):
    title = make_title(definition_en="Old.", description_en="Old description.")
    log_in(client, editor)
    propose(client, title, definition_en="Editor's definition.")
    revision = Revision.objects.get()

    log_in(client, publisher)
    shown = propose(client, title, description_en="Publisher's description.")
    assert "can no longer be approved as they stand" in shown
    assert "Approve and publish" not in page(client, revision_url(revision))
    response = client.post(revision_url(revision), {"approve": "1"}, follow=True)
    assert "would undo that" in response.content.decode()
    title.refresh_from_db()
    assert (title.definition_en, title.description_en) == ("Old.", "Publisher's description.")
    assert Revision.objects.get().state == "pending"


def test_approval_writes_relations_and_keeps_what_the_entry_does_not_carry(client, editor):
    title, other, third = make_title(), make_title(), make_title()
    make_relation(title, other, "related", note_en="Overlap.")
    source_label = make_label(title, "Med källa")
    log_in(client, editor)
    propose(
        client,
        title,
        **{
            "outgoing_relations-0-note_en": "Overlap, mostly.",
            "outgoing_relations-1-type": "next_step",
            "outgoing_relations-1-target": str(third.pk),
            "outgoing_relations-TOTAL_FORMS": "2",
        },
    )
    from titles.models import Source
    from titles.workflow import approve

    source_label.source = Source.objects.create(key="k", title="A source")
    source_label.save()
    approve(Revision.objects.get(), editor)
    relations = {(r.type, r.target_id, r.note_en) for r in title.outgoing_relations.all()}
    assert relations == {("related", other.pk, "Overlap, mostly."), ("next_step", third.pk, "")}
    assert title.labels.get(text="Med källa").source.key == "k"


def test_changes_waiting_are_shown_in_the_title_list(editor_client):
    waiting, quiet = make_title(definition_en="Old."), make_title()
    propose(editor_client, waiting, definition_en="New.")
    rows = {
        row: row.has_pending_revision
        for row in editor_client.get(CHANGELIST).context["cl"].result_list
    }
    assert rows == {waiting: True, quiet: False}
