"""The downloads: what `builddumps` writes, how /data/ serves it, rebuilt when content
changes, and the Data page that lists it."""

import csv
import hashlib
import io
import json

import pytest
from django.core.management import call_command
from rdflib import Graph
from rdflib.compare import isomorphic

from tests.opendata.conftest import BASE
from tests.pages import url_in
from titles.models import Title
from titles.opendata.dumps import FILES, MANIFEST, build_dumps
from titles.opendata.skos import vocabulary_graph

pytestmark = pytest.mark.django_db


def test_builddumps_writes_every_file_and_a_true_manifest(small_glossary, site_url_and_dumps_dir):
    call_command("builddumps")
    directory = site_url_and_dumps_dir
    manifest = json.loads((directory / MANIFEST).read_text())
    assert [entry["name"] for entry in manifest["files"]] == list(FILES)
    assert manifest["licence"] == "CC BY 4.0" and manifest["site_url"] == BASE
    for entry in manifest["files"]:
        data = (directory / entry["name"]).read_bytes()
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize("chunk", [2, 2000])
def test_skos_dumps_are_the_vocabulary(small_glossary, site_url_and_dumps_dir, chunk, monkeypatch):
    monkeypatch.setattr("titles.opendata.skos.CHUNK", chunk)
    monkeypatch.setattr("titles.opendata.dumps.CHUNK", chunk)
    build_dumps(BASE)
    whole = vocabulary_graph(BASE)
    for name, form in [("ttl", "turtle"), ("rdf", "xml"), ("jsonld", "json-ld")]:
        graph = Graph().parse(site_url_and_dumps_dir / f"yrkesroller.{name}", format=form)
        assert isomorphic(graph, whole), name


@pytest.mark.parametrize("chunk", [3, 2000])
def test_json_and_csv_dumps_hold_the_published_entries_only(
    small_glossary, site_url_and_dumps_dir, chunk, monkeypatch
):
    monkeypatch.setattr("titles.opendata.dumps.CHUNK", chunk)
    build_dumps(BASE)
    export = json.loads((site_url_and_dumps_dir / "yrkesroller.json").read_text())
    slugs = {entry["slug"] for entry in export["titles"]}
    assert export["format"] == "yrkesroller/1"
    assert slugs == {"seo-specialist", "digital-marknadsforare", "sem-specialist", "marknadschef"}
    assert "hemlig-roll" not in (site_url_and_dumps_dir / "yrkesroller.json").read_text()
    rows = list(
        csv.DictReader(io.StringIO((site_url_and_dumps_dir / "yrkesroller.csv").read_text()))
    )
    assert {row["slug"] for row in rows} == slugs


def test_data_files_are_served_with_validators(client, small_glossary):
    response = client.get("/data/yrkesroller.ttl")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/turtle; charset=utf-8"
    body = b"".join(response.streaming_content)
    assert f'"{hashlib.sha256(body).hexdigest()}"' == response["ETag"]
    assert "Last-Modified" in response
    again = client.get("/data/yrkesroller.ttl", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_unknown_or_missing_file_is_a_clear_404(client, small_glossary, site_url_and_dumps_dir):
    assert client.get("/data/passwords.txt").status_code == 404
    assert client.get("/data/..%2Fdb.sqlite3").status_code == 404
    build_dumps(BASE)
    (site_url_and_dumps_dir / "yrkesroller.csv").unlink()
    response = client.get("/data/yrkesroller.csv")
    assert response.status_code == 404
    assert b"missing" in response.content


def test_a_change_to_published_content_rebuilds_the_dumps_on_the_next_request(
    client, small_glossary
):
    first = json.loads(b"".join(client.get("/data/manifest.json").streaming_content))
    Title.objects.filter(slug="marknadschef").update(name_en="Chief Marketing Officer")
    response = client.get("/data/yrkesroller.json")
    assert "Chief Marketing Officer" in b"".join(response.streaming_content).decode()
    second = json.loads(b"".join(client.get("/data/manifest.json").streaming_content))
    assert first["content_version"] != second["content_version"]


def test_unchanged_content_is_not_rebuilt(client, small_glossary, site_url_and_dumps_dir):
    build_dumps(BASE)
    before = (site_url_and_dumps_dir / MANIFEST).read_bytes()
    client.get("/data/yrkesroller.ttl")
    assert (site_url_and_dumps_dir / MANIFEST).read_bytes() == before


@pytest.mark.parametrize("language", ["sv", "en"])
def test_data_page_lists_downloads_licence_and_citation(client, small_glossary, language):
    response = client.get(url_in(language, "titles:data"))
    html = response.content.decode()
    assert response.status_code == 200
    for name in FILES:
        assert f'href="/data/{name}"' in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license"' in html
    assert html.count("<code>") >= len(FILES)  # the checksums
    assert f"{BASE}/" in html


def test_data_page_url_is_translated_and_linked_from_the_footer(client, small_glossary):
    assert url_in("sv", "titles:data") == "/sv/data/"
    assert url_in("en", "titles:data") == "/en/data/"
    home = client.get(url_in("en", "titles:home")).content.decode()
    assert 'href="/en/data/"' in home


def test_the_dumps_fast_path_gives_the_same_entries_as_the_export(small_glossary):
    """``with_owned`` replaces Django's prefetch for speed; the entries must not change."""
    from titles.exchange.format import export_queryset
    from titles.opendata.dumps import public_entries, public_entry

    expected = [public_entry(title) for title in export_queryset().filter(status="published")]
    assert public_entries() == expected
    assert any(entry["labels"] and entry["relations"] and entry["tags"] for entry in expected)
