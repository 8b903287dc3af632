"""A GIN index of the labels' words on PostgreSQL, for the "a later word starts with the
query" step of the compound stage (``titles.search.postgresql.word_start_labels``).

"webbred" begins Webbredaktör, and Senior webbredaktör is the next best answer. Before,
finding that meant pg_trgm's index, which reads the posting list of every trigram in the
query ("pro", "led" … hold tens of thousands of labels at 250,000 titles): 2.5–3.5 ms. A
word-prefix lookup here reads only the words that start with the query. SQLite needs no
such index: its substring stage already ranks word starts the same way (docs/search.md).

The labels table also gets no parallel workers: every read of it is an index lookup of a
few hundred rows, and with the search's generic plans PostgreSQL guessed thousands and
started two workers, whose start-up (5 ms on two cores) cost forty times the lookup.
"""

from importlib import import_module

from django.db import migrations

_covering = import_module("titles.migrations.0011_covering_search_indexes")

LABEL_WORDS = "to_tsvector('simple'::regconfig, normalized)"

FORWARD = [
    f"CREATE INDEX titles_label_words ON titles_label USING gin (({LABEL_WORDS}))",
    "ALTER TABLE titles_label SET (parallel_workers = 0)",
]
BACKWARD = [
    "ALTER TABLE titles_label RESET (parallel_workers)",
    "DROP INDEX IF EXISTS titles_label_words",
]


class Migration(migrations.Migration):
    dependencies = [("titles", "0023_english_slugs")]

    operations = [migrations.RunPython(_covering._run(FORWARD), _covering._run(BACKWARD))]
