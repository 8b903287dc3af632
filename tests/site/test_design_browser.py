"""The design in real headless Chromium: the dark scheme, a 375 px phone, print, the home
page's ways in and the role page's summary box. Skipped like tests/site/test_browser.py when
/usr/bin/chromium is missing (a failure with CI=true)."""

import pytest

from tests.pages import url_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLE = ("titles:title-detail", "key-account-manager")

# Every main page, with the query that fills it.
MAIN_PAGES = [
    ("titles:home", (), ""),
    ("titles:title-detail", ("key-account-manager",), ""),
    ("titles:index", (), ""),
    ("titles:index-letter", ("k",), ""),
    ("titles:compare", (), ""),
    (
        "titles:compare",
        (),
        "?roles=marknadsassistent&roles=marknadskoordinator&roles=marknadsansvarig",
    ),
    ("titles:search", (), "?q=marknad"),
    ("titles:guides", (), ""),
    ("titles:guide-detail", ("seo-sem-ppc",), ""),
    ("titles:data", (), ""),
    ("titles:suggest", (), "?title=marknadsassistent"),
    ("titles:annotate", (), ""),
    ("titles:career-paths", (), ""),
    ("titles:field-detail", ("marketing",), ""),
    ("titles:recent", (), ""),
]
# The main pages that tests/site/test_browser.py does not check with axe.
NOT_IN_THE_AXE_CHECK = {
    "titles:index-letter",
    "titles:annotate",
    "titles:career-paths",
    "titles:field-detail",
    "titles:recent",
}


@pytest.fixture
def site(live_server, browser_page):
    """The real glossary behind a live server, and a fresh browser page."""
    return live_server.url, browser_page("sv-SE")


def colours(page, selector):
    return page.eval_on_selector(
        selector,
        "e => { const s = getComputedStyle(e); return [s.color, s.backgroundColor]; }",
    )


def test_the_dark_scheme_changes_the_colours_and_keeps_the_focus_ring_visible(site):
    base, page = site
    url = base + url_in("sv", *ROLE)
    page.emulate_media(color_scheme="light")
    page.goto(url)
    light_text, light_page = colours(page, "body")
    light_box = colours(page, ".summary")[1]

    page.emulate_media(color_scheme="dark")
    page.goto(url)
    dark_text, dark_page = colours(page, "body")
    assert (light_text, light_page) == ("rgb(27, 31, 36)", "rgb(255, 255, 255)")
    assert dark_page != light_page and dark_text != light_text
    assert sum(int(part) for part in dark_page[4:-1].split(",")) < 3 * 40, "a dark page"
    dark_box = colours(page, ".summary")[1]
    assert dark_box not in (light_box, dark_page), "the summary box stands out in the dark too"

    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the brand
    ring = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
    )
    assert ring == ["solid", "3px", "rgb(255, 169, 77)"]


