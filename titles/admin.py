"""The editors' admin: one page per job title with everything it owns inline."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from titles.admin_widgets import PreloadedChoicesFormSet
from titles.admin_workflow import WorkflowAdminMixin, WorkflowFormMixin
from titles.models import (
    LANGUAGE_CODES,
    Label,
    LabelKind,
    Language,
    Relation,
    Responsibility,
    SearchMiss,
    Skill,
    Source,
    Status,
    Tag,
    Title,
)
from titles.normalize import compact, normalize


class LabelFormSet(forms.BaseInlineFormSet):
    """Checks across rows that a single label cannot see: repeats, and the title's names."""

    def clean(self):
        super().clean()
        names = {
            language: compact(getattr(self.instance, f"name_{language}", "") or "")
            for language in LANGUAGE_CODES
        }
        seen = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("text"):
                continue
            key = (data["language"], compact(data["text"]))
            language_name = Language(data["language"]).label
            if key[1] == names.get(data["language"]):
                form.add_error(
                    "text",
                    _("“%(text)s” is already this title's %(language)s name.")
                    % {"text": data["text"], "language": language_name.lower()},
                )
            elif key in seen:
                form.add_error(
                    "text",
                    _("“%(text)s” is listed twice in %(language)s.")
                    % {"text": data["text"], "language": language_name.lower()},
                )
            seen[key] = form


class LabelInlineForm(forms.ModelForm):
    kind = forms.ChoiceField(
        label=_("kind"), choices=[c for c in LabelKind.choices if c[0] != LabelKind.PREFERRED]
    )

    class Meta:
        model = Label
        fields = ["text", "language", "kind", "note"]


class LabelInline(admin.TabularInline):
    model = Label
    form = LabelInlineForm
    formset = LabelFormSet
    extra = 1
    verbose_name_plural = _("other names (the preferred names are the title's name fields)")

    def get_queryset(self, request):
        # Preferred labels mirror the title's names and are edited there.
        return super().get_queryset(request).exclude(kind=LabelKind.PREFERRED)


class ResponsibilityInline(TranslationTabularInline):
    model = Responsibility
    fields = ["order", "text"]
    extra = 1
    formfield_overrides = {
        Responsibility._meta.get_field("text").__class__: {
            "widget": forms.Textarea(attrs={"rows": 2, "cols": 50})
        }
    }


class SkillInline(TranslationTabularInline):
    model = Skill
    fields = ["order", "text"]
    extra = 1
    verbose_name_plural = _("skills and traits the role asks for")


class RelationFormSet(PreloadedChoicesFormSet):
    preload_field = "target"

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("target"):
                continue
            if self.instance.pk and data["target"].pk == self.instance.pk:
                form.add_error("target", _("A title cannot be related to itself."))
            key = (data["type"], data["target"].pk)
            if key in seen:
                form.add_error("target", _("This relation is listed twice."))
            seen.add(key)


class RelationInline(TranslationTabularInline):
    model = Relation
    fk_name = "source"
    formset = RelationFormSet
    fields = ["type", "target", "note"]
    autocomplete_fields = ["target"]
    extra = 1
    verbose_name_plural = _("relations from this title")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source", "target")

    formfield_overrides = {
        Relation._meta.get_field("note").__class__: {
            "widget": forms.Textarea(attrs={"rows": 2, "cols": 40})
        }
    }


class SourceFormSet(PreloadedChoicesFormSet):
    preload_field = "source"


class SourceInline(admin.TabularInline):
    model = Title.sources.through
    formset = SourceFormSet
    autocomplete_fields = ["source"]
    extra = 1
    verbose_name = _("source")
    verbose_name_plural = _("sources")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")


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


@admin.register(Title)
class TitleAdmin(WorkflowAdminMixin, TranslationAdmin):
    form = TitleAdminForm
    inlines = [LabelInline, ResponsibilityInline, SkillInline, RelationInline, SourceInline]
    prepopulated_fields = {"slug": ("name_sv",)}
    search_fields = ["slug"]  # and every label: see get_search_results
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
        (None, {"fields": ["name", "slug"]}),
        (
            _("Workflow"),
            {"fields": ["status", "replaced_by", "last_reviewed_at", "base_version"]},
        ),
        (_("Text"), {"fields": ["definition", "description", "note"]}),
        (_("Classification"), {"fields": ["field", "seniority", "focus", "profile", "tags"]}),
        (_("External identifiers"), {"fields": ["esco_uri", "ssyk_code", "isco_code"]}),
        (_("Relations stored on other titles"), {"fields": ["relations_to_this_title"]}),
        (_("Dates"), {"fields": ["created_at", "updated_at"]}),
    ]
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts().prefetch_related("tags")

    def get_search_results(self, request, queryset, search_term):
        """Find a title by any of its labels, in either language, with or without å/ä/ö."""
        folded = normalize(search_term)
        if not folded:
            return queryset, False
        by_label = Label.objects.filter(
            Q(normalized__contains=folded) | Q(compact__contains=folded.replace(" ", ""))
        ).values("title_id")
        return queryset.filter(Q(slug__icontains=folded) | Q(pk__in=by_label)), False

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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.warn_about_shared_labels(request, form.instance)

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


@admin.register(Label)
class LabelAdmin(admin.ModelAdmin):
    list_display = ["text", "language", "kind", "title"]
    list_filter = [SharedLabelFilter, "language", "kind"]
    search_fields = ["text", "normalized", "title__slug"]
    list_select_related = ["title"]
    autocomplete_fields = ["title", "source"]


@admin.register(Relation)
class RelationAdmin(TranslationAdmin):
    list_display = ["source", "type", "target"]
    list_filter = ["type"]
    list_select_related = ["source", "target"]
    search_fields = ["source__slug", "target__slug", "source__name_sv", "target__name_sv"]
    autocomplete_fields = ["source", "target"]


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
        title = (
            reverse("admin:titles_title_add")
            + "?"
            + urlencode({"name_sv": miss.query, "name_en": miss.query, "status": Status.DRAFT})
        )
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            label,
            _("add as label to…"),
            title,
            _("create draft title"),
        )
