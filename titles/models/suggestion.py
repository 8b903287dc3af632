"""What readers tell the editors: a change to an entry, or a title the glossary lacks."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from titles.models.choices import Language


class SuggestionKind(models.TextChoices):
    CHANGE = "change", _("A change to an entry")
    MISSING = "missing", _("A missing title")


class SuggestionState(models.TextChoices):
    NEW = "new", _("New")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class SuggestionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=SuggestionState.NEW)


class Suggestion(models.Model):
    """One reader's suggestion, sent without an account.

    The text is stored and shown as plain text (templates escape it). The e-mail address is
    optional, shown only on the suggestion's own admin page so an editor can answer, and
    erased as soon as the suggestion is closed (accepted or declined).
    """

    kind = models.CharField(_("kind"), max_length=10, choices=SuggestionKind.choices)
    title = models.ForeignKey(
        "Title",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
        verbose_name=_("job title"),
    )
    name = models.CharField(_("missing title"), max_length=120, blank=True)
    text = models.TextField(_("suggestion"))
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    state = models.CharField(
        _("state"), max_length=10, choices=SuggestionState.choices, default=SuggestionState.NEW
    )
    reply = models.TextField(
        _("reply note"), blank=True, help_text=_("What was done, for the other editors.")
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now, editable=False)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("closed by"),
    )

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        indexes = [models.Index(fields=["state", "-created_at"], name="suggestion_state_idx")]

    def __str__(self):
        about = self.title.name if self.title_id else self.name
        return f"{self.get_kind_display()}: {about}"

    def save(self, *args, **kwargs):
        """Closing a suggestion erases the reader's e-mail address: it is kept only while
        an editor might still answer."""
        if self.state != SuggestionState.NEW:
            self.email = ""
            self.closed_at = self.closed_at or timezone.now()
        super().save(*args, **kwargs)
