"""Turn mentions of other titles in a role's prose into links to them.

The names looked for are every visible label (preferred, alternative, abbreviation, former)
of the other published titles in the language of the text. A mention may be inflected the
Swedish way ("webbredaktören", "säljarna", "vd:n", "koordinatorer") or the English way
("managers", "editor's"); case does not matter. Only the first mention of each title is
linked, across all the texts given to one ``Linker``, and a title never links to itself.
Hidden labels (misspellings) are never used: they are for search only.
"""

import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import escape, format_html

from titles.bilingual import current_language
from titles.models import Label, LabelKind, slug_in
from titles.normalize import normalize

# Endings a Swedish noun or adjective takes in running text, and after an abbreviation's
# colon ("vd:n", "vd:ns", "KAM:er").
_SWEDISH_ENDINGS = (
    r"(?:ernas|arnas|ornas|erna|arna|orna|ens|ets|er|ar|or|en|et|ns|na|es|n|t|s|a|e"
    r"|:(?:ens|ets|ns|en|et|er|ar|n|s))?"
)
# Names ending in -e drop it before -na ("säljare" → "säljarna").
_SWEDISH_E_STEM_ENDINGS = r"(?:nas|na)"
_ENGLISH_ENDINGS = r"(?:'s|s'|es|s)?"


@dataclass(frozen=True)
class Target:
    slug: str
    url: str
    name: str


# The same endings as plain strings, for finding candidate names (longest first).
_CANDIDATE_ENDINGS = {
    "sv": (
        "ernas", "arnas", "ornas", "erna", "arna", "orna", "ens", "ets", "nas", "er", "ar",
        "or", "en", "et", "ns", "na", "es", "n", "t", "s", "a", "e",
    ),
    "en": ("es", "s"),
}  # fmt: skip
MAX_NAME_WORDS = 6


def mention_candidates(texts):
    """Normalised word runs of the texts that could be a name, with endings stripped.

    "Webbredaktören" gives "webbredaktoren" and "webbredaktor"; "säljarna" also gives
    "saljare"; "vd:n" normalises to "vd n" and so gives "vd".
    """
    candidates = set()
    for text, language in texts:
        words = normalize(text).split()
        endings = _CANDIDATE_ENDINGS.get(language, ())
        for start in range(len(words)):
            for size in range(1, min(MAX_NAME_WORDS, len(words) - start) + 1):
                run = words[start : start + size]
                candidates.add(" ".join(run))
                head, last = run[:-1], run[-1]
                for ending in endings:
                    if last.endswith(ending) and len(last) > len(ending) + 1:
                        stem = last[: -len(ending)]
                        candidates.add(" ".join([*head, stem]))
                        if ending in ("na", "nas"):
                            candidates.add(" ".join([*head, stem + "e"]))
    return candidates


def _name_pattern(text):
    return r"\s+".join(re.escape(word) for word in text.split())


class Linker:
    """Links mentions in one or more texts of one page; remembers what it has linked."""

    def __init__(self, names, exclude_slug=None):
        """``names``: {language: [(label text, Target), ...]}."""
        self.linked = {exclude_slug} if exclude_slug else set()
        self._patterns = {}
        self._targets = {}
        for language, pairs in names.items():
            self._targets[language], self._patterns[language] = self._compile(language, pairs)

    @classmethod
    def for_title(cls, title, texts):
        """A linker for ``title``'s page: one query, for the names the texts may mention.

        ``texts`` are the (text, language) pairs to be linked. Only labels whose normalised
        form equals a run of words in them (an inflection stripped) are read, so the page
        costs the same however large the glossary grows. The title's own names are matched
        too but never linked, so in "a head of marketing leads the team" the own name takes
        the words and "marketing leads" is not read as a mention of "Marketing Lead".
        """
        rows = (
            Label.objects.of_published()
            .visible()
            .filter(normalized__in=sorted(mention_candidates(texts)))
            .values_list("text", "language", "kind", "title__slug", "title__slug_en")
        )
        names = {}
        for text, language, kind, slug, slug_en in rows:
            names.setdefault(language, []).append((text, kind, slug, slug_en))
        return cls(_resolve(names), exclude_slug=title.slug)

    @staticmethod
    def _compile(language, pairs):
        """One alternation for the language, longest names first so the longest name wins."""
        targets = {}
        stems = set()
        for text, target in pairs:
            key = " ".join(text.split()).casefold()
            targets.setdefault(key, target)
        if language == "sv":
            for key, target in list(targets.items()):
                if key.endswith("e") and len(key) > 3 and key[:-1] not in targets:
                    targets[key[:-1]] = target
                    stems.add(key[:-1])
        if not targets:
            return targets, None
        endings = _SWEDISH_ENDINGS if language == "sv" else _ENGLISH_ENDINGS
        alternatives = [
            _name_pattern(key) + (_SWEDISH_E_STEM_ENDINGS if key in stems else endings)
            for key in sorted(targets, key=len, reverse=True)
        ]
        pattern = re.compile(
            r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE
        )
        return targets, pattern

    def _target_for(self, language, mention):
        """The title a mention names: its longest known name that the mention starts with."""
        mention = " ".join(mention.split()).casefold()
        best = None
        for key, target in self._targets[language].items():
            if mention.startswith(key) and (best is None or len(key) > len(best[0])):
                best = (key, target)
        return best[1] if best else None

    def link(self, text, language):
        """HTML for ``text`` (escaped) with the first mention of each other title linked."""
        pattern = self._patterns.get(language)
        if not text or pattern is None:
            return escape(text or "")
        parts = []
        position = 0
        for match in pattern.finditer(text):
            target = self._target_for(language, match.group(0))
            if target is None or target.slug in self.linked:
                continue
            self.linked.add(target.slug)
            parts.append(escape(text[position : match.start()]))
            parts.append(
                format_html('<a href="{}" class="term-link">{}</a>', target.url, match.group(0))
            )
            position = match.end()
        parts.append(escape(text[position:]))
        return "".join(parts)

    def paragraphs(self, text, language):
        """Like ``link``, split into ``<p>`` paragraphs at blank lines (as ``linebreaks``)."""
        blocks = [block.strip() for block in re.split(r"\n\s*\n", text or "") if block.strip()]
        return "".join(
            "<p>" + self.link(block, language).replace("\n", "<br>") + "</p>" for block in blocks
        )


def _resolve(names):
    """Give each spelling one title: a preferred name beats other labels; a tie drops it.

    ``names``: {language: [(text, kind, slug, English slug)]}. The links lead to the pages
    in the reader's language, at that language's slug.
    """
    resolved = {}
    page = current_language()
    for language, rows in names.items():
        by_key = {}
        page_slugs = {}
        for text, kind, slug, slug_en in rows:
            key = " ".join(text.split()).casefold()
            rank = 0 if kind == LabelKind.PREFERRED else 1
            by_key.setdefault(key, []).append((rank, slug, text))
            page_slugs[slug] = slug_in(page, slug, slug_en)
        pairs = []
        urls = {}
        for entries in by_key.values():
            entries.sort()
            best = [entry for entry in entries if entry[0] == entries[0][0]]
            if len({slug for _rank, slug, _text in best}) > 1:
                continue
            _rank, slug, text = best[0]
            if slug not in urls:
                urls[slug] = reverse("titles:title-detail", args=[page_slugs[slug]])
            pairs.append((text, Target(slug=slug, url=urls[slug], name=text)))
        resolved[language] = pairs
    return resolved
