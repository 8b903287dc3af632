"""Search: find published titles by any of their names, forgivingly, best match first.

Everything a student may type meets a title through its labels (preferred, alternative,
abbreviation, former and hidden names, in Swedish and English). The query is normalised the
way labels are stored (``titles.normalize``), then runs through the stages below, each one
SQL query (a "part"). A later stage only counts while fewer than ``limit`` titles have been
found (what it would add ranks lower anyway). The cheap B-tree stages go first, in one
statement; only if they leave room, the others follow in a second (``_run``), so the
common query costs one round trip and the trigram index is a late resort:

1. EXACT and 2. PREFIX   ``_exact_and_prefix``  B-tree range on ``Label.compact``
3. COMPOUND              ``_suffix`` (PostgreSQL, B-tree on ``reverse(compact)``), then
                         ``_inside`` (trigram index: pg_trgm GIN / SQLite FTS5 trigram)
4. FUZZY                 ``_fuzzy_blocks``  B-tree blocks, edit distance
5. TEXT                  ``_text``  full text of definitions and responsibilities

A title keeps the best match it gets, and the stages rank in this order::

    EXACT  >  PREFIX  >  COMPOUND  >  FUZZY  >  TEXT

so a more exact match always beats a looser one. Inside a stage, ties are broken in Python
with the same keys the SQL orders by (``_label_key``), so SQLite and PostgreSQL return the
same order. When nothing matches, ``_suggestions`` offers the closest titles.

``search()`` is the only entry point for views; ``record_miss()`` writes the editors' list of
searches without results. docs/search.md has the reasoning and the measured figures.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from enum import IntEnum
from functools import cache
from importlib import import_module

from django import forms
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from rapidfuzz.distance import OSA, Levenshtein

from titles.models import LANGUAGE_CODES, Label, LabelKind, SearchMiss, Title
from titles.normalize import normalize
from titles.prepared import execute

MAX_QUERY_LENGTH = 200
LABEL_LENGTH = Label._meta.get_field("compact").max_length
DEFAULT_LIMIT = 10
MAX_LIMIT = 50
SUGGESTIONS = 5

# How many label rows a stage reads per title wanted: one title has several labels that
# may all match ("account manager" matches four labels of Kundansvarig).
ROWS_PER_TITLE = 5
# Labels an index scan reads at most per stage before ranking them: a common prefix or
# compound part can match thousands, and reading them all is what makes search slow at scale.
SCAN_LIMIT = 200
# Fuzzy candidates (closest first) that reach Python.
FUZZY_CANDIDATES = 30
# A suggestion must look at least this much like the query (pg_trgm's default threshold).
SIMILARITY_THRESHOLD = 0.3
# Titles read from the full-text stage at most.
TEXT_ROWS = 100

# What a hit shows: its names, short definitions and URL (never the long texts).
TITLE_FIELDS = ("slug", "name_sv", "name_en", "definition_sv", "definition_en")

KIND_ORDER = {
    LabelKind.PREFERRED: 0,
    LabelKind.ABBREVIATION: 1,
    LabelKind.ALTERNATIVE: 2,
    LabelKind.FORMER: 3,
    LabelKind.HIDDEN: 4,
}


class Stage(IntEnum):
    EXACT = 0
    PREFIX = 1
    COMPOUND = 2
    FUZZY = 3
    TEXT = 4


# --- Input ------------------------------------------------------------------------------


def _no_control_characters(value):
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise forms.ValidationError(
            _("The search text must not contain control characters."), code="control"
        )


class SearchForm(forms.Form):
    """The query string of the search page and of the JSON API (``q`` and ``limit``)."""

    q = forms.CharField(
        label=_("Search job titles"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        validators=[_no_control_characters],
        error_messages={
            "max_length": _("The search text can be at most %(limit_value)d characters long.")
        },
    )
    limit = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_LIMIT,
        error_messages={
            key: _("limit must be a whole number from 1 to 50.")
            for key in ("invalid", "min_value", "max_value")
        },
    )

    def first_error(self):
        return next(iter(self.errors.values()))[0]


# --- Results ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Matched:
    """What a hit matched: a label (``kind`` is its kind), or ``definition``/``responsibility``."""

    text: str
    language: str
    kind: str


@dataclass
class Hit:
    title: Title
    matched: Matched
    stage: Stage


@dataclass
class SearchResult:
    query: str
    normalized: str
    hits: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)

    @property
    def exact_title(self):
        """The one title the query names exactly, if exactly one does (the page goes there)."""
        exact = {hit.title.pk: hit.title for hit in self.hits if hit.stage == Stage.EXACT}
        return next(iter(exact.values())) if len(exact) == 1 else None


@dataclass(frozen=True)
class _Row:
    """One match as a stage reads it: a label, or (stage TEXT) a definition or a
    responsibility, together with the fields of its title, so no second query is needed."""

    title_id: int
    text: str | None  # the label; None for a match in the text
    language: str | None
    kind: str  # a LabelKind, or "definition" / "responsibility"
    compact: str | None
    title_values: tuple  # the title's TITLE_FIELDS

    def title(self):
        return Title.from_db(connection.alias, _TITLE_COLUMNS, (self.title_id, *self.title_values))


_TITLE_COLUMNS = ("id", *TITLE_FIELDS)


class _Found:
    """The best match of each title so far (its rank and row)."""

    def __init__(self, limit):
        self.limit = limit
        self.best = {}  # title id -> (rank, row)

    def room(self):
        return len(self.best) < self.limit

    def take(self, rows, rank):
        """Add a stage's rows, if the stages before it left room (it ranks below them all)."""
        if not self.room():
            return
        for row in rows:
            ranked = rank(row)
            current = self.best.get(row.title_id)
            if current is None or ranked < current[0]:
                self.best[row.title_id] = (ranked, row)

    def has_exact(self):
        return any(rank[0] == Stage.EXACT for rank, _row in self.best.values())

    def hits(self):
        ranked = sorted(self.best, key=lambda title_id: (self.best[title_id][0], title_id))
        best = [self.best[title_id] for title_id in ranked[: self.limit]]
        return [_hit(row, rank[0]) for rank, row in best]


