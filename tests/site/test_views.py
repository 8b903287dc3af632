"""The public pages: what each shows, in a constant number of queries, with conditional GET."""

import json
import re

import pytest
from django.db import connection

from tests.factories import (
    make_label,
    make_relation,
    make_responsibility,
    make_source,
    make_tag,
    make_title,
    make_topic,
)
from tests.pages import count_queries, page, role_url, url_in
from tests.sitemaps import whole_sitemap
from titles.models import Skill, Status, Title

pytestmark = pytest.mark.django_db


# Role page --------------------------------------------------------------------------------


def test_role_page_shows_both_names_labels_by_language_and_kind_but_never_hidden(client):
    title = make_title("Marknadskoordinator", "Marketing Coordinator", slug="marknadskoordinator")
    make_label(title, "Marknadssamordnare", "sv", "alternative")
    make_label(title, "MK", "sv", "abbreviation")
    make_label(title, "Marketing Executive", "en", "alternative")
    make_label(title, "Reklamsamordnare", "sv", "former")
    make_label(title, "marknadskordinator", "sv", "hidden")

    html = page(client, url_in("sv", "titles:title-detail", "marknadskoordinator"))

    assert "<h1" in html and ">Marknadskoordinator</h1>" in html
    assert 'På engelska: <span lang="en">Marketing Coordinator</span>' in html
    assert '<li lang="sv">Marknadssamordnare</li>' in html
    assert '<li lang="sv">MK</li>' in html
    assert '<li lang="sv">Reklamsamordnare</li>' in html
    assert '<li lang="en">Marketing Executive</li>' in html
    assert "marknadskordinator<" not in html.lower().replace("/marknadskoordinator/", "")
    names = html[html.index('id="names-heading"') :]
    swedish, english = names.index('id="names-sv"'), names.index('id="names-en"')
    assert swedish < names.index("Marknadssamordnare") < english < names.index("Marketing Exec")
    for kind in ("Föredraget", "Alternativt", "Förkortning", "Tidigare / historiskt"):
        assert f"<dt>{kind}</dt>" in html


def test_hidden_labels_appear_nowhere_on_the_page_or_in_json_ld(client):
    title = make_title("Säljare", "Sales Executive", slug="saljare")
    make_label(title, "Säljjare", "sv", "hidden")
    html = page(client, role_url("en", "saljare"))
    assert "Säljjare" not in html


def test_role_page_shows_definition_responsibilities_skills_facts_note_sources_and_tags(client):
    source = make_source(title="Yrkesroller-bloggen", url="https://example.org/blogg")
    title = make_title(
        "Webbanalytiker",
        "Web Analyst",
        slug="webbanalytiker",
        note_en="Not the same as a data scientist.",
        seniority="senior",
        focus="sales",
        profile="specialist",
        field="digital",
        isco_code="2511",
        esco_uri="https://data.europa.eu/esco/occupation/abc",
    )
    make_responsibility(title, "Följa upp trafik", "Track traffic", order=1)
    make_responsibility(title, "Bygga rapporter", "Build reports", order=0)
    Skill.objects.create(title=title, order=1, text_sv="Nyfikenhet", text_en="Curiosity")
    Skill.objects.create(title=title, order=2, text_sv="Statistik", text_en="")
    title.sources.add(source)
    title.tags.add(make_tag("analysis", "Analys", "Analysis"))

    html = page(client, role_url("en", "webbanalytiker"))

    assert "A Web Analyst does things." in html
    assert html.index("Build reports") < html.index("Track traffic")
    assert "<li>Curiosity" in html
    # A skill not yet in English shows in Swedish, marked as such.
    assert '<li lang="sv">Statistik' in html
    assert html.count("not yet translated") >= 1
    assert "Not the same as a data scientist." in html
    assert "Senior" in html and "Sales-driving" in html and "Specialist" in html
    assert f'href="{url_in("en", "titles:field-detail", "digital")}"' in html
    assert f'href="{url_in("en", "titles:tag-detail", "analysis")}">Analysis</a>' in html
    assert '<a href="https://example.org/blogg">Yrkesroller-bloggen</a>' in html
    assert 'href="https://data.europa.eu/esco/occupation/abc"' in html
    assert "2511" in html
    assert 'class="updated"' in html


