"""The dumps' fast path on the real glossary, where every kind of owned row occurs."""

import pytest

from titles.exchange.format import export_queryset
from titles.opendata.dumps import public_entries, public_entry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("glossary")]


def test_the_fast_path_gives_the_same_entries_as_the_export_on_the_real_glossary():
    expected = [public_entry(title) for title in export_queryset().filter(status="published")]
    assert public_entries() == expected
    for kind in ("labels", "responsibilities", "skills", "relations", "tags", "topics", "sources"):
        assert any(entry[kind] for entry in expected), kind