# --- Stages -----------------------------------------------------------------------------


def search(query, limit=DEFAULT_LIMIT):
    """Published titles matching ``query``, best first; suggestions when nothing matches.

    The stages go to the database in at most two round trips (each a single statement,
    ``_run``): the B-tree stages; then, only if they left room and named no label exactly,
    the substring, fuzzy and text stages. A round trip costs more than most stages' own
    work. A search that finds nothing takes a third, for "did you mean".
    """
    query = (query or "").strip()
    normalized = normalize(query)[:MAX_QUERY_LENGTH]
    result = SearchResult(query=query, normalized=normalized)
    if not normalized:
        return result
    compact_query = normalized.replace(" ", "")
    language = _current_language()
    long_enough = len(compact_query) >= 3
    allowed = _allowed_edits(compact_query)
    # No label is longer than its column, so a longer query cannot be a typo of one.
    fuzzy = bool(allowed) and len(compact_query) <= LABEL_LENGTH + allowed
    compound_rank = _compound_rank(compact_query, language)
    found = _Found(limit)

    prefix, suffix = _run(
        [
            _exact_and_prefix(compact_query, limit),
            _suffix(compact_query, limit) if long_enough else None,
        ]
    )
    found.take(prefix, _prefix_rank(compact_query, language))
    found.take(suffix, compound_rank)
    if not found.room() or found.has_exact():
        result.hits = found.hits()
        return result

    inside, narrow, wide, text = _run(
        [
            _inside(normalized, compact_query, limit) if long_enough else None,
            *(_fuzzy_blocks(compact_query, allowed) if fuzzy else (None, None)),
            _text(query, normalized) if long_enough else None,
        ]
    )
    found.take(inside, compound_rank)
    candidates = []
    if fuzzy and found.room():
        candidates, close = _typos(compact_query, allowed, narrow, wide)
        edits = dict(close)
        found.take(edits, _fuzzy_rank(compact_query, edits, language))
    found.take(text, _text_rank)
    result.hits = found.hits()
    if not result.hits and long_enough:
        (neighbours,) = _run([_neighbours(compact_query)])
        result.suggestions = _suggestions(compact_query, candidates + neighbours, language)
    return result


