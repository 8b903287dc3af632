"""The editors' title page: one page per job title with everything it owns inline."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.db.models import Exists, OuterRef, Q
from django.utils.html import format_html_join
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from titles.admin.filters import MissingTextFilter, NeedsWorkFilter
from titles.admin.imports import ImportMixin
from titles.admin.inlines import (
    LabelInline,
    RelationInline,
    ResponsibilityInline,
    SkillInline,
    SourceInline,
    TopicInline,
)
from titles.admin.pages import EditorialPagesMixin
from titles.admin.revisions import RevisionsMixin
from titles.admin.suggestions import SuggestionsLinkMixin
from titles.admin.workflow import WorkflowActionsMixin, WorkflowFormMixin
from titles.exchange.writer import sync_links
from titles.models import Label, LabelKind, Revision, Tag, TaggedTitle, Title
from titles.normalize import normalize
from titles.workflow import may_delete


class TitleAdminForm(WorkflowFormMixin, forms.ModelForm):
    # Tags are a controlled, translated vocabulary: pick them, do not type new ones here.
    tags = forms.ModelMultipleChoiceField(
        queryset=Tag.objects.all(),
        required=False,
        widget=FilteredSelectMultiple(_("tags"), is_stacked=False),
        label=_("tags"),
    )

    class Meta:
        model = Title
        fields = ["tags"]  # the admin adds the fields of its fieldsets

    def _save_m2m(self):
        """Tags by primary key: taggit's own ``set`` compares tag names, which a translated
        tag gives in the reader's language, so an untouched tag would be removed and added
        again (and the history would say so)."""
        tags = self.cleaned_data.pop("tags", None)
        try:
            super()._save_m2m()
        finally:
            if tags is not None:
                self.cleaned_data["tags"] = tags
        if tags is not None:
            sync_links(TaggedTitle, self.instance, tags, owner="content_object", item="tag")


@admin.register(Title)
class TitleAdmin(
    ImportMixin,
    EditorialPagesMixin,
    SuggestionsLinkMixin,
    RevisionsMixin,
    WorkflowActionsMixin,
    TranslationAdmin,
):
    form = TitleAdminForm
    inlines = [
        LabelInline,
        ResponsibilityInline,
        SkillInline,
        TopicInline,
        RelationInline,
        SourceInline,
    ]
    prepopulated_fields = {"slug": ("name_sv",), "slug_en": ("name_en",)}
    search_fields = ["slug", "slug_en"]  # and every label: see get_search_results
    list_display = [
        "name_sv",
        "name_en",
        "status",
        "field",
        "seniority",
        "swedish_labels",
        "english_labels",
        "responsibility_count",
        "relation_count",
        "tag_list",
        "has_pending_revision",
        "last_reviewed_at",
        "updated_at",
    ]
    list_filter = [
        "status",
        NeedsWorkFilter,
        MissingTextFilter,
        "field",
        "seniority",
        "focus",
        "profile",
        "tags",
    ]
    autocomplete_fields = ["replaced_by"]
    readonly_fields = ["relations_to_this_title", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "slug_en"]}),
        (
            _("Workflow"),
            {
                "fields": [
                    "status",
                    "replaced_by",
                    "last_reviewed_at",
                    "base_version",
                    "base_revision",
                ]
            },
        ),
        (_("Text"), {"fields": ["definition", "description", "note", "pathway"]}),
        (_("Classification"), {"fields": ["field", "seniority", "focus", "profile", "tags"]}),
        (_("External identifiers"), {"fields": ["esco_uri", "ssyk_code", "isco_code"]}),
        (_("Relations stored on other titles"), {"fields": ["relations_to_this_title"]}),
        (_("Dates"), {"fields": ["created_at", "updated_at"]}),
    ]
    list_per_page = 50

    def get_queryset(self, request):
        waiting = Revision.objects.pending().filter(title=OuterRef("pk"))
        return (
            super()
            .get_queryset(request)
            .with_counts()
            .annotate(has_pending_revision=Exists(waiting))
            .prefetch_related("tags")
        )

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or may_delete(request.user, obj))

    def get_deleted_objects(self, objs, request):
        """The list's "delete selected" asks this, not ``has_delete_permission`` per title."""
        deleted, counts, needed, protected = super().get_deleted_objects(objs, request)
        if any(not may_delete(request.user, title) for title in objs):
            needed.add(_t("published or retired job titles (only publishers delete those)"))
        return deleted, counts, needed, protected

    def get_search_results(self, request, queryset, search_term):
        """Find a title by any of its labels, in either language, with or without å/ä/ö."""
        folded = normalize(search_term)
        if not folded:
            return queryset, False
        by_label = Label.objects.filter(
            Q(normalized__contains=folded) | Q(compact__contains=folded.replace(" ", ""))
        ).values("title_id")
        slugs = Q(slug__icontains=folded) | Q(slug_en__icontains=folded)
        return queryset.filter(slugs | Q(pk__in=by_label)), False

    @admin.display(description=_("sv labels"), ordering="labels_sv")
    def swedish_labels(self, obj):
        return obj.labels_sv

    @admin.display(description=_("en labels"), ordering="labels_en")
    def english_labels(self, obj):
        return obj.labels_en

    @admin.display(description=_("responsibilities"), ordering="responsibility_count")
    def responsibility_count(self, obj):
        return obj.responsibility_count

    @admin.display(description=_("relations"), ordering="relation_count")
    def relation_count(self, obj):
        return obj.relation_count

    @admin.display(description=_("tags"))
    def tag_list(self, obj):
        return ", ".join(tag.name for tag in obj.tags.all())

    @admin.display(description=_("changes waiting for review"), boolean=True)
    def has_pending_revision(self, obj):
        return obj.has_pending_revision

    @admin.display(description=_("relations from other titles"))
    def relations_to_this_title(self, obj):
        relations = obj.incoming_relations.select_related("source") if obj.pk else []
        if not relations:
            return "–"
        return format_html_join(
            "",
            '<p><a href="../../{}/change/">{}</a> → {}</p>',
            ((r.source_id, r.source, r.get_type_display()) for r in relations),
        )

    def related_saved(self, request, title):
        self.warn_about_shared_labels(request, title)

    def warn_about_shared_labels(self, request, title):
        """Two titles may share a label (real life does that), but the editor should know."""
        own = list(title.labels.exclude(kind=LabelKind.PREFERRED))
        if not own:
            return
        match = Q()
        for label in own:
            match |= Q(language=label.language, compact=label.compact)
        shared = Label.objects.filter(match).exclude(title=title).select_related("title")
        for other in shared:
            messages.warning(
                request,
                _("The label “%(text)s” (%(language)s) is also a name of “%(title)s”.")
                % {"text": other.text, "language": other.language, "title": other.title},
            )
