"""The command-line contract of loadglossary and exportglossary."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import CommandError, call_command

from titles.models import Label, Relation, Responsibility, Title

pytestmark = pytest.mark.django_db

REAL_CONTENT = Path(settings.BASE_DIR) / "content"


def entry(slug, name_sv, name_en, **fields):
    data = {
        "slug": slug,
        "status": "published",
        "field": "marketing",
        "seniority": "entry",
        "focus": "both",
        "profile": "generalist",
        "names": {"sv": name_sv, "en": name_en},
        "labels": [{"text": f"{name_sv}x", "language": "sv", "kind": "hidden"}],
        "definition": {"sv": f"{name_sv} är en roll.", "en": f"{name_en} is a role."},
        "description": {"sv": "Längre text.", "en": "Longer text."},
        "responsibilities": [
            {"sv": "Planera", "en": "Plan"},
            {"sv": "Följa upp", "en": "Follow up"},
        ],
        "pathway": {"sv": "Ofta via en YH-utbildning.", "en": "Often through a YH programme."},
        "topics": ["newsletters", "trade-fairs", "campaign-planning"],
        "relations": [],
        "tags": ["coordination"],
        "sources": ["nasri-yrkesroller"],
        "identifiers": {"esco": "", "ssyk": "2431", "isco": "2431"},
    }
    data.update(fields)
    return data


@pytest.fixture
def content_dir(tmp_path):
    """A small content directory: two titles with a career step and a confusion pair."""
    shutil.copy(REAL_CONTENT / "tags.yaml", tmp_path)
    shutil.copy(REAL_CONTENT / "sources.yaml", tmp_path)
    shutil.copy(REAL_CONTENT / "topics.yaml", tmp_path)
    (tmp_path / "titles").mkdir()
    write(
        tmp_path,
        entry(
            "assistent",
            "Marknadsassistent",
            "Marketing Assistant",
            relations=[
                {"type": "next_step", "target": "koordinator"},
                {"type": "confused_with", "target": "koordinator", "note": {"sv": "A", "en": "B"}},
            ],
        ),
    )
    write(
        tmp_path,
        entry(
            "koordinator",
            "Marknadskoordinator",
            "Marketing Coordinator",
            relations=[{"type": "confused_with", "target": "assistent"}],
        ),
    )
    return tmp_path


def write(directory, data):
    path = directory / "titles" / f"{data['slug']}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def load(directory, *args):
    out = StringIO()
    call_command("loadglossary", "--path", str(directory), *args, stdout=out)
    return out.getvalue()


def snapshot():
    return (
        list(Title.objects.order_by("slug").values_list("slug", "name_sv", "definition_en")),
        sorted(Label.objects.values_list("title__slug", "language", "kind", "text")),
        sorted(Responsibility.objects.values_list("title__slug", "order", "text_sv")),
        sorted(Relation.objects.values_list("source__slug", "type", "target__slug")),
    )


# --- loadglossary ---------------------------------------------------------------------------


def test_load_creates_titles_labels_relations_tags_and_sources(content_dir):
    output = load(content_dir)
    assert "2 created" in output
    assistant = Title.objects.get(slug="assistent")
    assert assistant.name_en == "Marketing Assistant"
    assert {label.text for label in assistant.labels.all()} == {
        "Marknadsassistent",
        "Marketing Assistant",
        "Marknadsassistentx",
    }
    assert [tag.slug for tag in assistant.tags.all()] == ["coordination"]
    assert [source.key for source in assistant.sources.all()] == ["nasri-yrkesroller"]
    # The confusion pair is listed on both entries but stored once.
    assert snapshot()[3] == [
        ("assistent", "confused_with", "koordinator"),
        ("assistent", "next_step", "koordinator"),
    ]


def test_loading_twice_changes_nothing(content_dir):
    load(content_dir)
    before = snapshot()
    output = load(content_dir)
    assert "0 created, 0 updated, 2 unchanged, 0 skipped" in output
    assert snapshot() == before


def test_an_edited_entry_is_skipped_and_reported(content_dir):
    load(content_dir)
    title = Title.objects.get(slug="assistent")
    title.definition_en = "An editor's better definition."
    title.save()
    changed = entry("assistent", "Marknadsassistent", "Marketing Assistant", definition={
        "sv": "Ny text från filen.", "en": "New text from the file."
    })  # fmt: skip
    write(content_dir, changed)
    output = load(content_dir)
    assert "1 skipped" in output
    assert "assistent" in output.split("Skipped")[1]
    title.refresh_from_db()
    assert title.definition_en == "An editor's better definition."


def test_an_edited_label_counts_as_an_edit(content_dir):
    load(content_dir)
    Label.objects.filter(text="Marknadsassistentx").update(text="Egen stavning")
    assert "1 skipped" in load(content_dir)
    assert Label.objects.filter(text="Egen stavning").exists()


def test_force_overwrites_an_edited_entry(content_dir):
    load(content_dir)
    Title.objects.filter(slug="assistent").update(definition_en="Edited")
    load(content_dir, "--force")
    assert Title.objects.get(slug="assistent").definition_en == "Marketing Assistant is a role."


def test_a_changed_file_updates_an_untouched_entry(content_dir):
    load(content_dir)
    write(
        content_dir,
        entry("koordinator", "Marknadskoordinator", "Marketing Coordinator", seniority="mid"),
    )
    output = load(content_dir)
    assert "1 updated" in output
    assert Title.objects.get(slug="koordinator").seniority == "mid"


def test_if_empty_leaves_an_existing_glossary_alone(content_dir):
    load(content_dir)
    Title.objects.filter(slug="assistent").delete()
    output = load(content_dir, "--if-empty")
    assert "nothing loaded" in output
    assert not Title.objects.filter(slug="assistent").exists()


@pytest.mark.parametrize(
    "change, message",
    [
        (
            {"relations": [{"type": "related", "target": "nobody"}]},
            "assistent.yaml: relations[0].target: unknown relation target 'nobody'",
        ),
        (
            {"definition": {"sv": "Bara svenska.", "en": ""}},
            "assistent.yaml: definition.en: missing translation",
        ),
        (
            {"responsibilities": [{"sv": "Planera", "en": ""}]},
            "assistent.yaml: responsibilities[0].en: missing translation",
        ),
        (
            {"labels": [{"text": "Assistent", "language": "sv", "kind": "preferred"}]},
            "assistent.yaml: labels[0].kind: duplicate preferred label",
        ),
        (
            {"labels": [{"text": "marknads-assistent", "language": "sv", "kind": "alternative"}]},
            "assistent.yaml: labels[0].text: 'marknads-assistent' repeats names",
        ),
        (
            {"labels": [{"text": "Assistent", "language": "sv", "kind": "nickname"}]},
            "assistent.yaml: labels[0].kind: unknown kind 'nickname'",
        ),
        ({"seniority": "junior"}, "assistent.yaml: seniority: 'junior' is not one of"),
        ({"tags": ["nonsense"]}, "assistent.yaml: tags: unknown tag 'nonsense'"),
        ({"defintion": {"sv": "x", "en": "y"}}, "assistent.yaml: defintion: unknown field"),
        ({"topics": ["nonsense"]}, "assistent.yaml: topics: unknown topic 'nonsense'"),
        (
            {"topics": ["newsletters", "trade-fairs"]},
            "assistent.yaml: topics: 2 given, a published entry needs at least 3",
        ),
        ({"pathway": {"sv": "Via YH.", "en": ""}}, "assistent.yaml: pathway.en: missing"),
        (
            {"identifiers": {"ssyk": "", "isco": "2431"}},
            "assistent.yaml: identifiers.ssyk: a published entry needs its SSYK 2012 code",
        ),
        (
            {"identifiers": {"ssyk": "9999", "isco": "2431"}},
            "assistent.yaml: identifiers.ssyk: '9999' is not in the SSYK 2012 table",
        ),
        (
            {"identifiers": {"ssyk": "2172", "isco": "2431"}},
            "assistent.yaml: identifiers.isco: '2431' does not correspond to SSYK 2172",
        ),
        (
            {"identifiers": {"ssyk": "2431", "isco": "2431", "esco": "esco:marketer"}},
            "assistent.yaml: identifiers.esco: give the full occupation URI",
        ),
        (
            {"identifiers": {"ssyk": "2431", "isco": "24310"}},
            "assistent.yaml: identifiers.isco: '24310' is not a code of four digits",
        ),
    ],
)
def test_bad_content_is_rejected_naming_entry_and_field(content_dir, change, message):
    bad = entry("assistent", "Marknadsassistent", "Marketing Assistant", **change)
    write(content_dir, bad)
    with pytest.raises(CommandError) as error:
        load(content_dir)
    assert message in str(error.value)
    assert "nothing was loaded" in str(error.value)
    # All or nothing: the valid entry was not loaded either.
    assert not Title.objects.exists()


def test_a_next_step_that_leads_down_the_ladder_is_rejected(content_dir):
    write(content_dir, entry("koordinator", "Marknadskoordinator", "Marketing Coordinator"))
    senior = entry("assistent", "Marknadsassistent", "Marketing Assistant", seniority="senior")
    senior["relations"] = [{"type": "next_step", "target": "koordinator"}]
    write(content_dir, senior)
    with pytest.raises(CommandError) as error:
        load(content_dir)
    assert (
        "assistent.yaml: relations[0]: the next step 'koordinator' is entry, "
        "below this role's senior"
    ) in str(error.value)


def test_broken_yaml_is_rejected_with_the_file_name(content_dir):
    (content_dir / "titles" / "broken.yaml").write_text("slug: [unclosed", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        load(content_dir)
    assert "broken.yaml: not readable YAML" in str(error.value)


# --- exportglossary ---------------------------------------------------------------------------


def test_export_writes_the_documented_shape(content_dir, tmp_path):
    load(content_dir)
    Title.objects.filter(slug="koordinator").update(status="draft")
    output = tmp_path / "export.json"
    call_command("exportglossary", "--output", str(output), stderr=StringIO())
    data = json.loads(output.read_text(encoding="utf-8"))
    assert data["format"] == "yrkesroller/1"
    assert "T" in data["exported_at"]
    by_slug = {title["slug"]: title for title in data["titles"]}
    assert set(by_slug) == {"assistent", "koordinator"}  # every status
    assert by_slug["koordinator"]["status"] == "draft"
    assistant = by_slug["assistent"]
    assert assistant["names"] == {"sv": "Marknadsassistent", "en": "Marketing Assistant"}
    assert assistant["labels"] == [
        {"text": "Marknadsassistentx", "language": "sv", "kind": "hidden", "note": ""}
    ]
    assert assistant["responsibilities"][0] == {"sv": "Planera", "en": "Plan"}
    assert {(r["type"], r["target"]) for r in assistant["relations"]} == {
        ("next_step", "koordinator"),
        ("confused_with", "koordinator"),
    }
    # The symmetric pair is listed once in the whole export.
    assert by_slug["koordinator"]["relations"] == []
    assert assistant["tags"] == ["coordination"]
    assert assistant["sources"][0]["title"].startswith("Yrkesroller")
    assert assistant["identifiers"] == {"esco": "", "ssyk": "2431", "isco": "2431"}
    assert assistant["topics"] == ["campaign-planning", "newsletters", "trade-fairs"]
    assert data["topics"]["newsletters"] == {"sv": "nyhetsbrev", "en": "newsletters"}
    assert assistant["pathway"]["en"] == "Often through a YH programme."
    for key in ("definition", "description", "note", "field", "seniority", "focus", "profile"):
        assert key in assistant


def test_export_to_standard_output_is_utf8_json(content_dir, capfdbinary):
    load(content_dir)
    call_command("exportglossary")
    data = json.loads(capfdbinary.readouterr().out.decode("utf-8"))
    assert data["titles"][0]["names"]["sv"] == "Marknadsassistent"
