"""The site in real headless Chromium: language switch, compare picker, keyboard use, and an
axe-core accessibility check on the main pages.

These need Debian's ``chromium`` at /usr/bin/chromium. Outside CI they are skipped when it is
missing (with that reason); with CI=true a missing browser fails the run. Playwright is told
where the browser is: ``playwright install`` is never used.
"""

import pytest

from tests.pages import url_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server, browser_page):
    """The real glossary behind a live server, and a fresh browser page."""
    return live_server.url, browser_page("sv-SE")


def test_language_switch_keeps_the_reader_on_the_same_role(site):
    base, page = site
    page.goto(base + url_in("sv", "titles:title-detail", "marknadsassistent"))
    assert page.locator("h1").inner_text() == "Marknadsassistent"

    page.get_by_role("navigation", name="Språk").get_by_role("link", name="English").click()
    page.wait_for_url("**/en/roles/marketing-assistant/")  # the English slug
    assert page.locator("h1").inner_text() == "Marketing Assistant"
    assert page.locator("html").get_attribute("lang") == "en"

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Svenska").click()
    page.wait_for_url("**/sv/yrken/marknadsassistent/")
    assert page.locator("h1").inner_text() == "Marknadsassistent"


def test_compare_picker_builds_the_comparison(site):
    """Roles are chosen through the autocomplete, with the keyboard only."""
    base, page = site
    page.goto(base + url_in("en", "titles:compare"))
    page.get_by_role("combobox", name="Role 1").fill("marknadsassistent")
    page.get_by_role("button", name="Compare").click()
    assert page.get_by_role("alert").inner_text() == "Choose at least two different roles."
    assert "roles=" not in page.url

    second = page.get_by_role("combobox", name="Role 2")
    second.press_sequentially("Marketing Coordin")
    option = page.get_by_role("option", name="Marketing Coordinator")
    option.wait_for()
    assert second.get_attribute("aria-expanded") == "true"
    second.press("ArrowDown")
    assert second.get_attribute("aria-activedescendant") == option.get_attribute("id")
    second.press("Enter")
    assert second.input_value() == "Marketing Coordinator"
    assert second.get_attribute("aria-expanded") == "false"
    assert "roles=" not in page.url  # Enter on an option picks it, it does not submit

    page.get_by_role("combobox", name="Role 3 (optional)").fill("Marknadsansvarig")
    page.get_by_role("combobox", name="Role 3 (optional)").press("Enter")
    page.wait_for_url("**/en/compare/?roles=*")
    headers = page.locator("table thead th").all_inner_texts()
    assert headers == ["Marketing Assistant", "Marketing Coordinator", "Marketing Manager"]
    assert page.get_by_role("combobox", name="Role 2").input_value() == "Marketing Coordinator"


def test_the_comparison_is_one_click_from_the_home_page(site):
    base, page = site
    page.goto(base + url_in("sv", "titles:home"))
    page.get_by_role("link", name="Marknadsassistent mot Marknadskoordinator mot").click()
    assert page.locator("table thead th").count() == 3


def test_keyboard_users_can_skip_to_the_content_and_reach_a_role(site):
    base, page = site
    page.goto(base + url_in("en", "titles:index-letter", "k"))
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Key Account Manager":
            break
    else:
        pytest.fail("Tab never reached the Key Account Manager link")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/roles/key-account-manager/")
    assert page.locator("h1").inner_text() == "Key Account Manager"


AXE_PAGES = [
    ("titles:home", (), ""),
    ("titles:title-detail", ("marknadsassistent",), ""),
    ("titles:index", (), ""),
    ("titles:compare", (), "?roles=seo-specialist&roles=sem-specialist"),
    ("titles:search", (), "?q=marknad"),
    ("titles:suggest", (), "?title=marknadsassistent"),
    ("titles:suggest", (), "?name=dronarpilot"),
    ("titles:guides", (), ""),
    ("titles:guide-detail", ("seo-sem-ppc",), ""),
    ("titles:data", (), ""),
]


