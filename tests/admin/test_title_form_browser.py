"""The title's change form in real headless Chromium, with and without JavaScript: what the
browser itself submits (every select sends its selected or first option), not what a test
would type in."""

import pytest
from django.urls import reverse

from tests.factories import make_publisher
from titles.models import Label, Title

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-publisher-password-1"


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def admin_page(request, live_server, browser, browser_page, editorial_groups):
    """A publisher logged in through the login form, in a page with or without JavaScript
    (``browser_page`` has loaded the real glossary)."""
    make_publisher()
    context = browser.new_context(locale="en-GB", java_script_enabled=request.param)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + reverse("admin:login"))
    page.get_by_label("Username").fill("publicist")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + reverse("admin:index"))
    yield page
    context.close()


def open_title(page, live_server, slug):
    title = Title.objects.get(slug=slug)
    page.goto(live_server.url + reverse("admin:titles_title_change", args=[title.pk]))
    return title


def save(page):
    page.locator('input[name="_save"]').click()
    page.wait_for_load_state()


def test_saving_an_unchanged_title_succeeds(admin_page, live_server):
    title = open_title(admin_page, live_server, "marknadsassistent")
    labels = set(title.labels.values_list("text", "language", "kind"))
    save(admin_page)
    assert admin_page.locator(".errornote, .errorlist").count() == 0
    success = admin_page.locator(".messagelist .success").inner_text()
    assert "was changed successfully" in success
    assert set(title.labels.values_list("text", "language", "kind")) == labels


def test_a_name_added_through_the_form_is_saved(admin_page, live_server):
    title = open_title(admin_page, live_server, "marknadsassistent")
    extra = title.labels.exclude(kind="preferred").count()  # the blank row after the others
    admin_page.locator(f'input[name="labels-{extra}-text"]').fill("Reklamassistent")
    admin_page.locator(f'select[name="labels-{extra}-language"]').select_option("sv")
    admin_page.locator(f'select[name="labels-{extra}-kind"]').select_option("former")
    save(admin_page)
    assert "was changed successfully" in admin_page.locator(".messagelist .success").inner_text()
    label = Label.objects.get(title=title, text="Reklamassistent")
    assert (label.language, label.kind) == ("sv", "former")
