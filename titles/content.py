"""Loading the bundled glossary (``content/``) into the database.

Two stages. ``read_content`` parses and validates every file and collects *all* problems,
each naming the file and the field; nothing is written while any problem remains.
``load_content`` then writes in one transaction and never silently overwrites an editor:

- a new slug is created;
- an entry whose database state still matches what the loader last wrote is updated when
  its file changed, and left as it is when not;
- an entry an editor has changed since (or created in the admin) is skipped and reported,
  unless ``force`` is given.

The file format is documented in ``docs/content-format.md``.
"""

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction

from titles.exchange import fingerprint, title_to_dict
from titles.models import (
    LANGUAGE_CODES,
    SYMMETRIC_TYPES,
    Field,
    Focus,
    Label,
    LabelKind,
    Profile,
    Relation,
    RelationType,
    Responsibility,
    Seniority,
    Skill,
    Source,
    Status,
    Tag,
    Title,
)
from titles.normalize import compact, normalize

CONTENT_DIR = Path(settings.BASE_DIR) / "content"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CODE = re.compile(r"^\d{1,4}$")
ENTRY_KEYS = {
    "slug", "status", "field", "seniority", "focus", "profile", "names", "labels",
    "definition", "description", "responsibilities", "skills", "note", "relations", "tags",
    "sources", "identifiers", "replaced_by", "last_reviewed",
}  # fmt: skip
LABEL_KINDS = [kind for kind in LabelKind.values if kind != LabelKind.PREFERRED]


