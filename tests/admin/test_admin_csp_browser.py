"""The admin under the site's strict Content-Security-Policy, in real headless Chromium:
its pages load and work without a single policy violation."""

import pytest

from tests.factories import make_publisher

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/admin/",
    "/admin/titles/title/",
    "/admin/titles/title/?needs_work=yes",
    "/admin/titles/title/add/",
    "/admin/titles/synonym/add/",
    "/admin/titles/topic/",
]


def test_admin_pages_raise_no_csp_violation(live_server, browser_page, editorial_groups):
    make_publisher()
    page = browser_page("en-GB")
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("publicist")
    page.get_by_label("Password").fill("a-long-publisher-password-1")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/admin/")
    from titles.models import Title

    title = Title.objects.get(slug="marknadsassistent")
    pages = [*PAGES, f"/admin/titles/title/{title.pk}/history/"]
    for path in [*pages, f"/admin/titles/title/{title.pk}/change/"]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert "default-src 'self'" in response.headers["content-security-policy"]
        assert violations == [], path
    # The change form's scripts ran: the inlines' "add another" links are made by them.
    assert page.locator(".add-row a").count() > 0
