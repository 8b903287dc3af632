"""Bad input gets a clear answer (issue 12): unsafe URLs, values longer than their column,
spreadsheet formulas in CSV, in the admin, the import and the YAML loader."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.factories import make_label, make_source, make_title
from titles.exchange.checks import ContentError
from titles.exchange.csv_format import from_csv, to_csv
from titles.exchange.format import export_glossary
from titles.exchange.loader import read_content
from titles.models import Source, Title

pytestmark = pytest.mark.django_db

UNSAFE_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    " https://example.org/leading-space",
    "ftp://example.org/file",
]
CONTENT = Path(settings.BASE_DIR) / "content"


@pytest.fixture
def content_copy(tmp_path):
    """A copy of the bundled content to break."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT, copy)
    return copy


def edit_yaml(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.mark.parametrize("url", UNSAFE_URLS)
def test_the_loader_refuses_a_source_url_that_is_not_http_naming_it(content_copy, url):
    edit_yaml(content_copy / "sources.yaml", lambda data: data["esco"].update(url=url))
    with pytest.raises(ContentError) as refused:
        read_content(content_copy)
    assert any(problem.startswith("sources.yaml: esco.url: ") for problem in refused.value.problems)


def test_the_loader_refuses_a_name_longer_than_its_column(content_copy):
    edit_yaml(
        content_copy / "titles" / "saljare.yaml",
        lambda entry: entry["names"].update(sv="S" * 5000),
    )
    with pytest.raises(ContentError) as refused:
        read_content(content_copy)
    assert "saljare.yaml: names.sv: 5000 characters, at most 120 fit" in refused.value.problems


def test_loadglossary_reports_a_long_name_as_a_problem_not_a_traceback(content_copy, settings):
    edit_yaml(
        content_copy / "titles" / "saljare.yaml",
        lambda entry: entry["labels"].append(
            {"text": "x" * 500, "language": "sv", "kind": "hidden"}
        ),
    )
    with pytest.raises(CommandError, match="labels.*500 characters, at most 120 fit"):
        call_command("loadglossary", "--path", str(content_copy), stdout=StringIO())
    assert not Title.objects.exists()


def upload(client, name, content):
    file = SimpleUploadedFile(name, content.encode("utf-8"))
    return client.post(reverse("admin:titles_title_import"), {"file": file})


def test_the_import_refuses_a_long_name_with_a_message_on_both_databases(publisher_client):
    title = make_title(slug="lang")
    data = export_glossary()
    data["titles"][0]["names"]["sv"] = "N" * 5000
    response = upload(publisher_client, "glossary.json", json.dumps(data))
    assert response.status_code == 200
    assert "names.sv: 5000 characters, at most 120 fit" in response.content.decode()
    assert Title.objects.get(pk=title.pk).name_sv != "N" * 5000


@pytest.mark.parametrize("url", UNSAFE_URLS)
def test_the_import_refuses_an_unsafe_source_url(publisher_client, url):
    title = make_title(slug="kalla")
    title.sources.add(make_source(key="bad", title="A source", url="https://example.org/"))
    data = export_glossary()
    data["titles"][0]["sources"][0]["url"] = url
    page = upload(publisher_client, "glossary.json", json.dumps(data)).content.decode()
    assert "titles[0]: sources: bad.url: " in page
    assert Source.objects.get(key="bad").url == "https://example.org/"


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:,x", "ftp://x.org/a"]
)
def test_the_admin_refuses_an_unsafe_source_url(publisher_client, url):
    response = publisher_client.post(
        reverse("admin:titles_source_add"), {"key": "ny", "title": "A source", "url": url}
    )
    assert response.status_code == 200
    assert not Source.objects.filter(key="ny").exists()
    assert "errorlist" in response.content.decode()


def test_the_admin_accepts_a_web_address(publisher_client):
    response = publisher_client.post(
        reverse("admin:titles_source_add"),
        {"key": "ny", "title": "A source", "url": "HTTPS://example.org/page"},
    )
    assert response.status_code == 302
    assert Source.objects.filter(key="ny").exists()


FORMULAS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR", "'=quoted"]


@pytest.mark.parametrize("text", FORMULAS)
def test_csv_shows_formulas_as_text_and_reads_them_back_unchanged(text):
    title = make_title(definition_en=text)
    make_label(title, text, language="en")
    data = export_glossary()
    written = to_csv(data)
    for line in written.splitlines()[1:]:
        for cell in line.split(","):
            assert not cell.strip('"').startswith(("=", "+", "-", "@"))
    assert from_csv(written, exported_at=data["exported_at"])["titles"] == data["titles"]
