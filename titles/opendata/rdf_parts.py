"""Serialisations written a graph at a time: one document's head, many graphs' bodies, a tail.

rdflib writes a whole graph into one document. A dump of 50,000 titles as one graph needs
gigabytes, so ``dumps`` serialises the vocabulary chunk by chunk (``skos.vocabulary_chunks``)
and joins the pieces into one valid document per format:

- Turtle: each chunk is a complete Turtle document, and Turtle allows ``@prefix`` anywhere,
  so the documents simply follow one another;
- RDF/XML: each chunk's ``rdf:Description`` elements go inside one ``rdf:RDF`` element that
  declares every namespace the chunks may use (a chunk declaring another is an error, not a
  silently broken file);
- JSON-LD: each chunk's node objects go into one ``@graph`` under one ``@context``.

A subject described in two chunks (a collection, the scheme) is merged by every RDF reader;
the tests check that the joined files read back to the same graph as the whole.
"""

import json
import re

from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

XML_NAMESPACES = {
    "dct": str(DCTERMS),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "xsd": str(XSD),
}
XML_HEAD = (
    '<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF\n'
    + "".join(f'   xmlns:{prefix}="{uri}"\n' for prefix, uri in XML_NAMESPACES.items())
    + ">\n"
)
XML_TAIL = "</rdf:RDF>\n"
XML_OPEN = re.compile(r"<rdf:RDF\b([^>]*)>")
XMLNS = re.compile(r'xmlns:([\w.-]+)="([^"]*)"')
JSON_LD_TAIL = "\n]\n}\n"


def xml_body(graph):
    """The ``rdf:RDF`` element's content of ``graph`` as RDF/XML."""
    text = graph.serialize(format="xml")
    opening = XML_OPEN.search(text)
    if opening is None:
        raise ValueError("rdflib wrote RDF/XML without an rdf:RDF element")
    for prefix, uri in XMLNS.findall(opening.group(1)):
        if XML_NAMESPACES.get(prefix) != uri:
            raise ValueError(f"namespace {prefix}={uri} is not declared in the dump's head")
    return text[opening.end() : text.rindex("</rdf:RDF>")].strip("\n") + "\n"


def json_ld_head(context):
    return '{\n "@context": ' + json.dumps(context) + ',\n "@graph": [\n'


def json_ld_nodes(graph, context):
    """The node objects of ``graph`` compacted with ``context``, comma-separated."""
    data = json.loads(graph.serialize(format="json-ld", context=context))
    if "@graph" in data:
        nodes = data["@graph"]
    else:
        data.pop("@context", None)
        nodes = [data] if data else []
    return ",\n".join(json.dumps(node, ensure_ascii=False) for node in nodes)
