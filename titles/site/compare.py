"""The compare page's roles: what the reader asked for, resolved to published titles.

Each picker is a text field named ``roles``. With JavaScript the autocomplete (the search
API) fills in a role's name; without it the reader types any name. Either way the text is
resolved here: an exact slug first, else the best hit of ``search()``. Old links
(``?roles=a,b`` or ``?roles=a&roles=b``) are lists of slugs and keep working.

The cost is bounded whatever the size of the glossary: one indexed slug lookup, and at most
one (limit 1) search per picker.
"""

import re
from dataclasses import dataclass

from titles.search import search
from titles.search.forms import MAX_QUERY_LENGTH
from titles.site import queries

MAX_COMPARED = 4
SLUG = re.compile(r"[-a-z0-9_]{1,80}")


@dataclass
class Asked:
    """One role as the reader asked for it, and the slug it resolved to ("" when none)."""

    text: str
    slug: str = ""


def _clean(value):
    """Printable text only (no NUL or control characters), as long as a search may be."""
    return "".join(char for char in value if char.isprintable()).strip()[:MAX_QUERY_LENGTH]


def requested(values):
    """The roles asked for, in order, without repeats: a comma list of slugs is split, any
    other text stays whole (a role's name may hold a comma)."""
    asked = []
    for value in values:
        value = _clean(value)
        parts = [part.strip() for part in value.split(",") if part.strip()]
        if len(parts) > 1 and all(SLUG.fullmatch(part.lower()) for part in parts):
            asked += parts
        elif value:
            asked.append(value)
    unique = {}
    for text in asked:
        unique.setdefault(text.casefold(), text)
    return list(unique.values())


def resolve(texts):
    """``Asked`` for each text: its title's slug when the text is one, else search's best hit
    (none when search finds nothing). A title asked for twice is kept once."""
    shaped = {text: text.lower() for text in texts if SLUG.fullmatch(text.lower())}
    known = set()
    if shaped:
        slugs = queries.published_titles().filter(slug__in=shaped.values())
        known = set(slugs.values_list("slug", flat=True))
    resolved, seen = [], set()
    for text in texts:
        slug = shaped.get(text) if shaped.get(text) in known else _best_hit(text)
        if slug and slug in seen:
            continue
        seen.add(slug)
        resolved.append(Asked(text, slug or ""))
    return resolved


def _best_hit(text):
    hits = search(text, limit=1).hits
    return hits[0].title.slug if hits else None
