"""Loading the bundled guides (``content/guides/<slug>.yaml``), the same way as the entries.

Every file is checked first and all problems are reported, each naming the file and the
field; nothing is written while any remains. Then, in one transaction: a new slug is
created; a guide whose database state still is what the loader last wrote
(``Guide.loaded_digest``) is updated when its file changed; a guide an editor has changed
since, or created in the admin, is skipped and reported, unless ``force``. The format is in
``docs/content-format.md``.
"""

import re
from dataclasses import dataclass, field

from django.db import transaction

from titles.exchange.format import fingerprint
from titles.models import LANGUAGE_CODES, Guide, GuideStatus, Source, Title

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TEXTS = {"title": 200, "summary": 300, "body": 20_000}
KEYS = {"slug", "status", "roles", "sources", *TEXTS}


@dataclass
class GuideReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    skipped: list = field(default_factory=list)


def _slug_problems(name, slug, seen):
    if not isinstance(slug, str) or not SLUG.match(slug):
        return [f"{name}: slug: lowercase ascii words joined by hyphens"]
    if name != f"{slug}.yaml":
        return [f"{name}: slug: must match the file name ({slug}.yaml)"]
    if slug in seen:
        return [f"{name}: slug: {slug} is used by another guide"]
    seen.add(slug)
    return []


def _text_problems(name, entry):
    problems = []
    for key, limit in TEXTS.items():
        texts = entry.get(key)
        for language in LANGUAGE_CODES:
            text = texts.get(language) if isinstance(texts, dict) else None
            if not isinstance(text, str) or not text.strip():
                problems.append(f"{name}: {key}.{language}: missing")
            elif len(text) > limit:
                problems.append(f"{name}: {key}.{language}: longer than {limit} characters")
    return problems


def _reference_problems(name, entry, known):
    problems = []
    for key, slugs in known.items():
        values = entry.get(key) or []
        if not isinstance(values, list):
            problems.append(f"{name}: {key}: a list")
            continue
        problems += [
            f"{name}: {key}: {value!r} is not in the glossary"
            for value in values
            if value not in slugs
        ]
    return problems


def check_guides(entries):
    """Problems of ``[(file name, mapping)]``, each naming the file and the field."""
    known = {
        "roles": set(Title.objects.values_list("slug", flat=True)),
        "sources": set(Source.objects.values_list("key", flat=True)),
    }
    problems, seen = [], set()
    for name, entry in entries:
        problems += _slug_problems(name, entry.get("slug"), seen)
        problems += [f"{name}: {key}: not a field of a guide" for key in sorted(set(entry) - KEYS)]
        if entry.get("status", GuideStatus.DRAFT) not in GuideStatus.values:
            problems.append(f"{name}: status: one of {', '.join(GuideStatus.values)}")
        problems += _text_problems(name, entry)
        problems += _reference_problems(name, entry, known)
    return problems


def _wanted(entry):
    """What the file says, in the shape ``_state`` reads from the database."""
    data = {
        "status": entry.get("status", GuideStatus.DRAFT),
        "roles": sorted(entry.get("roles") or []),
        "sources": sorted(entry.get("sources") or []),
    }
    for key in TEXTS:
        for language in LANGUAGE_CODES:
            data[f"{key}_{language}"] = entry[key][language].strip()
    return data


def _state(guide):
    data = {
        "status": guide.status,
        "roles": sorted(guide.roles.values_list("slug", flat=True)),
        "sources": sorted(guide.sources.values_list("key", flat=True)),
    }
    for key in TEXTS:
        for language in LANGUAGE_CODES:
            data[f"{key}_{language}"] = getattr(guide, f"{key}_{language}")
    return data


def _write(guide, data):
    for key, value in data.items():
        if key not in ("roles", "sources"):
            setattr(guide, key, value)
    guide.loaded_digest = fingerprint(data)
    guide.save()
    guide.roles.set(Title.objects.filter(slug__in=data["roles"]))
    guide.sources.set(Source.objects.filter(key__in=data["sources"]))


@transaction.atomic
def load_guides(entries, *, force=False):
    """Write checked ``[(file name, mapping)]``; a ``GuideReport`` of what happened."""
    report = GuideReport()
    for _name, entry in entries:
        data = _wanted(entry)
        slug = entry["slug"]
        guide = Guide.objects.filter(slug=slug).first()
        if guide is None:
            _write(Guide(slug=slug), data)
            report.created.append(slug)
            continue
        state = fingerprint(_state(guide))
        if state == fingerprint(data):
            report.unchanged.append(slug)
        elif state == guide.loaded_digest or force:
            _write(guide, data)
            report.updated.append(slug)
        else:
            report.skipped.append(slug)
    return report
