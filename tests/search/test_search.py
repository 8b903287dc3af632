"""Search (issue 4): the ranked stages of titles.search, the search page and the misses list.

The real glossary is loaded once for the module; each test adds what it needs inside its
own transaction, so nothing leaks between tests.
"""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from tests.factories import make_label, make_responsibility, make_title
from titles.models import SearchMiss, Status, Title
from titles.search import Stage, prepared, search

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("glossary")]


def slugs(query, limit=10):
    return [hit.title.slug for hit in search(query, limit).hits]


def first(query):
    hits = search(query).hits
    assert hits, f"nothing found for {query!r}"
    return hits[0]


def search_url():
    with translation.override("en"):
        return reverse("titles:search")


# --- 1. Exact names ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("Säljare", "saljare"),
        ("SALES EXECUTIVE", "saljare"),
        ("  key   ACCOUNT manager ", "key-account-manager"),
        ("nyckelkundsansvarig", "key-account-manager"),
        ("Chief Marketing Officer", "marknadsdirektor"),
    ],
)
def test_exact_name_in_either_language_any_case_or_spacing_comes_first(query, slug):
    hit = first(query)
    assert (hit.title.slug, hit.stage) == (slug, Stage.EXACT)


# --- 2. Other labels and abbreviations ----------------------------------------------------


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("Headhunter", "rekryterare"),  # alternative
        ("Reklamtecknare", "grafisk-formgivare"),  # former
        ("Receptionsvärdinna", "receptionist"),  # former
        ("copywritter", "copywriter"),  # hidden misspelling
        ("AdWords Specialist", "google-ads-specialist"),  # former
    ],
)
def test_alternative_former_and_hidden_labels_find_their_title_first(query, slug):
    assert first(query).title.slug == slug


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("KAM", "key-account-manager"),
        ("PPC", "ppc-specialist"),
        ("SEM", "sem-specialist"),
        ("SEO", "seo-specialist"),
        ("UX", "ux-designer"),
        ("CMO", "marknadsdirektor"),
        ("CX", "cx-ansvarig"),
        ("cx", "cx-ansvarig"),
        ("VD", "vd"),
    ],
)
def test_abbreviation_finds_its_title_first(query, slug):
    hit = first(query)
    assert (hit.title.slug, hit.stage) == (slug, Stage.EXACT)


def test_adwords_finds_the_google_ads_specialist():
    assert slugs("AdWords") == ["google-ads-specialist"]


def test_hidden_misspelling_is_never_shown_as_the_match():
    hit = first("copywritter")
    assert hit.matched.text == "Copywriter"
    assert hit.matched.kind == "preferred"


# --- 3. Diacritics -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("saljare", "saljare"),
        ("säljare", "saljare"),
        ("webbredaktor", "webbredaktor"),
        ("Webbredaktör", "webbredaktor"),
        ("produktagare", "produktagare"),
        ("marknadsdirektor", "marknadsdirektor"),
    ],
)
def test_missing_or_correct_diacritics_both_find_the_title(query, slug):
    assert first(query).title.slug == slug


# --- 4. Compounds ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query", ["marknads koordinator", "marknads-koordinator", "Marknads–Koordinator"]
)
def test_compound_written_apart_or_hyphenated_finds_the_compound(query):
    hit = first(query)
    assert (hit.title.slug, hit.stage) == ("marknadskoordinator", Stage.EXACT)


def test_part_of_a_compound_lists_the_wholes_that_contain_it():
    hits = [hit for hit in search("koordinator", 50).hits if hit.stage == Stage.COMPOUND]
    found = [hit.title.slug for hit in hits]
    assert {"marknadskoordinator", "saljkoordinator", "publisher-coordinator"} <= set(found)
    # A title whose own name ends with the part comes first; then titles that only have
    # such an alias, shorter wholes first (the part is a bigger share of them).
    own = [hit.matched.kind == "preferred" for hit in hits]
    assert own == sorted(own, reverse=True)
    assert "publisher-coordinator" in found[own.count(True) :]  # by its alias Publicistkoordinator
    lengths = [len(hit.matched.text) for hit in hits if hit.matched.kind != "preferred"]
    assert lengths == sorted(lengths)


