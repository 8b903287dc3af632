"""Serialisations written a graph at a time: one document's head, many graphs' bodies, a tail.

rdflib writes a whole graph into one document. A dump of 50,000 titles as one graph needs
gigabytes, so ``dumps`` serialises the vocabulary chunk by chunk (``skos.vocabulary_chunks``)
and joins the pieces into one valid document per format:

- Turtle: each chunk as N-Triples lines, which are valid Turtle (a file of whole lines, no
  prefixes, written in a tenth of the time rdflib's pretty Turtle takes at 50,000 titles);
- RDF/XML: each chunk's ``rdf:Description`` elements go inside one ``rdf:RDF`` element that
  declares every namespace the chunks may use (a chunk declaring another is an error, not a
  silently broken file);
- JSON-LD: each chunk's node objects go into one ``@graph`` under one ``@context``, written
  here from the graph's triples (a node per subject, compact keys from the context's
  prefixes): rdflib's JSON-LD serialiser spends most of its time compacting.

A subject described in two chunks (a collection, the scheme) is merged by every RDF reader;
the tests check that the joined files read back to the same graph as the whole.
"""

import json
import re

from rdflib import BNode, Literal
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


def turtle_body(graph):
    """``graph`` as N-Triples: Turtle that needs no prefixes and joins by concatenation."""
    return graph.serialize(format="nt")


def _compact(uri, prefixes):
    for prefix, namespace in prefixes:
        if uri.startswith(namespace) and len(uri) > len(namespace):
            return f"{prefix}:{uri[len(namespace) :]}"
    return uri


def _node_ref(term):
    return {"@id": f"_:{term}" if isinstance(term, BNode) else str(term)}


def _value(term, prefixes):
    if not isinstance(term, Literal):
        return _node_ref(term)
    value = {"@value": str(term)}
    if term.language:
        value["@language"] = term.language
    elif term.datatype is not None:
        value["@type"] = _compact(str(term.datatype), prefixes)
    return value


def json_ld_nodes(graph, context):
    """The node objects of ``graph`` under ``context`` (its prefixes), comma-separated:
    one object per subject, each property's values as a list, ``rdf:type`` as ``@type``."""
    prefixes = sorted(
        ((name, uri) for name, uri in context.items() if isinstance(uri, str)),
        key=lambda item: -len(item[1]),
    )
    nodes = {}
    for subject, predicate, obj in graph:
        node = nodes.setdefault(subject, _node_ref(subject))
        if predicate == RDF.type and not isinstance(obj, Literal):
            node.setdefault("@type", []).append(_compact(str(obj), prefixes))
        else:
            key = _compact(str(predicate), prefixes)
            node.setdefault(key, []).append(_value(obj, prefixes))
    ordered = sorted(nodes.values(), key=lambda node: node["@id"])
    return ",\n".join(json.dumps(node, ensure_ascii=False) for node in ordered)