class ContentError(Exception):
    """The content has problems; ``problems`` lists each as 'file: field: message'."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Content:
    tags: dict
    sources: dict
    entries: list  # (file name, entry dict), sorted by slug


@dataclass
class Report:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    relations_added: int = 0


def _yaml(path, problems):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        problems.append(f"{path.name}: not readable YAML: {error}")
        return None


def read_content(directory=CONTENT_DIR, known_slugs=()):
    """Parse and validate the content directory; raise ``ContentError`` listing every problem.

    ``known_slugs`` are titles already in the database that relations may point to.
    """
    directory = Path(directory)
    problems = []
    tags = _yaml(directory / "tags.yaml", problems) or {}
    sources = _yaml(directory / "sources.yaml", problems) or {}
    for key, tag in tags.items():
        for language in LANGUAGE_CODES:
            if not (tag or {}).get(language):
                problems.append(f"tags.yaml: {key}.{language}: missing translation")
    for key, source in sources.items():
        if not (source or {}).get("title"):
            problems.append(f"sources.yaml: {key}.title: a source needs a title")

    entries = []
    for path in sorted((directory / "titles").glob("*.yaml")):
        entry = _yaml(path, problems)
        if entry is None:
            continue
        if not isinstance(entry, dict):
            problems.append(f"{path.name}: expected a mapping of fields")
            continue
        entries.append((path.name, entry))

    slugs = {entry.get("slug") for _, entry in entries}
    all_slugs = slugs | set(known_slugs)
    seen = set()
    for name, entry in entries:
        slug = entry.get("slug")
        if slug in seen:
            problems.append(f"{name}: slug: '{slug}' is used by another file")
        seen.add(slug)
        problems.extend(
            f"{name}: {problem}" for problem in _check_entry(entry, name, tags, sources, all_slugs)
        )
    if problems:
        raise ContentError(problems)
    entries.sort(key=lambda item: item[1]["slug"])
    return Content(tags=tags, sources=sources, entries=entries)


MAPPINGS = ("names", "definition", "description", "note", "identifiers")
LISTS_OF_MAPPINGS = ("labels", "responsibilities", "skills", "relations")
LISTS_OF_STRINGS = ("tags", "sources")


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


def _check_entry(entry, file_name, tags, sources, all_slugs, strict=True):  # noqa: C901
    """Yield 'field: message' for each problem of one entry (a flat checklist).

    ``strict`` (bundled content) also demands every text in both languages; an import of
    an editor's export may carry gaps, which the admin lists as missing translations.
    """
    for key in sorted(set(entry) - ENTRY_KEYS):
        yield f"{key}: unknown field"
    shapes = _shape_problems(entry)
    if shapes:
        yield from shapes
        return
    slug = entry.get("slug") or ""
    if not SLUG.match(str(slug)):
        yield "slug: use lowercase letters, digits and hyphens"
    elif file_name.endswith(".yaml") and file_name != f"{slug}.yaml":
        yield f"slug: '{slug}' does not match the file name"
    for key, choices in (
        ("status", Status.values),
        ("field", Field.values),
        ("seniority", Seniority.values),
        ("focus", Focus.values),
        ("profile", Profile.values),
    ):
        if entry.get(key) not in choices:
            yield f"{key}: '{entry.get(key)}' is not one of {', '.join(choices)}"
    published = entry.get("status") == Status.PUBLISHED

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

    for key in ("definition", "description"):
        texts = entry.get(key) or {}
        for language in LANGUAGE_CODES:
            if strict and published and not str(texts.get(language) or "").strip():
                yield f"{key}.{language}: missing translation"
    note = entry.get("note") or {}
    filled = [language for language in LANGUAGE_CODES if str(note.get(language) or "").strip()]
    if strict and filled and len(filled) != len(LANGUAGE_CODES):
        missing = next(lang for lang in LANGUAGE_CODES if lang not in filled)
        yield f"note.{missing}: missing translation (give the note in both languages or neither)"
    for key in ("responsibilities", "skills"):
        for index, item in enumerate(entry.get(key) or []):
            for language in LANGUAGE_CODES:
                if strict and not str(item.get(language) or "").strip():
                    yield f"{key}[{index}].{language}: missing translation"

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
    for tag in entry.get("tags") or []:
        if tag not in tags:
            yield f"tags: unknown tag '{tag}' (add it to tags.yaml first)"
    for source in entry.get("sources") or []:
        if source not in sources:
            yield f"sources: unknown source '{source}' (add it to sources.yaml first)"
    identifiers = entry.get("identifiers") or {}
    for key in ("ssyk", "isco"):
        value = str(identifiers.get(key) or "")
        if value and not CODE.match(value):
            yield f"identifiers.{key}: '{value}' is not a code of one to four digits"
    esco = str(identifiers.get("esco") or "")
    if esco and not esco.startswith("http"):
        yield "identifiers.esco: give the full occupation URI"
    replacement = entry.get("replaced_by")
    if replacement and (replacement == slug or replacement not in all_slugs):
        yield f"replaced_by: '{replacement}' is not another title"
    reviewed = entry.get("last_reviewed")
    if reviewed and _date(reviewed) is None:
        yield f"last_reviewed: '{reviewed}' is not a date (YYYY-MM-DD)"


def _date(value):
    """A date from YAML (already a date) or JSON (an ISO string); None if it is neither."""
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def _state(title):
    data = title_to_dict(title)
    data.pop("updated_at")
    return fingerprint(data)


def _fresh(slug):
    return (
        Title.objects.select_related("replaced_by")
        .prefetch_related(
            "labels",
            "responsibilities",
            "skills",
            "tags",
            "sources",
            "outgoing_relations__target",
        )
        .filter(slug=slug)
        .first()
    )


def _ensure_vocabulary(content):
    """Create missing tags and sources; existing ones are editors' to change."""
    tags = {tag.slug: tag for tag in Tag.objects.all()}
    for slug, names in content.tags.items():
        if slug not in tags:
            tags[slug] = Tag.objects.create(
                slug=slug, name=names["sv"], name_sv=names["sv"], name_en=names["en"]
            )
    sources = {source.key: source for source in Source.objects.all()}
    for key, data in content.sources.items():
        if key not in sources:
            sources[key] = Source.objects.create(
                key=key,
                title=data["title"],
                author=data.get("author") or "",
                publisher=data.get("publisher") or "",
                url=data.get("url") or "",
                date=data.get("date"),
            )
    return tags, sources