def _run(parts):
    """Send the stages' queries as one statement: one round trip, one list of rows per part.

    Each part is a whole SELECT (``_labels``, ``_text``) with its own ORDER BY and LIMIT;
    wrapped as derived tables and joined with UNION ALL, which SQLite and PostgreSQL both
    accept, each row tagged with its part. A part that is None (a stage that does not apply
    to the query) gets no rows. On the benchmark machine a round trip to PostgreSQL costs
    0.3–0.5 ms before any work, more than most stages themselves, and the statements are
    prepared once per connection (``titles.prepared``) to save parsing and planning them.
    """
    rows = [[] for _part in parts]
    wanted = [(number, part) for number, part in enumerate(parts) if part is not None]
    if not wanted:
        return rows
    sql = " UNION ALL ".join(
        f"SELECT {number} AS part, part{number}.* FROM ({part.sql}) AS part{number}"
        for number, part in wanted
    )
    with connection.cursor() as cursor:
        execute(cursor, sql, [param for _number, part in wanted for param in part.params])
        for number, *values in cursor.fetchall():
            rows[number].append(_Row(*values[:5], tuple(values[5:])))
    return rows


@dataclass(frozen=True)
class _Part:
    """One stage's SQL, a SELECT of ``_COLUMNS``, and its parameters."""

    sql: str
    params: list


# What every part selects: the label (or, for TEXT, NULLs and the kind of text), then the
# title's TITLE_FIELDS.
_TITLE_SQL = ", ".join(f"titles_title.{column}" for column in TITLE_FIELDS)
_COLUMNS = (
    "titles_label.title_id, titles_label.text, titles_label.language, titles_label.kind,"
    f" titles_label.compact, {_TITLE_SQL}"
)
# The label columns a stage reads from ``titles_label`` before ranking.
_LABELS = "SELECT title_id, text, language, kind, compact FROM titles_label"


def _labels(labels, params, order=(), limit=None, order_params=()):
    """A stage's query: the labels ``labels`` (a SELECT ``_LABELS`` …) of published titles.

    With an ``order`` (SQL expressions over the label, with ``order_params``) the labels are
    sorted before their titles are joined, and the outer ORDER BY repeats the inner one on
    its output columns: PostgreSQL sees the rows arrive sorted, so the ``limit`` stops the
    join early and only about ``limit`` titles are looked up, not one per label read.

    The stages are plain SQL: building five ORM querysets per keystroke cost more than
    running them (about 1.5 ms each against 0.2 ms). Visibility still comes from the one
    place it is defined, ``Title.objects.published()``, compiled once per process.
    """
    published, published_params = _published_condition(connection.vendor)
    join = f" JOIN titles_title ON titles_title.id = titles_label.title_id WHERE {published}"
    if not order:
        sql = f"SELECT {_COLUMNS} FROM ({labels}) AS titles_label{join}"
        return _Part(sql, [*params, *published_params])
    keys = ", ".join(f"{expression} AS sort{number}" for number, expression in enumerate(order))
    inner = ", ".join(f"sort{number}" for number in range(len(order)))
    outer = ", ".join(f"titles_label.sort{number}" for number in range(len(order)))
    sql = (
        f"SELECT {_COLUMNS} FROM (SELECT titles_label.*, {keys} FROM ({labels}) AS titles_label"
        f" ORDER BY {inner}) AS titles_label{join} ORDER BY {outer} LIMIT {int(limit)}"
    )
    return _Part(sql, [*order_params, *params, *published_params])