def test_a_later_word_starting_with_the_query_beats_a_shorter_compound_holding_it():
    # Typing "zymurg": the title itself, then the titles with a later word starting with it
    # (shorter first), then a compound that merely holds it, although its name is shorter.
    make_title("Zymurgiker", "Zymurgist", slug="zymurgiker")
    make_title("Senior zymurgiker", "Senior Zymurgist", slug="senior-zymurgiker")
    make_title("Ölzymurgiker", "Beer Brewing Scientist", slug="olzymurgiker")
    make_title("Biträdande zymurgikerassistent", "Deputy Zymurgy Aide", slug="aide")
    assert slugs("zymurg") == ["zymurgiker", "senior-zymurgiker", "aide", "olzymurgiker"]
    assert slugs("zymurgik") == ["zymurgiker", "senior-zymurgiker", "aide", "olzymurgiker"]


def test_words_in_another_order_still_find_the_title():
    assert slugs("manager account")[:2] == ["account-manager", "key-account-manager"]


# --- 5. Typos ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("marknadsasistent", "marknadsassistent"),  # missing letter (also a hidden label)
        ("projektledre", "projektledare"),  # missing letter
        ("projketledare", "projektledare"),  # swapped letters
        ("marknadskordinatr", "marknadskoordinator"),  # two missing letters
        ("kampanjansvarog", "kampanjansvarig"),  # wrong letter
        ("Copywirter", "copywriter"),  # swapped, English
        ("Grapic Designer", "grafisk-formgivare"),  # missing letter, English
        ("rekryteare", "rekryterare"),
        ("fotogarf", "fotograf"),
    ],
)
def test_one_or_two_typos_keep_the_intended_title_in_the_top_three(query, slug):
    assert slug in slugs(query)[:3]


def test_typo_usually_puts_the_intended_title_first():
    assert slugs("projektledre")[0] == "projektledare"
    assert slugs("marknadskordinatr")[0] == "marknadskoordinator"


def test_a_typo_near_the_end_is_found_even_when_a_draft_sits_in_the_narrow_block():
    # The narrow fuzzy block (same first two and last three letters) holds only a draft
    # here, so the wide block must still be read, on PostgreSQL decided inside the SQL.
    make_title("Zelotkoordinator", "Zealot Coordinator", slug="zelot")
    make_title("Zelotkoordinatr", "Zealot Draft", slug="zelot-draft", status=Status.DRAFT)
    assert slugs("zelotkoordinatr") == ["zelot"]


def test_short_words_are_not_matched_loosely():
    # "SEX" is one letter from "SEO" and "SEM": three letters get no typo allowance.
    assert "seo-specialist" not in slugs("sex")


# --- 6. Prefixes -------------------------------------------------------------------------


def test_three_letters_list_the_titles_that_start_with_them():
    hits = search("säl").hits
    prefixed = [hit.title.slug for hit in hits if hit.stage == Stage.PREFIX]
    assert set(prefixed[:3]) == {"saljare", "saljchef", "saljsupport"}


def test_prefix_lists_the_nearest_whole_words_first():
    hits = search("webb").hits
    assert [hit.title.slug for hit in hits[:3]] == [
        "webbdesigner",  # Webbdesigner, 12 letters
        "webbredaktor",  # Webbredaktör, 12 letters
        "webbanalytiker",  # 14 letters
    ]
    assert {hit.stage for hit in hits[:3]} == {Stage.PREFIX}


# --- 7. Ranking --------------------------------------------------------------------------


def test_a_more_exact_match_always_beats_a_looser_one():
    found = slugs("account manager")
    assert found.index("account-manager") == 0
    assert found.index("account-manager") < found.index("key-account-manager")


def test_stages_rank_exact_prefix_compound_fuzzy_text():
    make_title("Qvintilarchef", "Head of Quills", slug="q-prefix")
    make_title("Storqvintilar", "Great Quill", slug="q-compound")
    make_title("Qvintilr", "Quill Person", slug="q-fuzzy")  # one letter missing
    make_title(
        "Pennvårdare",
        "Pen Keeper",
        slug="q-text",
        definition_sv="En pennvårdare sköter varje qvintilar på kontoret.",
        definition_en="A pen keeper looks after every qvintilar in the office.",
    )
    hits = search("qvintilar").hits
    assert [(hit.title.slug, hit.stage) for hit in hits] == [
        ("q-prefix", Stage.PREFIX),
        ("q-compound", Stage.COMPOUND),
        ("q-fuzzy", Stage.FUZZY),
        ("q-text", Stage.TEXT),
    ]

    make_title("Qvintilar", "Quill", slug="q-exact")
    assert slugs("qvintilar")[:3] == ["q-exact", "q-prefix", "q-compound"]


