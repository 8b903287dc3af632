"""The history shows real changes only, in context, in the reader's language."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import make_tag, make_title
from tests.forms import admin_form
from tests.pages import change_url, page
from titles.history import changed_words, timeline

pytestmark = pytest.mark.django_db


def lines_of(title, language="en"):
    with translation.override(language):
        return [line for change in timeline(title) for line in change.lines]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_saving_an_unchanged_title_records_no_change(editor_client, language):
    editor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    title = make_title(status="draft", note_sv=None, pathway_en=None)
    title.tags.add(make_tag("events", "evenemang", "events"))
    before = lines_of(title)
    data = admin_form(editor_client, change_url(title))
    assert editor_client.post(change_url(title), data).status_code == 302
    assert lines_of(title) == before


def test_changing_one_tag_records_only_that_tag(editor_client):
    title = make_title(status="draft")
    kept, dropped = make_tag("events", "evenemang", "events"), make_tag("pr", "pr", "PR")
    added = make_tag("b2b", "företag", "business")
    title.tags.add(kept, dropped)
    data = admin_form(editor_client, change_url(title))
    data["tags"] = [str(kept.pk), str(added.pk)]
    assert editor_client.post(change_url(title), data).status_code == 302
    newest = timeline(title)[0].lines
    assert sorted(newest) == ["added tag “business”", "removed tag “PR”"]


def test_a_long_text_shows_the_changed_words_in_context():
    old = (
        "A marketing assistant is a junior member of the marketing team who handles practical "
        "and administrative tasks for the people who plan the marketing."
    )
    new = old.replace("administrative", "financial")
    shown_old, shown_new = changed_words(old, new)
    assert shown_old != shown_new
    assert shown_old == "… team who handles practical and administrative tasks for the people who …"
    assert shown_new == "… team who handles practical and financial tasks for the people who …"


def test_the_history_page_shows_a_long_texts_change(editor_client):
    long_text = " ".join(f"word{number}" for number in range(60))
    title = make_title(status="draft", description_en=long_text)
    data = admin_form(editor_client, change_url(title))
    data["description_en"] = long_text.replace("word30", "changed")
    assert editor_client.post(change_url(title), data).status_code == 302
    line = timeline(title)[0].lines[0]
    assert "word30" in line and "changed" in line
    assert line.count("…") == 4  # context on both sides, in both versions


def test_history_lines_are_in_the_readers_language(editor_client):
    title = make_title(status="draft")
    data = admin_form(editor_client, change_url(title))
    data.update({"labels-0-text": "Försäljare", "labels-0-language": "sv"})
    data["note_en"] = "Often confused."
    assert editor_client.post(change_url(title), data).status_code == 302
    lines = lines_of(title, "sv")
    assert any("(sv, alternativt)" in line for line in lines)
    assert any(line.startswith("missförstånd och motsvarigheter [en]") for line in lines)
    editor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "sv"
    history = page(editor_client, reverse("admin:titles_title_history", args=[title.pk]))
    assert "(sv, alternativt)" in history
