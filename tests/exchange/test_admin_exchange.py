"""Import and export through the admin and the command line: previews, refusals, round trips."""

import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from tests.factories import make_label, make_title
from titles.exchange.csv_format import from_csv, to_csv
from titles.exchange.format import export_glossary
from titles.exchange.loader import load_content, read_content
from titles.models import Title

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:titles_title_changelist")
IMPORT = reverse("admin:titles_title_import")


def upload(client, name, content, **extra):
    file = SimpleUploadedFile(name, content.encode("utf-8"))
    return client.post(IMPORT, {"file": file, **extra})


def test_admin_import_previews_then_writes_on_confirm(publisher_client):
    title = make_title(definition_en="Before.")
    data = export_glossary()
    data["titles"][0]["definition"]["en"] = "After."
    response = upload(publisher_client, "glossary.json", json.dumps(data))
    page = response.content.decode()
    assert "0 to create, 1 to change" in page
    assert "change: definition" in page
    assert Title.objects.get(pk=title.pk).definition_en == "Before."
    response = publisher_client.post(IMPORT, {"confirm": "1"})
    assert response.status_code == 302
    assert Title.objects.get(pk=title.pk).definition_en == "After."


def test_admin_import_of_a_bad_file_lists_the_reasons_and_writes_nothing(publisher_client):
    make_title(slug="kvar")
    data = export_glossary()
    data["titles"][0]["relations"] = [{"type": "related", "target": "saknas"}]
    data["titles"][0]["definition"]["en"] = "Should not be saved."
    page = upload(publisher_client, "glossary.json", json.dumps(data)).content.decode()
    assert "Rejected: titles[0] (kvar): relations[0].target: unknown relation target" in page
    assert "Confirm import" not in page
    assert Title.objects.get(slug="kvar").definition_en != "Should not be saved."


def test_admin_import_refuses_a_file_that_is_not_json(publisher_client):
    page = upload(publisher_client, "glossary.json", "{oops").content.decode()
    assert "The file is not valid JSON" in page


def test_an_editor_cannot_publish_through_an_import(editor_client):
    make_title(slug="ny-roll", status="published")
    data = export_glossary()
    Title.objects.all().delete()  # importing it now would create a published title
    response = upload(editor_client, "glossary.json", json.dumps(data))
    assert response.status_code == 403
    assert not Title.objects.exists()


def test_admin_exports_a_filtered_selection_as_json_and_csv(editor_client):
    chosen, _unchosen = make_title(), make_title()
    make_label(chosen, "Alias", language="sv")
    params = {"_selected_action": [chosen.pk]}
    response = editor_client.post(CHANGELIST, {"action": "export_json", **params})
    data = json.loads(response.content)
    assert [title["slug"] for title in data["titles"]] == [chosen.slug]
    response = editor_client.post(CHANGELIST, {"action": "export_csv", **params})
    assert response["Content-Type"].startswith("text/csv")
    assert from_csv(response.content.decode())["titles"] == data["titles"]


def test_csv_round_trips_the_real_content(tmp_path):
    load_content(read_content())
    data = export_glossary()
    again = from_csv(to_csv(data), exported_at=data["exported_at"])
    assert again["titles"] == data["titles"]
    used = {slug for title in data["titles"] for slug in title["tags"]}
    assert again["tags"] == {slug: data["tags"][slug] for slug in sorted(used)}
    used = {slug for title in data["titles"] for slug in title["topics"]}
    assert used and again["topics"] == {slug: data["topics"][slug] for slug in sorted(used)}


def test_command_line_csv_export_and_import_round_trip(tmp_path):
    make_label(make_title(slug="en-roll"), "Alias", language="en", kind="abbreviation")
    path = tmp_path / "glossary.csv"
    call_command("exportglossary", "--output", str(path), stderr=StringIO())
    first = path.read_text(encoding="utf-8")
    Title.objects.all().delete()
    call_command("importglossary", str(path), stdout=StringIO())
    call_command("exportglossary", "--output", str(path), stderr=StringIO())
    assert path.read_text(encoding="utf-8") == first


def test_command_line_export_of_a_selection(tmp_path):
    make_title(slug="utkast", status="draft")
    make_title(slug="publicerad", status="published")
    path = tmp_path / "drafts.json"
    call_command("exportglossary", "--status", "draft", "--output", str(path), stderr=StringIO())
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [title["slug"] for title in data["titles"]] == ["utkast"]


def test_an_editor_cannot_unpublish_through_an_import(editor_client):
    make_title(slug="publicerad", status="published")
    data = export_glossary()
    data["titles"][0]["status"] = "draft"
    response = upload(editor_client, "glossary.json", json.dumps(data))
    assert response.status_code == 403
    assert Title.objects.get(slug="publicerad").status == "published"


def test_an_editor_may_import_changes_to_drafts(editor_client):
    make_title(slug="utkast", status="draft", definition_en="Before.")
    data = export_glossary()
    data["titles"][0]["definition"]["en"] = "After."
    page = upload(editor_client, "glossary.json", json.dumps(data)).content.decode()
    assert "0 to create, 1 to change" in page
    editor_client.post(IMPORT, {"confirm": "1"})
    assert Title.objects.get(slug="utkast").definition_en == "After."
