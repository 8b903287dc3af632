"""The bundled synonym list (content/synonyms.yaml): it loads, each name it gives leads
somewhere, no term hides a real name, and a broken list is refused with its reasons."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

from titles.exchange.synonyms import check_synonyms
from titles.models import Label, Synonym, Topic
from titles.normalize import compact
from titles.search import search

SYNONYMS = Path(settings.BASE_DIR) / "content" / "synonyms.yaml"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("glossary")]


def listed():
    return yaml.safe_load(SYNONYMS.read_text(encoding="utf-8"))


def test_the_list_loads_whole():
    assert not check_synonyms(listed())
    assert Synonym.objects.count() == len(listed()) >= 40


def test_every_name_a_synonym_gives_finds_something():
    names = {name for item in listed() for name in item["means"]}
    assert sorted(name for name in names if not search(name).hits) == []


def test_no_term_is_already_a_name_or_a_topic():
    labels = set(Label.objects.values_list("compact", flat=True))
    topics = {compact(name) for name in Topic.objects.values_list("name_sv", flat=True)}
    topics |= {compact(name) for name in Topic.objects.values_list("name_en", flat=True)}
    clashes = [item["term"] for item in listed() if compact(item["term"]) in labels | topics]
    assert clashes == []


def test_every_term_finds_something():
    assert [item["term"] for item in listed() if not search(item["term"]).hits] == []


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ({"term": "x"}, "expected a list"),
        ([{"term": "", "language": "sv", "means": ["Copywriter"]}], "item 1.term"),
        ([{"term": "reklamare", "language": "de", "means": ["Copywriter"]}], "reklamare.language"),
        ([{"term": "reklamare", "language": "sv", "means": []}], "reklamare.means"),
        ([{"term": "reklamare", "language": "sv", "means": [3]}], "reklamare.means"),
        ([{"term": "a b", "language": "sv", "means": ["X"]}] * 2, "a b: listed twice"),
    ],
)
def test_a_broken_list_names_each_problem(items, message):
    assert any(message in problem for problem in check_synonyms(items))


def test_loading_keeps_an_editors_change_to_a_synonym(glossary):
    item = listed()[0]
    synonym = Synonym.objects.get(language=item["language"], compact=compact(item["term"]))
    synonym.means = "Copywriter"
    synonym.save()
    call_command("loadglossary", verbosity=0)
    synonym.refresh_from_db()
    assert synonym.means == "Copywriter"
