"""The checks every entry passes before anything is written: the content files, an import.

``check_entry`` yields one 'field: message' per problem, so a content writer or an editor
sees every problem of a file at once, each naming the field. ``strict`` (the bundled
content) also demands every text in both languages; an import of an editor's export may
carry gaps, which the admin lists as missing translations.
"""

import datetime
import re
from dataclasses import dataclass, field

from titles.classifications import code_problems
from titles.exchange.limits import entry_length_problems
from titles.models import (
    LANGUAGE_CODES,
    Field,
    Focus,
    LabelKind,
    Profile,
    RelationType,
    Seniority,
    Status,
)
from titles.normalize import compact, normalize

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CODE = re.compile(r"^\d{4}$")
ENTRY_KEYS = {
    "slug", "status", "field", "seniority", "focus", "profile", "names", "labels",
    "definition", "description", "responsibilities", "skills", "note", "pathway", "topics",
    "relations", "tags", "sources", "identifiers", "replaced_by", "last_reviewed",
}  # fmt: skip
MIN_TOPICS = 3
LABEL_KINDS = [kind for kind in LabelKind.values if kind != LabelKind.PREFERRED]
MAPPINGS = ("names", "definition", "description", "note", "pathway", "identifiers")
LISTS_OF_MAPPINGS = ("labels", "responsibilities", "skills", "relations")
LISTS_OF_STRINGS = ("tags", "topics", "sources")
CHOICES = (
    ("status", Status.values),
    ("field", Field.values),
    ("seniority", Seniority.values),
    ("focus", Focus.values),
    ("profile", Profile.values),
)


@dataclass
class Vocabulary:
    """What entries refer to by key: tags, topics (slug -> names) and sources (key -> data)."""

    tags: dict = field(default_factory=dict)
    topics: dict = field(default_factory=dict)
    sources: dict = field(default_factory=dict)
    synonyms: list = field(default_factory=list)  # content/synonyms.yaml's items


class ContentError(Exception):
    """The content has problems; ``problems`` lists each as 'file: field: message'."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


def check_entries(entries, vocabulary, all_slugs, strict=True):
    """Problems of every ``(where, entry)`` pair, each as 'where: field: message'.

    A slug used twice is reported where it appears the second time. ``strict`` also checks
    the career ladders across entries (see ``ladder_problems``).
    """
    problems, seen = [], set()
    for where, entry in entries:
        slug = entry.get("slug")
        if slug in seen:
            problems.append(f"{where}: slug: '{slug}' is used twice")
        seen.add(slug)
        problems.extend(
            f"{where}: {problem}"
            for problem in check_entry(entry, where, vocabulary, all_slugs, strict)
        )
    if strict and not problems:
        problems += ladder_problems(entries)
    return problems


SENIORITY_ORDER = list(Seniority.values)  # entry < mid < senior < lead < executive


def ladder_problems(entries):
    """A next step never leads down: its seniority is the same or higher than the role's."""
    seniority = {entry["slug"]: entry["seniority"] for _, entry in entries}
    problems = []
    for where, entry in entries:
        for index, relation in enumerate(entry.get("relations") or []):
            target = relation.get("target")
            if relation.get("type") != RelationType.NEXT_STEP or target not in seniority:
                continue
            here, there = entry["seniority"], seniority[target]
            if SENIORITY_ORDER.index(there) < SENIORITY_ORDER.index(here):
                problems.append(
                    f"{where}: relations[{index}]: the next step '{target}' is {there}, "
                    f"below this role's {here}"
                )
    return problems


def check_entry(entry, file_name, vocabulary, all_slugs, strict=True):
    """Yield 'field: message' for each problem of one entry (a flat checklist).

    ``strict`` (the bundled content) also asks a published entry for what a reader relies on:
    every text in both languages, at least three topics, and its official codes.
    """
    for key in sorted(set(entry) - ENTRY_KEYS):
        yield f"{key}: unknown field"
    shapes = _shape_problems(entry)
    if shapes:
        yield from shapes
        return
    yield from entry_length_problems(entry)
    slug = entry.get("slug") or ""
    yield from _check_slug(slug, file_name)
    yield from _check_choices(entry, slug, all_slugs)
    yield from _check_names(entry)
    published = entry.get("status") == Status.PUBLISHED
    if strict:
        yield from _check_translations(entry)
    if strict and published:
        yield from _check_published(entry)
    yield from _check_relations(entry, slug, all_slugs, strict)
    yield from _check_vocabulary(entry, vocabulary)
    yield from _check_identifiers(entry.get("identifiers") or {})


def _check_choices(entry, slug, all_slugs):
    for key, choices in CHOICES:
        if entry.get(key) not in choices:
            yield f"{key}: '{entry.get(key)}' is not one of {', '.join(choices)}"
    replacement = entry.get("replaced_by")
    if replacement and (replacement == slug or replacement not in all_slugs):
        yield f"replaced_by: '{replacement}' is not another title"
    reviewed = entry.get("last_reviewed")
    if reviewed and parse_date(reviewed) is None:
        yield f"last_reviewed: '{reviewed}' is not a date (YYYY-MM-DD)"


