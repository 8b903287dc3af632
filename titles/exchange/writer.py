"""The one writer of entries: the YAML loader and the importer both make titles say what a
validated entry (``checks.check_entry``) says through these functions."""

from dataclasses import dataclass

from titles.exchange.checks import Vocabulary, parse_date
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
    TitleTopic,
    Topic,
)


@dataclass
class Content:
    """Validated entries and the vocabulary they use."""

    vocabulary: Vocabulary
    entries: list  # (where, entry dict), sorted by slug


def _named(model, names_by_slug):
    """Every ``model`` row by slug, creating the missing ones with their sv/en names."""
    rows = {row.slug: row for row in model.objects.all()}
    for slug, names in names_by_slug.items():
        if slug not in rows:
            rows[slug] = model.objects.create(
                slug=slug, name=names["sv"], name_sv=names["sv"], name_en=names["en"]
            )
    return rows


def ensure_vocabulary(content):
    """Create missing tags, topics and sources (as model rows, in a ``Vocabulary``);
    existing ones are editors' to change."""
    vocabulary = content.vocabulary
    sources = {source.key: source for source in Source.objects.all()}
    for key, data in vocabulary.sources.items():
        if key not in sources:
            sources[key] = Source.objects.create(
                key=key,
                title=data["title"],
                author=data.get("author") or "",
                publisher=data.get("publisher") or "",
                url=data.get("url") or "",
                date=data.get("date"),
            )
    return Vocabulary(
        tags=_named(Tag, vocabulary.tags),
        topics=_named(Topic, vocabulary.topics),
        sources=sources,
    )


def write_entry(entry, title, vocabulary):
    """Make ``title`` say exactly what ``entry`` says (relations are written later)."""
    for language in LANGUAGE_CODES:
        setattr(title, f"name_{language}", entry["names"][language].strip())
        for key in ("definition", "description", "note", "pathway"):
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
    title.tags.set([vocabulary.tags[slug] for slug in entry.get("tags") or []])
    title.sources.set([vocabulary.sources[key] for key in entry.get("sources") or []])
    topics = [vocabulary.topics[slug] for slug in entry.get("topics") or []]
    sync_links(TitleTopic, title, topics, owner="title", item="topic")


def sync_links(model, title, items, *, owner, item):
    """Link exactly ``items`` to the title through ``model``, one saved row per change (not
    a bulk ``set``), so the history records each change and nothing unchanged."""
    wanted = {thing.pk: thing for thing in items}
    for link in model.objects.filter(**{owner: title}):
        if wanted.pop(getattr(link, f"{item}_id"), None) is None:
            link.delete()
    for thing in wanted.values():
        model.objects.create(**{owner: title, item: thing})


def relation_note(relation):
    """The (Swedish, English) note of an entry's relation, stripped."""
    note = relation.get("note") or {}
    return str(note.get("sv") or "").strip(), str(note.get("en") or "").strip()


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
        note_sv, note_en = relation_note(relation)
        Relation.objects.create(
            source=source, target=target, type=kind, note_sv=note_sv, note_en=note_en
        )
        added += 1
    return added
