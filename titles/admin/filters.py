"""The editors' list filters: missing translations, what needs work, shared labels."""

from datetime import timedelta

from django.contrib import admin
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from titles.models import LANGUAGE_CODES, Label, Relation, Revision, Status


class MissingTextFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [("en", _("Missing English text")), ("sv", _("Missing Swedish text"))]

    def queryset(self, request, queryset):
        if self.value() in LANGUAGE_CODES:
            return queryset.missing_text(self.value())
        return queryset


class NeedsWorkFilter(admin.SimpleListFilter):
    """The editors' backlog: what to look at next."""

    title = _("needs work")
    parameter_name = "needs"

    def lookups(self, request, model_admin):
        return [
            ("relations", _("No relations")),
            ("sources", _("No sources")),
            ("review", _("Not reviewed for 12 months")),
            ("waiting", _("Waiting for review")),
            ("revision", _("Changes waiting for review")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "relations":
            return queryset.filter(
                ~Exists(Relation.objects.filter(source=OuterRef("pk")))
                & ~Exists(Relation.objects.filter(target=OuterRef("pk")))
            )
        if value == "sources":
            return queryset.filter(sources__isnull=True)
        if value == "review":
            year_ago = timezone.localdate() - timedelta(days=365)
            return queryset.filter(
                Q(last_reviewed_at__isnull=True) | Q(last_reviewed_at__lt=year_ago)
            )
        if value == "waiting":
            return queryset.filter(status=Status.REVIEW)
        if value == "revision":
            return queryset.filter(Exists(Revision.objects.pending().filter(title=OuterRef("pk"))))
        return queryset


class SharedLabelFilter(admin.SimpleListFilter):
    """Spellings that more than one title uses, for an editor to review."""

    title = _("shared")
    parameter_name = "shared"

    def lookups(self, request, model_admin):
        return [("yes", _("Also a label of another title"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            others = Label.objects.filter(
                language=OuterRef("language"), compact=OuterRef("compact")
            ).exclude(title=OuterRef("title"))
            return queryset.filter(Exists(others))
        return queryset
