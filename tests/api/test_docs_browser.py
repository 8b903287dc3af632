"""The API documentation page in real headless Chromium, under the site's strict CSP:
Swagger UI (from our own static files) renders every endpoint from the generated schema,
and "Try it out" calls the API and shows its answer."""

import pytest

from tests.pages import url_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_page_renders_the_schema_and_tries_an_endpoint(live_server, browser_page):
    page = browser_page("en-GB")
    problems = []
    page.on("console", lambda message: problems.append(message.text))
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    response = page.goto(live_server.url + url_in("en", "titles:api-docs"))
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.locator(".opblock-summary-path").first.wait_for()
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert {"/api/v1/titles", "/api/v1/titles/{slug}", "/api/v1/suggest"} <= set(paths)
    assert page.locator("#api-docs-fallback").is_hidden()

    page.locator(".opblock-summary-path", has_text="/api/v1/suggest").click()
    page.get_by_placeholder("q").fill("kam")
    page.get_by_role("button", name="Execute").click()
    body = page.locator(".live-responses-table .response-col_description .microlight").first
    body.wait_for()
    assert "key-account-manager" in body.inner_text()

    assert [text for text in problems if "Content Security Policy" in text] == []
    assert all(url.startswith(live_server.url) for url in requests), "nothing from a CDN"


def test_without_javascript_the_page_still_points_to_the_schema(live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + url_in("sv", "titles:api-docs"))
    assert page.locator("#api-docs-fallback").is_visible()
    schema = page.get_by_role("link", name="schemat", exact=True)
    assert schema.get_attribute("href") == "/api/v1/openapi.json"
    context.close()
