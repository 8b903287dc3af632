"""The glossary as a SKOS concept scheme, built with rdflib.

Each title is a ``skos:Concept`` whose URI is its Swedish role page (``/sv/yrken/<slug>/``),
absolute from ``base`` (``SITE_URL``, or the request's scheme and host). The scheme's URI is
the one the role page's JSON-LD already names as its ``DefinedTermSet`` (the A–Ö page,
``#set``), so both descriptions speak of the same vocabulary.

What maps to what:

- labels: ``preferred`` → ``skos:prefLabel``; ``alternative``, ``abbreviation`` and
  ``former`` → ``skos:altLabel`` (SKOS has no kind for the last two; SKOS-XL would only add
  indirection nobody asked for); ``hidden`` (misspellings search finds) → ``skos:hiddenLabel``;
- ``definition`` → ``skos:definition``, ``note`` → ``skos:scopeNote``, each ``@sv``/``@en``;
- ``related`` and ``confused_with`` → ``skos:related`` (both directions: it is symmetric),
  except between a role and one broader than it (see ``add_relations``);
- ``specialisation_of`` → ``skos:broader`` on the narrower role, ``skos:narrower`` back;
- ``next_step`` maps to nothing. A career step is not a narrower concept: a marketing
  assistant is not a kind of marketing manager, and ``skos:broader`` would make every
  consumer that expands queries downwards (the usual use of a thesaurus) find assistants
  when asked for managers. Nor is it ``skos:related`` (the two roles are easily told apart,
  and the glossary keeps ``related`` for overlapping roles). The step stays in the JSON dump;
- ``esco_uri`` → ``skos:closeMatch``: editors pick the nearest ESCO occupation, and
  ``exactMatch`` is transitive, a stronger claim than the content makes;
- ISCO-08 unit group → ``skos:broadMatch`` to ESCO's ISCO concept
  (``http://data.europa.eu/esco/isco/C2431``): a unit group holds many roles, so it is
  broader than any one title, never an exact or close match. SSYK 2012 has no published
  concept URIs we could verify, so it is only a notation;
- SSYK and ISCO codes → ``skos:notation`` typed with a datatype of our own (declared in the
  graph, described on the Data page), so ``2431`` says which classification it is from;
- ``updated_at`` → ``dct:modified``; retired titles are in the scheme with
  ``owl:deprecated true`` and ``dct:isReplacedBy`` (their replacement), but not among the top
  concepts, in no collection and with no relations;
- fields and tags → ``skos:Collection`` with bilingual ``skos:prefLabel``, whose members are
  the published concepts.

Queries and memory: the whole graph is built ``CHUNK`` titles at a time
(``vocabulary_chunks``), three queries a chunk (titles, labels, tags as plain rows) plus
three in all (newest change, relations as slug pairs, tag names), so a dump never holds more
than one chunk's graph. One concept's graph takes six.
"""

from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from titles.bilingual import bilingual
from titles.models import (
    LANGUAGE_CODES,
    Field,
    Label,
    LabelKind,
    Relation,
    RelationType,
    Status,
    Tag,
    TaggedTitle,
    Title,
)
from titles.opendata.integrity import transitive

LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")
ESCO_ISCO = "http://data.europa.eu/esco/isco/C"
PLACEHOLDER = "slug-placeholder"

LABEL_PROPERTIES = {
    LabelKind.PREFERRED: SKOS.prefLabel,
    LabelKind.ALTERNATIVE: SKOS.altLabel,
    LabelKind.ABBREVIATION: SKOS.altLabel,
    LabelKind.FORMER: SKOS.altLabel,
    LabelKind.HIDDEN: SKOS.hiddenLabel,
}
SYMMETRIC = (RelationType.RELATED, RelationType.CONFUSED_WITH)
PREFIXES = {"skos": SKOS, "dct": DCTERMS, "owl": OWL, "rdfs": RDFS, "xsd": XSD}


class Addresses:
    """The URIs of the vocabulary, absolute from ``base`` (``https://host``): the Swedish
    pages are canonical, as on the site. Paths are reversed once, not once per title."""

    def __init__(self, base):
        self.base = base.rstrip("/")
        with translation.override("sv"):
            self._role = reverse("titles:title-detail", args=[PLACEHOLDER])
            self._field = reverse("titles:field-detail", args=[PLACEHOLDER])
            self._tag = reverse("titles:tag-detail", args=[PLACEHOLDER])
            self.scheme = URIRef(f"{self.base}{reverse('titles:index')}#set")
            data_page = f"{self.base}{reverse('titles:data')}"
        self.ssyk = URIRef(f"{data_page}#ssyk2012")
        self.isco = URIRef(f"{data_page}#isco08")

    def _uri(self, path, slug):
        return URIRef(self.base + path.replace(PLACEHOLDER, slug))

    def concept(self, slug):
        return self._uri(self._role, slug)

    def field(self, slug):
        return self._uri(self._field, slug)

    def tag(self, slug):
        return self._uri(self._tag, slug)


