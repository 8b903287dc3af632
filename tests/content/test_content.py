"""The bundled glossary itself: complete, bilingual, cross-linked, sourced and not copied."""

import os
import re
from io import StringIO

import pytest
from django.core.management import call_command

from titles.classifications import isco_groups, ssyk_groups
from titles.exchange import copycheck
from titles.exchange.loader import CONTENT_DIR, read_content
from titles.models import LANGUAGE_CODES, Relation, Title

pytestmark = pytest.mark.django_db

REQUIRED = {
    # slug: (Swedish name, English name) for the roles the commission names.
    "projektledare": ("Projektledare", "Project Manager"),
    "marknadsassistent": ("Marknadsassistent", "Marketing Assistant"),
    "marknadskoordinator": ("Marknadskoordinator", "Marketing Coordinator"),
    "marknadsansvarig": ("Marknadsansvarig", None),
    "marknadschef": ("Marknadschef", None),
    "marknadsdirektor": ("Marknadsdirektör", "Chief Marketing Officer"),
    "kommunikator": ("Kommunikatör", "Communications Officer"),
    "internkommunikator": ("Internkommunikatör", None),
    "ux-designer": ("UX-designer", None),
    "webbdesigner": ("Webbdesigner", None),
    "grafisk-formgivare": ("Grafisk formgivare", "Graphic Designer"),
    "copywriter": ("Copywriter", "Copywriter"),
    "webbredaktor": ("Webbredaktör", "Web Editor"),
    "google-ads-specialist": ("Google Ads-specialist", None),
    "ppc-specialist": ("PPC-specialist", None),
    "sem-specialist": ("SEM-specialist", None),
    "seo-specialist": ("SEO-specialist", None),
    "kampanjansvarig": ("Kampanjansvarig", "Campaign Manager"),
    "influencer-marketing-manager": (None, "Influencer Marketing Manager"),
    "key-account-manager": ("Key Account Manager", "Key Account Manager"),
    "account-manager": ("Kundansvarig", "Account Manager"),
    "publisher-coordinator": (None, "Publisher Coordinator"),
    "saljare": ("Säljare", "Sales Executive"),
    "saljsupport": ("Säljsupport", "Sales Support"),
    "affiliate-manager": (None, "Affiliate Manager"),
    "e-handelsansvarig": ("E-handelsansvarig", "E-commerce Manager"),
    "digital-marknadsforare": ("Digital marknadsförare", "Digital Marketer"),
    "cx-ansvarig": ("CX-ansvarig", "Customer Experience Manager"),
    "partneransvarig": ("Partneransvarig", "Partner Manager"),
    "teamledare": ("Teamledare", "Team Leader"),
    "interimskonsult": ("Interimskonsult", "Interim Manager"),
    "bemanningskonsult": ("Bemanningskonsult", "Agency Worker"),
    "bemanningschef": ("Bemanningschef", None),
    "rekryterare": ("Rekryterare", "Recruiter"),
    "frilansare": ("Frilansare", "Freelancer"),
    "bloggare": ("Bloggare", "Blogger"),
    "influencer": ("Influencer", "Influencer"),
    "fotograf": ("Fotograf", "Photographer"),
    "office-manager": (None, "Office Manager"),
    "inkopsassistent": ("Inköpsassistent", "Purchasing Assistant"),
    "receptionist": ("Receptionist", "Receptionist"),
    "vd": (None, None),
}
ABBREVIATIONS = {
    "KAM": "key-account-manager",
    "PPC": "ppc-specialist",
    "SEM": "sem-specialist",
    "SEO": "seo-specialist",
    "UX": "ux-designer",
    "CMO": "marknadsdirektor",
    "CX": "cx-ansvarig",
    "VD": "vd",
    "CEO": "vd",
}
CONFUSED_PAIRS = [
    ("key-account-manager", "saljare"),
    ("ppc-specialist", "sem-specialist"),
    ("ppc-specialist", "kampanjansvarig"),
    ("sem-specialist", "kampanjansvarig"),
    ("marknadsassistent", "marknadskoordinator"),
    ("marknadskoordinator", "marknadsansvarig"),
    ("marknadsassistent", "marknadsansvarig"),
    ("interimskonsult", "bemanningskonsult"),
]


