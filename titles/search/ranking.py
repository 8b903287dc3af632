"""How matches are ordered: the stage first, then ties broken the same way on both databases.

Every rank is a tuple whose first element is the ``Stage``, so a more exact match always
beats a looser one. Inside a stage the keys repeat what the SQL orders by (``label_key``),
so SQLite and PostgreSQL return the same order.
"""

from enum import IntEnum

from rapidfuzz.distance import OSA, Levenshtein

from titles.models import LabelKind
from titles.normalize import normalize
from titles.search.sql import TITLE_FIELDS
from titles.stemming import stem_word

KIND_ORDER = {
    LabelKind.PREFERRED: 0,
    LabelKind.ABBREVIATION: 1,
    LabelKind.ALTERNATIVE: 2,
    LabelKind.FORMER: 3,
    LabelKind.HIDDEN: 4,
}
# Fuzzy candidates are ordered by Levenshtein distance, counted up to this cap.
ORDER_CAP = 4
# Words of a description the text stage looks for at most.
MAX_TEXT_WORDS = 6


class Stage(IntEnum):
    EXACT = 0
    INFLECTED = 1
    PREFIX = 2
    COMPOUND = 3
    FUZZY = 4
    TOPIC = 5
    TEXT = 6


def label_key(row, language):
    """Ties inside a stage: preferred names first, then the reader's language, then A–Z."""
    return (KIND_ORDER.get(row.kind, 9), row.language != language, row.compact)


def not_a_name(row):
    """Inside a stage a title's own name beats its other labels: "koordinator" lists
    Marknadskoordinator before a title that merely has "Säljkoordinator" as an alias."""
    return row.kind != LabelKind.PREFERRED


def prefix_rank(compact_query, language):
    def rank(row):
        stage = Stage.EXACT if row.compact == compact_query else Stage.PREFIX
        return (stage, not_a_name(row), len(row.compact), *label_key(row, language))

    return rank


def inflected_rank(exact, language):
    """A label met through a stem ("säljarna" → Säljare); one whose compact form is in
    ``exact`` (the query, trimmed or as typed) is EXACT."""

    def rank(row):
        stage = Stage.EXACT if row.compact in exact else Stage.INFLECTED
        return (stage, not_a_name(row), len(row.compact), *label_key(row, language))

    return rank


def topic_rank(compact_query, language):
    """Roles working with the topic named: the topic as typed before an inflected form, then
    the roles whose definition speaks of it (most central to the work first), then the
    reader's language, then the role's Swedish name."""

    def rank(row):
        name_sv = row.title_values[TITLE_FIELDS.index("name_sv")]
        held, uses = definition_relevance(row, _relevance_forms(normalize(row.text).split()))
        return (
            Stage.TOPIC,
            row.compact != compact_query,
            -held,
            -uses,
            row.language != language,
            name_sv,
        )

    return rank


def compound_rank(compact_query, language, normalized_query=None):
    """Labels the query ends (a marknadskoordinator is a koordinator), then those in which
    a later word starts with it ("webbred" → Senior webbredaktör; needs the query's
    ``normalized_query`` with its spaces), then those holding it inside a word
    (Nyckelkundsansvarig), then those holding only its words; a title's own name first,
    shorter first. ``stages.inside`` orders the same way in SQL."""
    word_start = f" {normalized_query}" if normalized_query else None

    def rank(row):
        if row.compact.endswith(compact_query):
            place = 0
        elif compact_query in row.compact:
            place = 1 if word_start and word_start in f" {normalize(row.text)}" else 2
        else:
            place = 3
        return (
            Stage.COMPOUND,
            place,
            not_a_name(row),
            len(row.compact),
            *label_key(row, language),
        )

    return rank


def fuzzy_rank(compact_query, edits, language):
    """Fewest edits first (``edits``: each row's distance from the query), then the most
    similar."""

    def rank(row):
        return (
            Stage.FUZZY,
            edits[row],
            -round(similarity(compact_query, row.compact), 6),
            *label_key(row, language),
        )

    return rank


def word_forms(word, stems=True):
    """How the text stage asks for one normalised word, on both databases: (form, "") for
    the word as written, (stem, "*") for words starting with its Swedish or English stem
    (stems of four letters or more; a shorter one would match too much). Without
    ``stems``, for the start of a word still being typed ("webbred"), only the words
    starting with it: a stemmer cuts a half word into other words ("webbr" → webbregion)."""
    if not stems:
        return [(word, "*")]
    stems = {stem_word(word, language) for language in ("sv", "en")}
    return [(word, ""), *((form, "*") for form in sorted(stems) if len(form) >= 4)]


def _relevance_forms(words):
    """Each word's forms for ``definition_relevance``: as written and its stems."""
    return [
        tuple({stem_word(word, language) for language in ("sv", "en")} | {word})
        for word in dict.fromkeys(map(normalize, words))
    ]


def definition_relevance(row, forms):
    """How many of the words (``_relevance_forms``) the title's definition, in both
    languages, holds, and how often it uses them: counted in Python on the text both
    databases return, so the order is the same on both."""
    definitions = " ".join(
        row.title_values[TITLE_FIELDS.index(field)] or ""
        for field in ("definition_sv", "definition_en")
    )
    used = [[token.startswith(word) for word in forms] for token in normalize(definitions).split()]
    held = sum(any(column) for column in zip(*used, strict=True)) if used else 0
    return held, sum(map(sum, used))


def text_rank(words):
    """Definition matches before responsibility ones, then the most relevant
    (``definition_relevance``), then the Swedish name."""
    forms = _relevance_forms(words)

    def rank(row):
        name_sv = row.title_values[TITLE_FIELDS.index("name_sv")]
        held, uses = definition_relevance(row, forms)
        return (Stage.TEXT, row.kind != "definition", -held, -uses, name_sv)

    return rank


def enough_words(words):
    """The groups of words a text must hold all of, one group sufficing: every word; from
    three words on, every word but one (a student describing a job rarely uses all of the
    definition's words: "person who buys advertising space"). ``text_rank`` puts the
    texts holding most of them first."""
    words = list(dict.fromkeys(words))[:MAX_TEXT_WORDS]
    if len(words) < 3:
        return [words]
    return [words] + [words[:skip] + words[skip + 1 :] for skip in range(len(words))]


def allowed_edits(compact_query):
    """Typos forgiven: one in a word of 4–5 letters, two from 6 letters on, none below."""
    if len(compact_query) >= 6:
        return 2
    return 1 if len(compact_query) >= 4 else 0


def osa(a, b, cap):
    """Edit distance as a reader counts typos: the optimal string alignment distance, where
    two neighbouring letters swapped are one edit (rapidfuzz, in C). ``cap + 1`` when over
    ``cap``."""
    return OSA.distance(a, b, score_cutoff=cap)


def levenshtein(a, b):
    """Plain Levenshtein distance (a swap is two edits) up to ``ORDER_CAP``, as PostgreSQL's
    ``levenshtein_less_equal`` orders the fuzzy candidates."""
    return Levenshtein.distance(a, b, score_cutoff=ORDER_CAP)


def _trigrams(text):
    padded = f"  {text} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def similarity(a, b):
    """pg_trgm's ``similarity()`` for one word (only used to rank suggestions)."""
    left, right = _trigrams(a), _trigrams(b)
    return len(left & right) / len(left | right) if left or right else 0.0
