"""Open data: the glossary as a SKOS vocabulary and as downloadable files.

``skos`` builds the RDF graph (rdflib), ``integrity`` checks it against the SKOS integrity
conditions, ``negotiation`` lets a role page's URL (the concept URI) answer in machine forms,
``dumps`` writes the downloads and their manifest, and ``views``/``urls`` serve them and the
Data page.
"""
