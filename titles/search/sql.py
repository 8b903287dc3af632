"""The SQL building blocks every stage shares: what a part selects, how parts are sent.

The stages are plain SQL: building five ORM querysets per keystroke cost more than running
them (about 1.5 ms each against 0.2 ms). Visibility still comes from the one place it is
defined, ``Title.objects.published()``, compiled once per process.
"""

from dataclasses import dataclass
from functools import cache

from django.db import connection

from titles.models import Title
from titles.search.prepared import execute

# What a hit shows: its names, short definitions and URL in either language (never the long
# texts).
TITLE_FIELDS = ("slug", "slug_en", "name_sv", "name_en", "definition_sv", "definition_en")
TITLE_COLUMNS = ("id", *TITLE_FIELDS)
TITLE_SQL = ", ".join(f"titles_title.{column}" for column in TITLE_FIELDS)
# What every part selects: the label (or, for TEXT, NULLs and the kind of text), then the
# title's TITLE_FIELDS.
COLUMNS = (
    "titles_label.title_id, titles_label.text, titles_label.language, titles_label.kind,"
    f" titles_label.compact, {TITLE_SQL}"
)
# The label columns a stage reads from ``titles_label`` before ranking.
LABELS = "SELECT title_id, text, language, kind, compact FROM titles_label"
# The same with the label's words apart, for stages that rank by where a word starts.
LABELS_WITH_WORDS = "SELECT title_id, text, language, kind, compact, normalized FROM titles_label"
# Labels an index scan reads at most per stage before ranking them: a common prefix or
# compound part can match thousands, and reading them all is what makes search slow at scale.
SCAN_LIMIT = 200
# Texts (definitions, and responsibilities) the text stage reads at most per statement: a
# common word is in thousands of them at scale, and reading them all cost 100+ ms at
# 250,000 titles. Which ones are read beyond that is the index's order, not relevance.
TEXT_SCAN = 300
# Fuzzy candidates (closest first) that reach Python.
FUZZY_CANDIDATES = 30


@dataclass(frozen=True)
class Row:
    """One match as a stage reads it: a label, or (stage TEXT) a definition or a
    responsibility, together with the fields of its title, so no second query is needed."""

    title_id: int
    text: str | None  # the label; None for a match in the text
    language: str | None
    kind: str  # a LabelKind, or "definition" / "responsibility"
    compact: str | None
    title_values: tuple  # the title's TITLE_FIELDS

    def title(self):
        return Title.from_db(connection.alias, TITLE_COLUMNS, (self.title_id, *self.title_values))


@dataclass(frozen=True)
class Part:
    """One stage's SQL, a SELECT of ``COLUMNS``, and its parameters."""

    sql: str
    params: list


def run(parts):
    """Send the stages' queries as one statement: one round trip, one list of rows per part.

    Each part is a whole SELECT (``labels``, the text stage) with its own ORDER BY and
    LIMIT; wrapped as derived tables and joined with UNION ALL, which SQLite and PostgreSQL
    both accept, each row tagged with its part. A part that is None (a stage that does not
    apply to the query) gets no rows. On the benchmark machine a round trip to PostgreSQL
    costs 0.3–0.5 ms before any work, more than most stages themselves, and the statements
    are prepared once per connection (``prepared``) to save parsing and planning them.
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
            rows[number].append(Row(*values[:5], tuple(values[5:])))
    return rows


@cache
def _published_condition(vendor):
    query = Title.objects.published().query
    return query.where.as_sql(query.get_compiler(connection=connection), connection)


def published_condition():
    """``Title.objects.published()`` as a condition on ``titles_title``, with its params."""
    return _published_condition(connection.vendor)


def labels(labels_sql, params, order=(), limit=None, order_params=()):
    """A stage's query: the labels ``labels_sql`` (a SELECT ``LABELS`` …) of published titles.

    With an ``order`` (SQL expressions over the label, with ``order_params``) the labels are
    sorted before their titles are joined, and the outer ORDER BY repeats the inner one on
    its output columns: PostgreSQL sees the rows arrive sorted, so the ``limit`` stops the
    join early and only about ``limit`` titles are looked up, not one per label read.
    """
    published, published_params = published_condition()
    join = f" JOIN titles_title ON titles_title.id = titles_label.title_id WHERE {published}"
    if not order:
        sql = f"SELECT {COLUMNS} FROM ({labels_sql}) AS titles_label{join}"
        return Part(sql, [*params, *published_params])
    keys = ", ".join(f"{expression} AS sort{number}" for number, expression in enumerate(order))
    inner = ", ".join(f"sort{number}" for number in range(len(order)))
    outer = ", ".join(f"titles_label.sort{number}" for number in range(len(order)))
    sql = (
        f"SELECT {COLUMNS} FROM (SELECT titles_label.*, {keys} FROM ({labels_sql})"
        f" AS titles_label ORDER BY {inner}) AS titles_label{join} ORDER BY {outer}"
        f" LIMIT {int(limit)}"
    )
    return Part(sql, [*order_params, *params, *published_params])


def label_range(column, start, collate="", leave_out=None):
    """Labels whose ``column`` starts with ``start``: the first ``SCAN_LIMIT`` in byte order
    (without the label ``leave_out``, if given).

    A range (``>= start`` and ``<`` the next string after all that start with it) rather than
    LIKE, read in the order of the same B-tree, so the scan stops after ``SCAN_LIMIT`` rows.
    ``collate`` is the dialect's byte-order collation (PostgreSQL's indexes of migration 0005
    are built with COLLATE "C"; SQLite compares bytes anyway).
    """
    expression = f"{column}{collate}"
    following = ord(start[-1]) + 1
    if 0xD800 <= following <= 0xDFFF:  # surrogates cannot be encoded: skip past them
        following = 0xE000
    after = start[:-1] + chr(min(following, 0x10FFFF))
    condition, params = f"{expression} >= %s AND {expression} < %s", [start, after]
    if leave_out is not None:
        condition += " AND compact <> %s"
        params.append(leave_out)
    return f"{LABELS} WHERE {condition} ORDER BY {expression} LIMIT {SCAN_LIMIT}", params
