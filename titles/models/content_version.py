"""``ContentVersion``: one row that changes whenever anything a public page shows changes.

Every public page answers conditional requests and is cached by this row, so a 304 or a
cache hit costs one primary-key lookup instead of an aggregate over every title. The row is
bumped by database triggers (migration ``0018_content_version``) on every table a page reads
from, in the same transaction as the change: the admin, the loader, the importer, bulk
updates and raw SQL alike, with nothing for the Python code to forget.
"""

from django.db import models

ROW = 1


class ContentVersion(models.Model):
    id = models.PositiveSmallIntegerField(primary_key=True, default=ROW)
    number = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return f"content version {self.number}"

    @classmethod
    def current(cls):
        """(number, when) of the newest change: (0, None) before any content exists.

        Without a query when this process listens for changes (``titles.version_watch``)."""
        from titles import version_watch

        known = version_watch.current()
        if known is not None:
            return known
        row = cls.objects.filter(pk=ROW).values_list("number", "changed_at").first()
        return row or (0, None)
