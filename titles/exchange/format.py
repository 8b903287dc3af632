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
from titles.models import Label, LabelKind, Relation, Tag, Title, Topic

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
                for label in title.labels.all()
            ),
            key=lambda label: (label["language"], label["kind"], label["text"]),
        ),
        "definition": bilingual(title, "definition"),
        "description": bilingual(title, "description"),
        "responsibilities": [bilingual(item, "text") for item in title.responsibilities.all()],
        "skills": [bilingual(item, "text") for item in title.skills.all()],
        "field": title.field,
        "seniority": title.seniority,
        "focus": title.focus,
        "profile": title.profile,
        "note": bilingual(title, "note"),
        "pathway": bilingual(title, "pathway"),
        "topics": sorted(topic.slug for topic in title.topics.all()),
        "tags": sorted(tag.slug for tag in title.tags.all()),
        "sources": sorted(
            (source_to_dict(source) for source in title.sources.all()),
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
        for relation in title.outgoing_relations.all()
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
