"""Change history for titles and everything they own (django-simple-history).

The models are registered here rather than with ``HistoricalRecords()`` in ``models.py``:
the history tables must include the ``_sv``/``_en`` columns that django-modeltranslation adds
when it registers the translated fields, so ``translation.py`` calls ``register_history``
right after those registrations. Derived and bookkeeping columns are left out of history.

``timeline`` turns the records of a title and of its labels, responsibilities, relations and
tags into readable changes (who, when, what); ``revert_title`` puts all of them back as they
were at a moment of that timeline.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.db.models import DateTimeField, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from simple_history import register

from titles.models import (
    Label,
    Relation,
    Responsibility,
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
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
NOT_RESTORED = {"id", "version", "loaded_file_hash", "loaded_state_hash", "created_at"}


def latest_change():
    """An expression for the newest recorded change to anything the public pages show."""
    newest = [
        # An empty history counts as the epoch: SQLite's GREATEST is NULL if any part is.
        Coalesce(
            Subquery(model.history.order_by("-history_date").values("history_date")[:1]),
            Value(EPOCH, output_field=DateTimeField()),
        )
        for model in TRACKED
    ]
    return Greatest(*newest)


def register_history():
    for model, excluded in TRACKED.items():
        if not hasattr(model, "history"):
            register(model, excluded_fields=excluded)


def _short(value):
    return Truncator(str(value if value not in (None, "") else "–")).chars(90)


def _related_name(record, attribute):
    try:
        return str(getattr(record, attribute))
    except (Title.DoesNotExist, Tag.DoesNotExist, Topic.DoesNotExist):
        return f"#{getattr(record, attribute + '_id')} (deleted)"


def _describe(record):
    if isinstance(record, Label.history.model):
        return f"label “{record.text}” ({record.language}, {record.kind})"
    if isinstance(record, Responsibility.history.model):
        return f"responsibility “{_short(record.text_sv or record.text_en)}”"
    if isinstance(record, Skill.history.model):
        return f"skill “{_short(record.text_sv or record.text_en)}”"
    if isinstance(record, Relation.history.model):
        return f"relation “{record.get_type_display()}” → {_related_name(record, 'target')}"
    if isinstance(record, TitleTopic.history.model):
        return f"topic “{_related_name(record, 'topic')}”"
    return f"tag “{_related_name(record, 'tag')}”"


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


@dataclass
class Change:
    """One save: who made it, when, and what it changed, line by line."""

    when: datetime
    user: str
    lines: list = field(default_factory=list)


def _events(title):
    """(date, user, line) for every recorded change of the title and its inlines."""
    events = []
    previous = None
    not_shown = _not_shown()
    for record in title.history.select_related("history_user").order_by("history_date"):
        if previous is None:
            lines = ["created the title"]
        else:
            delta = record.diff_against(previous, excluded_fields=not_shown)
            lines = [
                f"{record._meta.get_field(change.field).verbose_name}: "
                f"“{_short(change.old)}” → “{_short(change.new)}”"
                for change in delta.changes
            ]
        events += [(record.history_date, record.history_user, line) for line in lines]
        previous = record
    for model, key in CHILDREN:
        seen = {}
        records = model.history.filter(**{key: title.pk}).select_related("history_user")
        for record in records.order_by("history_date"):
            if record.history_type == "+":
                line = f"added {_describe(record)}"
            elif record.history_type == "-":
                line = f"removed {_describe(record)}"
            else:
                before = seen.get(record.id)
                changes = record.diff_against(before).changes if before else []
                line = (
                    f"changed {_describe(before)}: "
                    + ", ".join(f"{c.field} “{_short(c.old)}” → “{_short(c.new)}”" for c in changes)
                    if changes
                    else None
                )
            seen[record.id] = record
            if line:
                events.append((record.history_date, record.history_user, line))
    return sorted(events, key=lambda event: event[0])


def timeline(title):
    """The title's changes, newest first, each save grouped into one ``Change``."""
    changes = []
    for when, user, line in _events(title):
        name = user.get_username() if user else _("(command line)")
        current = changes[-1] if changes else None
        if current and current.user == name and when - current.when <= SAME_CHANGE:
            current.lines.append(line)
            current.when = when
        else:
            changes.append(Change(when=when, user=name, lines=[line]))
    return list(reversed(changes))


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
