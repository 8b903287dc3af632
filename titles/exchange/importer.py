"""Importing a ``yrkesroller/1`` export (what ``exportglossary`` writes).

An import is an editor's deliberate act, so unlike ``loadglossary`` it does change titles
that exist: each title in the file is created or made to say exactly what the file says,
outgoing relations included. It is all or nothing. ``plan_import`` validates the whole file
first (every problem names the title and the field) and says what would be created or
changed; ``apply_import`` writes it in one transaction. A round trip (export, import into an
empty database, export) gives the same file apart from ``exported_at``.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.dateparse import parse_datetime

from titles.exchange.checks import ContentError, Vocabulary, check_entries
from titles.exchange.format import FORMAT, export_queryset, title_to_dict
from titles.exchange.limits import name_problems, source_problems
from titles.exchange.writer import Content, ensure_vocabulary, write_entry, write_relations
from titles.models import LANGUAGE_CODES, Title

ENTRY_FIELDS = (
    "slug", "status", "field", "seniority", "focus", "profile", "names", "labels",
    "definition", "description", "responsibilities", "skills", "note", "pathway", "topics",
    "relations", "tags", "identifiers",
)  # fmt: skip
EXPORT_ONLY = {"sources", "updated_at"}


@dataclass
class ImportPlan:
    content: Content
    updated_at: dict  # slug -> datetime from the file
    create: list = field(default_factory=list)
    change: list = field(default_factory=list)  # (slug, [changed keys])
    unchanged: list = field(default_factory=list)


def _entry(title):
    entry = {key: title.get(key) for key in ENTRY_FIELDS if key in title}
    entry["sources"] = [source.get("key") for source in title.get("sources") or []]
    for key in set(title) - set(ENTRY_FIELDS) - EXPORT_ONLY:
        entry[key] = title[key]  # unknown keys are reported by the checks
    return entry


def _collect_vocabulary(title, index, vocabulary):
    """Gather the sources, tags and topics an exported title carries; return problems found.

    A tag or topic the file names without listing its names gets its slug as its name.
    """
    problems = []
    for source in title.get("sources") or []:
        if isinstance(source, dict) and source.get("key") and source.get("title"):
            found = source_problems(source["key"], source)
            problems += [f"titles[{index}]: sources: {problem}" for problem in found]
            vocabulary.sources.setdefault(source["key"], source)
        else:
            problems.append(f"titles[{index}]: sources: each needs a key and a title")
    for key, names in (("tags", vocabulary.tags), ("topics", vocabulary.topics)):
        for slug in title.get(key) or []:
            if isinstance(slug, str):
                names.setdefault(slug, {language: slug for language in LANGUAGE_CODES})
    return problems


def _names_of(data, key):
    """The ``{slug: {sv, en}}`` names an export lists for its tags or topics."""
    names = data.get(key) if isinstance(data.get(key), dict) else {}
    return {
        slug: name
        for slug, name in names.items()
        if isinstance(name, dict) and all(name.get(language) for language in LANGUAGE_CODES)
    }


def _read(data):
    """Validate an export and turn it into loader ``Content``; raise ``ContentError``."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ContentError([f"format: this is not a {FORMAT} export"])
    titles = data.get("titles")
    if not isinstance(titles, list):
        raise ContentError(["titles: expected a list of titles"])
    vocabulary = Vocabulary(tags=_names_of(data, "tags"), topics=_names_of(data, "topics"))
    problems, entries, updated_at = [], [], {}
    for index, title in enumerate(titles):
        if not isinstance(title, dict):
            problems.append(f"titles[{index}]: expected a mapping")
            continue
        problems += _collect_vocabulary(title, index, vocabulary)
        stamp = parse_datetime(str(title.get("updated_at") or ""))
        if title.get("updated_at") and stamp is None:
            problems.append(f"titles[{index}]: updated_at: not an ISO-8601 date and time")
        updated_at[title.get("slug")] = stamp
        entries.append((f"titles[{index}] ({title.get('slug')})", _entry(title)))
    known = {entry.get("slug") for _, entry in entries} | set(
        Title.objects.values_list("slug", flat=True)
    )
    problems += check_entries(entries, vocabulary, known, strict=False)
    for kind in ("tags", "topics"):
        names = getattr(vocabulary, kind)
        problems += [f"{kind}: {problem}" for problem in name_problems(kind, names)]
    if problems:
        raise ContentError(problems)
    content = Content(vocabulary=vocabulary, entries=sorted(entries, key=_slug_of))
    return content, updated_at


def _slug_of(item):
    return item[1]["slug"]


def _comparable(title_dict):
    data = {key: value for key, value in title_dict.items() if key != "updated_at"}
    data["sources"] = sorted(source["key"] for source in data.get("sources") or [])
    data["labels"] = sorted(
        (label["language"], label["kind"], label["text"], label.get("note") or "")
        for label in data.get("labels") or []
    )
    data["relations"] = sorted(
        (relation["type"], relation["target"]) for relation in data.get("relations") or []
    )
    return data


def plan_import(data):
    """What importing ``data`` would do; raises ``ContentError`` listing every problem."""
    content, updated_at = _read(data)
    plan = ImportPlan(content=content, updated_at=updated_at)
    existing = {title.slug: title for title in export_queryset()}
    incoming = {entry["slug"]: title for title in data["titles"] for entry in [_entry(title)]}
    for _, entry in content.entries:
        slug = entry["slug"]
        if slug not in existing:
            plan.create.append(slug)
            continue
        now, then = _comparable(title_to_dict(existing[slug])), _comparable(incoming[slug])
        changed = sorted(key for key in set(now) | set(then) if now.get(key) != then.get(key))
        if changed:
            plan.change.append((slug, changed))
        else:
            plan.unchanged.append(slug)
    return plan


@transaction.atomic
def apply_import(plan):
    """Write a plan made by ``plan_import``: all of it, or (on any error) nothing."""
    vocabulary = ensure_vocabulary(plan.content)
    titles = {title.slug: title for title in Title.objects.all()}
    written = [slug for slug, _ in plan.change] + plan.create
    for _, entry in plan.content.entries:
        slug = entry["slug"]
        if slug not in written:
            continue
        title = titles.get(slug) or Title(slug=slug)
        write_entry(entry, title, vocabulary)
        titles[slug] = title
        title.outgoing_relations.all().delete()
    for _, entry in plan.content.entries:
        if entry["slug"] in written:
            write_relations(entry, titles)
    for slug in written:
        if plan.updated_at.get(slug):
            Title.objects.filter(slug=slug).update(updated_at=plan.updated_at[slug])