@cache
def _published_condition(vendor):
    """``Title.objects.published()`` as a condition on ``titles_title``."""
    query = Title.objects.published().query
    return query.where.as_sql(query.get_compiler(connection=connection), connection)


# Ties in SQL are broken like ``_label_key``: shorter label, then kind (``KIND_ORDER``).
_KIND_ORDER_SQL = (
    "CASE titles_label.kind "
    + " ".join(f"WHEN '{kind}' THEN {order}" for kind, order in KIND_ORDER.items())
    + " ELSE 9 END"
)
_SHORTEST_FIRST = ("length(titles_label.compact)", _KIND_ORDER_SQL, "titles_label.compact")


def _current_language():
    language = (get_language() or "sv")[:2]
    return language if language in LANGUAGE_CODES else "sv"


def _label_key(row, language):
    """Ties inside a stage: preferred names first, then the reader's language, then A–Z."""
    return (KIND_ORDER.get(row.kind, 9), row.language != language, row.compact)


def _exact_and_prefix(compact_query, limit):
    """Stages 1 and 2, EXACT and PREFIX: labels that are, or start with, the query.

    The compact form ignores case, diacritics, spaces and hyphens, so "SÄLJARE", "saljare",
    "marknads koordinator" and "Marknads-koordinator" all meet their label. One B-tree range
    scan in byte order (``_range``), cut at ``SCAN_LIMIT`` labels so a two-letter prefix of
    thousands stays cheap; those are then ordered shortest first. The exact label sorts
    first in the range, so it is always read, and while typing "markn" the nearest whole
    words come next. One letter only matches whole labels; two already list prefixes.
    """
    if len(compact_query) < 2:
        labels, params = f"{_LABELS} WHERE compact = %s", [compact_query]
    else:
        labels, params = _range("compact", compact_query)
    return _labels(labels, params, _SHORTEST_FIRST, limit * ROWS_PER_TITLE)


def _range(column, start, leave_out=None):
    """Labels whose ``column`` starts with ``start``: the first ``SCAN_LIMIT`` in byte order
    (without the label ``leave_out``, if given).

    A range (``>= start`` and ``<`` the next string after all that start with it) rather than
    LIKE, read in the order of the same B-tree, so the scan stops after ``SCAN_LIMIT`` rows.
    On PostgreSQL the expressions are compared with COLLATE "C" (byte order), as the
    indexes of migration 0005 are built; SQLite compares bytes anyway.
    """
    collate = ' COLLATE "C"' if connection.vendor == "postgresql" else ""
    expression = f"{column}{collate}"
    following = ord(start[-1]) + 1
    if 0xD800 <= following <= 0xDFFF:  # surrogates cannot be encoded: skip past them
        following = 0xE000
    after = start[:-1] + chr(min(following, 0x10FFFF))
    condition, params = f"{expression} >= %s AND {expression} < %s", [start, after]
    if leave_out is not None:
        condition += " AND compact <> %s"
        params.append(leave_out)
    return f"{_LABELS} WHERE {condition} ORDER BY {expression} LIMIT {SCAN_LIMIT}", params


def not_a_name(row):
    """Inside a stage a title's own name beats its other labels: "koordinator" lists
    Marknadskoordinator before a title that merely has "Säljkoordinator" as an alias."""
    return row.kind != LabelKind.PREFERRED


def _prefix_rank(compact_query, language):
    def rank(row):
        stage = Stage.EXACT if row.compact == compact_query else Stage.PREFIX
        return (stage, not_a_name(row), len(row.compact), *_label_key(row, language))

    return rank


