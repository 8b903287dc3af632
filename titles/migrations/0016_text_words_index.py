"""The text stage reads words the same way on PostgreSQL as on SQLite (issue 14).

SQLite's FTS5 table holds the definitions' and responsibilities' words, diacritics folded,
and the search asks for each word or a word starting with its stem. PostgreSQL did the
same through its Swedish and English stemmers, which found other titles for some queries
("fotografen", "affärsutvecklaren"); the same query must give the same answer on both. So
PostgreSQL now keeps the words too, unaccented (the ``simple`` configuration), in a GIN
index on exactly the expression the search uses (``titles.search.postgresql``), and asks
the same prefixes as SQLite. The stored stemmer vectors of 0005 are no longer read: dropped.
"""

from importlib import import_module

from django.db import migrations

_search = import_module("titles.migrations.0005_search_indexes")
_covering = import_module("titles.migrations.0011_covering_search_indexes")

WORDS = (
    "to_tsvector('simple'::regconfig, titles_unaccent(coalesce({sv}, '') || ' ' || coalesce({en}, '')))"
)
TITLE_WORDS = WORDS.format(sv="definition_sv", en="definition_en")
RESPONSIBILITY_WORDS = WORDS.format(sv="text_sv", en="text_en")

FORWARD = [
    f"CREATE INDEX titles_title_words ON titles_title USING gin (({TITLE_WORDS}))",
    "CREATE INDEX titles_responsibility_words ON titles_responsibility"
    f" USING gin (({RESPONSIBILITY_WORDS}))",
    *_search.POSTGRES_BACKWARD[:4],  # the stored stemmer vectors and their indexes
]
BACKWARD = [
    *(sql for sql in _search.POSTGRES_FORWARD if "search_text" in sql),
    "DROP INDEX IF EXISTS titles_responsibility_words",
    "DROP INDEX IF EXISTS titles_title_words",
]


class Migration(migrations.Migration):
    dependencies = [("titles", "0015_editors_curate_synonyms")]

    operations = [migrations.RunPython(_covering._run(FORWARD), _covering._run(BACKWARD))]
