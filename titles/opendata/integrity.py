"""The SKOS integrity conditions that a vocabulary can break, as checks over a graph.

Small qSKOS-style checks rather than a SHACL engine: each names the condition of the SKOS
reference (W3C, 2009) it tests and returns the offending resources, so a test or
``manage.py checkvocabulary`` can say exactly what is wrong. An empty list means it holds.
"""

from collections import defaultdict

from rdflib.namespace import RDF, SKOS

LABELS = (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)


def two_preferred_labels(graph):
    """S14: a resource has no more than one ``skos:prefLabel`` per language tag."""
    seen = defaultdict(list)
    for subject, label in graph.subject_objects(SKOS.prefLabel):
        seen[(subject, label.language)].append(label)
    return sorted(
        (str(subject), language, sorted(map(str, labels)))
        for (subject, language), labels in seen.items()
        if len(labels) > 1
    )


def overlapping_labels(graph):
    """S13: ``prefLabel``, ``altLabel`` and ``hiddenLabel`` are pairwise disjoint."""
    problems = []
    for index, first in enumerate(LABELS):
        for second in LABELS[index + 1 :]:
            for subject, label in graph.subject_objects(first):
                if (subject, second, label) in graph:
                    problems.append((str(subject), str(label), first.fragment, second.fragment))
    return sorted(problems)


def transitive(parents):
    """{node: every node reachable through ``parents``}, for the nodes that have parents; a
    loop ends where it closes."""
    closure = {}
    for start in list(parents):
        found, stack = set(), list(parents[start])
        while stack:
            node = stack.pop()
            if node not in found:
                found.add(node)
                stack.extend(parents.get(node, ()))
        closure[start] = found
    return closure


def _broader_closure(graph):
    """Every concept's ancestors through ``skos:broader`` (and inverse ``narrower``)."""
    parents = defaultdict(set)
    for child, parent in graph.subject_objects(SKOS.broader):
        parents[child].add(parent)
    for parent, child in graph.subject_objects(SKOS.narrower):
        parents[child].add(parent)
    return transitive(parents)


def related_and_broader(graph):
    """S27: ``skos:related`` is disjoint from ``skos:broaderTransitive``."""
    closure = _broader_closure(graph)
    return sorted(
        (str(first), str(second))
        for first, second in graph.subject_objects(SKOS.related)
        if second in closure.get(first, ()) or first in closure.get(second, ())
    )


def concepts_without_scheme(graph):
    """Every concept belongs to a concept scheme (``skos:inScheme``): not an integrity
    condition of SKOS, but a vocabulary whose concepts float free is a broken dump."""
    return sorted(
        str(concept)
        for concept in graph.subjects(RDF.type, SKOS.Concept)
        if (concept, SKOS.inScheme, None) not in graph
    )


CHECKS = {
    "two preferred labels in one language (S14)": two_preferred_labels,
    "a label that is both preferred, alternative or hidden (S13)": overlapping_labels,
    "related and broader at once (S27)": related_and_broader,
    "concept in no scheme": concepts_without_scheme,
}


def problems(graph):
    """{check name: [offending resources]} for each check that fails."""
    found = {name: check(graph) for name, check in CHECKS.items()}
    return {name: rows for name, rows in found.items() if rows}
