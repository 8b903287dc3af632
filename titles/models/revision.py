"""Changes to a published title that wait for a publisher: the title's ``Revision``."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RevisionState(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    SENT_BACK = "sent_back", _("Sent back")


class RevisionQuerySet(models.QuerySet):
    def pending(self):
        """Revisions a publisher has yet to approve or send back (one per title at most)."""
        return self.filter(state=RevisionState.PENDING)


class Revision(models.Model):
    """An editor's change to a published title, held back until a publisher approves it.

    ``entry`` is the whole proposed entry in the ``yrkesroller/1`` shape (``title_to_dict``),
    so the public keeps the published title untouched and approval writes it as the
    importer would. ``base_version`` is the title's version the change was made on: once
    the title has changed since, approving would undo that change, so it is refused.
    ``edits`` counts the saves that built the revision; the form carries it, so a save on
    top of a proposal the editor has not seen is stopped like any other lost edit.
    """

    title = models.ForeignKey(
        "Title", on_delete=models.CASCADE, related_name="revisions", verbose_name=_("job title")
    )
    entry = models.JSONField(_("proposed entry"))
    base_version = models.PositiveIntegerField(_("based on version"))
    state = models.CharField(
        _("state"), max_length=20, choices=RevisionState.choices, default=RevisionState.PENDING
    )
    edits = models.PositiveIntegerField(_("edits"), default=1)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("last changed by"),
    )
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    objects = RevisionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [
            # A second editor's save updates the pending revision instead of adding one.
            models.UniqueConstraint(
                fields=["title"],
                condition=Q(state=RevisionState.PENDING),
                name="revision_one_pending_per_title",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.get_state_display()})"

    @property
    def token(self):
        """What the title's form remembers of the revision it was opened on."""
        return f"{self.pk}:{self.edits}"