def test_pages_outside_the_main_axe_check_have_no_contrast_problem_in_the_dark(site):
    """tests/site/test_browser.py runs all of axe on the main pages in both schemes; this
    adds colour contrast on the remaining pages, in the dark scheme."""
    from axe_playwright_python.sync_playwright import Axe

    base, page = site
    page.emulate_media(color_scheme="dark")
    axe = Axe()
    options = {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}}
    found = {}
    for route, args, query in MAIN_PAGES:
        if route in NOT_IN_THE_AXE_CHECK:
            path = url_in("sv", route, *args) + query
            page.goto(base + path)
            violations = axe.run(page, options=options).response["violations"]
            if violations:
                found[path] = [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
    assert found == {}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_no_main_page_scrolls_sideways_on_a_375_px_phone(site, language):
    base, page = site
    page.set_viewport_size({"width": 375, "height": 740})
    too_wide = {}
    for route, args, query in MAIN_PAGES:
        path = url_in(language, route, *args) + query
        response = page.goto(base + path)
        assert response.status == 200, path
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            too_wide[path] = width
    assert too_wide == {}


def test_the_role_page_prints_the_summary_and_definition_without_the_site_chrome(site):
    base, page = site
    page.emulate_media(media="print", color_scheme="dark")
    page.goto(base + url_in("sv", *ROLE))
    for chrome in ("navigation", "search", "contentinfo"):
        for landmark in page.get_by_role(chrome).all():
            assert not landmark.is_visible(), chrome
    assert not page.locator(".suggest-link").is_visible()
    summary = page.locator(".summary")
    assert summary.is_visible()
    assert summary.locator("h1").inner_text() == "Key Account Manager"
    assert summary.locator(".definition").is_visible()
    assert summary.get_by_text("Kallas också på svenska").is_visible()
    # The summary and the definition come first, before any section of the entry.
    first_section = page.locator(".role h2").first.bounding_box()["y"]
    assert summary.bounding_box()["y"] + summary.bounding_box()["height"] <= first_section
    # Black on white, whatever the screen's scheme.
    assert colours(page, "body") == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    assert summary.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    code_link = summary.locator(".code-list a").first
    after = code_link.evaluate("a => getComputedStyle(a, '::after').content")
    assert code_link.get_attribute("href") in after


def test_the_role_page_has_one_h1_a_summary_box_and_no_duplicate_headings(site):
    base, page = site
    page.goto(base + url_in("en", *ROLE))
    assert page.locator("h1").count() == 1
    summary = page.locator("header.summary")
    assert summary.locator("h1").inner_text() == "Key Account Manager"
    facts = summary.locator(".facts").inner_text()
    for expected in (
        "Also called in English",
        "Also called in Swedish",
        "Field",
        "Seniority",
        "SSYK 2012",
        "ISCO-08",
        "ESCO",
    ):
        assert expected in facts
    assert summary.locator('.facts__also [lang="sv"]', has_text="Nyckelkundsansvarig").count() == 1
    assert summary.locator('.other-name [lang="sv"]').inner_text() == "Key Account Manager"
    headings = page.locator("main h2, main h3").all_inner_texts()
    level_two = page.locator("main h2").all_inner_texts()
    assert len(level_two) == len(set(level_two)), headings
    regions = [
        r.get_attribute("aria-labelledby") for r in page.locator("main [aria-labelledby]").all()
    ]
    assert len(regions) == len(set(regions))
    assert page.get_by_role("search").count() == 1, "the header's search box"


def test_the_home_page_invites_a_search_and_its_links_lead_where_they_say(site):
    base, page = site
    home = base + url_in("sv", "titles:home")
    page.goto(home)
    box = page.get_by_role("combobox", name="Sök efter en yrkestitel")
    assert box.is_visible()
    box.fill("KAM")
    box.press("Enter")
    page.wait_for_url(f"**{url_in('sv', *ROLE)}")  # an exact name leads straight to the role

    page.goto(home)
    examples = page.locator(".search-examples a")
    assert examples.count() >= 3
    for href in [examples.nth(i).get_attribute("href") for i in range(examples.count())]:
        assert page.goto(base + href).status == 200
        assert page.locator("h1").count() == 1

    def follow_each(selector, minimum):
        page.goto(home)
        links = page.locator(selector)
        assert links.count() >= minimum, selector
        pairs = [
            (links.nth(i).get_attribute("href"), links.nth(i).inner_text())
            for i in range(links.count())
        ]
        assert len({href for href, _text in pairs}) == len(pairs), f"{selector}: no link twice"
        for href, text in pairs:
            page.goto(base + href)
            assert page.locator("h1").inner_text() == text.split("\n")[0].strip(), href

    follow_each(".field-list a", 5)
    follow_each(".popular-roles a", 8)
    follow_each(".guide-list a", 3)


def test_the_search_box_is_in_the_header_of_every_other_page(site):
    base, page = site
    page.set_viewport_size({"width": 375, "height": 740})
    for route, args, query in MAIN_PAGES[1:]:
        page.goto(base + url_in("en", route, *args) + query)
        search = page.locator("header.site-header").get_by_role("search")
        assert search.get_by_role("combobox", name="Search for a job title").is_visible(), route
        assert search.get_by_role("button", name="Search").is_visible(), route