CHUNK = 2000


def vocabulary_titles():
    """Published and retired titles, in slug order: what the vocabulary describes."""
    return (
        Title.objects.filter(status__in=[Status.PUBLISHED, Status.RETIRED])
        .order_by("slug")
        .annotate(replacement_slug=F("replaced_by__slug"))
    )


def with_rows(titles):
    """``titles`` (a list) with ``label_rows`` [(text, language, kind)] and ``tag_slugs``
    attached, in two queries. Plain rows, not model instances: taggit's prefetch builds a
    queryset per title, which at 50,000 titles costs more than the whole graph."""
    by_id = {title.pk: title for title in titles}
    for title in titles:
        title.label_rows, title.tag_slugs = [], []
    labels = Label.objects.filter(title_id__in=by_id).order_by("language", "kind", "text")
    for title_id, *row in labels.values_list("title_id", "text", "language", "kind"):
        by_id[title_id].label_rows.append(row)
    tagged = TaggedTitle.objects.filter(content_object_id__in=by_id).order_by("tag__slug")
    for title_id, slug in tagged.values_list("content_object_id", "tag__slug"):
        by_id[title_id].tag_slugs.append(slug)
    return titles


def title_chunks(titles, size=None):
    """``titles`` (a queryset in slug order) as lists of at most ``size``, ``with_rows``:
    memory and query count grow with the chunk, not with the glossary."""
    size = size or CHUNK
    last = None
    while True:
        page = titles.filter(slug__gt=last) if last is not None else titles
        chunk = list(page[:size])
        if chunk:
            yield with_rows(chunk)
        if len(chunk) < size:
            return
        last = chunk[-1].slug


def new_graph():
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def _bilingual(graph, subject, predicate, obj, field):
    for language in LANGUAGE_CODES:
        text = (getattr(obj, f"{field}_{language}", "") or "").strip()
        if text:
            graph.add((subject, predicate, Literal(text, lang=language)))


def add_scheme(graph, addresses, modified=None):
    """The concept scheme itself, its licence, and the datatypes of its notations."""
    scheme = addresses.scheme
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    for language in LANGUAGE_CODES:
        with translation.override(language):
            title = gettext("Yrkesroller – marketing job titles in Swedish and English")
            graph.add((scheme, DCTERMS.title, Literal(title, lang=language)))
            graph.add(
                (addresses.ssyk, RDFS.label, Literal(gettext("SSYK 2012 code"), lang=language))
            )
            graph.add((addresses.isco, RDFS.label, Literal(gettext("ISCO-08 code"), lang=language)))
    graph.add((scheme, DCTERMS.license, LICENCE))
    graph.add((addresses.ssyk, RDF.type, RDFS.Datatype))
    graph.add((addresses.isco, RDF.type, RDFS.Datatype))
    if modified is not None:
        graph.add((scheme, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime)))


def _labels(graph, concept, title):
    for text, language, kind in title.label_rows:
        predicate = LABEL_PROPERTIES.get(kind)
        if predicate is not None:
            graph.add((concept, predicate, Literal(text, lang=language)))


def _codes(graph, concept, title, addresses):
    if title.esco_uri:
        graph.add((concept, SKOS.closeMatch, URIRef(title.esco_uri)))
    if title.isco_code:
        graph.add((concept, SKOS.broadMatch, URIRef(ESCO_ISCO + title.isco_code)))
        graph.add((concept, SKOS.notation, Literal(title.isco_code, datatype=addresses.isco)))
    if title.ssyk_code:
        graph.add((concept, SKOS.notation, Literal(title.ssyk_code, datatype=addresses.ssyk)))


def add_concept(graph, title, addresses):
    """One title's own statements (not its relations or collections)."""
    concept = addresses.concept(title.slug)
    graph.add((concept, RDF.type, SKOS.Concept))
    graph.add((concept, SKOS.inScheme, addresses.scheme))
    _labels(graph, concept, title)
    _bilingual(graph, concept, SKOS.definition, title, "definition")
    _bilingual(graph, concept, SKOS.scopeNote, title, "note")
    _codes(graph, concept, title, addresses)
    graph.add((concept, DCTERMS.modified, Literal(title.updated_at, datatype=XSD.dateTime)))
    if title.status == Status.RETIRED:
        graph.add((concept, OWL.deprecated, Literal(True)))
        if title.replacement_slug:
            replacement = addresses.concept(title.replacement_slug)
            graph.add((concept, DCTERMS.isReplacedBy, replacement))
    return concept


def ancestors(rows):
    """{slug: slugs of every broader title, transitively} from ``specialisation_of`` rows."""
    parents = {}
    for source, target, kind in rows:
        if kind == RelationType.SPECIALISATION_OF:
            parents.setdefault(source, set()).add(target)
    return transitive(parents)