def test_relations_are_shown_from_both_ends_with_the_right_name(client):
    assistant = make_title("Marknadsassistent", "Marketing Assistant", slug="assistent")
    coordinator = make_title("Marknadskoordinator", "Marketing Coordinator", slug="koordinator")
    ppc = make_title("PPC-specialist", "PPC Specialist", slug="ppc")
    sem = make_title("SEM-specialist", "SEM Specialist", slug="sem")
    make_relation(assistant, coordinator, "next_step")
    make_relation(assistant, coordinator, "confused_with", note_en="The difference: planning.")
    make_relation(ppc, sem, "specialisation_of")
    make_relation(sem, assistant, "related")

    def groups(slug):
        html = page(client, role_url("en", slug))
        found = {}
        for group, body in re.findall(
            r'<h3 id="relations-(\w+)">.*?</h3>(.*?)</section>', html, flags=re.S
        ):
            found[group] = re.findall(r'<a href="[^"]*/roles/([\w-]+)/">', body)
        return found, html

    # The English page links to the English pages, at their English slugs.
    found, html = groups("assistent")
    assert found == {
        "confused_with": ["marketing-coordinator"],
        "next_step": ["marketing-coordinator"],
        "related": ["sem-specialist"],
    }
    assert "The difference: planning." in html
    found, html = groups("koordinator")
    assert found == {
        "confused_with": ["marketing-assistant"],
        "previous_step": ["marketing-assistant"],
    }
    assert "The difference: planning." in html
    assert groups("ppc")[0] == {"broader": ["sem-specialist"]}
    assert groups("sem")[0] == {"related": ["marketing-assistant"], "narrower": ["ppc-specialist"]}


def test_often_confused_with_links_to_a_comparison_of_the_two(client):
    assistant = make_title(slug="assistent")
    coordinator = make_title(slug="koordinator")
    make_relation(coordinator, assistant, "confused_with")
    html = page(client, url_in("sv", "titles:title-detail", "assistent"))
    compare = url_in("sv", "titles:compare")
    assert f'href="{compare}?roles=assistent&amp;roles=koordinator"' in html


def test_drafts_are_not_shown_and_never_appear_as_relations(client):
    public = make_title("Synlig roll", "Visible role", slug="synlig")
    draft = make_title("Hemlig roll", "Secret role", slug="hemlig", status=Status.DRAFT)
    make_relation(public, draft, "related")
    make_relation(draft, public, "next_step")
    page(client, url_in("sv", "titles:title-detail", "hemlig"), status=404)
    html = page(client, url_in("sv", "titles:title-detail", "synlig"))
    assert "Hemlig roll" not in html
    assert 'id="relations-heading"' not in html


def test_a_renamed_or_retired_role_redirects_permanently_to_where_it_lives_now(client):
    title = make_title(slug="marknadsassistent")
    title.slug = "marknadsassistent-ny"
    title.save()
    response = client.get(url_in("en", "titles:title-detail", "marknadsassistent"))
    assert response.status_code == 301
    assert response["Location"] == role_url("en", "marknadsassistent-ny")

    successor = make_title(slug="saljare")
    make_title(slug="forsaljare", status=Status.RETIRED, replaced_by=successor)
    response = client.get(url_in("sv", "titles:title-detail", "forsaljare"))
    assert response.status_code == 301
    assert response["Location"] == url_in("sv", "titles:title-detail", "saljare")

    make_title(slug="avvecklad", status=Status.RETIRED)
    page(client, url_in("sv", "titles:title-detail", "avvecklad"), status=404)


def test_unknown_role_gives_the_friendly_404_with_search_in_the_pages_language(client):
    html = page(client, url_in("en", "titles:title-detail", "no-such-role"), status=404)
    assert "We could not find that page" in html
    assert 'role="search"' in html
    html = page(client, url_in("sv", "titles:title-detail", "no-such-role"), status=404)
    assert "Vi hittade inte sidan" in html
    assert 'role="search"' in html
    assert '<html lang="sv">' in html