def _compound_rank(compact_query, language):
    def rank(row):
        if row.compact.endswith(compact_query):
            place = 0
        else:
            place = 1 if compact_query in row.compact else 2
        return (
            Stage.COMPOUND,
            place,
            not_a_name(row),
            len(row.compact),
            *_label_key(row, language),
        )

    return rank


def _suffix(compact_query, limit):
    """Stage 3a, COMPOUND: labels ending with the query, e.g. "koordinator" →
    Marknadskoordinator, "account manager" → Key Account Manager.

    On PostgreSQL a B-tree on ``reverse(compact)`` turns "ends with" into a range scan
    (``_range``), so the most common compound search needs no trigram lookup; SQLite asks
    its FTS5 trigram table. When this fills ``limit`` titles, stage 3b is skipped
    (everything it adds would rank lower).
    """
    if connection.vendor == "sqlite":
        labels = (
            f"{_LABELS} WHERE id IN ({_SQLITE_TRIGRAM_MATCH} AND compact LIKE %s"
            f" LIMIT {SCAN_LIMIT}) AND compact <> %s"
        )
        params = [f'"{compact_query}"', f"%{compact_query}", compact_query]
    else:
        labels, params = _range(
            "reverse(titles_label.compact)", compact_query[::-1], leave_out=compact_query
        )
    return _labels(labels, params, _SHORTEST_FIRST, limit * ROWS_PER_TITLE)


def _inside(normalized, compact_query, limit):
    """Stage 3b, COMPOUND: the query anywhere inside a longer label, or all its words in one.

    "kund" finds Nyckelkundsansvarig, "manager account" finds Account Manager. A substring
    needs a trigram index: pg_trgm's GIN index on PostgreSQL, the FTS5 trigram table on
    SQLite; it is the costliest index, so this only runs when the query named no label
    exactly and the B-tree stages left room. At most ``SCAN_LIMIT`` matches are read.
    Labels ending with the query first, then those containing it, then those containing
    only its words; shorter labels first.
    """
    # A label holding the whole query holds each of its words too, so with two words or
    # more the words alone are the condition (one trigram lookup fewer than "whole OR words").
    words = [word for word in normalized.split() if len(word) >= 3]
    parts = words if len(words) > 1 else [compact_query]
    starts_with = f"{compact_query}%"
    if connection.vendor == "sqlite":
        labels = (
            f"{_LABELS} WHERE id IN ({_SQLITE_TRIGRAM_MATCH} LIMIT {SCAN_LIMIT})"
            " AND compact NOT LIKE %s"
        )
        params = [" AND ".join(f'"{part}"' for part in parts), starts_with]
    else:
        found = " AND ".join(["compact LIKE %s"] * len(parts))
        labels = f"{_LABELS} WHERE {found} AND compact NOT LIKE %s LIMIT {SCAN_LIMIT}"
        params = [*(f"%{part}%" for part in parts), starts_with]
    # 0: the query ends the label, which names what the compound is (a marknadskoordinator
    # is a koordinator); 1: the query is inside it; 2: only all its words are.
    place = (
        "CASE WHEN titles_label.compact LIKE %s THEN 0"
        " WHEN titles_label.compact LIKE %s THEN 1 ELSE 2 END"
    )
    return _labels(
        labels,
        params,
        (place, *_SHORTEST_FIRST),
        limit * ROWS_PER_TITLE,
        order_params=[f"%{compact_query}", f"%{compact_query}%"],
    )


_SQLITE_TRIGRAM_MATCH = "SELECT rowid FROM titles_label_trigram WHERE titles_label_trigram MATCH %s"

# Fuzzy candidates have about the query's length and share its first two letters and its
# last three (the narrow block, tried first), or either (the wide block). Expression indexes
# on exactly these expressions (migration 0005) make each block a B-tree range.
_HEAD = "substr(titles_label.compact, 1, 2)"
_TAIL = {
    "postgresql": "right(titles_label.compact, 3)",
    "sqlite": "substr(titles_label.compact, -3)",
}
_SIZE = "length(titles_label.compact) BETWEEN %s AND %s"
# Candidates are ordered by Levenshtein distance, counted up to this cap.
_ORDER_CAP = 4


