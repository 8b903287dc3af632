"""The names of a title: one ``Label`` per spelling, language and kind."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from titles.collation import KEY_LENGTH, initial, stored_key
from titles.models.choices import INDEXED_KINDS, VISIBLE_KINDS, LabelKind, Language, published_q
from titles.models.vocabulary import Source
from titles.normalize import compact, normalize
from titles.stemming import stem


class LabelQuerySet(models.QuerySet):
    def visible(self):
        """The names a page shows: every kind but hidden misspellings."""
        return self.filter(kind__in=VISIBLE_KINDS)

    def of_published(self):
        """Labels of published titles."""
        return self.filter(published_q("title__"))

    def public(self):
        """Labels of published titles, by the copy of the rule each label keeps (``public``):
        no join, for the lists that page through thousands of names."""
        return self.filter(public=True)


class Label(models.Model):
    """One name of a title, in one language, of one kind."""

    title = models.ForeignKey(
        "Title", on_delete=models.CASCADE, related_name="labels", verbose_name=_("job title")
    )
    text = models.CharField(_("text"), max_length=120)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=LabelKind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    source = models.ForeignKey(
        Source, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("source")
    )
    normalized = models.CharField(max_length=120, editable=False, db_index=True)
    compact = models.CharField(max_length=120, editable=False, db_index=True)
    # The compact form stemmed in the label's language, so "säljarna" meets "Säljare".
    stem = models.CharField(max_length=120, editable=False, db_index=True, default="")
    # Where the A–Ö index files the name: its letter and its place in the language's order.
    initial = models.CharField(max_length=1, editable=False, default="")
    sort_key = models.CharField(max_length=KEY_LENGTH, editable=False, default="")
    # A copy of "the title is published", kept by database triggers (migration 0020) when a
    # title's status changes or a label is added or moved, so that a list page finds its
    # names in one index without joining every title.
    public = models.BooleanField(default=False, editable=False)

    objects = LabelQuerySet.as_manager()

    class Meta:
        ordering = ["language", "kind", "text"]
        verbose_name = _("label")
        verbose_name_plural = _("labels")
        indexes = [
            # The A–Ö pages: one letter's names in the pages' order, a page at a time (the
            # index holds the whole ORDER BY, so a page is a walk that stops at its LIMIT).
            models.Index(
                fields=["language", "initial", "sort_key", "text", "title"],
                condition=Q(kind__in=INDEXED_KINDS, public=True),
                name="label_index_letter_idx",
            ),
            # Field and tag pages: preferred names in order.
            models.Index(
                fields=["language", "sort_key", "text", "title"],
                condition=Q(kind=LabelKind.PREFERRED, public=True),
                name="label_preferred_order_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "language"],
                condition=Q(kind=LabelKind.PREFERRED),
                name="label_one_preferred_per_language",
                violation_error_message=_("A title has exactly one preferred name per language."),
            ),
            models.UniqueConstraint(
                fields=["title", "language", "compact"],
                name="label_unique_text_per_title_language",
            ),
        ]

    def __str__(self):
        return f"{self.text} ({self.language})"

    def save(self, *args, **kwargs):
        self.fill_search_forms()
        super().save(*args, **kwargs)

    def fill_search_forms(self):
        """Derive the forms search compares with from the text; ``save`` calls it, and code
        that writes labels with ``bulk_create`` (benchmarks, test seeds) calls it itself."""
        self.text = self.text.strip()
        self.normalized = normalize(self.text)
        self.compact = compact(self.text)
        self.stem = stem(self.text, self.language)
        self.initial = initial(self.text, self.language)
        self.sort_key = stored_key(self.text, self.language)
        return self

    def clean(self):
        """Refuse empty text, a second preferred name and a repeated spelling, with reasons."""
        self.text = (self.text or "").strip()
        if not normalize(self.text):
            raise ValidationError({"text": _("A label needs some letters or digits.")})
        if self.title_id is None or not self.language:
            return
        siblings = Label.objects.filter(title_id=self.title_id, language=self.language).exclude(
            pk=self.pk
        )
        if self.kind == LabelKind.PREFERRED and siblings.filter(kind=LabelKind.PREFERRED).exists():
            raise ValidationError(
                {
                    "kind": _(
                        "This title already has a preferred name in this language. "
                        "Change the title's name instead, or make this label an alternative."
                    )
                }
            )
        same = siblings.filter(compact=compact(self.text)).first()
        if same:
            raise ValidationError(
                {
                    "text": _("“%(text)s” is already a %(kind)s label of this title.")
                    % {"text": same.text, "kind": same.get_kind_display().lower()}
                }
            )

    def collisions(self):
        """Labels of other titles with the same spelling in the same language."""
        return (
            Label.objects.filter(language=self.language, compact=self.compact)
            .exclude(title_id=self.title_id)
            .select_related("title")
        )
