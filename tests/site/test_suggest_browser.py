"""Readers' suggestions and the editors' queue in real headless Chromium: a reader sends a
suggestion from a role page, a bot that fills the hidden field stores nothing, a flood gets
the rate limit's page, an editor accepts a missing title into a prefilled draft; and the
career paths page draws each ladder in order."""

import pytest
from django.urls import reverse

from tests.factories import make_editor
from tests.pages import url_in
from titles.models import Relation, Suggestion, Title

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, browser_page):
    return live_server.url, browser_page("en-GB")


def open_form(base, page):
    page.goto(base + url_in("en", "titles:title-detail", "key-account-manager"))
    page.get_by_role("link", name="Suggest a change").click()
    page.wait_for_selector("h1:has-text('Suggest a change')")
    # The reader's language is chosen for them; a browser sends it with the form.
    assert page.locator("input[name=language][value=en]").is_checked()


def test_a_reader_sends_a_suggestion_from_the_role_page(site):
    base, page = site
    open_form(base, page)
    page.get_by_label("What is wrong or missing?").fill("The English name needs a note.")
    page.get_by_role("button", name="Send the suggestion").click()
    assert page.locator("h1").inner_text() == "Thank you"
    suggestion = Suggestion.objects.get()
    assert suggestion.text == "The English name needs a note."
    assert suggestion.title.slug == "key-account-manager"


def test_the_honeypot_is_hidden_from_readers_and_a_bot_filling_it_stores_nothing(site):
    base, page = site
    open_form(base, page)
    box = page.locator("#id_website").bounding_box()  # drawn off the page, out of reach
    assert box is None or box["x"] + box["width"] <= 0
    assert page.locator(".honeypot").get_attribute("aria-hidden") == "true"
    page.get_by_label("What is wrong or missing?").fill("Buy cheap watches.")
    page.locator("#id_website").evaluate("field => { field.value = 'http://spam.example'; }")
    page.get_by_role("button", name="Send the suggestion").click()
    assert page.locator("h1").inner_text() == "Thank you"
    assert not Suggestion.objects.exists()


def test_a_flood_of_suggestions_gets_the_rate_limit_page(site, settings):
    settings.SUGGEST_RATE = "2/h"
    base, page = site
    for _ in range(2):
        open_form(base, page)
        page.get_by_label("What is wrong or missing?").fill("Another idea.")
        page.get_by_role("button", name="Send the suggestion").click()
        assert page.locator("h1").inner_text() == "Thank you"
    open_form(base, page)
    page.get_by_label("What is wrong or missing?").fill("One too many.")
    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        page.get_by_role("button", name="Send the suggestion").click()
    assert answer.value.status == 429
    assert "many suggestions" in page.content()
    assert Suggestion.objects.count() == 2


def test_an_editor_accepts_a_missing_title_into_a_prefilled_draft(live_server, browser, site,
                                                                  editorial_groups):  # fmt: skip
    suggestion = Suggestion.objects.create(kind="missing", name="Drönarpilot", text="Flies drones.",
                              language="sv")  # fmt: skip
    make_editor()
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + reverse("admin:login"))
    page.get_by_label("Username").fill("redaktor")
    page.get_by_label("Password").fill("a-long-editor-password-1")
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + reverse("admin:titles_suggestion_changelist"))
    assert "Drönarpilot" in page.locator("#result_list").inner_text()  # in the queue
    page.goto(live_server.url + reverse("admin:titles_suggestion_change", args=[suggestion.pk]))
    page.locator("select[name=state]").select_option("accepted")
    page.locator("textarea[name=reply]").fill("Added as a draft.")
    page.locator('input[name="_save"]').click()
    page.wait_for_url("**/admin/titles/title/add/**")
    assert page.locator("input[name=name_sv]").input_value() == "Drönarpilot"
    assert Suggestion.objects.get().state == "accepted"
    context.close()


def test_the_career_paths_page_draws_each_ladder_in_order(site):
    """Every step of every drawn ladder leads to the next one by a "next step" relation."""
    base, page = site
    page.goto(base + url_in("en", "titles:career-paths"))
    ladders = page.locator("ol.path-steps")
    assert ladders.count() >= 2
    steps = set(
        Relation.objects.filter(type="next_step").values_list("source__slug", "target__slug")
    )
    names = {title.name_en: title.slug for title in Title.objects.published()}
    for index in range(ladders.count()):
        # The ladder's own steps (and where it continues), not the side steps it mentions.
        shown = ladders.nth(index).locator("li.path-step > a").all_inner_texts()
        slugs = [names[name.strip()] for name in shown]
        for lower, upper in zip(slugs, slugs[1:], strict=False):
            assert (lower, upper) in steps, f"{lower} → {upper} is not a next step"
