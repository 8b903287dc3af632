"""Editors keep the synonym list in the admin; a change applies to the next search."""

import pytest
from django.urls import reverse

from tests.factories import make_title
from titles.models import Synonym
from titles.search import search

pytestmark = pytest.mark.django_db


def test_an_editor_adds_a_synonym_and_search_uses_it_at_once(editor_client):
    make_title(slug="copywriter", name_sv="Copywriter", name_en="Copywriter")
    assert not search("reklamskrivare").hits
    response = editor_client.post(
        reverse("admin:titles_synonym_add"),
        {"term": " Reklamskrivare ", "language": "sv", "means": "Copywriter\n\n"},
    )
    assert response.status_code == 302
    synonym = Synonym.objects.get()
    assert (synonym.term, synonym.meanings) == ("Reklamskrivare", ["Copywriter"])
    assert [hit.title.slug for hit in search("reklamskrivarna").hits] == ["copywriter"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"term": "!!", "language": "sv", "means": "Copywriter"}, "A term needs some letters"),
        ({"term": "reklamare", "language": "sv", "means": " \n "}, "Give at least one name"),
    ],
)
def test_a_synonym_without_a_term_or_a_meaning_is_refused(editor_client, data, message):
    response = editor_client.post(reverse("admin:titles_synonym_add"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Synonym.objects.exists()


def test_the_same_term_twice_in_one_language_is_refused_with_a_message(editor_client):
    Synonym.objects.create(term="reklamare", language="sv", means="Copywriter")
    response = editor_client.post(
        reverse("admin:titles_synonym_add"),
        {"term": "Reklamare", "language": "sv", "means": "Art Director"},
    )
    assert response.status_code == 200
    assert "already has a synonym entry" in response.content.decode()
    assert Synonym.objects.count() == 1
