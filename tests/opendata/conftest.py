import pytest

from tests.factories import make_label, make_relation, make_tag, make_title
from titles.models import Status

BASE = "https://yrkesroller.example"


@pytest.fixture(autouse=True)
def site_url_and_dumps_dir(settings, tmp_path):
    """Concept URIs from a known base; dumps into a fresh directory per test."""
    settings.SITE_URL = BASE
    settings.DUMPS_DIR = tmp_path / "dumps"
    return settings.DUMPS_DIR


@pytest.fixture
def small_glossary(db):
    """Four roles that use every feature the vocabulary maps: labels of each kind, a tag,
    codes, a specialisation, a related and a next-step pair, a retired, merged title and a
    draft that must never show."""
    seo = make_title("SEO-specialist", "SEO Specialist", slug="seo-specialist",
                     note_sv="Inte samma som SEM.", note_en="Not the same as SEM.",
                     ssyk_code="2431", isco_code="2431",
                     esco_uri="http://data.europa.eu/esco/occupation/"
                     "c0489e22-6a1b-4e52-974a-eb71bbb42134")  # fmt: skip
    digital = make_title(
        "Digital marknadsförare", "Digital Marketer", slug="digital-marknadsforare"
    )
    sem = make_title("SEM-specialist", "SEM Specialist", slug="sem-specialist")
    chief = make_title("Marknadschef", "Head of Marketing", slug="marknadschef")
    old = make_title("Sökmotoroptimerare", "Search optimiser", slug="sokmotoroptimerare",
                     status=Status.RETIRED, replaced_by=seo)  # fmt: skip
    draft = make_title("Hemlig roll", "Secret role", slug="hemlig-roll", status=Status.DRAFT)
    make_label(seo, "Sökmotorspecialist", "sv", "alternative")
    make_label(seo, "SEO", "en", "abbreviation")
    make_label(seo, "Sökmotoroptimerare", "sv", "former")
    make_label(seo, "seo-specalist", "sv", "hidden")
    make_relation(seo, digital, "specialisation_of")
    make_relation(seo, sem, "confused_with")
    make_relation(seo, chief, "next_step")
    make_relation(seo, draft, "related")
    tag = make_tag("sok", "Sök", "Search")
    seo.tags.add(tag)
    sem.tags.add(tag)
    return {"seo": seo, "digital": digital, "sem": sem, "chief": chief, "old": old, "draft": draft}
