"""Exchange: the glossary in and out of the database, in the ``yrkesroller/1`` format.

``format`` (the JSON shape, a public contract) and ``csv_format`` (the same as CSV) write it;
``checks`` validates an entry; ``writer`` makes titles say what an entry says; ``loader``
reads the bundled YAML content (``content/``) and ``importer`` an export, both through the
checks and the writer; ``copycheck`` keeps the seeds' sentences out of the content.

This package's ``__init__`` imports nothing, so ``python -m titles.exchange.copycheck``
runs without Django.
"""