def add_relations(graph, rows, addresses, hierarchy):
    """``rows``: (source slug, target slug, type) of relations between published titles.

    SKOS forbids ``skos:related`` between concepts one of which is broader than the other
    (integrity condition S27). The content has such pairs: a specialisation is "often
    confused with" its broader role (PPC specialist and SEM specialist). There the
    hierarchy says more than the relation, so the ``related`` link is left out of the graph
    (the JSON dump keeps it). ``hierarchy`` is ``ancestors()`` of every published title, so
    one concept's graph leaves out the same links as the whole.
    """
    for source, target, kind in rows:
        source_uri, target_uri = addresses.concept(source), addresses.concept(target)
        if kind in SYMMETRIC:
            if target in hierarchy.get(source, ()) or source in hierarchy.get(target, ()):
                continue
            graph.add((source_uri, SKOS.related, target_uri))
            graph.add((target_uri, SKOS.related, source_uri))
        elif kind == RelationType.SPECIALISATION_OF:
            graph.add((source_uri, SKOS.broader, target_uri))
            graph.add((target_uri, SKOS.narrower, source_uri))


def _collection(graph, uri, names):
    graph.add((uri, RDF.type, SKOS.Collection))
    for language, name in names.items():
        if name:
            graph.add((uri, SKOS.prefLabel, Literal(name, lang=language)))


def collection_names():
    """{(kind, slug): {language: name}} of every field and tag (one query)."""
    names = {}
    for value in Field.values:
        for language in LANGUAGE_CODES:
            with translation.override(language):
                names.setdefault(("field", value), {})[language] = str(Field(value).label)
    for tag in Tag.objects.all():
        names[("tag", tag.slug)] = bilingual(tag, "name")
    return names


def add_collections(graph, titles, addresses, names):
    """Fields and tags as collections of the published concepts in them."""
    for title in titles:
        if title.status != Status.PUBLISHED:
            continue
        concept = addresses.concept(title.slug)
        groups = [("field", title.field, addresses.field(title.field))]
        groups += [("tag", slug, addresses.tag(slug)) for slug in title.tag_slugs]
        for kind, slug, uri in groups:
            if (uri, RDF.type, SKOS.Collection) not in graph:
                _collection(graph, uri, names.get((kind, slug), {}))
            graph.add((uri, SKOS.member, concept))


def _top_concepts(graph, titles, addresses):
    for title in titles:
        concept = addresses.concept(title.slug)
        if title.status == Status.PUBLISHED and (concept, SKOS.broader, None) not in graph:
            graph.add((addresses.scheme, SKOS.hasTopConcept, concept))
            graph.add((concept, SKOS.topConceptOf, addresses.scheme))


def _relation_rows(relations):
    return relations.order_by("pk").values_list("source__slug", "target__slug", "type")


def vocabulary_chunks(base, size=None):
    """The whole vocabulary as a series of graphs whose union is the vocabulary: the scheme
    first, then the concepts ``size`` at a time with the relations they are the source of.
    A concept's triples are all in its chunk; a collection's or the scheme's spread over
    several (RDF merges them), so a dump can be written a chunk at a time."""
    size = size or CHUNK
    addresses = Addresses(base)
    newest = Title.objects.published().aggregate(newest=Max("updated_at"))["newest"]
    scheme = new_graph()
    add_scheme(scheme, addresses, newest)
    yield scheme
    rows = list(_relation_rows(Relation.objects.between_published()))
    hierarchy, by_source = ancestors(rows), {}
    for row in rows:
        by_source.setdefault(row[0], []).append(row)
    names = collection_names()
    for titles in title_chunks(vocabulary_titles(), size):
        graph = new_graph()
        for title in titles:
            add_concept(graph, title, addresses)
            add_relations(graph, by_source.get(title.slug, ()), addresses, hierarchy)
        add_collections(graph, titles, addresses, names)
        _top_concepts(graph, titles, addresses)
        yield graph


def vocabulary_graph(base, size=None):
    """The whole published glossary (and its retired titles, deprecated) as one graph."""
    size = size or CHUNK
    graph = new_graph()
    for chunk in vocabulary_chunks(base, size):
        graph += chunk
    return graph


def concept_graph(title, base):
    """One published concept's graph: its statements, relations, collections and scheme.

    ``title`` is a ``vocabulary_titles()`` row."""
    addresses = Addresses(base)
    graph = new_graph()
    add_scheme(graph, addresses)
    with_rows([title])
    add_concept(graph, title, addresses)
    relations = Relation.objects.between_published()
    hierarchy = ancestors(_relation_rows(relations.filter(type=RelationType.SPECIALISATION_OF)))
    own = _relation_rows(relations.filter(Q(source=title) | Q(target=title)))
    add_relations(graph, own, addresses, hierarchy)
    add_collections(graph, [title], addresses, collection_names())
    _top_concepts(graph, [title], addresses)
    return graph