@pytest.fixture(scope="module")
def entries(glossary, django_db_blocker):
    """The real content by slug, with what the checks below read."""
    with django_db_blocker.unblock():
        return {
            title.slug: title
            for title in Title.objects.prefetch_related(
                "labels", "responsibilities", "skills", "sources", "tags"
            )
        }


def related_pairs(kind):
    return {
        (source, target)
        for source, target in Relation.objects.filter(type=kind).values_list(
            "source__slug", "target__slug"
        )
    }


def test_the_whole_content_loads_with_codes_topics_and_pathways(entries):
    """Every file became a published title with what the role page and exports show."""
    files = [entry for _, entry in read_content().entries]
    assert Title.objects.published().count() == len(files) >= 120
    ssyk, isco = ssyk_groups(), isco_groups()
    coded = 0
    for title in entries.values():
        assert title.topics.count() >= 3, title.slug
        assert title.pathway_sv and title.pathway_en, title.slug
        if title.ssyk_code:
            coded += 1
            assert title.isco_code in ssyk[title.ssyk_code].isco, title.slug
            assert title.isco_code in isco
    assert coded >= 120


def test_check_content_passes_with_120_coded_entries():
    out = StringIO()
    call_command("check_content", "--min-published", "120", stdout=out)
    assert "The content passes every check." in out.getvalue()


@pytest.mark.parametrize("slug", sorted(REQUIRED))
def test_every_commissioned_role_is_present(entries, slug):
    title = entries[slug]
    name_sv, name_en = REQUIRED[slug]
    assert name_sv is None or title.name_sv == name_sv
    assert name_en is None or title.name_en == name_en
    assert title.status == "published"


def _text_gaps(slug, title):
    for language in LANGUAGE_CODES:
        for field in ("name", "definition", "description"):
            if not getattr(title, f"{field}_{language}").strip():
                yield f"{slug}: {field}_{language} empty"
    if bool(title.note_sv.strip()) != bool(title.note_en.strip()):
        yield f"{slug}: note in one language only"


def _list_gaps(slug, title):
    duties = list(title.responsibilities.all())
    if not 3 <= len(duties) <= 8:
        yield f"{slug}: {len(duties)} responsibilities"
    for item in duties + list(title.skills.all()):
        if not (item.text_sv.strip() and item.text_en.strip()):
            yield f"{slug}: '{item.text_sv or item.text_en}' not in both languages"
    if not title.sources.all():
        yield f"{slug}: no source"
    if not title.tags.all():
        yield f"{slug}: no tags"


def test_every_entry_is_complete_in_both_languages(entries):
    problems = [
        problem
        for slug, title in entries.items()
        for problem in [*_text_gaps(slug, title), *_list_gaps(slug, title)]
    ]
    assert problems == []


def test_every_entry_has_a_relation_and_every_target_exists(entries):
    connected = set()
    for source, target in Relation.objects.values_list("source__slug", "target__slug"):
        assert source in entries and target in entries
        connected |= {source, target}
    assert set(entries) - connected == set()


def test_the_marketing_career_path(entries):
    steps = related_pairs("next_step")
    assert ("marknadsassistent", "marknadskoordinator") in steps
    assert ("marknadskoordinator", "marknadsansvarig") in steps


@pytest.mark.parametrize("first, second", CONFUSED_PAIRS)
def test_often_confused_pairs_carry_the_difference(entries, first, second):
    relation = Relation.objects.filter(
        type="confused_with",
        source__slug__in=[first, second],
        target__slug__in=[first, second],
    ).get()
    assert relation.note_sv.strip() and relation.note_en.strip()


def test_specialisations(entries):
    broader = related_pairs("specialisation_of")
    assert ("ppc-specialist", "sem-specialist") in broader
    assert ("google-ads-specialist", "ppc-specialist") in broader


