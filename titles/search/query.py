"""``search()``: the stages run in order, each match ranked, the best per title kept."""

from dataclasses import dataclass, field

from titles.bilingual import current_language
from titles.models import Label, LabelKind
from titles.normalize import normalize
from titles.search import stages, understand
from titles.search.forms import DEFAULT_LIMIT, MAX_QUERY_LENGTH
from titles.search.ranking import (
    Stage,
    allowed_edits,
    compound_rank,
    fuzzy_rank,
    inflected_rank,
    label_key,
    osa,
    prefix_rank,
    similarity,
    text_rank,
    topic_rank,
)
from titles.search.sql import run
from titles.stemming import query_forms, stem

LABEL_LENGTH = Label._meta.get_field("compact").max_length
SUGGESTIONS = 5
# A suggestion must look at least this much like the query (pg_trgm's default threshold).
SIMILARITY_THRESHOLD = 0.3
# Titles joined in one query searched at most ("säljare/kundansvarig/KAM/…").
MAX_PARTS = 4


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
    direct: bool = True  # found by the query itself, not by one of its parts or synonyms


@dataclass
class SearchResult:
    query: str
    normalized: str
    hits: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)

    @property
    def exact_title(self):
        """The one title the query names exactly, if exactly one does (the page goes there)."""
        exact = {
            hit.title.pk: hit.title for hit in self.hits if hit.stage == Stage.EXACT and hit.direct
        }
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

    def ranked(self):
        """(rank, row) of the best ``limit`` titles, best first."""
        ranked = sorted(self.best, key=lambda title_id: (self.best[title_id][0], title_id))
        return [self.best[title_id] for title_id in ranked[: self.limit]]


def search(query, limit=DEFAULT_LIMIT):
    """Published titles matching ``query``, best first; suggestions when nothing matches.

    The query is read first (``understand``): question frames trimmed, abbreviations
    joined, titles joined by "/" or "eller" split. The whole reading goes through the
    stages (``find``); its parts only when the whole named no title exactly; then the names
    the synonym list gives for it. Their hits are merged (``merge``), each title keeping its
    best stage. A search that finds nothing takes one more round trip, for "did you mean".
    """
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    normalized = normalize(query)
    result = SearchResult(query=query, normalized=normalized)
    reading = understand.read(query)
    if not normalized or not reading.normalized:
        return result
    language = current_language()
    whole = find(reading.normalized, limit, language, words=reading.words, as_typed=normalized)
    passes = [whole]
    if reading.parts and not whole.found.has_exact():
        passes += [find(part, limit, language) for part in reading.parts[:MAX_PARTS]]
    # A query naming a title exactly needs no synonym (a synonym is never a name).
    meanings = [] if whole.found.has_exact() else [m for one in passes for m in one.meanings]
    passes += [find(meaning, limit, language, synonyms=False) for meaning in meanings]
    result.hits = merge(passes, limit)
    compact_query = reading.normalized.replace(" ", "")
    if not result.hits and len(compact_query) >= 3:
        (neighbours,) = run([stages.neighbours(compact_query)])
        result.suggestions = suggestions(compact_query, whole.candidates + neighbours, language)
    return result


@dataclass
class Pass:
    """What the stages found for one reading of the query."""

    found: Found
    candidates: list = field(default_factory=list)  # fuzzy candidates, for "did you mean"
    meanings: list = field(default_factory=list)  # names the synonym list gives
    partial: bool = False  # one word that begins a longer label: a word still being typed


@dataclass
class Forms:
    """The forms of one reading the stages look for."""

    normalized: str
    compact: str
    forms: list  # compact as typed, stemmed (``stemming.query_forms``), untrimmed
    exact: set  # compact forms a label must have to count as EXACT
    stemmed: str | None  # the shortest stem, for "ends with"
    allowed: int  # typos forgiven

    @classmethod
    def of(cls, normalized, as_typed=None):
        compact_query = normalized.replace(" ", "")
        forms = query_forms(normalized)
        # "koordinatorer" ends no label, but its stem ends Marknadskoordinator.
        stemmed = min((form for form in forms[1:] if len(form) >= 4), key=len, default=None)
        exact = {compact_query}
        if as_typed and as_typed != normalized:
            exact.add(as_typed.replace(" ", ""))
            forms.append(as_typed.replace(" ", ""))
        return cls(normalized, compact_query, forms, exact, stemmed, allowed_edits(compact_query))

    @property
    def long_enough(self):
        return len(self.compact) >= 3

    @property
    def one_word(self):
        return self.long_enough and " " not in self.normalized

    @property
    def fuzzy(self):
        # No label is longer than its column, so a longer query cannot be a typo of one.
        return bool(self.allowed) and len(self.compact) <= LABEL_LENGTH + self.allowed


