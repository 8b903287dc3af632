"""Reading a query the way a student means it, before any stage runs.

Students wrap a title in a question ("vad gör en marknadschef?", "what does a copywriter
do"), write abbreviations with dots ("S.E.O.", "V.D"), add a genitive to an abbreviation
("KAM:s", "CMO's") and put two titles in one query ("säljare/kundansvarig", "KAM eller
säljare"). ``read`` turns the query into what the stages should look for:

- dots and slashes inside an abbreviation and the ending after ``:``/``'`` go
  ("S.E.O." → "SEO", "A/B" → "AB", "KAM:s" → "KAM");
- question frames and filler words at either end go ("vad gör en", "hur blir man",
  "what is a", "… do", "… lön", "… jobb"): words that describe the asking, never a role.
  Only the ends are trimmed, so "head of sales" keeps its "of"; a query of filler words
  only is searched as it is;
- a query joining titles with "/", ",", "eller", "or", "och", "and", "vs" … is also read as
  its parts, each trimmed the same way. ``query.search`` searches the parts only when the
  whole query names no title exactly.

The word lists are about how questions are asked, not about today's titles: a new entry
needs no change here.
"""

import re
from dataclasses import dataclass, field

from titles.normalize import normalize

# Normalised (casefolded, diacritics folded) words that frame a question or add nothing to
# it, in Swedish and English, trimmed from the ends of a query.


def _words(text):
    return frozenset(text.split())


FILLER_WORDS = _words(
    """
    vad vem vilka vilken vilket hur varfor nar var gor gora gjorde ar vara blir bli kan
    en ett den det de man jag du att som och for till med om pa i av hos inom
    jobba jobbar jobb jobbet jobba jobbet yrke yrket yrken roll rollen titel titeln tjanst
    tjanar tjana lon lonen loner lonelage arbete arbeta arbetar arbetsuppgifter
    betyder betyda innebar innebara menas mening sysslar gora nagot skillnad skillnaden
    mellan utbildning utbildningen krav karriar beskrivning info information egentligen
    mycket sverige
    what who which how why when where does do did doing is are was be become becoming
    a an the of as to in at for and or job jobs salary salaries pay wage role title
    career work works working mean means meaning difference between description duties
    much earn earns make makes sweden actually exactly
    """
)
# More words that carry no meaning of their own in a description of a job ("den som
# skriver texter till annonser", "person who buys ad space"): left out of the text stage.
FUNCTION_WORDS = FILLER_WORDS | _words(
    """
    sig sin sitt sina deras dess vi ni han hon hen dem oss er ens nagon nagot nagra andra
    alla allt mycket mer mest olika sa ocksa bara eller samt dar har efter under over
    person personen personer folk manniskor ansvarar ansvar ser fa far
    who that which with from by on into onto about their his her its it they them someone
    somebody person people persons responsible makes make get gets
    """
)
# Words that join two titles in one query ("KAM eller säljare", "SEO vs SEM").
JOINING_WORDS = ("eller", "or", "och", "and", "vs", "versus", "mot", "samt")
_SEPARATORS = re.compile(
    r"\s*(?:[/,;|&+]|\b(?:" + "|".join(JOINING_WORDS) + r")\b\.?)\s*", re.IGNORECASE
)
# "A/B", "B/C": single letters joined by a slash are one abbreviation, not two titles.
_SLASHED = re.compile(r"\b(\w)/(?=\w\b)")
# "S.E.O.", "V.D", "c.m.o": single letters joined by dots.
_DOTTED = re.compile(r"\b(?:\w\.){1,}\w\b\.?")
# An ending added to an abbreviation or an English possessive: "KAM:s", "SEO:n", "CMO's".
_ENDING = re.compile(r"(?<=\w)[:'’](?:s|n|en|et|ar|er|or|na|arna|erna|are)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Reading:
    """What to search for: the whole query as meant, and its parts if it joins titles."""

    normalized: str
    parts: list = field(default_factory=list)
    # The words that carry meaning, as typed (casefolded): what the text stage looks for.
    words: list = field(default_factory=list)


def clean(text):
    """The query without abbreviation dots and endings: "S.E.O.:s" → "SEO"."""
    text = _SLASHED.sub(r"\1", text or "")
    text = _DOTTED.sub(lambda match: match.group(0).replace(".", ""), text)
    return _ENDING.sub("", text)


def trim(normalized):
    """``normalized`` without filler words at either end (as it is if that leaves none)."""
    words = normalized.split()
    start, end = 0, len(words)
    while start < end and words[start] in FILLER_WORDS:
        start += 1
    while end > start and words[end - 1] in FILLER_WORDS:
        end -= 1
    return " ".join(words[start:end]) or normalized


def read(query):
    """A ``Reading`` of the raw query."""
    cleaned = clean(query)
    whole = trim(normalize(cleaned))
    pieces = [trim(normalize(piece)) for piece in _SEPARATORS.split(cleaned)]
    parts = [piece for piece in pieces if piece and piece not in FILLER_WORDS]
    if len(parts) < 2:
        parts = []
    words = [
        word
        for word in re.findall(r"\w+", cleaned.casefold())
        if normalize(word) not in FUNCTION_WORDS
    ]
    return Reading(normalized=whole, parts=list(dict.fromkeys(parts)), words=words)
