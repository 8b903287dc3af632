"""The ``yrkesroller/1`` JSON shape: what ``exportglossary`` writes (a public contract).

``{"format": "yrkesroller/1", "exported_at": ISO-8601, "tags": {slug: {"sv", "en"}},
"topics": {slug: {"sv", "en"}}, "titles": [...]}``; each title as ``title_to_dict`` builds
it. A symmetric relation is listed once (on the title that stores it); ``next_step`` and
``specialisation_of`` point from the title to their target.
"""

import hashlib
import json

from django.db.models import Prefetch
from django.utils import timezone

from titles.bilingual import bilingual
from titles.models import (
    Label,
    LabelKind,
    Relation,
    Responsibility,
    Skill,
    Tag,
    TaggedTitle,
    Title,
    TitleTopic,
    Topic,
)

FORMAT = "yrkesroller/1"


def source_to_dict(source):
    return {
        "key": source.key,
        "title": source.title,
        "author": source.author,
        "publisher": source.publisher,
        "url": source.url,
        "date": source.date.isoformat() if source.date else None,
    }


def export_queryset():
    """Every title (all statuses) with everything it owns, in a constant number of queries."""
    return (
        Title.objects.order_by("slug")
        .select_related("replaced_by")
        .prefetch_related(
            Prefetch("labels", queryset=Label.objects.exclude(kind=LabelKind.PREFERRED)),
            "responsibilities",
            "skills",
            Prefetch("outgoing_relations", queryset=Relation.objects.select_related("target")),
            "tags",
            "topics",
            "sources",
        )
    )


def owned(title, name):
    """What ``title`` owns under ``name`` (``labels``, ``skills``, ``outgoing_relations`` …):
    the rows ``with_owned`` attached, else the related manager's, prefetched or not."""
    rows = getattr(title, "_owned", None)
    if rows is not None:
        return rows[name]
    return getattr(title, name).all()


def with_owned(titles):
    """``titles`` (a list) with what ``export_queryset`` prefetches attached as plain lists
    (read through ``owned``), in one query per kind, in the order the prefetch would give
    them (each model's own ordering). Django's prefetch builds a queryset per title and
    relation, and reading it (``.all()``) clones one each time; at 50,000 titles that was
    most of the time a dump took."""
    ids = [title.pk for title in titles]
    # name on the title: (rows, the row's title id, the object the row stands for)
    kinds = {
        "labels": (Label.objects.filter(title_id__in=ids).exclude(kind=LabelKind.PREFERRED),
                   "title_id", None),
        "responsibilities": (Responsibility.objects.filter(title_id__in=ids), "title_id", None),
        "skills": (Skill.objects.filter(title_id__in=ids), "title_id", None),
        "outgoing_relations": (Relation.objects.filter(source_id__in=ids)
                               .select_related("target"), "source_id", None),
        "tags": (TaggedTitle.objects.filter(content_object_id__in=ids), "content_object_id",
                 "tag"),
        "topics": (TitleTopic.objects.filter(title_id__in=ids), "title_id", "topic"),
        "sources": (Title.sources.through.objects.filter(title_id__in=ids), "title_id", "source"),
    }  # fmt: skip
    attached = {title.pk: {name: [] for name in kinds} for title in titles}
    for name, (rows, owner, target) in kinds.items():
        if target:
            rows = rows.select_related(target).order_by(f"{target}__pk")
        for row in rows:
            attached[getattr(row, owner)][name].append(getattr(row, target) if target else row)
    for title in titles:
        title._owned = attached[title.pk]
    return titles


def content_of(title):
    """The entry's own content, everything an editor curates except its relations."""
    return {
        "slug": title.slug,
        "status": title.status,
        "names": bilingual(title, "name"),
        "labels": sorted(
            (
                {
                    "text": label.text,
                    "language": label.language,
                    "kind": label.kind,
                    "note": label.note,
                }
                for label in owned(title, "labels")
            ),
            key=lambda label: (label["language"], label["kind"], label["text"]),
        ),
        "definition": bilingual(title, "definition"),
        "description": bilingual(title, "description"),
        "responsibilities": [bilingual(item, "text") for item in owned(title, "responsibilities")],
        "skills": [bilingual(item, "text") for item in owned(title, "skills")],
        "field": title.field,
        "seniority": title.seniority,
        "focus": title.focus,
        "profile": title.profile,
        "note": bilingual(title, "note"),
        "pathway": bilingual(title, "pathway"),
        "topics": sorted(topic.slug for topic in owned(title, "topics")),
        "tags": sorted(tag.slug for tag in owned(title, "tags")),
        "sources": sorted(
            (source_to_dict(source) for source in owned(title, "sources")),
            key=lambda source: source["key"],
        ),
        "identifiers": {
            "esco": title.esco_uri,
            "ssyk": title.ssyk_code,
            "isco": title.isco_code,
        },
        "replaced_by": title.replaced_by.slug if title.replaced_by_id else None,
        "last_reviewed": title.last_reviewed_at.isoformat() if title.last_reviewed_at else None,
    }


def title_to_dict(title):
    data = content_of(title)
    data["relations"] = [
        {"type": relation.type, "target": relation.target.slug, "note": bilingual(relation, "note")}
        for relation in owned(title, "outgoing_relations")
    ]
    data["updated_at"] = title.updated_at.isoformat()
    return data


def export_glossary(selection=None):
    """The whole glossary, or the titles of ``selection`` (a queryset of titles).

    ``tags`` and ``topics`` carry their names, so an import into an empty database loses
    nothing.
    """
    titles = export_queryset()
    if selection is not None:
        titles = titles.filter(pk__in=selection.values("pk"))
    return {
        "format": FORMAT,
        "exported_at": timezone.now().isoformat(),
        "tags": {tag.slug: bilingual(tag, "name") for tag in Tag.objects.order_by("slug")},
        "topics": {
            topic.slug: bilingual(topic, "name") for topic in Topic.objects.order_by("slug")
        },
        "titles": [title_to_dict(title) for title in titles],
    }


def fingerprint(content):
    """A stable hash of ``content_of`` output (or the same shape built from a content file)."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
