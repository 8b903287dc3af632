"""The publisher's side-by-side view of a revision: the published entry and the proposed one,
aspect by aspect (both ``yrkesroller/1`` entry dicts), the changed aspects first."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from titles.history import changed_words
from titles.models import (
    LANGUAGE_CODES,
    Field,
    Focus,
    LabelKind,
    Profile,
    RelationType,
    Responsibility,
    Seniority,
    Skill,
    Status,
    Title,
)

TEXTS = (("name", "names"), ("definition", "definition"), ("description", "description"))
TEXTS += (("note", "note"), ("pathway", "pathway"))
CHOICES = (("status", Status), ("field", Field), ("seniority", Seniority))
CHOICES += (("focus", Focus), ("profile", Profile))
IDENTIFIERS = (("esco_uri", "esco"), ("ssyk_code", "ssyk"), ("isco_code", "isco"))


@dataclass
class Row:
    label: str
    published: str
    proposed: str
    excerpt: tuple = None  # the changed words of a long text: (published, proposed)

    @property
    def changed(self):
        return self.published != self.proposed


def _text(key, language):
    return lambda entry: (entry.get(key) or {}).get(language) or ""


def _choice(key, choices):
    return lambda entry: str(dict(choices.choices).get(entry.get(key), entry.get(key) or ""))


def _identifier(key):
    return lambda entry: (entry.get("identifiers") or {}).get(key) or ""


def _lines(key, line):
    return lambda entry: "\n".join(line(item) for item in entry.get(key) or [])


def _label(label):
    kind = str(dict(LabelKind.choices).get(label["kind"], label["kind"])).lower()
    note = f" – {label['note']}" if label.get("note") else ""
    return f"{label['text']} ({label['language']}, {kind}){note}"


def _item(item):
    return " / ".join(item.get(language) or "–" for language in LANGUAGE_CODES)


def _relation(relation):
    kind = dict(RelationType.choices).get(relation["type"], relation["type"])
    note = " / ".join(text for text in (relation.get("note") or {}).values() if text)
    return f"{kind} → {relation['target']}" + (f": {note}" if note else "")


def _aspects():
    """(label, how to read it from an entry as text) for everything a title form edits."""
    field = Title._meta.get_field
    aspects = [
        (f"{field(name).verbose_name} ({language})", _text(key, language))
        for name, key in TEXTS
        for language in LANGUAGE_CODES
    ]
    aspects += [
        (_("other names"), _lines("labels", _label)),
        (Responsibility._meta.verbose_name_plural, _lines("responsibilities", _item)),
        (Skill._meta.verbose_name_plural, _lines("skills", _item)),
        (_("relations from this title"), _lines("relations", _relation)),
        (field("topics").verbose_name, lambda entry: ", ".join(entry.get("topics") or [])),
        (field("tags").verbose_name, lambda entry: ", ".join(entry.get("tags") or [])),
        (field("sources").verbose_name, _lines("sources", lambda source: source["title"])),
    ]
    aspects += [(field(name).verbose_name, _choice(name, choices)) for name, choices in CHOICES]
    aspects += [(field(name).verbose_name, _identifier(key)) for name, key in IDENTIFIERS]
    return aspects + [
        (field("slug").verbose_name, lambda entry: entry.get("slug") or ""),
        (field("slug_en").verbose_name, lambda entry: entry.get("slug_en") or ""),
        (field("replaced_by").verbose_name, lambda entry: entry.get("replaced_by") or ""),
        (field("last_reviewed_at").verbose_name, lambda entry: entry.get("last_reviewed") or ""),
    ]


def compare(published, proposed):
    """(changed rows, unchanged rows) of two entries."""
    # A revision proposed before titles had English slugs leaves the English slug as it is.
    proposed = {"slug_en": published.get("slug_en", ""), **proposed}
    rows = []
    for label, read in _aspects():
        row = Row(str(label), read(published), read(proposed))
        long = max(len(row.published), len(row.proposed)) > 90
        if row.changed and long and "\n" not in row.published + row.proposed:
            row.excerpt = changed_words(row.published, row.proposed)
        rows.append(row)
    return [row for row in rows if row.changed], [row for row in rows if not row.changed]
