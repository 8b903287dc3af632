"""The written query corpus (``corpus.yaml``) and the top results a database gives for it.

Run as a script, it answers the corpus on a fresh SQLite database of its own, so a test
running on PostgreSQL can compare both databases' answers in one run (``test_corpus``)::

    python -m tests.search.corpus OUTPUT.json      # DATABASE_URL=sqlite:///… in the env
"""

import json
import sys
from pathlib import Path

import yaml

CORPUS = Path(__file__).with_name("corpus.yaml")
TOP = 3


def corpus():
    return yaml.safe_load(CORPUS.read_text(encoding="utf-8"))


def answers(queries):
    """The slugs of the top ``TOP`` hits of each query (English as the reader's language)."""
    from django.utils import translation

    from titles.search import search

    with translation.override("en"):
        return {query: [hit.title.slug for hit in search(query).hits[:TOP]] for query in queries}


def main(output):
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("loadglossary", verbosity=0)
    result = answers([item["q"] for item in corpus()])
    Path(output).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