def _fuzzy_blocks(compact_query, allowed):
    """Stage 4, FUZZY: labels one or two typos away ("projektledre" → Projektledare).

    Candidates come from B-tree blocks of labels within ``allowed`` letters of the query's
    length: the narrow block shares both the query's first two and its last three letters
    (most typos sit inside a word), the wide block either. ``_typos`` takes the narrow
    block's if it holds a label within ``allowed`` edits, else the wide block's. PostgreSQL
    orders a block by ``levenshtein_less_equal`` (fuzzystrmatch, in C) and sends the closest
    ``FUZZY_CANDIDATES``, and reads the wide block only when the narrow one has no label
    that close (an uncorrelated NOT EXISTS, evaluated once before the scan); SQLite's blocks
    are small at glossary sizes and go to Python whole (``_closest`` orders them the same
    way). Python keeps labels within ``allowed`` edits, counting a swap of two letters as
    one (``_osa``).

    Trigram similarity (pg_trgm ``%``) found the same titles but cost 40–170 ms per query
    at 250,000 labels; the blocks cost a few milliseconds (docs/search.md). Missed: a word
    with typos in both its first two and its last three letters; and a label with a typo
    at an end of the word can lose to one found in the narrow block.
    """
    vendor = "sqlite" if connection.vendor == "sqlite" else "postgresql"
    size = [len(compact_query) - allowed, len(compact_query) + allowed]
    head, tail = compact_query[:2], compact_query[-3:]
    narrow = f"{_HEAD} = %s AND {_TAIL[vendor]} = %s AND {_SIZE}"
    narrow_params = [head, tail, *size]
    wide = f"(({_HEAD} = %s AND {_SIZE}) OR ({_TAIL[vendor]} = %s AND {_SIZE}))"
    wide_params = [head, *size, tail, *size]
    if vendor == "sqlite":
        return (
            _labels(f"{_LABELS} WHERE {narrow}", narrow_params),
            _labels(f"{_LABELS} WHERE {wide}", wide_params),
        )
    published, published_params = _published_condition(vendor)
    close = (
        "SELECT 1 FROM titles_label JOIN titles_title ON titles_title.id = titles_label.title_id"
        f" WHERE {narrow} AND {published}"
        f" AND levenshtein_less_equal(titles_label.compact, %s, {allowed}) <= {allowed}"
    )
    edits = (
        f"LEAST(levenshtein_less_equal(titles_label.compact, %s, {_ORDER_CAP}), {_ORDER_CAP + 1})",
        "titles_label.compact",
    )
    return (
        _labels(
            f"{_LABELS} WHERE {narrow}",
            narrow_params,
            edits,
            FUZZY_CANDIDATES,
            order_params=[compact_query],
        ),
        _labels(
            f"{_LABELS} WHERE {wide} AND NOT EXISTS ({close})",
            [*wide_params, *narrow_params, *published_params, compact_query],
            edits,
            FUZZY_CANDIDATES,
            order_params=[compact_query],
        ),
    )


def _typos(compact_query, allowed, narrow, wide):
    """The fuzzy candidates (kept for "did you mean"), and those within ``allowed`` edits
    with their distance: the narrow block's if it has any such label, else the wide one's."""
    for block in (narrow, wide):
        candidates = _closest(compact_query, block)
        close = [(row, _osa(compact_query, row.compact, allowed)) for row in candidates]
        close = [(row, edits) for row, edits in close if edits <= allowed]
        if close:
            break
    return candidates, close