def test_a_responsibility_is_found_after_every_name():
    title = make_title("Zorbaskötare", "Zorba Keeper", slug="z-keeper")
    make_responsibility(title, text_sv="Vårda alla xylografer", text_en="Tend every xylograph")
    make_title("Xylograf", "Xylographer", slug="z-named")
    hits = search("xylografer").hits
    assert [hit.title.slug for hit in hits] == ["z-named", "z-keeper"]
    assert hits[1].stage == Stage.TEXT
    assert hits[1].matched.kind == "responsibility"


def test_a_half_typed_word_finds_texts_with_words_starting_with_it_not_its_stems():
    make_title("Qvintredaktör", "Qvint Editor", slug="q-editor")
    make_title("Arkivarie", "Archivist", slug="q-helper", definition_sv="Hjälper qvintredaktörer.")
    make_title("Kartritare", "Map Maker", slug="q-region", definition_sv="Ritar qvintregioner.")
    # "qvintred" begins Qvintredaktör: a word being typed, whose English stem "qvintr"
    # would also match "qvintregioner", another word.
    assert slugs("qvintred") == ["q-editor", "q-helper"]
    # A whole word is still read through its stems ("qvintregionen" → qvintregion*).
    assert slugs("qvintregionen") == ["q-region"]


def test_stages_never_go_backwards_in_the_results():
    for query in ("mark", "koordinator", "account manager", "manager", "saljre"):
        stages = [hit.stage for hit in search(query, 50).hits]
        assert stages == sorted(stages), query


def test_limit_caps_the_results_and_keeps_the_best_first():
    everything = slugs("mark", 50)
    assert len(everything) > 3
    assert slugs("mark", 3) == everything[:3]


# --- 8. Drafts ---------------------------------------------------------------------------


def test_drafts_are_never_found_by_any_stage():
    draft = make_title(
        "Hemlighetsmakare",
        "Secret Keeper",
        slug="draft-role",
        status=Status.DRAFT,
        definition_sv="Hemlighetsmakaren vaktar zymurgiska recept.",
        definition_en="Keeps zymurgic recipes.",
    )
    make_label(draft, "Mysteriechef", kind="alternative")
    for query in (
        "Hemlighetsmakare",
        "hemlighets",
        "makare",
        "Hemlighetsmakre",
        "zymurgiska",
        "Mysteriechef",
    ):
        result = search(query, 50)
        found = [hit.title.slug for hit in result.hits + result.suggestions]
        assert "draft-role" not in found, query


def test_a_published_title_is_found_again_once_published():
    draft = make_title("Zymurg", "Zymurgist", slug="zymurg", status=Status.DRAFT)
    assert slugs("zymurg") == []
    draft.status = Status.PUBLISHED
    draft.save()
    assert slugs("zymurg") == ["zymurg"]


# --- The search index follows the editors -----------------------------------------------


def test_new_changed_and_deleted_labels_are_searchable_at_once():
    title = Title.objects.get(slug="webbanalytiker")
    label = make_label(title, "Mätningsstrateg")
    assert slugs("ningsstrateg")[0] == "webbanalytiker"  # compound stage (trigram index)
    assert slugs("matningsstrateeg")[0] == "webbanalytiker"  # fuzzy stage

    label.text = "Mätningsspecialist"
    label.save()
    assert "webbanalytiker" not in slugs("matningsstrateg")

    label.delete()
    assert "webbanalytiker" not in slugs("matningsspecialist")


def test_changed_definition_is_searchable_at_once():
    title = Title.objects.get(slug="fotograf")
    title.definition_sv = "En fotograf tar bilder av xenotimkristaller."
    title.save()
    assert slugs("xenotimkristaller") == ["fotograf"]


# --- 9. No results -----------------------------------------------------------------------


