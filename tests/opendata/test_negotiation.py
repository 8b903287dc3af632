"""A role page's URL is its concept URI: machine forms by Accept, the page for browsers."""

import json

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SKOS

from tests.opendata.conftest import BASE
from tests.pages import url_in

pytestmark = pytest.mark.django_db

SEO = url_in("sv", "titles:title-detail", "seo-specialist")
FORMS = [
    ("text/turtle", "turtle"),
    ("application/rdf+xml", "xml"),
    ("application/ld+json", "json-ld"),
]


@pytest.mark.parametrize("accept, form", FORMS)
def test_the_page_url_answers_the_concepts_graph_when_asked(client, small_glossary, accept, form):
    response = client.get(SEO, HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(accept)
    assert "Accept" in response["Vary"]
    assert response["Content-Location"].startswith("/data/roles/seo-specialist.")
    graph = Graph().parse(data=response.content, format=form)
    assert (URIRef(f"{BASE}{SEO}"), RDF.type, SKOS.Concept) in graph


def test_the_english_page_url_answers_the_same_concept(client, small_glossary):
    english = url_in("en", "titles:title-detail", "seo-specialist")
    response = client.get(english, HTTP_ACCEPT="text/turtle")
    graph = Graph().parse(data=response.content, format="turtle")
    assert (URIRef(f"{BASE}{SEO}"), RDF.type, SKOS.Concept) in graph


def test_application_json_is_the_public_yrkesroller_entry(client, small_glossary):
    response = client.get(SEO, HTTP_ACCEPT="application/json")
    entry = json.loads(response.content)
    assert response["Content-Type"].startswith("application/json")
    assert entry["slug"] == "seo-specialist" and entry["names"]["en"] == "SEO Specialist"
    targets = {relation["target"] for relation in entry["relations"]}
    assert targets == {"digital-marknadsforare", "sem-specialist", "marknadschef"}  # no draft


@pytest.mark.parametrize(
    "accept",
    [None, "*/*", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"],
)
def test_browsers_keep_the_page_and_it_varies_on_accept(client, small_glossary, accept):
    headers = {"HTTP_ACCEPT": accept} if accept else {}
    response = client.get(SEO, **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Accept" in response["Vary"]


def test_html_preferred_over_turtle_by_quality_keeps_the_page(client, small_glossary):
    response = client.get(SEO, HTTP_ACCEPT="text/turtle;q=0.5, text/html")
    assert response["Content-Type"].startswith("text/html")


def test_the_page_links_each_machine_form(client, small_glossary):
    html = client.get(SEO).content.decode()
    for media_type, extension in [
        ("text/turtle", "ttl"),
        ("application/rdf+xml", "rdf"),
        ("application/ld+json", "jsonld"),
        ("application/json", "json"),
    ]:
        href = f"/data/roles/seo-specialist.{extension}"
        assert f'<link rel="alternate" type="{media_type}" href="{href}">' in html


def test_linked_data_urls_work_without_headers(client, small_glossary):
    response = client.get("/data/roles/seo-specialist.ttl")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/turtle")
    assert response["Access-Control-Allow-Origin"] == "*"
    again = client.get("/data/roles/seo-specialist.ttl", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_turtle_and_page_have_different_etags(client, small_glossary):
    page = client.get(SEO)
    data = client.get(SEO, HTTP_ACCEPT="text/turtle")
    assert page["ETag"] != data["ETag"]
    stale = client.get(SEO, HTTP_ACCEPT="text/turtle", HTTP_IF_NONE_MATCH=page["ETag"])
    assert stale.status_code == 200


def test_retired_slug_still_redirects_and_drafts_stay_hidden(client, small_glossary):
    old = url_in("sv", "titles:title-detail", "sokmotoroptimerare")
    response = client.get(old, HTTP_ACCEPT="text/turtle")
    assert response.status_code == 301 and response["Location"] == SEO
    draft = url_in("sv", "titles:title-detail", "hemlig-roll")
    assert client.get(draft, HTTP_ACCEPT="text/turtle").status_code == 404
    assert client.get("/data/roles/hemlig-roll.ttl").status_code == 404
    assert client.get("/data/roles/seo-specialist.exe").status_code == 404


def test_one_concept_takes_a_constant_number_of_queries(
    client, small_glossary, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        assert client.get(SEO, HTTP_ACCEPT="text/turtle").status_code == 200