def _shape_problems(entry):
    """Wrong shapes (a string where a list belongs...) would break every later check."""
    problems = []
    for key in MAPPINGS:
        if not isinstance(entry.get(key) or {}, dict):
            problems.append(f"{key}: expected a mapping such as {{sv: ..., en: ...}}")
    for key in LISTS_OF_MAPPINGS + LISTS_OF_STRINGS:
        value = entry.get(key) or []
        if not isinstance(value, list):
            problems.append(f"{key}: expected a list")
            continue
        wanted = dict if key in LISTS_OF_MAPPINGS else str
        problems += [
            f"{key}[{index}]: expected a {'mapping' if wanted is dict else 'string'}"
            for index, item in enumerate(value)
            if not isinstance(item, wanted)
        ]
    return problems


def _check_slug(slug, file_name):
    if not SLUG.match(str(slug)):
        yield "slug: use lowercase letters, digits and hyphens"
    elif file_name.endswith(".yaml") and file_name != f"{slug}.yaml":
        yield f"slug: '{slug}' does not match the file name"


def _check_names(entry):
    """A name in each language, and labels that are real, known and not repeated."""
    names = entry.get("names") or {}
    for language in LANGUAGE_CODES:
        if not str(names.get(language) or "").strip():
            yield f"names.{language}: missing translation (every title has a name in sv and en)"
    seen = {(lang, compact(str(names.get(lang) or ""))): "names" for lang in LANGUAGE_CODES}
    for index, label in enumerate(entry.get("labels") or []):
        where = f"labels[{index}]"
        text = str(label.get("text") or "").strip()
        if not normalize(text):
            yield f"{where}.text: empty label"
            continue
        if label.get("language") not in LANGUAGE_CODES:
            yield f"{where}.language: '{label.get('language')}' is not sv or en"
        if label.get("kind") == LabelKind.PREFERRED:
            yield f"{where}.kind: duplicate preferred label: the preferred names are in 'names'"
        elif label.get("kind") not in LABEL_KINDS:
            yield f"{where}.kind: unknown kind '{label.get('kind')}' ({', '.join(LABEL_KINDS)})"
        key = (label.get("language"), compact(text))
        if key in seen:
            yield f"{where}.text: '{text}' repeats {seen[key]} in the same language"
        seen[key] = where


def _check_translations(entry):
    """Bundled content is complete in both languages (the note: both or neither)."""
    published = entry.get("status") == Status.PUBLISHED
    for key in ("definition", "description", "pathway"):
        texts = entry.get(key) or {}
        for language in LANGUAGE_CODES:
            if published and not str(texts.get(language) or "").strip():
                yield f"{key}.{language}: missing translation"
    note = entry.get("note") or {}
    filled = [language for language in LANGUAGE_CODES if str(note.get(language) or "").strip()]
    if filled and len(filled) != len(LANGUAGE_CODES):
        missing = next(lang for lang in LANGUAGE_CODES if lang not in filled)
        yield f"note.{missing}: missing translation (give the note in both languages or neither)"
    for key in ("responsibilities", "skills"):
        for index, item in enumerate(entry.get(key) or []):
            for language in LANGUAGE_CODES:
                if not str(item.get(language) or "").strip():
                    yield f"{key}[{index}].{language}: missing translation"


def _check_relations(entry, slug, all_slugs, strict):
    for index, relation in enumerate(entry.get("relations") or []):
        where = f"relations[{index}]"
        if relation.get("type") not in RelationType.values:
            yield f"{where}.type: unknown relation type '{relation.get('type')}'"
        target = relation.get("target")
        if target == slug:
            yield f"{where}.target: a title cannot relate to itself"
        elif target not in all_slugs:
            yield f"{where}.target: unknown relation target '{target}'"
        relation_note = relation.get("note") or {}
        given = [bool(relation_note.get(language)) for language in LANGUAGE_CODES]
        if strict and any(given) and not all(given):
            yield f"{where}.note: missing translation"


def _check_published(entry):
    """A published entry of the bundled content: topics and official codes, or why none."""
    topics = entry.get("topics") or []
    if len(topics) < MIN_TOPICS:
        yield f"topics: {len(topics)} given, a published entry needs at least {MIN_TOPICS}"
    if len(set(topics)) != len(topics):
        yield "topics: a topic is listed twice"
    identifiers = entry.get("identifiers") or {}
    if identifiers.get("none"):
        return  # the entry says why no group fits (an employment form, say)
    for key, name in (("ssyk", "SSYK 2012"), ("isco", "ISCO-08")):
        if not identifiers.get(key):
            yield (
                f"identifiers.{key}: a published entry needs its {name} code "
                "(or identifiers.none: why no group fits)"
            )


def _check_vocabulary(entry, vocabulary):
    for key, known, file_name in (
        ("tags", vocabulary.tags, "tags.yaml"),
        ("topics", vocabulary.topics, "topics.yaml"),
        ("sources", vocabulary.sources, "sources.yaml"),
    ):
        for item in entry.get(key) or []:
            if item not in known:
                yield f"{key}: unknown {key[:-1]} '{item}' (add it to {file_name} first)"


def _check_identifiers(identifiers):
    unknown = set(identifiers) - {"ssyk", "isco", "esco", "none"}
    for key in sorted(unknown):
        yield f"identifiers.{key}: unknown identifier (ssyk, isco, esco or none)"
    codes = {key: str(identifiers.get(key) or "") for key in ("ssyk", "isco", "esco")}
    malformed = False
    for key in ("ssyk", "isco"):
        if codes[key] and not CODE.match(codes[key]):
            malformed = True
            yield f"identifiers.{key}: '{codes[key]}' is not a code of four digits"
    if not malformed:
        yield from code_problems(codes["ssyk"], codes["isco"], codes["esco"])


def parse_date(value):
    """A date from YAML (already a date) or JSON (an ISO string); None if it is neither."""
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None
