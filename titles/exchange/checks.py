"""The checks every entry passes before anything is written: the content files, an import.

``check_entry`` yields one 'field: message' per problem, so a content writer or an editor
sees every problem of a file at once, each naming the field. ``strict`` (the bundled
content) also demands every text in both languages; an import of an editor's export may
carry gaps, which the admin lists as missing translations.
"""

import datetime
import re

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
CODE = re.compile(r"^\d{1,4}$")
ENTRY_KEYS = {
    "slug", "status", "field", "seniority", "focus", "profile", "names", "labels",
    "definition", "description", "responsibilities", "skills", "note", "relations", "tags",
    "sources", "identifiers", "replaced_by", "last_reviewed",
}  # fmt: skip
LABEL_KINDS = [kind for kind in LabelKind.values if kind != LabelKind.PREFERRED]
MAPPINGS = ("names", "definition", "description", "note", "identifiers")
LISTS_OF_MAPPINGS = ("labels", "responsibilities", "skills", "relations")
LISTS_OF_STRINGS = ("tags", "sources")
CHOICES = (
    ("status", Status.values),
    ("field", Field.values),
    ("seniority", Seniority.values),
    ("focus", Focus.values),
    ("profile", Profile.values),
)


class ContentError(Exception):
    """The content has problems; ``problems`` lists each as 'file: field: message'."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


def check_entries(entries, tags, sources, all_slugs, strict=True):
    """Problems of every ``(where, entry)`` pair, each as 'where: field: message'.

    A slug used twice is reported where it appears the second time.
    """
    problems, seen = [], set()
    for where, entry in entries:
        slug = entry.get("slug")
        if slug in seen:
            problems.append(f"{where}: slug: '{slug}' is used twice")
        seen.add(slug)
        problems.extend(
            f"{where}: {problem}"
            for problem in check_entry(entry, where, tags, sources, all_slugs, strict)
        )
    return problems


def check_entry(entry, file_name, tags, sources, all_slugs, strict=True):
    """Yield 'field: message' for each problem of one entry (a flat checklist)."""
    for key in sorted(set(entry) - ENTRY_KEYS):
        yield f"{key}: unknown field"
    shapes = _shape_problems(entry)
    if shapes:
        yield from shapes
        return
    slug = entry.get("slug") or ""
    yield from _check_slug(slug, file_name)
    for key, choices in CHOICES:
        if entry.get(key) not in choices:
            yield f"{key}: '{entry.get(key)}' is not one of {', '.join(choices)}"
    yield from _check_names(entry)
    if strict:
        yield from _check_translations(entry)
    yield from _check_relations(entry, slug, all_slugs, strict)
    yield from _check_vocabulary(entry, tags, sources)
    yield from _check_identifiers(entry.get("identifiers") or {})
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
    for key in ("definition", "description"):
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


def _check_vocabulary(entry, tags, sources):
    for tag in entry.get("tags") or []:
        if tag not in tags:
            yield f"tags: unknown tag '{tag}' (add it to tags.yaml first)"
    for source in entry.get("sources") or []:
        if source not in sources:
            yield f"sources: unknown source '{source}' (add it to sources.yaml first)"


def _check_identifiers(identifiers):
    for key in ("ssyk", "isco"):
        value = str(identifiers.get(key) or "")
        if value and not CODE.match(value):
            yield f"identifiers.{key}: '{value}' is not a code of one to four digits"
    esco = str(identifiers.get("esco") or "")
    if esco and not esco.startswith("http"):
        yield "identifiers.esco: give the full occupation URI"


def parse_date(value):
    """A date from YAML (already a date) or JSON (an ISO string); None if it is neither."""
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None
