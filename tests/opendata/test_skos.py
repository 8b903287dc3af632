"""The SKOS vocabulary: what each title says in it, that every serialisation reads back to
the same graph, that the SKOS integrity conditions hold, in a constant number of queries."""

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS

from tests.factories import make_label, make_relation, make_title
from tests.opendata.conftest import BASE
from titles.opendata.dumps import JSON_LD_CONTEXT
from titles.opendata.integrity import problems
from titles.opendata.skos import concept_graph, vocabulary_graph, vocabulary_titles

pytestmark = pytest.mark.django_db


def concept(slug):
    return URIRef(f"{BASE}/sv/yrken/{slug}/")


def test_each_title_is_a_concept_at_its_swedish_page_with_labels_by_kind(small_glossary):
    graph = vocabulary_graph(BASE)
    seo = concept("seo-specialist")
    assert (seo, RDF.type, SKOS.Concept) in graph
    assert set(graph.objects(seo, SKOS.prefLabel)) == {
        Literal("SEO-specialist", lang="sv"),
        Literal("SEO Specialist", lang="en"),
    }
    assert set(graph.objects(seo, SKOS.altLabel)) == {
        Literal("Sökmotorspecialist", lang="sv"),
        Literal("SEO", lang="en"),  # an abbreviation
        Literal("Sökmotoroptimerare", lang="sv"),  # a former name
    }
    assert set(graph.objects(seo, SKOS.hiddenLabel)) == {Literal("seo-specalist", lang="sv")}
    assert Literal("Not the same as SEM.", lang="en") in set(graph.objects(seo, SKOS.scopeNote))
    assert len(set(graph.objects(seo, SKOS.definition))) == 2
    assert (seo, DCTERMS.modified, None) in graph


def test_relations_map_to_skos_and_next_step_is_not_broader(small_glossary):
    graph = vocabulary_graph(BASE)
    seo, digital = concept("seo-specialist"), concept("digital-marknadsforare")
    sem, chief = concept("sem-specialist"), concept("marknadschef")
    assert (seo, SKOS.broader, digital) in graph and (digital, SKOS.narrower, seo) in graph
    assert (seo, SKOS.related, sem) in graph and (sem, SKOS.related, seo) in graph
    assert not set(graph.predicates(seo, chief)) and not set(graph.predicates(chief, seo))
    assert (graph.value(predicate=SKOS.hasTopConcept, object=seo)) is None
    assert (None, SKOS.hasTopConcept, digital) in graph


def test_codes_are_typed_notations_and_matches(small_glossary):
    graph = vocabulary_graph(BASE)
    seo = concept("seo-specialist")
    notations = {(str(n), str(n.datatype)) for n in graph.objects(seo, SKOS.notation)}
    assert notations == {("2431", f"{BASE}/sv/data/#ssyk2012"), ("2431", f"{BASE}/sv/data/#isco08")}
    assert (seo, SKOS.broadMatch, URIRef("http://data.europa.eu/esco/isco/C2431")) in graph
    esco = small_glossary["seo"].esco_uri
    assert (seo, SKOS.closeMatch, URIRef(esco)) in graph


def test_retired_title_is_deprecated_and_replaced_but_in_no_collection(small_glossary):
    graph = vocabulary_graph(BASE)
    old = concept("sokmotoroptimerare")
    assert (old, OWL.deprecated, Literal(True)) in graph
    assert (old, DCTERMS.isReplacedBy, concept("seo-specialist")) in graph
    assert (None, SKOS.member, old) not in graph
    assert (None, SKOS.hasTopConcept, old) not in graph


def test_drafts_never_appear_not_even_as_a_related_uri(small_glossary):
    text = vocabulary_graph(BASE).serialize(format="turtle")
    assert "hemlig" not in text.lower() and "Secret role" not in text


