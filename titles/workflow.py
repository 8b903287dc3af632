"""The editorial rules that are not the admin's: who may publish, what a merge does, and how
an editor's change to a published title waits for a publisher.

Only publishers (the ``publish_title`` permission) move a title into or out of published or
retired; the admin, the import and the actions all ask ``moves_publication``. An editor's
change to a published title is not written: it becomes the title's pending ``Revision``
(``propose``), which a publisher approves (``approve``: it goes live, and the history records
the writes under the publisher's name) or sends back with a comment (``send_back``).
"""

from contextlib import contextmanager
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from titles.exchange.checks import Vocabulary
from titles.exchange.format import export_queryset, title_to_dict
from titles.exchange.writer import relation_note, write_entry
from titles.models import (
    PUBLISHER_STATUSES,
    LabelKind,
    Relation,
    Revision,
    RevisionState,
    Source,
    Status,
    Tag,
    Title,
    Topic,
)

# The permission of the Publishers group.
PUBLISH = "titles.publish_title"


def moves_publication(before, after):
    """Whether going from status ``before`` to ``after`` publishes, unpublishes or retires."""
    return before != after and (before in PUBLISHER_STATUSES or after in PUBLISHER_STATUSES)


def needs_review(user, status):
    """Whether ``user``'s change to a title that is now ``status`` waits for a publisher."""
    return status == Status.PUBLISHED and not user.has_perm(PUBLISH)


def choosable_statuses(user, status):
    """The statuses ``user`` may give a title that is now ``status`` (None: a new title)."""
    if user.has_perm(PUBLISH):
        return list(Status)
    if status in PUBLISHER_STATUSES:
        return [Status(status)]
    return [Status.DRAFT, Status.REVIEW]


def may_delete(user, title):
    """Deleting a published or retired title unpublishes it (or its redirect): a publisher's act."""
    return title.status not in PUBLISHER_STATUSES or user.has_perm(PUBLISH)


@transaction.atomic
def merge_into(title, target):
    """Retire ``title`` in favour of ``target``; its names become labels of the target.

    Its preferred names become alternative labels; spellings the target already has are
    dropped, not duplicated. Returns how many labels moved.
    """
    taken = set(target.labels.values_list("language", "compact"))
    moved = 0
    for label in title.labels.all():
        if (label.language, label.compact) in taken:
            continue
        label.title = target
        if label.kind == LabelKind.PREFERRED:
            label.kind = LabelKind.ALTERNATIVE
        label.save()
        taken.add((label.language, label.compact))
        moved += 1
    title.status = Status.RETIRED
    title.replaced_by = target
    title.save()
    return moved


# --- Revisions: changes that wait for a publisher ---------------------------------------------


class RevisionRefused(Exception):
    """A revision cannot be approved as it stands; the message says why, for the publisher."""


@contextmanager
def rolled_back():
    """Everything written inside is undone at the end: to see what a change would make of a
    title without making it. Model instances used inside keep their in-memory changes."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def stored_entry(title):
    """The title as stored, as a ``yrkesroller/1`` entry (without ``updated_at``: every save
    moves it, so two entries compare equal exactly when their content does), with the
    English page's slug, which the exchange format leaves to be made from the name."""
    stored = export_queryset().get(pk=title.pk)
    entry = title_to_dict(stored)
    entry.pop("updated_at", None)
    entry["slug_en"] = stored.slug_en
    return entry


def pending_revision(title):
    return Revision.objects.pending().filter(title=title).select_related("proposed_by").first()


@dataclass
class Proposal:
    """What an editor's save of a published title did: ``new``, ``updated`` (someone's
    pending revision), ``unchanged`` (nothing to review) or ``withdrawn`` (the save put the
    title back as published, so the pending revision is gone)."""

    outcome: str
    revision: Revision | None = None
    previous_editor: object = None  # whose proposal an update built on, if not one's own


@transaction.atomic
def propose(title, entry, user):
    """Hold ``entry`` back as the title's pending revision (one per title at a time)."""
    live = stored_entry(title)
    pending = Revision.objects.select_for_update().pending().filter(title=title).first()
    if pending is None:
        if entry == live:
            return Proposal("unchanged")
        version = Title.objects.filter(pk=title.pk).values_list("version", flat=True).get()
        revision = Revision.objects.create(
            title_id=title.pk, entry=entry, base_version=version, proposed_by=user, updated_by=user
        )
        return Proposal("new", revision)
    previous = pending.updated_by if pending.updated_by_id != user.pk else None
    if entry == live:
        pending.delete()
        return Proposal("withdrawn", previous_editor=previous)
    pending.entry, pending.updated_by, pending.edits = entry, user, pending.edits + 1
    pending.save()
    return Proposal("updated", pending, previous)


