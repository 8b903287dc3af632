"""One function per stage: each returns the ``Part`` (SQL and parameters) it sends.

What differs between the databases comes from the dialect module (``postgresql`` or
``sqlite``, chosen once in ``dialect``); a stage function itself holds no vendor test.
"""

from django.db import connection

from titles.search import postgresql, sqlite
from titles.search.ranking import KIND_ORDER
from titles.search.sql import (
    COLUMNS,
    LABELS,
    TITLE_FIELDS,
    TITLE_SQL,
    Part,
    label_range,
    labels,
    published_condition,
)

# How many label rows a stage reads per title wanted: one title has several labels that
# may all match ("account manager" matches four labels of Kundansvarig).
ROWS_PER_TITLE = 5
# Titles read from the full-text stage at most.
TEXT_ROWS = 100

# Ties in SQL are broken like ``ranking.label_key``: shorter label, then kind.
_KIND_ORDER_SQL = (
    "CASE titles_label.kind "
    + " ".join(f"WHEN '{kind}' THEN {order}" for kind, order in KIND_ORDER.items())
    + " ELSE 9 END"
)
SHORTEST_FIRST = ("length(titles_label.compact)", _KIND_ORDER_SQL, "titles_label.compact")

# Fuzzy candidates have about the query's length and share its first two letters and its
# last three (the narrow block, tried first), or either (the wide block). Expression indexes
# on exactly these expressions (migration 0005) make each block a B-tree range.
_HEAD = "substr(titles_label.compact, 1, 2)"
_SIZE = "length(titles_label.compact) BETWEEN %s AND %s"


def dialect():
    """The module with this database's SQL pieces."""
    return sqlite if connection.vendor == "sqlite" else postgresql


def exact_and_prefix(compact_query, limit):
    """Stages 1 and 2, EXACT and PREFIX: labels that are, or start with, the query.

    The compact form ignores case, diacritics, spaces and hyphens, so "SÄLJARE", "saljare",
    "marknads koordinator" and "Marknads-koordinator" all meet their label. One B-tree range
    scan in byte order (``label_range``), cut at ``SCAN_LIMIT`` labels so a two-letter prefix
    of thousands stays cheap; those are then ordered shortest first. The exact label sorts
    first in the range, so it is always read, and while typing "markn" the nearest whole
    words come next. One letter only matches whole labels; two already list prefixes.
    """
    if len(compact_query) < 2:
        sql, params = f"{LABELS} WHERE compact = %s", [compact_query]
    else:
        sql, params = label_range("compact", compact_query, dialect().COLLATE)
    return labels(sql, params, SHORTEST_FIRST, limit * ROWS_PER_TITLE)


def suffix(compact_query, limit):
    """Stage 3a, COMPOUND: labels ending with the query, e.g. "koordinator" →
    Marknadskoordinator, "account manager" → Key Account Manager.

    On PostgreSQL a B-tree on ``reverse(compact)`` turns "ends with" into a range scan, so
    the most common compound search needs no trigram lookup; SQLite asks its FTS5 trigram
    table. When this fills ``limit`` titles, stage 3b is skipped (everything it adds would
    rank lower).
    """
    sql, params = dialect().suffix_labels(compact_query)
    return labels(sql, params, SHORTEST_FIRST, limit * ROWS_PER_TITLE)


def inside(normalized, compact_query, limit):
    """Stage 3b, COMPOUND: the query anywhere inside a longer label, or all its words in one.

    "kund" finds Nyckelkundsansvarig, "manager account" finds Account Manager. A substring
    needs a trigram index: pg_trgm's GIN index on PostgreSQL, the FTS5 trigram table on
    SQLite; it is the costliest index, so this only runs when the query named no label
    exactly and the earlier stages left room. At most ``SCAN_LIMIT`` matches are read.
    Ordered as ``ranking.compound_rank``: labels ending with the query, then those with a
    later word starting with it, then those containing it, then those containing only its
    words; shorter labels first.
    """
    # A label holding the whole query holds each of its words too, so with two words or
    # more the words alone are the condition (one trigram lookup fewer than "whole OR words").
    words = [word for word in normalized.split() if len(word) >= 3]
    parts = words if len(words) > 1 else [compact_query]
    sql, params = dialect().inside_labels(parts, f"{compact_query}%")
    place = (
        "CASE WHEN titles_label.compact LIKE %s THEN 0"
        " WHEN ' ' || titles_label.normalized LIKE %s THEN 1"
        " WHEN titles_label.compact LIKE %s THEN 2 ELSE 3 END"
    )
    return labels(
        sql,
        params,
        (place, *SHORTEST_FIRST),
        limit * ROWS_PER_TITLE,
        order_params=[f"%{compact_query}", f"% {normalized}%", f"%{compact_query}%"],
    )


def word_starts(word, limit):
    """Stage 3b's best part alone, on PostgreSQL: labels in which a later word starts with
    the one-word query ("webbred" → Senior webbredaktör), through a GIN index of the
    labels' words (migration 0024), not the trigram index. ``query.find`` asks for it when
    the B-tree stages found the query beginning or ending labels, a title being typed: it
    usually fills the room, and then everything ``inside`` would add ranks below it."""
    sql, params = dialect().word_start_labels(word)
    return labels(sql, params, SHORTEST_FIRST, limit * ROWS_PER_TITLE)


