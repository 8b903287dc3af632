"""Serialisations written a graph at a time: one document's head, many graphs' bodies, a tail.

rdflib writes a whole graph into one document. A dump of 50,000 titles as one graph needs
gigabytes, so ``dumps`` serialises the vocabulary chunk by chunk (``skos.vocabulary_chunks``)
and joins the pieces into one valid document per format:

- Turtle: each chunk as N-Triples lines, which are valid Turtle (a file of whole lines, no
  prefixes, written in a tenth of the time rdflib's pretty Turtle takes at 50,000 titles);
- RDF/XML: each chunk's ``rdf:Description`` elements, written here from the triples (one
  element per subject, a child per property; rdflib's XML serialiser took most of a dump's
  time), go inside one ``rdf:RDF`` element that declares every namespace the dump uses (a
  property in another namespace is an error, not a silently broken file);
- JSON-LD: each chunk's node objects go into one ``@graph`` under one ``@context``, written
  here from the graph's triples (a node per subject, compact keys from the context's
  prefixes): rdflib's JSON-LD serialiser spends most of its time compacting.

A subject described in two chunks (a collection, the scheme) is merged by every RDF reader;
the tests check that the joined files read back to the same graph as the whole.
"""

import json
import re
from xml.sax.saxutils import escape, quoteattr

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
# Longest namespace first, so a namespace inside another cannot take its names.
_XML_PREFIXES = sorted(XML_NAMESPACES.items(), key=lambda item: -len(item[1]))
_XML_NAME = re.compile(r"^[A-Za-z_][\w.-]*$", re.ASCII)
JSON_LD_TAIL = "\n]\n}\n"


def _qname(uri):
    for prefix, namespace in _XML_PREFIXES:
        local = uri[len(namespace) :]
        if uri.startswith(namespace) and _XML_NAME.match(local):
            return f"{prefix}:{local}"
    raise ValueError(f"property {uri} is not in a namespace declared in the dump's head")


def _xml_node(term):
    if isinstance(term, BNode):
        return f"rdf:nodeID={quoteattr(str(term))}"
    return f"rdf:about={quoteattr(str(term))}"


def _xml_property(predicate, obj):
    name = _qname(str(predicate))
    if isinstance(obj, BNode):
        return f"<{name} rdf:nodeID={quoteattr(str(obj))}/>"
    if not isinstance(obj, Literal):
        return f"<{name} rdf:resource={quoteattr(str(obj))}/>"
    if obj.language:
        attribute = f" xml:lang={quoteattr(obj.language)}"
    elif obj.datatype is not None:
        attribute = f" rdf:datatype={quoteattr(str(obj.datatype))}"
    else:
        attribute = ""
    return f"<{name}{attribute}>{escape(str(obj))}</{name}>"


def xml_body(graph):
    """The ``rdf:RDF`` element's content of ``graph`` as RDF/XML: an ``rdf:Description`` per
    subject (in order, so a dump is the same file each time), a child element per triple."""
    properties = {}
    for subject, predicate, obj in graph:
        properties.setdefault(subject, []).append(_xml_property(predicate, obj))
    parts = []
    for subject in sorted(properties, key=lambda term: (isinstance(term, BNode), str(term))):
        parts.append(f"  <rdf:Description {_xml_node(subject)}>\n")
        parts.extend(f"    {line}\n" for line in sorted(properties[subject]))
        parts.append("  </rdf:Description>\n")
    return "".join(parts)


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