def is_stale(revision, title):
    """Whether the title has been saved since the revision was made on it."""
    return revision.base_version != title.version


@transaction.atomic
def approve(revision, user):
    """Make the title say what the revision says; refused (``RevisionRefused``) when it is no
    longer pending, when the title changed since, or when what it refers to is gone."""
    revision = Revision.objects.select_for_update().get(pk=revision.pk)
    title = Title.objects.select_for_update().get(pk=revision.title_id)
    if revision.state != RevisionState.PENDING:
        raise RevisionRefused(_("These changes have already been reviewed."))
    if is_stale(revision, title):
        raise RevisionRefused(
            _(
                "The title has been changed since these changes were proposed, so approving "
                "them would undo that. Send them back to be made again on the current version."
            )
        )
    try:
        with transaction.atomic():
            write_proposed(title, revision.entry)
    except IntegrityError as error:
        raise RevisionRefused(
            _("The changes clash with the glossary as it is now: %(error)s") % {"error": error}
        ) from error
    revision.state, revision.reviewed_by, revision.reviewed_at = (
        RevisionState.APPROVED,
        user,
        timezone.now(),
    )
    revision.save()
    return title


@transaction.atomic
def send_back(revision, user, comment):
    """Close the revision unapplied, with the publisher's comment for the editor."""
    revision = Revision.objects.select_for_update().get(pk=revision.pk)
    if revision.state != RevisionState.PENDING:
        raise RevisionRefused(_("These changes have already been reviewed."))
    revision.state, revision.reviewed_by = RevisionState.SENT_BACK, user
    revision.reviewed_at, revision.comment = timezone.now(), comment
    revision.save()
    return revision


def write_proposed(title, entry):
    """Make ``title`` say what ``entry`` says: ``write_entry``, plus what it leaves to the
    loader (slug, replacement, relations); label sources, which entries do not carry, stay."""
    vocabulary = _vocabulary_of(entry)
    replacement = _titles_by_slug([entry.get("replaced_by")] if entry.get("replaced_by") else [])
    sources = {
        (label.language, label.compact): label.source_id
        for label in title.labels.exclude(source=None)
    }
    title.slug = entry["slug"]
    # A revision proposed before titles had English slugs leaves the English slug as it is.
    title.slug_en = entry.get("slug_en") or title.slug_en
    title.replaced_by = replacement.get(entry.get("replaced_by"))
    write_entry(entry, title, vocabulary)
    for label in title.labels.filter(source=None):
        source = sources.get((label.language, label.compact))
        if source:
            label.source_id = source
            label.save(update_fields=["source"])
    _write_relations(title, entry.get("relations") or [])


def _titles_by_slug(slugs):
    found = {title.slug: title for title in Title.objects.filter(slug__in=slugs)}
    missing = sorted(set(slugs) - set(found))
    if missing:
        raise RevisionRefused(
            _("The changes refer to titles that no longer exist: %(slugs)s.")
            % {"slugs": ", ".join(missing)}
        )
    return found


def _vocabulary_of(entry):
    """The tags, topics and sources the entry names, as a writer's ``Vocabulary``."""
    wanted = {
        "tags": (Tag, "slug", entry.get("tags") or []),
        "topics": (Topic, "slug", entry.get("topics") or []),
        "sources": (Source, "key", [source["key"] for source in entry.get("sources") or []]),
    }
    found, missing = {}, []
    for name, (model, key, values) in wanted.items():
        found[name] = {
            getattr(row, key): row for row in model.objects.filter(**{f"{key}__in": values})
        }
        missing += sorted(set(values) - set(found[name]))
    if missing:
        raise RevisionRefused(
            _("The changes refer to tags, topics or sources that no longer exist: %(names)s.")
            % {"names": ", ".join(missing)}
        )
    return Vocabulary(**found)


def _write_relations(title, relations):
    """Make the title's outgoing relations those of the entry, changing only what differs."""
    targets = _titles_by_slug([relation["target"] for relation in relations])
    wanted = {
        (relation["type"], targets[relation["target"]].pk): relation_note(relation)
        for relation in relations
    }
    for existing in title.outgoing_relations.all():
        texts = wanted.pop((existing.type, existing.target_id), None)
        if texts is None:
            existing.delete()
        elif texts != (existing.note_sv or "", existing.note_en or ""):
            existing.note_sv, existing.note_en = texts
            existing.save()
    for (kind, target_id), (note_sv, note_en) in wanted.items():
        Relation.objects.create(
            source=title, target_id=target_id, type=kind, note_sv=note_sv, note_en=note_en
        )
