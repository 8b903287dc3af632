"""The admin pages of what titles share: labels, relations, sources, tags, topics, synonyms and the
searches students made without results."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from titles.admin.filters import SharedLabelFilter
from titles.admin.suggestions import draft_title_url
from titles.models import (
    Label,
    LabelKind,
    Relation,
    SearchMiss,
    Source,
    Status,
    Synonym,
    Tag,
    Topic,
)
from titles.workflow import PUBLISH


class ReviewedPartMixin:
    """Labels and relations are part of titles' entries. An editor changes those of published
    titles on the title's page, where the change waits for a publisher's review; here they
    may only look at them."""

    def published_title(self, label_or_data):
        """The published title the row (or the form's cleaned data) is part of, if any."""
        raise NotImplementedError

    def _held(self, request, obj):
        return (
            obj is not None
            and not request.user.has_perm(PUBLISH)
            and bool(self.published_title(obj))
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._held(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._held(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if request.user.has_perm(PUBLISH):
            return form
        published_title = self.published_title

        class HeldForm(form):
            def clean(self):
                cleaned = super().clean()
                title = published_title(cleaned)
                if title:
                    raise ValidationError(
                        _(
                            "“%(title)s” is published: change its names and relations on the "
                            "title's page, where the change waits for a publisher's review."
                        )
                        % {"title": title}
                    )
                return cleaned

        return HeldForm


def _value(row, name):
    return row.get(name) if isinstance(row, dict) else getattr(row, name, None)


def _published(title):
    return title if title is not None and title.status == Status.PUBLISHED else None


@admin.register(Label)
class LabelAdmin(ReviewedPartMixin, admin.ModelAdmin):
    list_display = ["text", "language", "kind", "title"]
    list_filter = [SharedLabelFilter, "language", "kind"]
    search_fields = ["text", "normalized", "title__slug"]
    list_select_related = ["title"]
    autocomplete_fields = ["title", "source"]

    def published_title(self, label_or_data):
        return _published(_value(label_or_data, "title"))


@admin.register(Relation)
class RelationAdmin(ReviewedPartMixin, TranslationAdmin):
    list_display = ["source", "type", "target"]
    list_filter = ["type"]
    list_select_related = ["source", "target"]
    search_fields = ["source__slug", "target__slug", "source__name_sv", "target__name_sv"]
    autocomplete_fields = ["source", "target"]

    def published_title(self, relation_or_data):
        """A relation is public only when both its titles are."""
        source = _published(_value(relation_or_data, "source"))
        return source if _published(_value(relation_or_data, "target")) else None


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "publisher", "date"]
    search_fields = ["title", "author", "publisher", "key"]
    prepopulated_fields = {"key": ("title",)}


@admin.register(Tag)
class TagAdmin(TranslationAdmin):
    list_display = ["slug", "name_sv", "name_en"]
    search_fields = ["slug", "name_sv", "name_en"]
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Topic)
class TopicAdmin(TranslationAdmin):
    """The shared vocabulary of what roles work with; titles pick from it."""

    list_display = ["slug", "name_sv", "name_en"]
    search_fields = ["slug", "name_sv", "name_en"]
    prepopulated_fields = {"slug": ("name_en",)}


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    """Students' words that are neither names nor topics ("reklamare"), and what search
    looks for instead. A change applies to the next search."""

    list_display = ["term", "language", "meanings_shown"]
    list_filter = ["language"]
    search_fields = ["term", "means"]
    fields = ["term", "language", "means"]

    @admin.display(description=_("means"))
    def meanings_shown(self, synonym):
        return ", ".join(synonym.meanings)


@admin.register(SearchMiss)
class SearchMissAdmin(admin.ModelAdmin):
    """What students searched for and did not find, most frequent first. Written only by
    the search page, so editors read it: add the missing label or title, then it stops."""

    list_display = ["query", "count", "first_seen", "last_seen", "fix"]
    list_filter = ["last_seen"]
    search_fields = ["query"]
    ordering = ["-count", "-last_seen"]
    date_hierarchy = "last_seen"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("fix it"))
    def fix(self, miss):
        """One click to a pre-filled form: a new label for a title, or a new draft title."""
        label = (
            reverse("admin:titles_label_add")
            + "?"
            + urlencode({"text": miss.query, "kind": LabelKind.ALTERNATIVE, "language": "sv"})
        )
        title = draft_title_url(miss.query)
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            label,
            _("add as label to…"),
            title,
            _("create draft title"),
        )