def _closest(compact_query, rows):
    """The ``FUZZY_CANDIDATES`` rows closest to the query (Levenshtein, capped), ties in
    alphabetical order. PostgreSQL sends them so already."""
    if connection.vendor != "sqlite":
        return rows
    rows = sorted(rows, key=lambda row: (_levenshtein(compact_query, row.compact), row.compact))
    return rows[:FUZZY_CANDIDATES]


def _neighbours(compact_query):
    """For "did you mean": the labels next to the query in alphabetical order, which share
    its longest beginning ("marknadskoordinatorassistent" → Marknadskoordinator)."""
    labels = (
        f"SELECT * FROM ({_LABELS} WHERE compact >= %s ORDER BY compact LIMIT 6) AS above"
        f" UNION ALL SELECT * FROM ({_LABELS} WHERE compact < %s"
        " ORDER BY compact DESC LIMIT 6) AS below"
    )
    return _labels(labels, [compact_query, compact_query])


def _allowed_edits(compact_query):
    """Typos forgiven: one in a word of 4–5 letters, two from 6 letters on, none below."""
    if len(compact_query) >= 6:
        return 2
    return 1 if len(compact_query) >= 4 else 0


def _osa(a, b, cap):
    """Edit distance as a reader counts typos: the optimal string alignment distance, where
    two neighbouring letters swapped are one edit (rapidfuzz, in C). ``cap + 1`` when over
    ``cap``."""
    return OSA.distance(a, b, score_cutoff=cap)


def _levenshtein(a, b):
    """Plain Levenshtein distance (a swap is two edits) up to ``_ORDER_CAP``, as PostgreSQL's
    ``levenshtein_less_equal`` orders the fuzzy candidates."""
    return Levenshtein.distance(a, b, score_cutoff=_ORDER_CAP)


def _trigrams(text):
    padded = f"  {text} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _similarity(a, b):
    """pg_trgm's ``similarity()`` for one word (only used to rank suggestions)."""
    left, right = _trigrams(a), _trigrams(b)
    return len(left & right) / len(left | right) if left or right else 0.0


def _fuzzy_rank(compact_query, edits, language):
    """Fewest edits first (``edits``: each row's distance from the query), then the most
    similar."""

    def rank(row):
        return (
            Stage.FUZZY,
            edits[row],
            -round(_similarity(compact_query, row.compact), 6),
            *_label_key(row, language),
        )

    return rank


def _text(query, normalized):
    """Stage 5, TEXT: the words of the query in a definition or a responsibility.

    PostgreSQL: the stored ``search_text`` vectors (migration 0005), queried with the Swedish
    and English stemmers and an unaccented simple config, so "offert" finds "offerter" and
    "saljare" finds "säljare". SQLite: the FTS5 table with diacritics folded, words of five
    letters or more matched as prefixes. All words must occur. A definition match ranks
    above a match in a responsibility only; then titles go by Swedish name. Its rows have
    no label: their kind says where the words were, "definition" or "responsibility".
    """
    words = normalized.split()
    if connection.vendor == "sqlite":
        # A prefix stands in for a stemmer on longer words ("offert" → "offerter").
        match = " ".join(f'"{word}"*' if len(word) >= 5 else f'"{word}"' for word in words)
        found = (
            "SELECT title_id, min(rowid %% 2) AS place FROM titles_text_fts "
            "WHERE titles_text_fts MATCH %s GROUP BY title_id"
        )
        params = [match]
    else:
        plain = " ".join(re.sub(r"[\W_]+", " ", query.casefold()).split())
        tsquery = (
            "(plainto_tsquery('swedish', %s) || plainto_tsquery('english', %s)"
            " || plainto_tsquery('simple', %s))"
        )
        found = (
            f"SELECT title_id, min(place) AS place FROM ("
            f"SELECT id AS title_id, 0 AS place FROM titles_title WHERE search_text @@ {tsquery}"
            f" UNION ALL SELECT title_id, 1 FROM titles_responsibility"
            f" WHERE search_text @@ {tsquery}) AS matches GROUP BY title_id"
        )
        params = [plain, plain, normalized] * 2
    published, published_params = _published_condition(connection.vendor)
    sql = (
        "SELECT found.title_id, NULL AS text, NULL AS language,"
        " CASE found.place WHEN 0 THEN 'definition' ELSE 'responsibility' END AS kind,"
        f" NULL AS compact, {_TITLE_SQL} FROM ({found}) AS found"
        f" JOIN titles_title ON titles_title.id = found.title_id WHERE {published}"
        f" ORDER BY found.place, titles_title.name_sv LIMIT {TEXT_ROWS}"
    )
    return _Part(sql, [*params, *published_params])


