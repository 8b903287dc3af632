"""The guides in the admin: Markdown in both languages with a preview of what readers will see.

Editors write and change drafts. Publishing, unpublishing and any change to a published
guide need ``publish_guide`` (the Publishers group): public text never changes without a
publisher. An editor sees a published guide read-only.
"""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from modeltranslation.admin import TranslationAdmin

from titles.guides import render
from titles.models import Guide, GuideStatus

PUBLISH_GUIDE = "titles.publish_guide"


@admin.register(Guide)
class GuideAdmin(TranslationAdmin):
    list_display = ["title", "slug", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["slug", "title_sv", "title_en", "summary_sv", "summary_en"]
    prepopulated_fields = {"slug": ["title_sv"]}
    filter_horizontal = ["roles", "sources"]
    readonly_fields = ["preview", "published_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "summary", "body"]}),
        (_("Links"), {"fields": ["roles", "sources"]}),
        (_("Preview (as saved)"), {"fields": ["preview", "published_at", "updated_at"]}),
    ]

    @admin.display(description=_("preview"))
    def preview(self, guide):
        """Both languages as readers will see them, role names linked, after sanitising."""
        if guide is None or guide.pk is None:
            return _("Save the guide to see a preview.")
        parts = []
        for language, name in (("sv", _("Swedish")), ("en", _("English"))):
            with override(language):
                body = render(getattr(guide, f"body_{language}"), language)
            parts.append(
                format_html(
                    '<section class="guide-preview" lang="{}"><h3>{}</h3>{}</section>',
                    language,
                    name,
                    body,
                )
            )
        return format_html("{}{}", *parts)

    def _publisher(self, request):
        return request.user.has_perm(PUBLISH_GUIDE)

    def _locked(self, request, guide):
        """A published guide, for someone who may not change what the public reads."""
        return (
            guide is not None
            and guide.status == GuideStatus.PUBLISHED
            and not self._publisher(request)
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._locked(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._locked(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        """An editor's form offers only "draft": publishing is a publisher's decision."""
        form = super().get_form(request, obj, **kwargs)
        if not self._publisher(request) and "status" in form.base_fields:
            form.base_fields["status"].choices = [(GuideStatus.DRAFT, GuideStatus.DRAFT.label)]
        return form