def test_fields_and_tags_are_bilingual_collections_of_published_concepts(small_glossary):
    graph = vocabulary_graph(BASE)
    tag = URIRef(f"{BASE}/sv/taggar/sok/")
    field = URIRef(f"{BASE}/sv/omraden/marketing/")
    assert (tag, RDF.type, SKOS.Collection) in graph
    assert set(graph.objects(tag, SKOS.prefLabel)) == {
        Literal("Sök", lang="sv"),
        Literal("Search", lang="en"),
    }
    assert set(graph.objects(tag, SKOS.member)) == {
        concept("seo-specialist"),
        concept("sem-specialist"),
    }
    assert Literal("Marketing", lang="en") in set(graph.objects(field, SKOS.prefLabel))
    assert len(set(graph.objects(field, SKOS.member))) == 4


@pytest.mark.parametrize(
    "form, extra",
    [("turtle", {}), ("xml", {}), ("json-ld", {"context": JSON_LD_CONTEXT}), ("nt", {})],
)
def test_every_serialisation_reads_back_to_the_same_graph(small_glossary, form, extra):
    graph = vocabulary_graph(BASE)
    text = graph.serialize(format=form, **extra)
    assert isomorphic(graph, Graph().parse(data=text, format=form))


def test_the_vocabulary_meets_the_skos_integrity_conditions(small_glossary):
    assert problems(vocabulary_graph(BASE)) == {}


def test_the_checks_catch_each_broken_condition():
    graph = Graph()
    a, b = URIRef("http://x/a"), URIRef("http://x/b")
    graph.add((a, RDF.type, SKOS.Concept))
    graph.add((a, SKOS.prefLabel, Literal("Ett", lang="sv")))
    graph.add((a, SKOS.prefLabel, Literal("Två", lang="sv")))
    graph.add((a, SKOS.altLabel, Literal("Ett", lang="sv")))
    graph.add((b, SKOS.narrower, a))
    graph.add((a, SKOS.related, b))
    assert set(problems(graph)) == {
        "two preferred labels in one language (S14)",
        "a label that is both preferred, alternative or hidden (S13)",
        "related and broader at once (S27)",
        "concept in no scheme",
    }


def test_whole_graph_takes_a_constant_number_of_queries(db, django_assert_num_queries):
    def build(count):
        titles = [make_title() for _ in range(count)]
        for first, second in zip(titles, titles[1:], strict=False):
            make_label(first, f"Alias {first.slug}", "sv")
            make_relation(first, second, "related")

    build(2)
    with django_assert_num_queries(6):
        vocabulary_graph(BASE)
    build(10)
    with django_assert_num_queries(6):
        assert len(set(vocabulary_graph(BASE).subjects(RDF.type, SKOS.Concept))) == 12


def test_the_graph_is_the_same_built_in_small_chunks(small_glossary):
    """Dumps are written a chunk at a time; the union must be the same graph."""
    assert isomorphic(vocabulary_graph(BASE, size=2), vocabulary_graph(BASE))


def test_one_concepts_graph_is_its_own_part_of_the_whole(small_glossary):
    title = vocabulary_titles().get(slug="seo-specialist")
    small = concept_graph(title, BASE)
    whole = vocabulary_graph(BASE)
    assert len(small) > 10
    assert all(triple in whole for triple in small if triple[1] != DCTERMS.modified)
    assert problems(small) == {}


def test_a_specialisation_confused_with_its_broader_role_is_not_also_related(db):
    """SKOS S27: the content has such pairs (PPC and SEM specialist); broader wins."""
    sem = make_title(slug="sem-specialist")
    ppc = make_title(slug="ppc-specialist")
    bid = make_title(slug="budstrateg")
    make_relation(ppc, sem, "specialisation_of")
    make_relation(bid, ppc, "specialisation_of")
    make_relation(ppc, sem, "confused_with")
    make_relation(sem, bid, "related")  # broader through ppc: transitively
    graph = vocabulary_graph(BASE)
    assert problems(graph) == {}
    assert (concept("ppc-specialist"), SKOS.broader, concept("sem-specialist")) in graph
    assert (None, SKOS.related, None) not in graph
    small = concept_graph(vocabulary_titles().get(slug="sem-specialist"), BASE)
    assert (None, SKOS.related, None) not in small
