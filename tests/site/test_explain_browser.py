"""Explain a job ad in real headless Chromium: paste, send with the keyboard, follow a link;
and axe-core finds no serious accessibility problem on the result."""

import pytest

from tests.pages import url_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AD = "Vi söker en Key Account Manager som rapporterar till marknadschefen och skriver nyhetsbrev."


def test_a_student_pastes_an_ad_and_follows_a_role(live_server, browser_page):
    from axe_playwright_python.sync_playwright import Axe

    page = browser_page("sv-SE")
    page.goto(live_server.url + url_in("sv", "titles:annotate"))
    field = page.get_by_label("Platsannonsens text")
    field.focus()
    page.keyboard.insert_text(AD)
    page.keyboard.press("Tab")  # to the button
    page.keyboard.press("Enter")
    page.wait_for_selector("#explained-heading")
    links = page.locator(".explained-text a")
    assert links.all_inner_texts() == ["Key Account Manager", "marknadschefen", "nyhetsbrev"]
    assert page.get_by_role("heading", name="Roller som annonsen nämner").is_visible()
    violations = Axe().run(page).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []
    page.get_by_role("link", name="marknadschefen").click()
    page.wait_for_url("**/sv/yrken/marknadschef/")
    assert page.locator("h1").inner_text() == "Marknadschef"
