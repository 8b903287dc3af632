"""The editorial rules that are not the admin's: who may publish, and what a merge does.

Only publishers (the ``publish_title`` permission) move a title into or out of published or
retired; the admin, the import and the actions all ask ``moves_publication``.
"""

from django.db import transaction

from titles.models import PUBLISHER_STATUSES, LabelKind, Status

# The permission of the Publishers group.
PUBLISH = "titles.publish_title"


def moves_publication(before, after):
    """Whether going from status ``before`` to ``after`` publishes, unpublishes or retires."""
    return before != after and (before in PUBLISHER_STATUSES or after in PUBLISHER_STATUSES)


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