@pytest.mark.parametrize("abbreviation, slug", sorted(ABBREVIATIONS.items()))
def test_abbreviations_belong_to_their_title(entries, abbreviation, slug):
    kinds = {label.kind for label in entries[slug].labels.all() if label.text == abbreviation}
    assert "abbreviation" in kinds


def test_adwords_is_a_former_name_of_the_google_ads_specialist(entries):
    former = [
        label.text
        for label in entries["google-ads-specialist"].labels.all()
        if label.kind == "former"
    ]
    assert any("AdWords" in text for text in former)


@pytest.mark.parametrize("slug", ["marknadsansvarig", "marknadschef", "key-account-manager"])
def test_titles_without_a_one_to_one_translation_say_so(entries, slug):
    assert entries[slug].note_sv and entries[slug].note_en


# --- The no-copying rule ----------------------------------------------------------------------

SEEDS_PRESENT = copycheck.SEEDS_DIR.is_dir() and any(copycheck.SEEDS_DIR.glob("*.txt"))
needs_seeds = pytest.mark.skipif(
    not SEEDS_PRESENT and os.environ.get("CI") != "true",
    reason=f"seed texts not found at {copycheck.SEEDS_DIR}",
)


@needs_seeds
def test_the_copy_check_catches_a_copied_sentence():
    seeds = copycheck.seed_runs()
    copied = "En Marknadskoordinator är spindeln i nätet och koordinerar olika aktiviteter, sa hon."
    assert copycheck.copied_runs(copied, seeds)
    assert not copycheck.copied_runs("En koordinator samordnar kampanjer och möten.", seeds)


@needs_seeds
def test_no_prose_shares_ten_words_in_a_row_with_the_seeds():
    """Every prose field of every content file: texts, pathway, lists and relation notes."""
    seeds = copycheck.seed_runs()
    copied = [
        f"{where}: {field}: {run}"
        for where, entry in read_content().entries
        for field, text in copycheck.texts_of_entry(entry)
        for run in copycheck.copied_runs(text, seeds)
    ]
    assert copied == []


@needs_seeds
def test_no_guide_shares_ten_words_in_a_row_with_the_seeds():
    import yaml

    seeds = copycheck.seed_runs()
    copied = [
        f"{path.name}: {field}: {run}"
        for path in sorted((CONTENT_DIR / "guides").glob("*.yaml"))
        for field, text in copycheck.texts_of_entry(yaml.safe_load(path.read_text()))
        for run in copycheck.copied_runs(text, seeds)
    ]
    assert copied == []


def test_the_copy_check_reads_every_prose_field_of_an_entry():
    entry = {
        "definition": {"sv": "a"},
        "pathway": {"en": "b"},
        "skills": [{"sv": "c"}],
        "relations": [{"type": "related", "target": "x", "note": {"en": "d"}}],
    }
    assert [text for _, text in copycheck.texts_of_entry(entry)] == ["a", "b", "c", "d"]


def common_noun_names(entries):
    """Swedish names written as ordinary words (not "Key Account Manager", not "UX-designer")."""
    names = []
    for title in entries.values():
        name = title.name_sv
        if name[1:2].islower() and not any(word[:1].isupper() for word in name.split()[1:]):
            names.append(name)
    return names


def test_swedish_text_writes_role_names_in_lower_case_mid_sentence(entries):
    """Swedish spells job titles as common nouns: "en säljare", not "en Säljare"."""
    names = "|".join(common_noun_names(entries))
    pattern = re.compile(r"[^\W\d_][,;]? (" + names + r")\b")  # after a word: mid-sentence
    capitalised = []
    for slug, title in entries.items():
        texts = [title.definition_sv, title.description_sv, title.note_sv]
        texts += [item.text_sv for item in title.responsibilities.all()]
        texts += [item.text_sv for item in title.skills.all()]
        for text in texts:
            capitalised += [f"{slug}: …{match.group(1)}" for match in pattern.finditer(text)]
    assert capitalised == []
