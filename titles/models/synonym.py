"""Words students search with that are neither a role's name nor a topic."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from titles.models.choices import Language
from titles.normalize import compact, normalize
from titles.stemming import stem


class Synonym(models.Model):
    """A student's word ("reklamare", "kundvård") and the names search looks for instead.

    Applied at query time (``titles.search.understand``): a query that is this word, or an
    inflected form of it, is searched as each of ``means`` (role names or topic names),
    those results following any the word finds itself. Edited in the admin and in
    ``content/synonyms.yaml``.
    """

    term = models.CharField(_("term"), max_length=120)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    means = models.TextField(
        _("means"),
        help_text=_("Role or topic names to search for instead, one per line."),
    )
    compact = models.CharField(max_length=120, editable=False, db_index=True)
    stem = models.CharField(max_length=120, editable=False, db_index=True)

    class Meta:
        ordering = ["language", "term"]
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "compact"], name="synonym_unique_term_per_language"
            )
        ]

    def __str__(self):
        return f"{self.term} ({self.language})"

    def save(self, *args, **kwargs):
        self.term = self.term.strip()
        self.means = "\n".join(self.meanings)
        self.compact = compact(self.term)
        self.stem = stem(self.term, self.language)
        super().save(*args, **kwargs)

    def clean(self):
        if not normalize(self.term or ""):
            raise ValidationError({"term": _("A term needs some letters or digits.")})
        if not self.meanings:
            raise ValidationError({"means": _("Give at least one name to search for instead.")})
        others = Synonym.objects.filter(language=self.language, compact=compact(self.term))
        if others.exclude(pk=self.pk).exists():
            raise ValidationError({"term": _("This term already has a synonym entry.")})

    @property
    def meanings(self):
        return [line.strip() for line in self.means.splitlines() if normalize(line)]
