"""Typed links between titles (related, confused with, next step, specialisation)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least
from django.utils.translation import gettext_lazy as _

from titles.models.choices import SYMMETRIC_TYPES, RelationType, published_q


class RelationQuerySet(models.QuerySet):
    def touching(self, titles):
        """Relations of ``titles`` (a title, ids or a queryset) whose other end is published:
        the public never sees a draft, not even as a name. Joins the other end's status
        rather than filtering by a subquery over every published title."""
        many = not isinstance(titles, models.Model)
        source = {"source__in": titles} if many else {"source": titles}
        target = {"target__in": titles} if many else {"target": titles}
        return self.filter(
            (Q(**source) & published_q("target__")) | (Q(**target) & published_q("source__"))
        )

    def between_published(self):
        """Relations whose two ends are both published."""
        return self.filter(published_q("source__"), published_q("target__"))


class Relation(models.Model):
    """A typed link between two titles.

    ``related`` and ``confused_with`` are symmetric: stored once, shown on both pages.
    ``next_step`` points up the career ladder (its target shows "previous step");
    ``specialisation_of`` points from the narrower role to the broader one.
    """

    source = models.ForeignKey(
        "Title",
        on_delete=models.CASCADE,
        related_name="outgoing_relations",
        verbose_name=_("from"),
    )
    target = models.ForeignKey(
        "Title",
        on_delete=models.CASCADE,
        related_name="incoming_relations",
        verbose_name=_("to"),
    )
    type = models.CharField(_("type"), max_length=20, choices=RelationType.choices)
    note = models.TextField(_("note"), blank=True, help_text=_("For example: the difference."))

    objects = RelationQuerySet.as_manager()

    class Meta:
        ordering = ["type", "pk"]
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(source=F("target")),
                name="relation_not_to_itself",
                violation_error_message=_("A title cannot be related to itself."),
            ),
            models.UniqueConstraint(
                fields=["source", "target", "type"],
                name="relation_unique",
                violation_error_message=_("This relation exists already."),
            ),
            # A symmetric relation is one fact: A–B and B–A may not both be stored.
            models.UniqueConstraint(
                Least("source", "target"),
                Greatest("source", "target"),
                "type",
                condition=Q(type__in=list(SYMMETRIC_TYPES)),
                name="relation_symmetric_once",
            ),
        ]
        indexes = [
            # Role pages read the relations pointing at a title.
            models.Index(fields=["target", "type"], name="relation_target_idx"),
        ]

    def __str__(self):
        return f"{self.source} → {self.get_type_display()} → {self.target}"

    @property
    def is_symmetric(self):
        return self.type in SYMMETRIC_TYPES

    def clean(self):
        if self.source_id is None or self.target_id is None or not self.type:
            return
        if self.source_id == self.target_id:
            raise ValidationError({"target": _("A title cannot be related to itself.")})
        others = Relation.objects.exclude(pk=self.pk)
        if others.filter(source_id=self.source_id, target_id=self.target_id, type=self.type):
            raise ValidationError({"target": _("This relation exists already.")})
        reverse_relation = others.filter(
            source_id=self.target_id, target_id=self.source_id, type=self.type
        )
        if reverse_relation.exists():
            message = (
                _("This relation is already stored from the other title; it shows on both pages.")
                if self.is_symmetric
                else _("The other title already points here with this type; that would be a loop.")
            )
            raise ValidationError({"target": message})