def test_missing_english_text_falls_back_to_swedish_marked_as_untranslated(client):
    title = make_title(
        "Innehållsansvarig",
        "Content Manager",
        slug="innehall",
        definition_en="",
        description_en="",
    )
    make_responsibility(title, "Planera innehåll", "")
    html = page(client, role_url("en", "innehall"))
    assert '<p class="definition" lang="sv">Innehållsansvarig gör saker.' in html
    assert '<div class="description" lang="sv">' in html
    assert '<li lang="sv">Planera innehåll' in html
    assert html.count("(not yet translated)") == 3
    swedish = page(client, url_in("sv", "titles:title-detail", "innehall"))
    assert "inte översatt än" not in swedish


# Auto-linking -------------------------------------------------------------------------------


def test_mentions_of_other_titles_become_links_first_mention_only_never_to_itself(client):
    make_title("Webbredaktör", "Web Editor", slug="webbredaktor")
    vd = make_title("Verkställande direktör", "Chief Executive Officer", slug="vd")
    make_label(vd, "VD", "sv", "abbreviation")
    make_title("Säljare", "Sales Executive", slug="saljare")
    make_title(
        "Kommunikatör",
        "Communications Officer",
        slug="kommunikator",
        definition_sv="En kommunikatör arbetar nära webbredaktören och rapporterar till vd:n.",
        description_sv=(
            "Webbredaktören publicerar. Säljarna säljer. Kommunikatören skriver.\n\n"
            "Ibland svarar kommunikatören direkt till VD."
        ),
    )
    html = page(client, url_in("sv", "titles:title-detail", "kommunikator"))
    editor = url_in("sv", "titles:title-detail", "webbredaktor")
    boss = url_in("sv", "titles:title-detail", "vd")
    sales = url_in("sv", "titles:title-detail", "saljare")
    assert f'<a href="{editor}" class="term-link">webbredaktören</a>' in html
    assert f'<a href="{boss}" class="term-link">vd:n</a>' in html
    assert f'<a href="{sales}" class="term-link">Säljarna</a>' in html
    assert html.count(f'href="{editor}"') == 1
    assert html.count(f'href="{boss}"') == 1
    own = url_in("sv", "titles:title-detail", "kommunikator")
    assert f'href="{own}"' not in html.split("<main")[1]


def test_the_titles_own_name_is_not_misread_as_another_titles_name(client):
    lead = make_title("Marknadsansvarig", "Marketing Manager", slug="marknadsansvarig")
    make_label(lead, "Marketing Lead", "en", "alternative")
    make_title(
        "Marknadschef",
        "Head of Marketing",
        slug="marknadschef",
        definition_en="A head of marketing leads the team and hires a marketing manager.",
    )
    html = page(client, role_url("en", "marknadschef"))
    manager = role_url("en", "marknadsansvarig")
    assert f'<a href="{manager}" class="term-link">marketing manager</a>' in html
    assert "marketing leads</a>" not in html


# Conditional GET and query counts ------------------------------------------------------------