def _write_entry(entry, title, tags, sources):
    """Make ``title`` say exactly what ``entry`` says (relations are written later)."""
    for language in LANGUAGE_CODES:
        setattr(title, f"name_{language}", entry["names"][language].strip())
        for key in ("definition", "description", "note"):
            text = str((entry.get(key) or {}).get(language) or "").strip()
            setattr(title, f"{key}_{language}", text)
    for key in ("status", "field", "seniority", "focus", "profile"):
        setattr(title, key, entry[key])
    identifiers = entry.get("identifiers") or {}
    title.esco_uri = str(identifiers.get("esco") or "")
    title.ssyk_code = str(identifiers.get("ssyk") or "")
    title.isco_code = str(identifiers.get("isco") or "")
    title.last_reviewed_at = _date(entry["last_reviewed"]) if entry.get("last_reviewed") else None
    title.save()

    title.labels.exclude(kind=LabelKind.PREFERRED).delete()
    for label in entry.get("labels") or []:
        Label.objects.create(
            title=title,
            text=str(label["text"]).strip(),
            language=label["language"],
            kind=label["kind"],
            note=str(label.get("note") or ""),
        )
    for model, key in ((Responsibility, "responsibilities"), (Skill, "skills")):
        model.objects.filter(title=title).delete()
        for order, item in enumerate(entry.get(key) or [], start=1):
            model.objects.create(
                title=title,
                order=order,
                text_sv=str(item.get("sv") or "").strip(),
                text_en=str(item.get("en") or "").strip(),
            )
    title.tags.set([tags[slug] for slug in entry.get("tags") or []])
    title.sources.set([sources[key] for key in entry.get("sources") or []])


def _write_relations(entry, titles_by_slug):
    """Add the entry's relations that are not stored yet (a symmetric one in either direction).

    Also points a retired entry to its replacement, which may have been written after it.
    """
    added = 0
    source = titles_by_slug[entry["slug"]]
    replacement = titles_by_slug.get(entry.get("replaced_by")) if entry.get("replaced_by") else None
    if source.replaced_by_id != (replacement.pk if replacement else None):
        Title.objects.filter(pk=source.pk).update(replaced_by=replacement)
    for relation in entry.get("relations") or []:
        target = titles_by_slug[relation["target"]]
        kind = relation["type"]
        existing = Relation.objects.filter(source=source, target=target, type=kind)
        if kind in SYMMETRIC_TYPES:
            existing = existing | Relation.objects.filter(source=target, target=source, type=kind)
        if existing.exists():
            continue
        note = relation.get("note") or {}
        Relation.objects.create(
            source=source,
            target=target,
            type=kind,
            note_sv=str(note.get("sv") or "").strip(),
            note_en=str(note.get("en") or "").strip(),
        )
        added += 1
    return added


@transaction.atomic
def load_content(content, *, force=False):
    """Write validated ``content``; return a ``Report`` of what happened to each entry."""
    report = Report()
    tags, sources = _ensure_vocabulary(content)
    existing = {title.slug: title for title in Title.objects.all()}
    written = []
    for _, entry in content.entries:
        slug = entry["slug"]
        file_hash = fingerprint(entry)
        title = existing.get(slug)
        if title is None:
            title = Title(slug=slug)
            report.created.append(slug)
        else:
            edited = not title.loaded_state_hash or _state(_fresh(slug)) != title.loaded_state_hash
            if edited and not force:
                report.skipped.append(slug)
                continue
            if not edited and title.loaded_file_hash == file_hash:
                report.unchanged.append(slug)
                continue
            report.updated.append(slug)
        _write_entry(entry, title, tags, sources)
        existing[slug] = title
        written.append((entry, title, file_hash))

    for entry, _, _ in written:
        report.relations_added += _write_relations(entry, existing)
    for _, title, file_hash in written:
        Title.objects.filter(pk=title.pk).update(
            loaded_file_hash=file_hash, loaded_state_hash=_state(_fresh(title.slug))
        )
    return report
