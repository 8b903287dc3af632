"""Word stems, so inflected forms meet the names they inflect: "marknadschefen", "säljarna",
"koordinatorer", "account managers" all find their role.

The Snowball stemmers for Swedish and English (PyStemmer, in C; the same algorithms as
PostgreSQL's ``swedish``/``english`` text search configurations), run in Python, so SQLite
and PostgreSQL compare the very same stems. A stem is worked out per word of the normalised
text (``titles.normalize``) and the words are joined without spaces, like ``compact``.

Snowball is not idempotent across forms ("koordinatorer" → "koordinator", but "koordinator"
→ "koordinat"), so a query meets a label when any of the query's forms (its compact text,
its Swedish stem, its English stem) equals the label's compact text or its stem
(``query_forms`` against ``Label.compact``/``Label.stem``).
"""

from functools import lru_cache

import Stemmer

from titles.normalize import normalize

_STEMMERS = {"sv": Stemmer.Stemmer("swedish"), "en": Stemmer.Stemmer("english")}


@lru_cache(maxsize=65536)
def stem_word(word, language):
    """The Snowball stem of one normalised word in ``language`` ("sv" or "en")."""
    return _STEMMERS[language].stemWord(word)


def stem_words(words, language):
    return [stem_word(word, language) for word in words]


def stem(text, language):
    """The compact stem of ``text``: each normalised word stemmed, joined without spaces."""
    return "".join(stem_words(normalize(text).split(), language))


# Swedish nouns in unstressed "-or" (koordinator, moderator, kurator) take the definite
# "-n" and its genitive "-ns" ("marknadskoordinatorn", "koordinatorns"), which Snowball
# leaves on: it strips "-en", "-er" and "-s" endings, not a bare "-n" after "-or".
_DEFINITE_OR = ("orns", "orn")


def indefinite(word):
    """A Swedish word in "-orn"/"-orns" as its indefinite "-or" form; any other word as is.
    Words too short to be such a noun ("torn", "horn") are left alone."""
    for ending in _DEFINITE_OR:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)] + "or"
    return word


def query_forms(normalized):
    """The compact forms a query meets labels by: as typed, its Swedish definite "-orn"
    words made indefinite, and stemmed in each language."""
    words = normalized.split()
    swedish = [indefinite(word) for word in words]
    forms = ["".join(words)]
    for form in ["".join(swedish)] + [
        "".join(stem_words(swedish if language == "sv" else words, language))
        for language in _STEMMERS
    ]:
        if form and form not in forms:
            forms.append(form)
    return forms