def test_no_result_suggests_the_closest_titles():
    result = search("marknadskoordinatorassistent")
    assert result.hits == []
    assert [hit.title.slug for hit in result.suggestions][:2] == [
        "marknadskoordinator",
        "marknadsassistent",
    ]


def test_nonsense_finds_nothing_and_suggests_nothing():
    result = search("qqxxzzvv")
    assert (result.hits, result.suggestions) == ([], [])


def test_punctuation_only_is_an_empty_search():
    with CaptureQueriesContext(connection) as queries:
        result = search(" !?–/ ")
    assert (result.normalized, result.hits, len(queries)) == ("", [], 0)


# --- The search page ---------------------------------------------------------------------


def test_exact_match_goes_straight_to_the_title(client):
    response = client.get(search_url(), {"q": "saljare"})
    assert response.status_code == 302
    with translation.override("en"):
        assert response.url == Title.objects.get(slug="saljare").get_absolute_url()


def test_exact_abbreviation_goes_straight_to_the_title(client):
    response = client.get(search_url(), {"q": "KAM"})
    assert response.status_code == 302
    with translation.override("en"):
        assert response.url == Title.objects.get(slug="key-account-manager").get_absolute_url()


def test_results_show_name_matched_label_with_language_and_definition(client):
    response = client.get(search_url(), {"q": "publicistkoord"})
    assert response.status_code == 200
    page = response.content.decode()
    title = Title.objects.get(slug="publisher-coordinator")
    with translation.override("en"):
        assert title.get_absolute_url() in page
        assert escape(title.definition_en) in page
    assert "Publisher Coordinator" in page
    assert '<span lang="sv">Publicistkoordinator</span>' in page


def test_results_page_uses_the_english_name_on_the_english_site(client):
    page = client.get(search_url(), {"q": "säljassist"}).content.decode()
    assert "Sales Support" in page
    assert 'value="säljassist"' in page


def test_no_result_page_says_so_suggests_and_records_the_miss(client):
    response = client.get(search_url(), {"q": "  Marknadskoordinator-ASSISTENT "})
    assert response.status_code == 200
    page = response.content.decode()
    assert "No job title matches" in page
    assert "Did you mean?" in page
    with translation.override("en"):
        assert Title.objects.get(slug="marknadskoordinator").get_absolute_url() in page

    miss = SearchMiss.objects.get()
    assert (miss.query, miss.count) == ("marknadskoordinator assistent", 1)
    first_seen = miss.last_seen

    client.get(search_url(), {"q": "marknadskoordinator assistent"})
    miss.refresh_from_db()
    assert miss.count == 2
    assert miss.first_seen == first_seen
    assert miss.last_seen > first_seen


def test_searches_with_results_are_not_recorded(client):
    client.get(search_url(), {"q": "koordinator"})
    client.get(search_url(), {"q": "saljare"})
    assert not SearchMiss.objects.exists()


def test_empty_search_page_is_fine(client):
    for params in ({}, {"q": ""}, {"q": "   "}):
        response = client.get(search_url(), params)
        assert response.status_code == 200
        assert "Type a job title" in response.content.decode()
    assert not SearchMiss.objects.exists()


@pytest.mark.parametrize("query", ["x" * 201, "sälj\x00are", "sälj\x07are", "\x1b[2J"])
def test_bad_query_gives_400_with_a_message_not_500(client, query):
    response = client.get(search_url(), {"q": query})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert not SearchMiss.objects.exists()


def test_draft_is_not_reached_from_the_search_page(client):
    make_title("Hemlighetsmakare", "Secret Keeper", slug="draft-role", status=Status.DRAFT)
    response = client.get(search_url(), {"q": "Hemlighetsmakare"})
    assert response.status_code == 200
    assert "draft-role" not in response.content.decode()


def test_search_page_runs_a_small_constant_number_of_queries(client, django_assert_max_num_queries):
    client.get(search_url(), {"q": "mark"})  # warm caches (content types, sessions)
    # The B-tree stages in one statement; on PostgreSQL, for one word that begins or ends
    # labels, the word starts in a second; the others, if still needed, in one more; the
    # guides.
    for query in ("mark", "koordinator", "projektledre"):
        with django_assert_max_num_queries(4):
            assert client.get(search_url(), {"q": query}).status_code == 200
    # A miss: both statements, one for "did you mean", recording it, and the guides.
    with django_assert_max_num_queries(5):
        client.get(search_url(), {"q": "marknadskoordinatorassistent"})


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's"
)