def find(normalized, limit, language, synonyms=True, words=(), as_typed=None):
    """One reading through the stages, each round a single statement (``sql.run``): the
    B-tree stages (exact, inflected, prefix, "ends with") and the synonym list; then, only
    if they left room and named no label exactly, the substring, fuzzy, topic and text
    stages (the text stage for the query's own ``words`` only). A round trip costs more
    than most stages' own work, so there are few. One more comes first where PostgreSQL
    can answer it cheaply (``stages.word_starts``): a one-word query that begins or ends
    labels ("webbred") is a title being typed, and the labels with a later word starting
    with it (Senior webbredaktör) usually fill the room, which saves the trigram index and
    the rest (same hits: all they would add ranks below). The text stage reads such a half
    word as the start of words, not through its stems (``stages.text``). ``as_typed``, the
    query before its frame was trimmed, still names a label exactly ("PR-man",
    "Pay-Per-Click Specialist")."""
    query = Forms.of(normalized, as_typed)
    one = Pass(Found(limit))
    _b_tree_stages(query, one, language, synonyms)
    if not one.found.room() or one.found.has_exact():
        return one
    if one.found.best and query.one_word and stages.dialect().WORD_START_INDEX:
        (starts,) = run([stages.word_starts(query.normalized, limit)])
        one.found.take(starts, compound_rank(query.compact, language, query.normalized))
        if not one.found.room():
            return one
    _other_stages(query, one, language, words)
    return one


def _b_tree_stages(query, one, language, synonyms):
    limit, found = one.found.limit, one.found
    long_enough = query.long_enough
    prefix, inflections, suffix, stem_suffix, synonym_rows = run(
        [
            stages.exact_and_prefix(query.compact, limit),
            stages.inflected(query.forms, limit) if long_enough else None,
            stages.suffix(query.compact, limit) if long_enough else None,
            stages.suffix(query.stemmed, limit) if query.stemmed else None,
            stages.synonyms(synonym_forms(query.normalized, query.forms)) if synonyms else None,
        ]
    )
    one.meanings = alternatives(query.normalized, query.forms, synonym_rows)
    one.partial = query.one_word and any(row.compact != query.compact for row in prefix)
    found.take(prefix, prefix_rank(query.compact, language))
    found.take(inflections, inflected_rank(query.exact, language))
    found.take(suffix, compound_rank(query.compact, language))
    if query.stemmed:
        found.take(stem_suffix, compound_rank(query.stemmed, language))


def _other_stages(query, one, language, words):
    limit, found = one.found.limit, one.found
    long_enough = query.long_enough
    inside, narrow, wide, topic, text = run(
        [
            stages.inside(query.normalized, query.compact, limit) if long_enough else None,
            *(stages.fuzzy_blocks(query.compact, query.allowed) if query.fuzzy else (None, None)),
            stages.topics(query.forms, limit) if long_enough else None,
            stages.text(words, stems=not one.partial) if words and long_enough else None,
        ]
    )
    found.take(inside, compound_rank(query.compact, language, query.normalized))
    if query.fuzzy and found.room():
        one.candidates, close = typos(query.compact, query.allowed, narrow, wide)
        edits = dict(close)
        found.take(edits, fuzzy_rank(query.compact, edits, language))
    found.take(topic, topic_rank(query.compact, language))
    found.take(text, text_rank(words))


def synonym_forms(normalized, forms):
    """What the synonym list is asked for: the query's forms, and each of its words."""
    words = normalized.split()
    return list(dict.fromkeys([*forms, *(words if len(words) > 1 else [])]))


def alternatives(normalized, forms, synonym_rows):
    """Normalised queries to search instead, from the synonym list: each name a synonym of
    the whole query means ("reklamare" → "copywriter", "art director"), or the query with
    a synonym word replaced ("marketing ansvarig" → "marknad ansvarig")."""
    words = normalized.split()
    found = []
    for row in synonym_rows:
        meanings = [normalize(name) for name in row.text.splitlines()]
        if row.compact in forms or stem(row.compact, row.language) in forms:
            found += meanings
            continue
        for place, word in enumerate(words):
            if row.compact in (word, stem(word, row.language)):
                found += [
                    " ".join([*words[:place], name, *words[place + 1 :]]) for name in meanings
                ]
    return [meaning for meaning in dict.fromkeys(found) if meaning and meaning != normalized]


def merge(passes, limit):
    """The hits of all passes, each title once with its best match, best first.

    A title ranks by its stage, then by its place in its own pass, then by the pass (the
    whole query first): two titles of "KAM eller säljare" alternate, a synonym's names
    come after what the word itself found in the same stage. Only the whole query's hits
    are ``direct`` (an exact one among them may send the student straight to the page).
    """
    best = {}
    for number, one in enumerate(passes):
        for place, (rank, row) in enumerate(one.found.ranked()):
            key = (rank[0], place, number)
            if row.title_id not in best or key < best[row.title_id][0]:
                best[row.title_id] = (key, row)
    ranked = sorted(best.items(), key=lambda item: (item[1][0], item[0]))[:limit]
    return [_hit(row, key[0], direct=key[2] == 0) for _title_id, (key, row) in ranked]


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


def _hit(row, stage, direct=True):
    title = row.title()
    return Hit(title, _matched(title, row), stage, direct)


def _matched(title, row):
    """What to show as the match. A hidden label is a misspelling and never shown: it is
    reported as the title's name in that language. A match in the text shows the name in
    the reader's language; a topic match shows the topic ("topic")."""
    if row.kind in ("definition", "responsibility"):
        language = current_language()
        return Matched(getattr(title, f"name_{language}"), language, row.kind)
    if row.kind == LabelKind.HIDDEN:
        return Matched(getattr(title, f"name_{row.language}"), row.language, LabelKind.PREFERRED)
    return Matched(row.text, row.language, row.kind)
