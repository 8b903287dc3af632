"""The moderation queue of readers' suggestions, and "what students looked for": open
suggestions and searches without results on one page."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from titles.models import SearchMiss, Status, Suggestion, SuggestionKind, SuggestionState

LOOKED_FOR_ROWS = 50


def draft_title_url(name):
    """The admin's form for a new draft title, with ``name`` filled in for both languages."""
    query = urlencode({"name_sv": name, "name_en": name, "status": Status.DRAFT})
    return reverse("admin:titles_title_add") + "?" + query


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    """Readers send suggestions; editors accept or decline them with a note. Accepting a
    missing title opens a new draft with its name filled in."""

    list_display = ["kind", "about", "excerpt", "language", "state", "created_at"]
    list_filter = ["state", "kind", "language"]
    search_fields = ["text", "name", "title__name_sv", "title__name_en"]
    list_select_related = ["title"]
    readonly_fields = [
        "kind",
        "title",
        "name",
        "text",
        "email",
        "language",
        "created_at",
        "closed_at",
        "closed_by",
    ]
    fields = [*readonly_fields[:7], "state", "reply", "closed_at", "closed_by"]

    def has_add_permission(self, request):
        return False  # readers send them, from the public site

    @admin.display(description=_("about"))
    def about(self, suggestion):
        return suggestion.title.name if suggestion.title_id else suggestion.name

    @admin.display(description=_("suggestion"))
    def excerpt(self, suggestion):
        return Truncator(suggestion.text).chars(80)

    def save_model(self, request, obj, form, change):
        if "state" in form.changed_data and obj.state != SuggestionState.NEW:
            obj.closed_by = request.user
        super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        accepted = obj.state == SuggestionState.ACCEPTED and obj.kind == SuggestionKind.MISSING
        if accepted and "_save" in request.POST and obj.name:
            self.message_user(request, _("Accepted. Here is a new draft for the missing title."))
            return redirect(draft_title_url(obj.name))
        return super().response_change(request, obj)

    def get_urls(self):
        looked_for = self.admin_site.admin_view(self.looked_for_view)
        return [
            path("looked-for/", looked_for, name="titles_suggestion_looked_for"),
            *super().get_urls(),
        ]

    def looked_for_view(self, request):
        """Open suggestions and the most frequent searches without results, side by side."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("What students looked for"),
            "suggestions": Suggestion.objects.open().select_related("title")[:LOOKED_FOR_ROWS],
            "misses": SearchMiss.objects.order_by("-count", "-last_seen")[:LOOKED_FOR_ROWS],
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/titles/looked_for.html", context)


class SuggestionsLinkMixin:
    """The title's change form links to its open suggestions."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        title_id = unquote(object_id)
        context = dict(extra_context or {})
        open_count = (
            Suggestion.objects.open().filter(title_id=title_id).count() if title_id.isdigit() else 0
        )
        if open_count:
            url = reverse("admin:titles_suggestion_changelist")
            context["open_suggestions"] = open_count
            context["suggestions_url"] = (
                url + "?" + urlencode({"title__id__exact": object_id, "state__exact": "new"})
            )
        return super().change_view(request, object_id, form_url, context)
