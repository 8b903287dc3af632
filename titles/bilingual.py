"""The reader's language, and bilingual text as the reader sees it.

Every reader-facing text exists in Swedish and English (``<field>_sv`` / ``<field>_en``).
These helpers are the one place that decides which language a page is in, which is the
other one, and what to show when a text is missing in the page's language.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language

from titles.models import LANGUAGE_CODES


def current_language():
    """The active language's code (``sv`` or ``en``); the site default for anything else."""
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE[:2]


def other_language(language=None):
    return "en" if (language or current_language()) == "sv" else "sv"


@dataclass
class Text:
    """One bilingual text as the reader sees it: ``language`` differs from the page's
    language when the text is missing and the other language's text stands in."""

    text: str
    language: str
    fallback: bool

    def __str__(self):
        return self.text


def text_of(obj, field_name, language=None):
    """``obj.<field>`` in ``language``, else the other language's text, marked as fallback."""
    language = language or current_language()
    own = getattr(obj, f"{field_name}_{language}", "") or ""
    if own.strip():
        return Text(own.strip(), language, False)
    other = other_language(language)
    theirs = getattr(obj, f"{field_name}_{other}", "") or ""
    if theirs.strip():
        return Text(theirs.strip(), other, True)
    return Text("", language, False)


def bilingual(obj, field):
    """``{"sv": …, "en": …}`` of a translated field (empty strings for missing text)."""
    return {language: getattr(obj, f"{field}_{language}") or "" for language in LANGUAGE_CODES}
