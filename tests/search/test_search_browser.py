"""The search autocomplete in real headless Chromium: the ARIA combobox and its keyboard use.

Needs Debian's ``chromium`` at /usr/bin/chromium (skipped when missing outside CI, a failure
with CI=true), like tests/site/test_browser.py.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(live_server, browser_page):
    page = browser_page("en-GB")
    with translation.override("en"):
        page.goto(live_server.url + reverse("titles:home"))
    return page


def test_suggestions_appear_and_the_keyboard_opens_one(page):
    box = page.get_by_role("combobox", name="Search for a job title")
    box.fill("koordinator")
    options = page.get_by_role("listbox").get_by_role("option")
    options.first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert options.count() >= 4
    assert "Marketing Coordinator" in page.get_by_role("listbox").inner_text()

    box.press("ArrowDown")
    box.press("ArrowDown")
    second = options.nth(1)
    assert second.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == second.get_attribute("id")
    assert page.evaluate("document.activeElement.id") == "search-q"

    box.press("ArrowUp")
    assert options.first.get_attribute("aria-selected") == "true"
    first_url = options.first.get_attribute("data-url")
    assert first_url.startswith("/en/roles/")
    box.press("Enter")
    page.wait_for_url("**" + first_url)


def test_escape_closes_the_list_and_enter_submits_the_search(page):
    box = page.get_by_role("combobox", name="Search for a job title")
    box.fill("mark")
    page.get_by_role("listbox").get_by_role("option").first.wait_for()
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert page.get_by_role("listbox").is_hidden()
    box.press("Enter")
    page.wait_for_url("**/en/search/?q=mark")
    assert page.get_by_role("heading", level=1).inner_text() == "Job titles matching “mark”"


def test_the_form_works_without_javascript(browser, live_server):
    call_command("loadglossary", verbosity=0)
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    with translation.override("en"):
        page.goto(live_server.url + reverse("titles:home"))
    page.get_by_role("combobox", name="Search for a job title").fill("projektledre")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/en/search/?q=projektledre")
    assert "Project Manager" in page.get_by_role("main").inner_text()
    context.close()
