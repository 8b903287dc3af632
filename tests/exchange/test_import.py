"""importglossary: preview, all-or-nothing, and a lossless round trip on the real content."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories import make_title
from titles.exchange.loader import load_content, read_content
from titles.models import Label, Relation, Source, Tag, Title, Topic

pytestmark = pytest.mark.django_db


def export(path):
    call_command("exportglossary", "--output", str(path), stderr=StringIO())
    return json.loads(path.read_text(encoding="utf-8"))


def import_file(path, *args):
    out = StringIO()
    call_command("importglossary", str(path), *args, stdout=out)
    return out.getvalue()


def empty_the_glossary():
    Title.objects.all().delete()
    Tag.objects.all().delete()
    Source.objects.all().delete()
    Topic.objects.all().delete()


@pytest.fixture
def real_export(tmp_path):
    load_content(read_content())
    Title.objects.filter(slug="fotograf").update(status="draft")
    return export(tmp_path / "first.json"), tmp_path / "first.json"


def test_round_trip_through_an_empty_database_loses_nothing(real_export, tmp_path):
    first, path = real_export
    empty_the_glossary()
    output = import_file(path)
    assert f"{len(first['titles'])} to create" in output
    second = export(tmp_path / "second.json")
    first.pop("exported_at"), second.pop("exported_at")
    assert second == first
    # The content really is rich: labels of every kind, notes, drafts.
    kinds = {label["kind"] for title in first["titles"] for label in title["labels"]}
    assert kinds == {"alternative", "abbreviation", "former", "hidden"}
    assert {"draft", "published"} == {title["status"] for title in first["titles"]}
    assert all(len(title["topics"]) >= 3 for title in first["titles"])


def test_dry_run_reports_and_writes_nothing(real_export):
    first, path = real_export
    Title.objects.filter(slug="saljare").update(definition_en="Changed in the database.")
    pointing_to_vd = set(
        Relation.objects.filter(target__slug="vd").values_list("source__slug", flat=True)
    )
    Title.objects.filter(slug="vd").delete()
    before = list(Title.objects.order_by("slug").values_list("slug", "definition_en"))
    output = import_file(path, "--dry-run")
    assert "create    vd" in output
    assert "change    saljare (definition)" in output
    # Deleting "vd" also took the relations other titles had to it: those show as changes.
    assert pointing_to_vd
    for slug in pointing_to_vd - {"saljare"}:
        assert f"change    {slug} (relations)" in output
    assert f"1 to create, {len(pointing_to_vd | {'saljare'})} to change" in output
    assert "Nothing was written" in output
    assert list(Title.objects.order_by("slug").values_list("slug", "definition_en")) == before


def test_import_makes_existing_titles_say_what_the_file_says(real_export):
    first, path = real_export
    title = Title.objects.get(slug="saljare")
    title.definition_en = "Changed in the database."
    title.save()
    Label.objects.create(title=title, text="Säljkonsult", language="sv", kind="alternative")
    import_file(path)
    title.refresh_from_db()
    original = next(t for t in first["titles"] if t["slug"] == "saljare")
    assert title.definition_en == original["definition"]["en"]
    assert not title.labels.filter(text="Säljkonsult").exists()


def bad_file(tmp_path, change):
    make_title(slug="befintlig")
    data = {
        "format": "yrkesroller/1",
        "exported_at": "2026-01-01T00:00:00+00:00",
        "titles": [
            {
                "slug": "ny-roll",
                "status": "published",
                "names": {"sv": "Ny roll", "en": "New role"},
                "labels": [],
                "definition": {"sv": "Text.", "en": "Text."},
                "description": {"sv": "", "en": ""},
                "responsibilities": [],
                "relations": [{"type": "related", "target": "befintlig"}],
                "field": "marketing",
                "seniority": "mid",
                "focus": "both",
                "profile": "generalist",
                "tags": [],
                "sources": [],
                "identifiers": {"esco": "", "ssyk": "", "isco": ""},
            }
        ],
    }
    data["titles"][0].update(change)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_valid_small_file_imports_and_links_to_existing_titles(tmp_path):
    import_file(bad_file(tmp_path, {}))
    assert Relation.objects.filter(source__slug="ny-roll", target__slug="befintlig").exists()


@pytest.mark.parametrize(
    "change, message",
    [
        (
            {"relations": [{"type": "related", "target": "okand"}]},
            "titles[0] (ny-roll): relations[0].target: unknown relation target 'okand'",
        ),
        (
            {"labels": [{"text": "X", "language": "de", "kind": "alternative"}]},
            "titles[0] (ny-roll): labels[0].language: 'de' is not sv or en",
        ),
        ({"names": {"sv": "Ny roll", "en": ""}}, "titles[0] (ny-roll): names.en: missing"),
        ({"labels": "KAM"}, "titles[0] (ny-roll): labels: expected a list"),
        ({"status": "archived"}, "titles[0] (ny-roll): status: 'archived' is not one of"),
    ],
)
def test_a_bad_file_exits_with_the_title_and_field_and_writes_nothing(tmp_path, change, message):
    path = bad_file(tmp_path, change)
    with pytest.raises(CommandError) as error:
        import_file(path)
    assert message in str(error.value)
    assert "nothing was imported" in str(error.value)
    assert not Title.objects.filter(slug="ny-roll").exists()


@pytest.mark.parametrize(
    "text, message",
    [("{not json", "not valid UTF-8 JSON"), ('{"format": "other"}', "not a yrkesroller/1")],
)
def test_files_that_are_not_exports_are_refused(tmp_path, text, message):
    path = tmp_path / "file.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        import_file(path)


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="cannot be read"):
        import_file(tmp_path / "nowhere.json")


def test_an_import_that_fails_halfway_writes_nothing(real_export, monkeypatch):
    from titles.exchange import importer

    first, path = real_export
    empty_the_glossary()

    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(importer, "write_relations", broken)
    with pytest.raises(RuntimeError):
        import_file(path)
    assert not Title.objects.exists()
    assert not Label.objects.exists()