@postgres_only
def test_search_statements_are_prepared_once_and_outlive_a_rollback():
    def sent(query):
        with CaptureQueriesContext(connection) as queries:
            found = slugs(query)
        return found, [query["sql"].split(None, 1)[0] for query in queries.captured_queries]

    prepared.forget()
    with pytest.raises(RuntimeError), transaction.atomic():
        found, statements = sent("webbred")  # B-tree stages, word starts, the others
        assert statements == ["PREPARE", "PREPARE", "PREPARE"]
        raise RuntimeError("roll the savepoint back")
    assert sent("webbred") == (found, ["EXECUTE", "EXECUTE", "EXECUTE"])
    assert sent("projektled")[1] == ["EXECUTE", "EXECUTE", "EXECUTE"]  # same shapes
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        assert cursor.fetchone() == ("force_generic_plan",)


@postgres_only
def test_past_the_statement_cap_searches_run_unprepared(monkeypatch):
    expected = slugs("projektled")
    prepared.forget()
    monkeypatch.setattr(prepared, "MAX_STATEMENTS", 0)
    with CaptureQueriesContext(connection) as queries:
        assert slugs("projektled") == expected
    assert [query["sql"].split(None, 1)[0] for query in queries.captured_queries] == [
        "SELECT",
        "SELECT",
        "SELECT",
    ]


def _statements(query, limit):
    with CaptureQueriesContext(connection) as queries:
        found = slugs(query, limit)
    return found, [query["sql"] for query in queries.captured_queries]


@postgres_only
def test_word_starts_that_fill_the_room_spare_the_trigram_typo_and_text_stages(monkeypatch):
    for qualifier in ("Senior", "Junior", "Global"):
        make_title(f"{qualifier} zymurgiker", f"{qualifier} Zymurgist")
    make_title("Zymurgiker", "Zymurgist", slug="zymurgiker")
    make_title("Ölzymurgiker", "Beer Brewing Scientist", slug="olzymurgiker")
    found, sent = _statements("zymurg", 3)
    assert found[0] == "zymurgiker" and "olzymurgiker" not in found
    # The B-tree stages, then the labels' words (migration 0024's GIN index); nothing else.
    assert len(sent) == 2 and "to_tsvector('simple'::regconfig, normalized)" in sent[1]
    assert "levenshtein" not in sent[1] and "titles_responsibility" not in sent[1]
    # Room left after the word starts: the other stages follow, and the compound holding
    # the word comes after the word starts.
    more, sent = _statements("zymurg", 10)
    assert len(sent) == 3 and more[:4] == found + [more[3]] and more[-1] == "olzymurgiker"
    # The same hits as the substring stage alone gives them.
    monkeypatch.setattr("titles.search.postgresql.WORD_START_INDEX", False)
    assert _statements("zymurg", 3)[0] == found
    assert _statements("zymurg", 10)[0] == more


def test_home_page_carries_the_search_form(client):
    with translation.override("en"):
        url = reverse("titles:home")
    page = client.get(url).content.decode()
    assert '<form role="search"' in page
    assert 'name="q"' in page
    assert 'role="combobox"' in page


# --- The editors' list of misses ---------------------------------------------------------


def test_editors_read_the_misses_most_frequent_first(editor_client):
    SearchMiss.objects.create(query="growth hacker", count=3)
    SearchMiss.objects.create(query="scrum master", count=12)
    SearchMiss.objects.create(query="ekonomiassistent", count=1)
    url = reverse("admin:titles_searchmiss_changelist")
    page = editor_client.get(url).content.decode()
    assert page.index("scrum master") < page.index("growth hacker") < page.index("ekonomiassistent")


def test_editors_cannot_add_or_edit_misses(editor_client):
    miss = SearchMiss.objects.create(query="growth hacker")
    assert editor_client.get(reverse("admin:titles_searchmiss_add")).status_code == 403
    change = reverse("admin:titles_searchmiss_change", args=[miss.pk])
    response = editor_client.post(change, {"query": "edited", "count": 99})
    miss.refresh_from_db()
    assert (miss.query, miss.count) == ("growth hacker", 1)
    assert response.status_code in (200, 403)
