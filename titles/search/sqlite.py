"""SQLite's pieces of the stages: the FTS5 trigram table for substrings and "ends with",
the FTS5 text table (diacritics folded) for definitions and responsibilities, and typo
candidates ordered in Python (migration 0005; ``sqlite_index`` keeps them in place).
"""

from titles.normalize import normalize
from titles.search.ranking import enough_words, levenshtein, word_forms
from titles.search.sql import (
    FUZZY_CANDIDATES,
    LABELS,
    LABELS_WITH_WORDS,
    SCAN_LIMIT,
    TEXT_SCAN,
    labels,
)

# SQLite compares strings byte by byte already.
COLLATE = ""
TAIL = "substr(titles_label.compact, -3)"
# No index of the labels' words: ``inside`` ranks word starts the same way, at glossary
# sizes in the same time.
WORD_START_INDEX = False
TRIGRAM_MATCH = "SELECT rowid FROM titles_label_trigram WHERE titles_label_trigram MATCH %s"


def suffix_labels(compact_query):
    """Labels ending with the query, found through the trigram table."""
    sql = (
        f"{LABELS} WHERE id IN ({TRIGRAM_MATCH} AND compact LIKE %s"
        f" LIMIT {SCAN_LIMIT}) AND compact <> %s"
    )
    return sql, [f'"{compact_query}"', f"%{compact_query}", compact_query]


def inside_labels(parts, starts_with):
    """Labels holding every part (one trigram MATCH), but not starting with the query."""
    sql = (
        f"{LABELS_WITH_WORDS} WHERE id IN ({TRIGRAM_MATCH} LIMIT {SCAN_LIMIT})"
        " AND compact NOT LIKE %s"
    )
    return sql, [" AND ".join(f'"{part}"' for part in parts), starts_with]


def fuzzy_blocks(narrow, wide, compact_query, allowed):
    """Both blocks whole: at glossary sizes they are small, and ``closest`` orders them."""
    return labels(f"{LABELS} WHERE {narrow[0]}", narrow[1]), labels(
        f"{LABELS} WHERE {wide[0]}", wide[1]
    )


def closest(compact_query, rows):
    """The ``FUZZY_CANDIDATES`` rows closest to the query (Levenshtein, capped), ties in
    alphabetical order, as PostgreSQL orders them."""
    rows = sorted(rows, key=lambda row: (levenshtein(compact_query, row.compact), row.compact))
    return rows[:FUZZY_CANDIDATES]


def text_matches(words, stems=True):
    """(title_id, place) from the FTS5 text table: its rowids are even for definitions and
    odd for responsibilities; the words as ``ranking.enough_words`` asks. A word's Swedish
    or English stem, as a prefix, stands in for PostgreSQL's stemmers ("annonser" →
    annons*, "skriver" → skriv*)."""
    match = " OR ".join(
        "(" + " AND ".join(_word_match(normalize(word), stems) for word in group) + ")"
        for group in enough_words(words)
    )
    sql = (
        "SELECT title_id, min(rowid %% 2) AS place FROM (SELECT rowid, title_id"
        f" FROM titles_text_fts WHERE titles_text_fts MATCH %s LIMIT {2 * TEXT_SCAN})"
        " GROUP BY title_id"
    )
    return sql, [match]


def _word_match(word, stems=True):
    """One word as FTS5 sees it: the word itself, or a word starting with either stem."""
    return "(" + " OR ".join(f'"{form}"{suffix}' for form, suffix in word_forms(word, stems)) + ")"
