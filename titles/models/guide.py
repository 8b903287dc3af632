"""Guides: short bilingual articles that teach the field (the difference between SEO, SEM and
PPC, a career ladder, when "manager" means boss).

The body is Markdown, written in the admin or in ``content/guides/``. It is never shown as
written: ``titles.guides.render`` turns it into HTML with raw HTML escaped, names of roles
linked to their entries, and the result sanitised with nh3.

Like a title, a guide is a draft until a publisher publishes it, and once published only a
publisher may change it (``titles.admin.guides``): public text never changes without a
publisher's approval.
"""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class GuideStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class GuideQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=GuideStatus.PUBLISHED)


class Guide(models.Model):
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=GuideStatus.choices, default=GuideStatus.DRAFT
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two plain sentences, shown in lists and search results."),
    )
    body = models.TextField(
        _("text"),
        help_text=_(
            "Markdown: ## headings, paragraphs, lists, **bold**, *italic*. HTML is shown as "
            "text. Names of roles are linked to their entries automatically."
        ),
    )
    roles = models.ManyToManyField(
        "Title", blank=True, related_name="guides", verbose_name=_("roles it is about")
    )
    sources = models.ManyToManyField("Source", blank=True, verbose_name=_("sources"))
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # A digest of what ``loadglossary`` last wrote, so it can tell an editor's change from
    # its own and never overwrite the former (``titles.exchange.guides``).
    loaded_digest = models.CharField(max_length=64, blank=True, editable=False)

    objects = GuideQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("guide")
        verbose_name_plural = _("guides")
        permissions = [("publish_guide", _("Can publish guides and change published ones"))]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # The date an article was first published (JSON-LD ``datePublished``), however it
        # was published: in the admin or by ``loadglossary``.
        if self.status == GuideStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("titles:guide-detail", args=[self.slug])