def fuzzy_blocks(compact_query, allowed):
    """Stage 4, FUZZY: labels one or two typos away ("projektledre" → Projektledare).

    Candidates come from B-tree blocks of labels within ``allowed`` letters of the query's
    length: the narrow block shares both the query's first two and its last three letters
    (most typos sit inside a word), the wide block either. ``query.typos`` takes the narrow
    block's if it holds a label within ``allowed`` edits, else the wide block's; Python keeps
    labels within ``allowed`` edits, counting a swap of two letters as one
    (``ranking.osa``). The dialect orders and cuts the blocks.

    Trigram similarity (pg_trgm ``%``) found the same titles but cost 40–170 ms per query
    at 250,000 labels; the blocks cost a few milliseconds (docs/search.md). Missed: a word
    with typos in both its first two and its last three letters; and a label with a typo
    at an end of the word can lose to one found in the narrow block.
    """
    tail = dialect().TAIL
    size = [len(compact_query) - allowed, len(compact_query) + allowed]
    head, end = compact_query[:2], compact_query[-3:]
    narrow = (f"{_HEAD} = %s AND {tail} = %s AND {_SIZE}", [head, end, *size])
    wide = (
        f"(({_HEAD} = %s AND {_SIZE}) OR ({tail} = %s AND {_SIZE}))",
        [head, *size, end, *size],
    )
    return dialect().fuzzy_blocks(narrow, wide, compact_query, allowed)


def neighbours(compact_query):
    """For "did you mean": the labels next to the query in alphabetical order, which share
    its longest beginning ("marknadskoordinatorassistent" → Marknadskoordinator)."""
    sql = (
        f"SELECT * FROM ({LABELS} WHERE compact >= %s ORDER BY compact LIMIT 6) AS above"
        f" UNION ALL SELECT * FROM ({LABELS} WHERE compact < %s"
        " ORDER BY compact DESC LIMIT 6) AS below"
    )
    return labels(sql, [compact_query, compact_query])


def text(words, stems=True):
    """Stage 6, TEXT: the words that carry meaning (``understand.Reading.words``: "den som
    skriver texter till annonser" → skriver, texter, annonser) in a definition or a
    responsibility.

    Every word must occur, as written or as a word starting with its stem, the same way on
    both databases (``ranking.word_forms``); without ``stems`` (the query is the start of
    a longer label, a word still being typed) as a word starting with it. A definition
    match ranks above a match in a responsibility only; then titles go by Swedish name. Its
    rows have no label: their kind says where the words were, "definition" or
    "responsibility".
    """
    found, params = dialect().text_matches(words, stems)
    published, published_params = published_condition()
    sql = (
        "SELECT found.title_id, NULL AS text, NULL AS language,"
        " CASE found.place WHEN 0 THEN 'definition' ELSE 'responsibility' END AS kind,"
        f" NULL AS compact, {TITLE_SQL} FROM ({found}) AS found"
        f" JOIN titles_title ON titles_title.id = found.title_id WHERE {published}"
        f" ORDER BY found.place, titles_title.name_sv LIMIT {TEXT_ROWS}"
    )
    return Part(sql, [*params, *published_params])


def _placeholders(values):
    return ", ".join(["%s"] * len(values))


def inflected(forms, limit):
    """Stage 1b, INFLECTED: labels the query inflects ("marknadschefen", "säljarna",
    "account managers"): any of the query's ``forms`` (``stemming.query_forms``) equals a
    label's compact text or its stem. Both columns have a B-tree index."""
    sql = f"{LABELS} WHERE compact IN ({_placeholders(forms)}) OR stem IN ({_placeholders(forms)})"
    return labels(sql, [*forms, *forms], SHORTEST_FIRST, limit * ROWS_PER_TITLE)


def synonyms(forms):
    """The synonym list's entries for the query (its term as typed or inflected): rows
    shaped like a label's, ``text`` holding the names to search instead, one per line."""
    nulls = ", ".join(["NULL"] * len(TITLE_FIELDS))
    sql = (
        "SELECT CAST(NULL AS bigint) AS title_id, means AS text, language,"
        f" 'synonym' AS kind, compact, {nulls} FROM titles_synonym"
        f" WHERE compact IN ({_placeholders(forms)}) OR stem IN ({_placeholders(forms)})"
        " ORDER BY language, compact"
    )
    return Part(sql, [*forms, *forms])


def topics(forms, limit):
    """Stage 5, TOPIC: the roles working with a topic the query names ("nyhetsbrev",
    "pressmeddelanden"), in either language, as typed or inflected. Ranks below every name
    match: a role called what the student typed is what they meant first."""
    published, published_params = published_condition()
    selects = []
    params = []
    for language in ("sv", "en"):
        selects.append(
            f"SELECT titles_titletopic.title_id, titles_topic.name_{language} AS text,"
            f" '{language}' AS language, 'topic' AS kind, titles_topic.compact_{language}"
            f" AS compact FROM titles_topic JOIN titles_titletopic"
            f" ON titles_titletopic.topic_id = titles_topic.id"
            f" WHERE titles_topic.compact_{language} IN ({_placeholders(forms)})"
            f" OR titles_topic.stem_{language} IN ({_placeholders(forms)})"
        )
        params += [*forms, *forms]
    sql = (
        f"SELECT {COLUMNS} FROM ({' UNION ALL '.join(selects)}) AS titles_label"
        " JOIN titles_title ON titles_title.id = titles_label.title_id"
        f" WHERE {published} ORDER BY titles_title.name_sv, titles_label.language"
        f" LIMIT {int(limit * ROWS_PER_TITLE)}"
    )
    return Part(sql, [*params, *published_params])