def test_pages_answer_conditional_requests_with_304_until_something_changes(client):
    title = make_title(slug="roll")
    url = url_in("sv", "titles:title-detail", "roll")
    response = client.get(url)
    assert response.status_code == 200
    etag, modified = response["ETag"], response["Last-Modified"]
    assert response["Cache-Control"] == "no-cache"

    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    for name in ("titles:home", "titles:index", "titles:career-paths", "titles:compare"):
        list_url = url_in("en", name)
        first = client.get(list_url)
        assert client.get(list_url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    Title.objects.filter(pk=title.pk).update(updated_at=title.updated_at.replace(year=2100))
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert client.get(url, HTTP_IF_NONE_MATCH=changed["ETag"]).status_code == 304


def test_an_unpublished_or_deleted_title_changes_the_etag(client):
    kept = make_title(slug="kvar")
    gone = make_title(slug="borta")
    url = url_in("sv", "titles:index")
    etag = client.get(url)["ETag"]
    gone.delete()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "borta" not in response.content.decode()
    kept.status = "draft"
    kept.save()
    hidden = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert hidden.status_code == 200
    assert "/kvar/" not in hidden.content.decode()


def build_role(slug, size):
    title = make_title(slug=slug)
    for number in range(size):
        make_label(title, f"Namn {slug} {number}", "sv")
        make_label(title, f"Name {slug} {number}", "en")
        make_responsibility(title, f"Uppgift {number}", f"Task {number}", order=number)
        Skill.objects.create(title=title, order=number, text_sv=f"Förmåga {number}")
        other = make_title()
        make_relation(title, other, ["related", "next_step", "confused_with"][number % 3])
        make_relation(make_title(), title, "specialisation_of")
        title.sources.add(make_source())
        make_topic(title)
        title.tags.add(
            make_tag(f"tag-{slug}-{number}", f"Tagg {slug} {number}", f"Tag {slug} {number}")
        )
    return title


def test_role_page_takes_the_same_few_queries_however_many_labels_and_relations(client):
    build_role("liten", 1)
    build_role("stor", 12)
    small = count_queries(client, url_in("sv", "titles:title-detail", "liten"))
    large = count_queries(client, url_in("sv", "titles:title-detail", "stor"))
    assert small == large
    assert large <= 10


def test_list_pages_take_a_constant_number_of_queries(client, django_assert_max_num_queries):
    for number in range(15):
        build_role(f"roll-{number}", 1)
    title = Title.objects.get(slug="roll-1")
    compare = url_in("en", "titles:compare") + "?roles=roll-1&roles=roll-2&roles=roll-3"
    limits = {
        url_in("en", "titles:home"): 5,  # with the published guides
        url_in("en", "titles:index"): 4,
        url_in("en", "titles:guides"): 2,
        compare: 5,
        url_in("en", "titles:career-paths"): 2,
        url_in("en", "titles:field-detail", "marketing"): 3,
        url_in("en", "titles:tag-detail", title.tags.first().slug): 5,
    }
    for url, limit in limits.items():
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200


# Index ------------------------------------------------------------------------------------


def index_sections(html):
    """{letter: [entry text, ...]} in page order."""
    sections = {}
    for letter, body in re.findall(
        r'<h2 id="letter-([^"]+)">.*?</h2>(.*?)</section>', html, flags=re.S
    ):
        sections[letter] = [
            re.sub(r"<[^>]+>|\s+", " ", item).split("→")[0].strip()
            for item in re.findall(r"<li[^>]*>(.*?)</li>", body, flags=re.S)
        ]
    return sections


def letter_bar(html):
    """[(letter, count or None when it has no names, is current)] of the index's jump list."""
    bar = re.search(r'<nav class="letters".*?</nav>', html, flags=re.S).group(0)
    letters = []
    for item in re.findall(r"<li>(.*?)</li>", bar, flags=re.S):
        linked = re.search(r'<a href="[^"]+"( aria-current="page")?>(.+?) <small[^>]*>(\d+)<', item)
        if linked:
            letters.append((linked.group(2), int(linked.group(3)), bool(linked.group(1))))
        else:
            letters.append((re.sub(r"<[^>]+>", "", item), None, False))
    return letters


def letter_url(language, letter):
    return url_in(language, "titles:index-letter", letter)


def test_swedish_index_files_a_umlaut_and_o_umlaut_after_z_and_never_under_o(client):
    for sv, en in [
        ("Ölbryggare", "Brewer"),
        ("Optiker", "Optician"),
        ("Åkare", "Haulier"),
        ("Ärendehandläggare", "Case Officer"),
        ("Zoolog", "Zoologist"),
        ("Analytiker", "Analyst"),
        ("Översättare", "Translator"),
    ]:
        make_title(sv, en)
    html = page(client, url_in("sv", "titles:index"))
    bar = letter_bar(html)
    assert [letter for letter, _count, _current in bar][-4:] == ["Z", "Å", "Ä", "Ö"]
    assert [(letter, count) for letter, count, _current in bar if count] == [
        ("A", 1), ("O", 1), ("Z", 1), ("Å", 1), ("Ä", 1), ("Ö", 2)
    ]  # fmt: skip
    assert index_sections(html) == {"A": ["Analytiker"]}
    assert f'href="{letter_url("sv", "ö")}"' in html
    assert index_sections(page(client, letter_url("sv", "o"))) == {"O": ["Optiker"]}
    assert index_sections(page(client, letter_url("sv", "ö"))) == {
        "Ö": ["Ölbryggare", "Översättare"]
    }


def test_english_index_uses_english_order(client):
    for sv, en in [("Ölbryggare", "Brewer"), ("Åkare", "Haulier"), ("Översättare", "Translator")]:
        make_title(sv, en)
    make_title("Ärende", "Émigré adviser")
    make_title("Emballage", "Embalmer")
    html = page(client, url_in("en", "titles:index"))
    assert [letter for letter, count, _current in letter_bar(html) if count] == ["B", "E", "H", "T"]
    assert "Å" not in [letter for letter, _count, _current in letter_bar(html)]
    assert index_sections(html) == {"B": ["Brewer"]}
    assert index_sections(page(client, letter_url("en", "e"))) == {
        "E": ["Embalmer", "Émigré adviser"]
    }
    moved = client.get(letter_url("en", "å"))  # the Swedish Å page's English alternate
    assert (moved.status_code, moved["Location"]) == (301, letter_url("en", "a"))
    assert client.get(letter_url("sv", "å")).status_code == 200


def test_each_letter_is_paginated_and_the_bar_counts_its_names(client, settings):
    settings.LIST_PAGE_SIZE = 3
    names = [f"Marknadsroll {letter}" for letter in "EDCBAGF"]
    for name in names:
        make_title(name, name.replace("Marknadsroll", "Marketing role"))
    make_title("Säljare", "Salesperson")
    url = letter_url("sv", "m")
    first = page(client, url)
    assert ("M", 7, True) in letter_bar(first)
    assert ("S", 1, False) in letter_bar(first)
    assert "7 namn under den här bokstaven; sida 1 av 3." in first
    pages = [index_sections(first)["M"]]
    pages += [index_sections(page(client, f"{url}?page={n}"))["M"] for n in (2, 3)]
    assert pages == [sorted(names)[:3], sorted(names)[3:6], sorted(names)[6:]]
    assert 'href="?page=2" rel="next"' in first
    last = page(client, f"{url}?page=3")
    assert f'<link rel="canonical" href="http://testserver{url}?page=3">' in last
    assert 'rel="next"' not in last and 'href="?page=2" rel="prev"' in last
    for bad in ("4", "0", "x", "-1"):
        assert client.get(f"{url}?page={bad}").status_code == 404
    assert client.get(letter_url("sv", "qq")).status_code == 404


def test_names_starting_with_a_digit_get_their_own_letter_first(client):
    make_title("3D-designer", "3D Designer")
    make_title("Analytiker", "Analyst")
    html = page(client, url_in("en", "titles:index"))
    assert letter_bar(html)[0] == ("#", 1, True)
    assert index_sections(html) == {"#": ["3D Designer"]}
    assert index_sections(page(client, letter_url("en", "a"))) == {"A": ["Analyst"]}


def title_list(html):
    body = re.search(r'<ul class="title-list">(.*?)</ul>', html, flags=re.S).group(1)
    return re.findall(r'<li><a href="[^"]+">([^<]+)</a></li>', body)


PUBLISHING = {
    "save": lambda title, status: (setattr(title, "status", status), title.save()),
    "queryset update": lambda title, status: Title.objects.filter(pk=title.pk).update(
        status=status
    ),
    "raw SQL": lambda title, status: connection.cursor().execute(
        "UPDATE titles_title SET status = %s WHERE id = %s", [status, title.pk]
    ),
}


@pytest.mark.parametrize("route", PUBLISHING)
def test_the_lists_follow_a_title_published_or_withdrawn_by_any_route(client, route):
    """The lists read each label's copy of "published" (kept by triggers), so it must follow
    every way a status changes, and labels added to or moved between titles."""
    title = make_title("Analytiker", "Analyst", status=Status.DRAFT)
    other = make_title("Annonsör", "Advertiser")
    index = letter_url("sv", "a")
    assert index_sections(page(client, index)) == {"A": ["Annonsör"]}
    PUBLISHING[route](title, Status.PUBLISHED)
    assert index_sections(page(client, index)) == {"A": ["Analytiker", "Annonsör"]}
    field = url_in("en", "titles:field-detail", "marketing")
    assert "Analyst" in title_list(page(client, field))
    abbreviation = make_label(title, "AN", "sv", "abbreviation")
    assert index_sections(page(client, index)) == {"A": ["AN", "Analytiker", "Annonsör"]}
    PUBLISHING[route](title, Status.RETIRED)
    assert index_sections(page(client, index)) == {"A": ["Annonsör"]}
    assert "Analyst" not in title_list(page(client, field))
    abbreviation.title = other
    abbreviation.save()
    assert index_sections(page(client, index)) == {"A": ["AN", "Annonsör"]}


def test_field_and_tag_pages_are_paginated_in_alphabetical_order(client, settings):
    settings.LIST_PAGE_SIZE = 2
    tag = make_tag("b2b", "Företag", "Business")
    for sv, en in [("Öresundschef", "Bridge Head"), ("Ackvisitör", "Canvasser"),
                   ("Zonchef", "Area Head"), ("Återförsäljare", "Dealer")]:  # fmt: skip
        make_title(sv, en, field="sales").tags.add(tag)
    make_title("Annat", "Other", field="marketing")
    field = url_in("sv", "titles:field-detail", "sales")
    listed = [title_list(page(client, f"{field}?page={n}")) for n in (1, 2)]
    assert listed == [["Ackvisitör", "Zonchef"], ["Återförsäljare", "Öresundschef"]]
    assert "4 yrkestitlar inom området." in page(client, field)
    english = url_in("en", "titles:tag-detail", "b2b")
    listed = [title_list(page(client, f"{english}?page={n}")) for n in (1, 2)]
    assert listed == [["Area Head", "Bridge Head"], ["Canvasser", "Dealer"]]
    assert "4 job titles have this tag." in page(client, english)
    assert client.get(f"{english}?page=3").status_code == 404


def test_index_lists_abbreviations_as_cross_references(client):
    kam = make_title("Nyckelkundsansvarig", "Key Account Manager", slug="kam")
    make_label(kam, "KAM", "sv", "abbreviation")
    make_label(kam, "nyckelkundsansvarg", "sv", "hidden")
    html = page(client, letter_url("sv", "k"))
    sections = index_sections(html)
    assert sections == {"K": ["KAM"]}
    assert index_sections(page(client, letter_url("sv", "n"))) == {"N": ["Nyckelkundsansvarig"]}
    assert "nyckelkundsansvarg" not in page(client, letter_url("sv", "n"))
    reference = re.search(r'<li class="cross-reference">(.*?)</li>', html, flags=re.S).group(1)
    assert f'href="{url_in("sv", "titles:title-detail", "kam")}"' in reference


# Compare ----------------------------------------------------------------------------------


def test_compare_shows_two_to_four_roles_side_by_side_in_the_order_asked(client):
    a = make_title("Marknadsassistent", "Marketing Assistant", slug="a", seniority="entry")
    b = make_title("Marknadskoordinator", "Marketing Coordinator", slug="b")
    c = make_title("Marknadsansvarig", "Marketing Manager", slug="c", seniority="senior")
    make_relation(a, b, "next_step")
    make_relation(b, c, "next_step")
    make_relation(a, b, "confused_with", note_en="The difference: coordination.")
    make_responsibility(c, "Planera", "Plan the marketing")
    html = page(client, url_in("en", "titles:compare") + "?roles=c&roles=a&roles=b")
    header = re.search(r"<thead>(.*?)</thead>", html, flags=re.S).group(1)
    assert re.findall(r">([^<>]+)</a></th>", header) == [
        "Marketing Manager",
        "Marketing Assistant",
        "Marketing Coordinator",
    ]
    assert "Plan the marketing" in html
    assert "Entry level" in html and "Senior" in html
    assert "The difference: coordination." in html
    next_row = re.search(r"Next career step</th>(.*?)</tr>", html, flags=re.S).group(1)
    assert re.findall(r"<td>(.*?)</td>", next_row, flags=re.S)[1].count("Marketing Coordinator")


def test_compare_accepts_at_most_four_and_skips_unknown_or_repeated_roles(client):
    for slug in "abcde":
        make_title(slug=slug)
    html = page(client, url_in("en", "titles:compare") + "?roles=a,b&roles=c&roles=d&roles=e")
    assert "at most four roles" in html
    assert html.count('<th scope="col">') == 4
    html = page(client, url_in("en", "titles:compare") + "?roles=a&roles=a&roles=nope")
    assert "not in the glossary" in html
    assert "Choose at least one more role" in html
    assert '<th scope="col">' not in html


def test_empty_pickers_are_not_reported_as_unknown_roles(client):
    make_title(slug="a")
    make_title(slug="b")
    html = page(client, url_in("en", "titles:compare") + "?roles=a&roles=b&roles=&roles=")
    assert html.count('<th scope="col">') == 2
    assert "not in the glossary" not in html


@pytest.mark.parametrize("query", ["?roles=", "?roles=%00%01", "?roles=" + "x" * 5000, "?x=1"])
def test_compare_never_fails_on_odd_input(client, query):
    make_title(slug="a")
    assert client.get(url_in("en", "titles:compare") + query).status_code == 200


# Career paths, fields, tags ----------------------------------------------------------------------


def test_career_paths_draw_each_chain_of_next_steps_in_order(client):
    names = ["Assistent", "Koordinator", "Ansvarig", "Chef"]
    titles = [make_title(name, name + " EN", slug=name.lower()) for name in names]
    for lower, upper in zip(titles, titles[1:], strict=False):
        make_relation(lower, upper, "next_step")
    make_relation(
        make_title("Säljare", "Seller"), make_title("Säljchef", "Sales boss"), "next_step"
    )
    html = page(client, url_in("sv", "titles:career-paths"))
    paths = re.findall(r'<ol class="path-steps">(.*?)</ol>', html, flags=re.S)
    assert len(paths) == 2
    assert re.findall(r'<a href="[^"]+">([^<]+)</a>', paths[0]) == names
    assert re.findall(r'<a href="[^"]+">([^<]+)</a>', paths[1]) == ["Säljare", "Säljchef"]
    assert " style=" not in html


def ladder_names(client):
    html = page(client, url_in("en", "titles:career-paths"))
    paths = re.findall(r'<ol class="path-steps">(.*?)</ol>', html, flags=re.S)
    return [re.findall(r'<a href="[^"]+">([^<]+)</a>', path) for path in paths]


def test_each_ladder_is_its_own_path_even_where_ladders_meet(client):
    """Brand Manager leads to the marketing director too, but it is no step above or below
    the marketing assistant: they are two ladders, not one column."""
    assistant, coordinator, brand, director = (
        make_title(name, name, slug=name.lower().replace(" ", "-"))
        for name in ("Assistant", "Coordinator", "Brand Manager", "Director")
    )
    make_relation(assistant, coordinator, "next_step")
    make_relation(coordinator, director, "next_step")
    make_relation(brand, director, "next_step")
    assert ladder_names(client) == [
        ["Assistant", "Coordinator", "Director"],
        ["Brand Manager", "Director"],
    ]
    html = page(client, url_in("en", "titles:career-paths"))
    assert re.search(r'then on to\s*<a href="[^"]+/director/">Director</a>', html)


def test_every_next_step_is_shown_once_even_off_the_ladder(client):
    copywriter, content, creative, designer, art = (
        make_title(name, name, slug=name.lower())
        for name in ("Copywriter", "Content", "Creative", "Designer", "Art")
    )
    make_relation(designer, art, "next_step")
    make_relation(art, creative, "next_step")
    make_relation(copywriter, content, "next_step")
    make_relation(copywriter, creative, "next_step")
    assert ladder_names(client) == [["Designer", "Art", "Creative"], ["Copywriter", "Content"]]
    html = page(client, url_in("en", "titles:career-paths"))
    assert re.search(r'also leads to <a class="path-also" href="[^"]+/creative/">Creative', html)


def test_a_loop_of_next_steps_is_drawn_once_and_cut_where_it_closes(client):
    first, second = make_title("Alfa", "Alfa", slug="alfa"), make_title("Beta", "Beta", slug="beta")
    make_relation(first, second, "next_step")
    make_relation(second, first, "next_step")
    assert ladder_names(client) == [["Alfa", "Beta"]]


def test_field_and_tag_pages_list_their_published_roles(client):
    tag = make_tag("entry-level", "Ingångsjobb", "Entry level job")
    inside = make_title("Innesäljare", "Inside Sales", field="sales")
    make_title("Marknadsförare", "Marketer", field="marketing")
    hidden = make_title("Utkast", "Draft", field="sales", status=Status.DRAFT)
    inside.tags.add(tag)
    hidden.tags.add(tag)
    html = page(client, url_in("en", "titles:field-detail", "sales"))
    assert "<h1>Sales and accounts</h1>" in html
    assert "Inside Sales" in html and "Marketer" not in html and "Draft<" not in html
    html = page(client, url_in("sv", "titles:tag-detail", "entry-level"))
    assert "Ingångsjobb" in html and "Innesäljare" in html and "Utkast" not in html
    page(client, url_in("sv", "titles:field-detail", "astrology"), status=404)
    page(client, url_in("sv", "titles:tag-detail", "no-such-tag"), status=404)


# Home, SEO, sitemap, robots ------------------------------------------------------------------


def test_json_ld_cannot_be_broken_out_of_by_text(client):
    make_title("Roll", "Role", slug="roll", definition_en="</script><script>alert(1)</script>")
    html = page(client, role_url("en", "roll"))
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert json.loads(block)["description"] == "</script><script>alert(1)</script>"


def test_sitemap_leaves_drafts_out(client):
    make_title(slug="utkast", status=Status.DRAFT)
    make_title(slug="publicerad")
    xml = whole_sitemap(client)
    assert "/publicerad/" in xml
    assert "utkast" not in xml


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


@pytest.mark.parametrize("change", ["label", "relation", "tag name", "source"])
def test_an_edit_of_what_a_page_shows_changes_the_etag(client, change):
    """Not only a save of the title itself: its labels, relations, tags and sources too."""
    title = make_title(slug="roll")
    other = make_title(slug="annan")
    tag = make_tag("tagg", "Tagg", "Tag")
    title.tags.add(tag)
    source = make_source()
    title.sources.add(source)
    url = url_in("sv", "titles:title-detail", "roll")
    etag = client.get(url)["ETag"]
    if change == "label":
        make_label(title, "Nytt namn", "sv")
    elif change == "relation":
        make_relation(title, other, "related")
    elif change == "tag name":
        tag.name_sv = "Ny tagg"
        tag.save()
    else:
        source.title = "A better title"
        source.save()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    shown = {"label": "Nytt namn", "relation": "annan", "tag name": "Ny tagg"}
    assert shown.get(change, "A better title") in response.content.decode()


def test_the_role_page_has_no_two_headings_alike(client):
    """axe's landmark-unique: the relations section and its "related" group are named apart."""
    title = make_title(slug="roll")
    make_relation(title, make_title(slug="annan"), "related")
    make_relation(title, make_title(slug="tredje"), "confused_with")
    html = page(client, role_url("en", "roll"))
    headings = re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", html, re.S)
    assert "Related roles" in headings
    assert len(headings) == len(set(headings)), headings
