"""PostgreSQL's pieces of the stages: B-tree ranges in byte order, ``reverse()`` for "ends
with", pg_trgm for substrings, fuzzystrmatch to order typo candidates, and GIN indexes of the
texts' unaccented words (migrations 0002, 0005, 0011, 0016).
"""

from importlib import import_module

from titles.normalize import normalize
from titles.search.ranking import ORDER_CAP, enough_words, word_forms
from titles.search.sql import (
    FUZZY_CANDIDATES,
    LABELS,
    LABELS_WITH_WORDS,
    SCAN_LIMIT,
    TEXT_SCAN,
    label_range,
    labels,
    published_condition,
)

# The expression indexes of migration 0005 are built in byte order.
COLLATE = ' COLLATE "C"'
_words = import_module("titles.migrations.0016_text_words_index")
# The texts' words, as the GIN indexes of migration 0016 hold them.
TITLE_WORDS = _words.TITLE_WORDS
RESPONSIBILITY_WORDS = _words.RESPONSIBILITY_WORDS
# The labels' words, as the GIN index of migration 0024 holds them.
LABEL_WORDS = import_module("titles.migrations.0024_label_word_starts").LABEL_WORDS
# A GIN index finds labels whose later word starts with a query (``word_start_labels``).
WORD_START_INDEX = True
# The last three letters of a label, as the fuzzy blocks' index has them.
TAIL = "right(titles_label.compact, 3)"


def suffix_labels(compact_query):
    """Labels ending with the query: a range scan on the B-tree over ``reverse(compact)``."""
    return label_range(
        "reverse(titles_label.compact)", compact_query[::-1], COLLATE, leave_out=compact_query
    )


def inside_labels(parts, starts_with):
    """Labels holding every part (pg_trgm's GIN index serves the LIKEs), but not starting
    with the query (the prefix stage found those). As on SQLite, the first ``SCAN_LIMIT``
    are read, then those starting with the query left out: filtering first made a common
    word ("operativ", in 120,000 labels at 250,000 titles) read them all (130 ms)."""
    found = " AND ".join(["compact LIKE %s"] * len(parts))
    sql = (
        f"SELECT * FROM ({LABELS_WITH_WORDS} WHERE {found} LIMIT {SCAN_LIMIT}) AS inside"
        " WHERE compact NOT LIKE %s"
    )
    return sql, [*(f"%{part}%" for part in parts), starts_with]


def word_start_labels(word):
    """Labels with a word after the first starting with ``word`` (one normalised word): a
    prefix lookup in the GIN index of their words, then the words' order checked."""
    sql = (
        f"{LABELS} WHERE {LABEL_WORDS} @@ to_tsquery('simple', %s)"
        f" AND ' ' || normalized LIKE %s AND compact NOT LIKE %s LIMIT {SCAN_LIMIT}"
    )
    return sql, [f"'{word}':*", f"% {word}%", f"{word}%"]


def fuzzy_blocks(narrow, wide, compact_query, allowed):
    """The narrow and the wide block, each ordered by ``levenshtein_less_equal`` (in C) and
    cut at the closest ``FUZZY_CANDIDATES``. The wide block is read only when the narrow one
    has no label within ``allowed`` edits: an uncorrelated NOT EXISTS, evaluated once before
    the scan."""
    (narrow_sql, narrow_params), (wide_sql, wide_params) = narrow, wide
    published, published_params = published_condition()
    close = (
        "SELECT 1 FROM titles_label JOIN titles_title ON titles_title.id = titles_label.title_id"
        f" WHERE {narrow_sql} AND {published}"
        f" AND levenshtein_less_equal(titles_label.compact, %s, {allowed}) <= {allowed}"
    )
    edits = (
        f"LEAST(levenshtein_less_equal(titles_label.compact, %s, {ORDER_CAP}), {ORDER_CAP + 1})",
        "titles_label.compact",
    )
    return (
        labels(
            f"{LABELS} WHERE {narrow_sql}",
            narrow_params,
            edits,
            FUZZY_CANDIDATES,
            order_params=[compact_query],
        ),
        labels(
            f"{LABELS} WHERE {wide_sql} AND NOT EXISTS ({close})",
            [*wide_params, *narrow_params, *published_params, compact_query],
            edits,
            FUZZY_CANDIDATES,
            order_params=[compact_query],
        ),
    )


def closest(compact_query, rows):
    """The database sent the closest candidates already, in order."""
    return rows


def text_matches(words, stems=True):
    """(title_id, place) of the titles whose definition (place 0) or a responsibility
    (place 1) holds the words (``ranking.enough_words``): each word as written, or a word
    starting with its Swedish or English stem, in the unaccented words of the text
    (migration 0016's GIN indexes), exactly as SQLite asks its FTS5 table."""
    tsquery = " | ".join(
        "(" + " & ".join(word_query(normalize(word), stems) for word in group) + ")"
        for group in enough_words(words)
    )
    sql = (
        f"SELECT title_id, min(place) AS place FROM ("
        f"(SELECT id AS title_id, 0 AS place FROM titles_title"
        f" WHERE {TITLE_WORDS} @@ to_tsquery('simple', %s) LIMIT {TEXT_SCAN})"
        f" UNION ALL (SELECT title_id, 1 FROM titles_responsibility"
        f" WHERE {RESPONSIBILITY_WORDS} @@ to_tsquery('simple', %s) LIMIT {TEXT_SCAN})"
        ") AS matches GROUP BY title_id"
    )
    return sql, [tsquery, tsquery]


def word_query(word, stems=True):
    """One word for ``to_tsquery``: the word itself, or a word starting with either stem
    (the stems of four letters or more, as ``sqlite._word_match``)."""
    forms = word_forms(word, stems)
    return "(" + " | ".join(f"'{form}'{':*' if prefix else ''}" for form, prefix in forms) + ")"
