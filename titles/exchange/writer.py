"""The one writer of entries: the YAML loader and the importer both make titles say what a
validated entry (``checks.check_entry``) says through these functions."""

from dataclasses import dataclass

from titles.exchange.checks import parse_date
from titles.models import (
    LANGUAGE_CODES,
    SYMMETRIC_TYPES,
    Label,
    LabelKind,
    Relation,
    Responsibility,
    Skill,
    Source,
    Tag,
    Title,
)


@dataclass
class Content:
    """Validated entries and the vocabulary they use."""

    tags: dict
    sources: dict
    entries: list  # (where, entry dict), sorted by slug


def ensure_vocabulary(content):
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


def write_entry(entry, title, tags, sources):
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
    title.last_reviewed_at = (
        parse_date(entry["last_reviewed"]) if entry.get("last_reviewed") else None
    )
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


def write_relations(entry, titles_by_slug):
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
