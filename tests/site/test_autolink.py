"""Auto-linking other titles' names in a role's text (the Linker, without the page)."""

import re

from titles.autolink import Linker, Target, mention_candidates


def target(slug):
    return Target(slug=slug, url=f"/sv/yrken/{slug}/", name=slug)


def linker(names, exclude=None):
    return Linker(names, exclude_slug=exclude)


SWEDISH = {
    "sv": [
        ("Webbredaktör", target("webbredaktor")),
        ("VD", target("vd")),
        ("Säljare", target("saljare")),
        ("Marknadsansvarig", target("marknadsansvarig")),
        ("Key Account Manager", target("kam")),
        ("Account Manager", target("am")),
        ("Marknadskoordinator", target("koordinator")),
    ]
}


def links(html):
    return re.findall(r'<a href="/sv/yrken/([\w-]+)/" class="term-link">([^<]+)</a>', html)


def test_swedish_inflected_forms_are_linked():
    text = "Webbredaktören frågar vd:n och säljarna, sedan marknadskoordinatorerna."
    assert links(linker(SWEDISH).link(text, "sv")) == [
        ("webbredaktor", "Webbredaktören"),
        ("vd", "vd:n"),
        ("saljare", "säljarna"),
        ("koordinator", "marknadskoordinatorerna"),
    ]


def test_only_the_first_mention_is_linked_across_texts():
    shared = linker(SWEDISH)
    first = shared.link("En säljare och en säljare till.", "sv")
    second = shared.paragraphs("Säljaren igen.\n\nOch marknadsansvariga.", "sv")
    assert links(first) == [("saljare", "säljare")]
    assert links(second) == [("marknadsansvarig", "marknadsansvariga")]
    assert second.startswith("<p>") and second.count("<p>") == 2


def test_a_title_never_links_to_itself():
    html = linker(SWEDISH, exclude="saljare").link("Säljaren talar med VD.", "sv")
    assert links(html) == [("vd", "VD")]


def test_the_longest_name_wins_and_words_inside_other_words_are_left_alone():
    html = linker(SWEDISH).link("En key account manager är inte en vdassistent.", "sv")
    assert links(html) == [("kam", "key account manager")]


def test_hyphenated_compounds_are_not_linked_by_their_first_part():
    assert links(linker(SWEDISH).link("VD-assistenten bokar möten.", "sv")) == []


def test_text_is_escaped_and_other_languages_are_left_alone():
    html = linker(SWEDISH).link("<b>säljare</b> & co", "sv")
    assert html.startswith("&lt;b&gt;")
    assert "&amp; co" in html
    assert linker(SWEDISH).link("A säljare in English text", "en") == ("A säljare in English text")


def test_english_plurals_and_possessives_are_linked():
    names = {"en": [("Web Editor", target("webbredaktor")), ("CEO", target("vd"))]}
    html = linker(names).link("Web editors report to the CEO's office.", "en")
    assert links(html) == [("webbredaktor", "Web editors"), ("vd", "CEO&#x27;s")]


def test_candidates_cover_inflected_and_abbreviated_mentions():
    found = mention_candidates([("Webbredaktören och säljarna frågar vd:n.", "sv")])
    assert {"webbredaktor", "saljare", "vd", "webbredaktoren och saljarna"} <= found
    assert "webbredaktor och" not in found  # a run is only cut at its own last word