def test_a_guide_links_the_roles_it_names_and_the_links_lead_to_them(site):
    base, page = site
    page.goto(base + url_in("en", "titles:home"))
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Guides").click()
    page.get_by_role("link", name="What is the difference between SEO, SEM and PPC?").click()
    assert page.locator("h1").inner_text() == "What is the difference between SEO, SEM and PPC?"
    links = page.locator(".guide-body a.term-link")
    assert links.count() >= 3
    hrefs = [links.nth(index).get_attribute("href") for index in range(links.count())]
    assert len(hrefs) == len(set(hrefs)), "each role is linked once"
    assert page.locator(".guide-body h2 a").count() == 0, "headings carry no links"
    first = links.first
    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{hrefs[0]}")
    assert page.locator("h1").count() == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", ["sv", "en"])
def test_main_pages_have_no_accessibility_violations(site, language, scheme):
    """axe-core on every main page, in each language and colour scheme: no violation of any
    impact (minor and moderate included), contrast in the dark scheme too.

    One test per language and scheme (loading the glossary once) that reports every page's
    findings.
    """
    from axe_playwright_python.sync_playwright import Axe

    base, page = site
    page.emulate_media(color_scheme=scheme)
    axe = Axe()
    reports = {}
    for route, args, query in AXE_PAGES:
        path = url_in(language, route, *args) + query
        page.goto(base + path)
        results = axe.run(page)
        found = [
            (violation["impact"], violation["id"], [node["target"] for node in violation["nodes"]])
            for violation in results.response["violations"]
        ]
        if found:
            reports[path] = found
    assert reports == {}


def test_the_accessibility_check_does_catch_a_serious_violation(browser):
    """Guards the check above: a page with an unlabelled field and image must fail axe."""
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page()
    page.set_content('<html lang="en"><main><img src="x.png"><input type="text"></main></html>')
    found = {violation["id"] for violation in Axe().run(page).response["violations"]}
    page.close()
    assert {"image-alt", "label"} <= found


def test_pages_run_under_the_strict_content_security_policy(site):
    """The site's own scripts work under its CSP, and the browser reports no violation."""
    base, page = site
    problems = []
    page.on("console", lambda message: problems.append(message.text))
    response = page.goto(base + url_in("en", "titles:title-detail", "marknadskoordinator"))
    assert "script-src 'self'" in response.headers["content-security-policy"]
    for route, args, query in AXE_PAGES:
        page.goto(base + url_in("en", route, *args) + query)
    box = page.get_by_role("combobox")
    box.fill("koordinator")
    page.get_by_role("listbox").get_by_role("option").first.wait_for()
    assert [text for text in problems if "Content Security Policy" in text] == []


def test_the_compare_table_reads_on_a_375_px_phone(site):
    """The page itself never scrolls sideways; the table scrolls in its own region, with the
    row names kept in view, and every role's column can be reached."""
    base, page = site
    page.set_viewport_size({"width": 375, "height": 740})
    roles = "?roles=marknadsassistent&roles=marknadskoordinator&roles=marknadsansvarig"
    page.goto(base + url_in("sv", "titles:compare") + roles)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page is {width} px wide"
    region = page.get_by_role("region", name="Rollerna sida vid sida")
    assert region.evaluate("box => box.scrollWidth > box.clientWidth")
    row_name = page.get_by_role("rowheader", name="Definition")
    before = row_name.bounding_box()["x"]
    region.evaluate("box => { box.scrollLeft = box.scrollWidth; }")
    assert abs(row_name.bounding_box()["x"] - before) < 1  # sticky: still at the left edge
    last = page.get_by_role("columnheader", name="Marknadsansvarig")
    box = last.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375 + 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_cited_version_opens_from_the_role_page_and_passes_axe(site, scheme):
    """A reader follows the citation's permanent link: the same entry, marked as that
    version, with no accessibility violation of any impact."""
    from axe_playwright_python.sync_playwright import Axe

    base, page = site
    page.emulate_media(color_scheme=scheme)
    page.goto(base + url_in("en", "titles:title-detail", "key-account-manager"))
    page.get_by_role("link", name="Permanent link to this version").click()
    page.wait_for_url("**/en/roles/key-account-manager/versions/*/")
    assert page.locator("h1").inner_text() == "Key Account Manager"
    assert "the one the entry shows now" in page.locator(".version-banner").inner_text()
    assert Axe().run(page).response["violations"] == []
