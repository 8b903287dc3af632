"""The inlines of the title page: labels, responsibilities, skills, topics, relations, sources.

Each can show the changes waiting for review instead of the stored rows (``proposals``).
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from titles.admin.proposals import ProposedRowsFormSet, ProposedRowsInline
from titles.admin.widgets import PreloadedChoicesFormSet
from titles.models import (
    LANGUAGE_CODES,
    Label,
    LabelKind,
    Language,
    Relation,
    Responsibility,
    Skill,
    Title,
    TitleTopic,
)
from titles.normalize import compact


class LabelFormSet(ProposedRowsFormSet):
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
    # A select without a blank choice always sends a value, so the blank extra row sends
    # "alternative" too. With that as the initial value the untouched row counts as
    # unchanged (and is skipped), while a typed name defaults to an alternative label.
    kind = forms.ChoiceField(
        label=_("kind"),
        choices=[c for c in LabelKind.choices if c[0] != LabelKind.PREFERRED],
        initial=LabelKind.ALTERNATIVE,
    )

    class Meta:
        model = Label
        fields = ["text", "language", "kind", "note"]


class LabelInline(ProposedRowsInline, admin.TabularInline):
    model = Label
    form = LabelInlineForm
    formset = LabelFormSet
    extra = 1
    verbose_name_plural = _("other names (the preferred names are the title's name fields)")

    def get_queryset(self, request):
        # Preferred labels mirror the title's names and are edited there.
        return super().get_queryset(request).exclude(kind=LabelKind.PREFERRED)


class ResponsibilityInline(ProposedRowsInline, TranslationTabularInline):
    model = Responsibility
    formset = ProposedRowsFormSet
    fields = ["order", "text"]
    extra = 1
    formfield_overrides = {
        Responsibility._meta.get_field("text").__class__: {
            "widget": forms.Textarea(attrs={"rows": 2, "cols": 50})
        }
    }


class SkillInline(ProposedRowsInline, TranslationTabularInline):
    model = Skill
    formset = ProposedRowsFormSet
    fields = ["order", "text"]
    extra = 1
    verbose_name_plural = _("skills and traits the role asks for")


class RelationFormSet(ProposedRowsFormSet, PreloadedChoicesFormSet):
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


class RelationInline(ProposedRowsInline, TranslationTabularInline):
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


class SourceFormSet(ProposedRowsFormSet, PreloadedChoicesFormSet):
    preload_field = "source"


class SourceInline(ProposedRowsInline, admin.TabularInline):
    model = Title.sources.through
    formset = SourceFormSet
    autocomplete_fields = ["source"]
    extra = 1
    verbose_name = _("source")
    verbose_name_plural = _("sources")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")


class TopicFormSet(ProposedRowsFormSet, PreloadedChoicesFormSet):
    preload_field = "topic"


class TopicInline(ProposedRowsInline, admin.TabularInline):
    """What the role works with: pick topics from the shared vocabulary (or add one there)."""

    model = TitleTopic
    formset = TopicFormSet
    autocomplete_fields = ["topic"]
    extra = 3
    verbose_name = _("topic")
    verbose_name_plural = _("topics: what the role works with (at least three)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("topic")