def _text_rank(row):
    name_sv = row.title_values[TITLE_FIELDS.index("name_sv")]
    return (Stage.TEXT, row.kind != "definition", name_sv)


def _hit(row, stage):
    title = row.title()
    return Hit(title, _matched(title, row), stage)


def _matched(title, row):
    """What to show as the match. A hidden label is a misspelling and never shown: it is
    reported as the title's name in that language. A match in the text shows the name in
    the reader's language."""
    if row.kind in ("definition", "responsibility"):
        language = _current_language()
        return Matched(getattr(title, f"name_{language}"), language, row.kind)
    if row.kind == LabelKind.HIDDEN:
        return Matched(getattr(title, f"name_{row.language}"), row.language, LabelKind.PREFERRED)
    return Matched(row.text, row.language, row.kind)


def _suggestions(compact_query, candidates, language):
    """ "Did you mean": titles whose labels look most like the query (trigram similarity),
    from the fuzzy candidates and the alphabetical neighbours already read."""
    best = {}
    for row in candidates:
        similarity = _similarity(compact_query, row.compact)
        if similarity < SIMILARITY_THRESHOLD:
            continue
        key = (-round(similarity, 6), *_label_key(row, language))
        if row.title_id not in best or key < best[row.title_id][0]:
            best[row.title_id] = (key, row)
    ranked = sorted(best, key=lambda title_id: (best[title_id][0], title_id))[:SUGGESTIONS]
    return [_hit(best[title_id][1], Stage.FUZZY) for title_id in ranked]


# --- Searches without results -----------------------------------------------------------


def record_miss(normalized):
    """Count a search that found nothing, by its normalised text, for the editors' list.

    One atomic upsert (``INSERT … ON CONFLICT … DO UPDATE``, the same SQL on SQLite and
    PostgreSQL), so two students missing at once both count.
    """
    normalized = normalized[:MAX_QUERY_LENGTH]
    if not normalized:
        return
    table = connection.ops.quote_name(SearchMiss._meta.db_table)
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (query, count, first_seen, last_seen) VALUES (%s, 1, %s, %s)"
            f" ON CONFLICT (query) DO UPDATE SET count = {table}.count + 1,"
            " last_seen = excluded.last_seen",
            [normalized, now, now],
        )


# --- SQLite index upkeep ------------------------------------------------------------------

_CREATED_NAME = re.compile(r"CREATE (?:TRIGGER|INDEX) IF NOT EXISTS (\w+)")


def repair_sqlite_index(using=DEFAULT_DB_ALIAS, **kwargs):
    """After ``migrate``: put back the SQLite search triggers and indexes a table rebuild
    dropped (Django rebuilds SQLite tables for many field changes), then refill the FTS
    tables. Does nothing on PostgreSQL, or when they are all in place."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    ddl = import_module("titles.migrations.0005_search_indexes")
    wanted = ddl.SQLITE_INDEXES + ddl.SQLITE_TRIGGERS
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master")
        existing = {name for (name,) in cursor.fetchall()}
        if "titles_label_trigram" not in existing:
            return  # migrated back to before 0005
        if all(_CREATED_NAME.search(sql).group(1) in existing for sql in wanted):
            return
        for sql in wanted + ddl.SQLITE_REBUILD:
            cursor.execute(sql)
