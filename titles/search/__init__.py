"""Search: find published titles by any of their names, forgivingly, best match first.

Everything a student may type meets a title through its labels (preferred, alternative,
abbreviation, former and hidden names, in Swedish and English), the topics it works with
and its definition. The query is first read as the student means it (``understand``:
question frames trimmed, abbreviations joined, two titles split, synonyms), normalised the
way labels are stored (``titles.normalize``) and stemmed (``titles.stemming``), then runs
through the stages below, each one
SQL query (a "part", ``stages``). A later stage only counts while fewer than ``limit``
titles have been found (what it would add ranks lower anyway). The cheap B-tree stages go
first, in one statement; only if they leave room, the others follow in a second
(``sql.run``), so the common query costs one round trip and the trigram index is a late
resort:

1. EXACT and 3. PREFIX   ``stages.exact_and_prefix``  B-tree range on ``Label.compact``
2. INFLECTED             ``stages.inflected``  B-tree on ``Label.compact`` and ``Label.stem``
4. COMPOUND              ``stages.suffix`` ("ends with", also the stem), then ``stages.inside``
                         (trigram index: pg_trgm GIN / SQLite FTS5 trigram)
5. FUZZY                 ``stages.fuzzy_blocks``  B-tree blocks, edit distance
6. TOPIC                 ``stages.topics``  the topics' compact names and stems
7. TEXT                  ``stages.text``  full text of definitions and responsibilities

A title keeps the best match it gets, and the stages rank in this order::

    EXACT  >  INFLECTED  >  PREFIX  >  COMPOUND  >  FUZZY  >  TOPIC  >  TEXT

so a more exact match always beats a looser one. Inside a stage, ties are broken in Python
with the same keys the SQL orders by (``ranking``), so SQLite and PostgreSQL return the same
order. When nothing matches, ``query.suggestions`` offers the closest titles.

The modules: ``understand`` (reading the query), ``query`` (``search()``, its passes and
results), ``stages`` (one function per stage),
``postgresql`` and ``sqlite`` (what differs between the databases), ``sql`` (the shared SQL
blocks and the round trip), ``prepared`` (prepared statements on PostgreSQL), ``ranking``,
``forms`` (the query string), ``misses`` (searches without results), ``sqlite_index``
(SQLite's index upkeep) and ``api`` (the JSON endpoint).

``search()`` is the only entry point for views; ``record_miss()`` writes the editors' list of
searches without results. docs/search.md has the reasoning and the measured figures.
"""

from titles.search.forms import DEFAULT_LIMIT, MAX_LIMIT, SearchForm
from titles.search.misses import record_miss
from titles.search.query import Hit, Matched, SearchResult, search
from titles.search.ranking import Stage

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "Hit",
    "Matched",
    "SearchForm",
    "SearchResult",
    "Stage",
    "record_miss",
    "search",
]
