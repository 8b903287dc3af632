"""``search()``: the stages run in order, each match ranked, the best per title kept."""

from dataclasses import dataclass, field

from titles.bilingual import current_language
from titles.models import Label, LabelKind
from titles.normalize import normalize
from titles.search import stages
from titles.search.forms import DEFAULT_LIMIT, MAX_QUERY_LENGTH
from titles.search.ranking import (
    Stage,
    allowed_edits,
    compound_rank,
    fuzzy_rank,
    label_key,
    osa,
    prefix_rank,
    similarity,
    text_rank,
)
from titles.search.sql import run

LABEL_LENGTH = Label._meta.get_field("compact").max_length
SUGGESTIONS = 5
# A suggestion must look at least this much like the query (pg_trgm's default threshold).
SIMILARITY_THRESHOLD = 0.3


@dataclass(frozen=True)
class Matched:
    """What a hit matched: a label (``kind`` is its kind), or ``definition``/``responsibility``."""

    text: str
    language: str
    kind: str


@dataclass
class Hit:
    title: object  # a Title with the fields of ``sql.TITLE_FIELDS``
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


class Found:
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


def search(query, limit=DEFAULT_LIMIT):
    """Published titles matching ``query``, best first; suggestions when nothing matches.

    The stages go to the database in at most two round trips (each a single statement,
    ``sql.run``): the B-tree stages; then, only if they left room and named no label
    exactly, the substring, fuzzy and text stages. A round trip costs more than most stages'
    own work. A search that finds nothing takes a third, for "did you mean".
    """
    query = (query or "").strip()
    normalized = normalize(query)[:MAX_QUERY_LENGTH]
    result = SearchResult(query=query, normalized=normalized)
    if not normalized:
        return result
    compact_query = normalized.replace(" ", "")
    language = current_language()
    long_enough = len(compact_query) >= 3
    allowed = allowed_edits(compact_query)
    # No label is longer than its column, so a longer query cannot be a typo of one.
    fuzzy = bool(allowed) and len(compact_query) <= LABEL_LENGTH + allowed
    compound = compound_rank(compact_query, language)
    found = Found(limit)

    prefix, suffix = run(
        [
            stages.exact_and_prefix(compact_query, limit),
            stages.suffix(compact_query, limit) if long_enough else None,
        ]
    )
    found.take(prefix, prefix_rank(compact_query, language))
    found.take(suffix, compound)
    if not found.room() or found.has_exact():
        result.hits = found.hits()
        return result

    inside, narrow, wide, text = run(
        [
            stages.inside(normalized, compact_query, limit) if long_enough else None,
            *(stages.fuzzy_blocks(compact_query, allowed) if fuzzy else (None, None)),
            stages.text(query, normalized) if long_enough else None,
        ]
    )
    found.take(inside, compound)
    candidates = []
    if fuzzy and found.room():
        candidates, close = typos(compact_query, allowed, narrow, wide)
        edits = dict(close)
        found.take(edits, fuzzy_rank(compact_query, edits, language))
    found.take(text, text_rank)
    result.hits = found.hits()
    if not result.hits and long_enough:
        (neighbours,) = run([stages.neighbours(compact_query)])
        result.suggestions = suggestions(compact_query, candidates + neighbours, language)
    return result


def typos(compact_query, allowed, narrow, wide):
    """The fuzzy candidates (kept for "did you mean"), and those within ``allowed`` edits
    with their distance: the narrow block's if it has any such label, else the wide one's."""
    for block in (narrow, wide):
        candidates = stages.dialect().closest(compact_query, block)
        close = [(row, osa(compact_query, row.compact, allowed)) for row in candidates]
        close = [(row, edits) for row, edits in close if edits <= allowed]
        if close:
            break
    return candidates, close


def suggestions(compact_query, candidates, language):
    """ "Did you mean": titles whose labels look most like the query (trigram similarity),
    from the fuzzy candidates and the alphabetical neighbours already read."""
    best = {}
    for row in candidates:
        alike = similarity(compact_query, row.compact)
        if alike < SIMILARITY_THRESHOLD:
            continue
        key = (-round(alike, 6), *label_key(row, language))
        if row.title_id not in best or key < best[row.title_id][0]:
            best[row.title_id] = (key, row)
    ranked = sorted(best, key=lambda title_id: (best[title_id][0], title_id))[:SUGGESTIONS]
    return [_hit(best[title_id][1], Stage.FUZZY) for title_id in ranked]


def _hit(row, stage):
    title = row.title()
    return Hit(title, _matched(title, row), stage)


def _matched(title, row):
    """What to show as the match. A hidden label is a misspelling and never shown: it is
    reported as the title's name in that language. A match in the text shows the name in
    the reader's language."""
    if row.kind in ("definition", "responsibility"):
        language = current_language()
        return Matched(getattr(title, f"name_{language}"), language, row.kind)
    if row.kind == LabelKind.HIDDEN:
        return Matched(getattr(title, f"name_{row.language}"), row.language, LabelKind.PREFERRED)
    return Matched(row.text, row.language, row.kind)
