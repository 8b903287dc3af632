"""What students searched for and did not find."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SearchMiss(models.Model):
    """A search that found nothing, kept so editors see what students looked for.

    One row per normalised query (``normalize`` folds case, diacritics and separators, so
    "Säljchef!" and "saljchef" count together); written by ``titles.search.misses.record_miss``.
    """

    query = models.CharField(_("query"), max_length=200, unique=True)
    count = models.PositiveIntegerField(_("times searched"), default=1)
    first_seen = models.DateTimeField(_("first seen"), default=timezone.now, editable=False)
    last_seen = models.DateTimeField(_("last seen"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-count", "-last_seen"]
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")
        indexes = [
            # The editors' list shows the most frequent misses first.
            models.Index(fields=["-count", "-last_seen"], name="searchmiss_count_idx"),
        ]

    def __str__(self):
        return self.query
