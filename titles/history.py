"""Change history for titles and everything they own (django-simple-history).

The models are registered here rather than with ``HistoricalRecords()`` in ``models.py``:
the history tables must include the ``_sv``/``_en`` columns that django-modeltranslation adds
when it registers the translated fields, so ``translation.py`` calls ``register_history``
right after those registrations. Derived and bookkeeping columns are left out of history.

``timeline`` turns the records of a title and of its labels, responsibilities, relations and
tags into readable changes (who, when, what), in the reader's language and only where
something really changed: an empty text stored as NULL or as "" is the same, an item a
writer removed and added again in one save did not change, and a long text shows the
changed words in context. Review steps of the title's revisions are lines of their own.
``revert_title`` puts all of them back as they were at a moment of that timeline.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from difflib import SequenceMatcher

from django.db import transaction
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from simple_history import register

from titles.models import (
    Label,
    Relation,
    Responsibility,
    Revision,
    RevisionState,
    Skill,
    Source,
    Tag,
    TaggedTitle,
    Title,
    TitleTopic,
    Topic,
)

TRACKED = {
    Title: ["loaded_file_hash", "loaded_state_hash", "version"],
    Label: ["normalized", "compact", "stem"],
    Responsibility: [],
    Skill: [],
    Relation: [],
    TaggedTitle: [],
    TitleTopic: [],
    # Not part of a title's timeline, but pages show their names: a change must be seen.
    # (The translated names stay out: history would copy their unique constraints.)
    Tag: ["name_sv", "name_en"],
    Topic: ["compact_sv", "compact_en", "stem_sv", "stem_en"],
    Source: [],
}
# Records written by one save (the title, then its inlines) land within this window.
SAME_CHANGE = timedelta(seconds=2)
# Words shown either side of a change in a long text.
CONTEXT = 5
NOT_RESTORED = {"id", "version", "loaded_file_hash", "loaded_state_hash", "created_at"}


def register_history():
    for model, excluded in TRACKED.items():
        if not hasattr(model, "history"):
            register(model, excluded_fields=excluded)


def _short(value):
    return Truncator(str(value if value not in (None, "") else "–")).chars(90)


def _excerpt(words, start, end, total):
    text = Truncator(" ".join(words[start:end])).words(CONTEXT * 2 + 30)
    return ("… " if start > 0 else "") + text + (" …" if end < total else "")


def changed_words(old, new):
    """Two versions of a text as (old, new), cut down to the changed words with a few words
    of context either side: a long text that changed in one word shows that word."""
    old, new = str(old or ""), str(new or "")
    if len(old) <= 90 and len(new) <= 90:
        return _short(old), _short(new)
    a, b = old.split(), new.split()
    groups = list(SequenceMatcher(a=a, b=b, autojunk=False).get_grouped_opcodes(CONTEXT))
    if not groups or a == b:  # only the spacing changed
        return _short(old), _short(new)
    olds = [_excerpt(a, group[0][1], group[-1][2], len(a)) for group in groups]
    news = [_excerpt(b, group[0][3], group[-1][4], len(b)) for group in groups]
    return " ".join(olds) or "–", " ".join(news) or "–"


def _same(old, new):
    """Equal for a reader: an empty translation is stored as NULL or as ""."""
    return (old if old is not None else "") == (new if new is not None else "")


def _related_name(record, attribute):
    try:
        return str(getattr(record, attribute))
    except (Title.DoesNotExist, Tag.DoesNotExist, Topic.DoesNotExist):
        return _("#%(id)s (deleted)") % {"id": getattr(record, attribute + "_id")}


def _describe(record):
    if isinstance(record, Label.history.model):
        return _("label “%(text)s” (%(language)s, %(kind)s)") % {
            "text": record.text,
            "language": record.language,
            "kind": str(record.get_kind_display()).lower(),
        }
    if isinstance(record, Responsibility.history.model):
        return _("responsibility “%(text)s”") % {"text": _short(record.text_sv or record.text_en)}
    if isinstance(record, Skill.history.model):
        return _("skill “%(text)s”") % {"text": _short(record.text_sv or record.text_en)}
    if isinstance(record, Relation.history.model):
        return _("relation “%(type)s” → %(target)s") % {
            "type": record.get_type_display(),
            "target": _related_name(record, "target"),
        }
    if isinstance(record, TitleTopic.history.model):
        return _("topic “%(name)s”") % {"name": _related_name(record, "topic")}
    return _("tag “%(name)s”") % {"name": _related_name(record, "tag")}


def _content(record):
    """What an inline record says, for telling a removal and re-adding of the same item in
    one save (writers that replace every row) from a real change."""
    fields = CONTENT.get(type(record).instance_type, [])
    return (type(record).__name__, *(getattr(record, name) or "" for name in fields))


def _not_shown():
    """Fields left out of the diff: ``updated_at`` (every save), and the original column that
    modeltranslation keeps beside ``_sv``/``_en`` (it repeats one of them)."""
    from modeltranslation.translator import translator

    return ["updated_at", *translator.get_options_for_model(Title).fields]


CHILDREN = [
    (Label, "title_id"),
    (Responsibility, "title_id"),
    (Skill, "title_id"),
    (Relation, "source_id"),
    (TaggedTitle, "content_object_id"),
    (TitleTopic, "title_id"),
]
# What makes two rows of an inline the same item (order and ids aside).
CONTENT = {
    Label: ["text", "language", "kind", "note"],
    Responsibility: ["text_sv", "text_en"],
    Skill: ["text_sv", "text_en"],
    Relation: ["type", "target_id", "note_sv", "note_en"],
    TaggedTitle: ["tag_id"],
    TitleTopic: ["topic_id"],
}


@dataclass
class Event:
    """One line of the history: a recorded write (``restorable``) or a review step."""

    when: datetime
    user: object
    line: str
    restorable: bool = True
    churn: tuple = None  # (sign, content) of an added or removed inline item


@dataclass
class Change:
    """One save: who made it, when, and what it changed, line by line. ``can_restore``: an
    earlier version the history page offers to bring back."""

    when: datetime
    user: str
    lines: list = field(default_factory=list)
    restorable: bool = False
    can_restore: bool = False
    events: list = field(default_factory=list, repr=False)


def _field_line(record, change):
    if _same(change.old, change.new):
        return None
    old, new = changed_words(change.old, change.new)
    return _("%(field)s: “%(old)s” → “%(new)s”") % {
        "field": record._meta.get_field(change.field).verbose_name,
        "old": old,
        "new": new,
    }


def _title_events(title_id):
    events, previous = [], None
    not_shown = _not_shown()
    records = Title.history.filter(id=title_id).select_related("history_user")
    for record in records.order_by("history_date", "history_id"):
        if record.history_type == "-":
            lines = [_("deleted the title")]
        elif previous is None:
            lines = [_("created the title")]
        else:
            delta = record.diff_against(previous, excluded_fields=not_shown)
            lines = [_field_line(record, change) for change in delta.changes]
            lines = [line for line in lines if line]
        events += [Event(record.history_date, record.history_user, line) for line in lines]
        previous = record
    return events


def _child_line(record, before):
    if record.history_type in "+-":
        template = _("added %(item)s") if record.history_type == "+" else _("removed %(item)s")
        return template % {"item": _describe(record)}
    changes = record.diff_against(before).changes if before else []
    shown = [
        _("%(field)s “%(old)s” → “%(new)s”")
        % {
            "field": record._meta.get_field(change.field).verbose_name,
            "old": _short(change.old),
            "new": _short(change.new),
        }
        for change in changes
        if not _same(change.old, change.new)
    ]
    if not shown:
        return None
    return _("changed %(item)s: %(changes)s") % {
        "item": _describe(before),
        "changes": ", ".join(shown),
    }


def _child_events(title_id):
    events = []
    for model, key in CHILDREN:
        seen = {}
        records = model.history.filter(**{key: title_id}).select_related("history_user")
        for record in records.order_by("history_date", "history_id"):
            line = _child_line(record, seen.get(record.id))
            seen[record.id] = record
            if line:
                churn = (
                    (record.history_type, _content(record)) if record.history_type in "+-" else None
                )
                events.append(Event(record.history_date, record.history_user, line, churn=churn))
    return events


def _review_line(revision):
    author = revision.proposed_by.get_username() if revision.proposed_by else "–"
    if revision.state == RevisionState.APPROVED:
        return _("approved the changes proposed by %(user)s") % {"user": author}
    return _("sent back the changes proposed by %(user)s: “%(comment)s”") % {
        "user": author,
        "comment": _short(revision.comment),
    }


def _review_events(title_id):
    """The revisions of the title: proposed, changed, approved or sent back (who and when).
    They are not versions of the title, so they offer no restore of their own."""
    events = []
    people = ("proposed_by", "updated_by", "reviewed_by")
    for revision in Revision.objects.filter(title_id=title_id).select_related(*people):
        proposed = _("proposed changes for review")
        events.append(Event(revision.created_at, revision.proposed_by, proposed, False))
        if revision.edits > 1:
            changed = _("changed the proposed changes")
            events.append(Event(revision.updated_at, revision.updated_by, changed, False))
        if revision.reviewed_at:
            line = _review_line(revision)
            events.append(Event(revision.reviewed_at, revision.reviewed_by, line, False))
    return events


def _without_churn(events):
    """Drop an item removed and added again within one save: nothing changed for it."""
    counts = {}
    for event in events:
        if event.churn:
            sign, content = event.churn
            counts.setdefault(content, {"+": 0, "-": 0})[sign] += 1
    cancelled = {content: min(n["+"], n["-"]) for content, n in counts.items()}
    kept, dropped = [], {}
    for event in events:
        if event.churn:
            sign, content = event.churn
            if dropped.get((sign, content), 0) < cancelled.get(content, 0):
                dropped[(sign, content)] = dropped.get((sign, content), 0) + 1
                continue
        kept.append(event)
    return kept


def timeline(title):
    """The title's changes (a title or its id, also of a deleted one), newest first, each
    save grouped into one ``Change``; review steps are lines of their own."""
    title_id = getattr(title, "pk", title)
    events = _title_events(title_id) + _child_events(title_id) + _review_events(title_id)
    changes = []
    for event in sorted(events, key=lambda event: event.when):
        name = event.user.get_username() if event.user else _("(command line)")
        current = changes[-1] if changes else None
        if not (current and current.user == name and event.when - current.when <= SAME_CHANGE):
            current = Change(when=event.when, user=name)
            changes.append(current)
        current.events.append(event)
        current.when = event.when
    for change in changes:
        change.events = _without_churn(change.events)
        change.lines = [event.line for event in change.events]
        change.restorable = any(event.restorable for event in change.events)
    changes = [change for change in reversed(changes) if change.lines]
    restorable = [change for change in changes if change.restorable]
    for change in restorable[1:]:  # the newest is the version in force
        change.can_restore = True
    return changes


@transaction.atomic
def revert_title(title, when):
    """Make the title and its labels, responsibilities, relations and tags as they were.

    The revert is itself recorded in the history, so it can be reverted in turn. Relations
    to titles and tags that no longer exist cannot come back and are left out.
    """
    old = title.history.as_of(when)
    for model_field in Title._meta.concrete_fields:
        name = model_field.attname
        if name not in NOT_RESTORED and hasattr(old, name):
            setattr(title, name, getattr(old, name))
    if title.replaced_by_id and not Title.objects.filter(pk=title.replaced_by_id).exists():
        title.replaced_by_id = None
    title.save()
    for model, key in CHILDREN:
        wanted = list(model.history.as_of(when).filter(**{key: title.pk}))
        model.objects.filter(**{key: title.pk}).delete()
        for item in wanted:
            if isinstance(item, Relation) and not Title.objects.filter(pk=item.target_id):
                continue
            if isinstance(item, TaggedTitle) and not Tag.objects.filter(pk=item.tag_id):
                continue
            if isinstance(item, TitleTopic) and not Topic.objects.filter(pk=item.topic_id):
                continue
            item.save(force_insert=True)
    return title
