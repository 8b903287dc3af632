"""The editorial workflow in the admin: who may publish, no lost edits, history, imports.

``WorkflowFormMixin`` guards a title's form (publishing rights and optimistic locking);
``WorkflowAdminMixin`` adds the actions (review, publish, retire, merge, mark reviewed),
the readable history with revert, and the import/export pages to ``TitleAdmin``.
"""

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from titles.content import ContentError
from titles.csvformat import CSVError, from_csv, to_csv
from titles.exchange import export_glossary
from titles.history import revert_title, timeline
from titles.importer import apply_import, plan_import
from titles.models import LANGUAGE_CODES, PUBLISHER_STATUSES, LabelKind, Status, Title
from titles.views import TitlePreviewView

PUBLISH = "titles.publish_title"
IMPORT_SESSION_KEY = "titles-import"


def moves_publication(before, after):
    """Whether going from status ``before`` to ``after`` publishes, unpublishes or retires."""
    return before != after and (before in PUBLISHER_STATUSES or after in PUBLISHER_STATUSES)


class WorkflowFormMixin(forms.ModelForm):
    """Checks a save against publishing rights and against a newer save by someone else."""

    user = None  # set per request by ``WorkflowAdminMixin.get_form``
    # The version this form was opened at (the model field itself is not editable).
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["base_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        self._check_publishing(cleaned.get("status"))
        self._check_version(cleaned.get("base_version"))
        return cleaned

    def _check_publishing(self, status):
        before = self.instance.status if self.instance.pk else None
        if moves_publication(before, status) and not (self.user and self.user.has_perm(PUBLISH)):
            self.add_error(
                "status",
                _(
                    "Only publishers can publish or retire a title. Set it to “In review” "
                    "and a publisher will take it from there."
                ),
            )

    def _check_version(self, submitted):
        if not self.instance.pk:
            return
        # Lock the row until this save commits, so two saves cannot both pass the check.
        current = (
            Title.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if submitted == current:
            return
        data = self.data.copy()
        data["base_version"] = current
        self.data = data  # saving again now is a deliberate overwrite
        raise ValidationError(
            _(
                "Someone else saved this title after you opened it. Your changes are still "
                "in the form below and nothing has been saved. Open the title in a new tab to "
                "see their version; save again to replace it with yours."
            ),
            code="conflict",
        )


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Title.objects.all(), label=_("Merge into"), help_text=_("The title that stays.")
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("A yrkesroller/1 export as JSON (.json) or CSV (.csv).")
    )


def read_upload(upload):
    """The export dict of an uploaded JSON or CSV file, or a ValidationError saying why not."""
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("The file is not UTF-8 text.")) from error
    if upload.name.lower().endswith(".csv"):
        try:
            return from_csv(text)
        except CSVError as error:
            raise ValidationError(_("The CSV file: %(error)s") % {"error": error}) from error
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError(
            _("The file is not valid JSON: %(error)s") % {"error": error}
        ) from None


class WorkflowAdminMixin:
    """Mixed into ``TitleAdmin`` (before ``TranslationAdmin``)."""

    actions = [
        "submit_for_review",
        "mark_reviewed",
        "publish",
        "retire",
        "merge",
        "export_json",
        "export_csv",
    ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user
        return form

    def has_publish_permission(self, request):
        return request.user.has_perm(PUBLISH)

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/history/revert/",
                self.admin_site.admin_view(self.revert_view),
                name="titles_title_revert",
            ),
            path(
                "<path:object_id>/preview/<str:language>/",
                self.admin_site.admin_view(self.preview_view),
                name="titles_title_preview",
            ),
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="titles_title_import",
            ),
        ]
        return own + super().get_urls()

    # --- Actions ------------------------------------------------------------------------

    def _set_status(self, request, queryset, status, message):
        count = 0
        for title in queryset:
            title.status = status
            if status == Status.PUBLISHED:
                title.last_reviewed_at = timezone.localdate()
            title.save()
            count += 1
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Submit selected titles for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        drafts = queryset.filter(status=Status.DRAFT)
        self._set_status(request, drafts, Status.REVIEW, _t("%(count)d title(s) sent to review."))

    @admin.action(description=_("Mark selected titles as reviewed today"), permissions=["change"])
    def mark_reviewed(self, request, queryset):
        for title in queryset:
            title.last_reviewed_at = timezone.localdate()
            title.save()
        self.message_user(request, _t("Marked as reviewed today."), messages.SUCCESS)

    @admin.action(description=_("Publish selected titles"), permissions=["publish"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Status.PUBLISHED, _t("%(count)d title(s) published."))

    @admin.action(description=_("Retire selected titles"), permissions=["publish"])
    def retire(self, request, queryset):
        self._set_status(request, queryset, Status.RETIRED, _t("%(count)d title(s) retired."))

    @admin.action(description=_("Merge selected title into another…"), permissions=["publish"])
    def merge(self, request, queryset):
        """Retire the selected titles in favour of one target and move their names to it."""
        form = MergeForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            target = form.cleaned_data["target"]
            if queryset.filter(pk=target.pk).exists():
                self.message_user(
                    request, _t("A title cannot be merged into itself."), messages.ERROR
                )
                return None
            moved = sum(merge_into(title, target) for title in queryset)
            self.message_user(
                request,
                _t("Merged into “%(target)s”; %(count)d name(s) moved over.")
                % {"target": target, "count": moved},
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _t("Merge titles"),
            "titles": queryset,
            "form": form,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/titles/title/merge.html", context)

    @admin.action(description=_("Export selected titles as JSON"), permissions=["view"])
    def export_json(self, request, queryset):
        data = export_glossary(queryset)
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
        )
        response["Content-Disposition"] = 'attachment; filename="yrkesroller.json"'
        return response

    @admin.action(description=_("Export selected titles as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        response = HttpResponse(to_csv(export_glossary(queryset)), content_type="text/csv")
        response["Content-Disposition"] = 'attachment; filename="yrkesroller.csv"'
        return response

    # --- Preview ------------------------------------------------------------------------

    def preview_view(self, request, object_id, language):
        """The title's role page as it will look on the site, in either language."""
        title = get_object_or_404(Title, pk=object_id)
        if not self.has_view_or_change_permission(request, title):
            raise PermissionDenied
        if language not in LANGUAGE_CODES:
            raise Http404(_t("No such language."))
        with translation.override(language):
            response = TitlePreviewView.as_view()(request, pk=title.pk)
            response.render()
        response["X-Robots-Tag"] = "noindex"
        return response

    # --- History ------------------------------------------------------------------------

    def history_view(self, request, object_id, extra_context=None):
        title = get_object_or_404(Title, pk=object_id)
        if not self.has_view_or_change_permission(request, title):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _t("History: %(name)s") % {"name": title},
            "object": title,
            "changes": timeline(title),
            "can_revert": self.has_change_permission(request, title),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/titles/title/history.html", context)

    def revert_view(self, request, object_id):
        title = get_object_or_404(Title, pk=object_id)
        if request.method != "POST" or not self.has_change_permission(request, title):
            raise PermissionDenied
        when = parse_datetime(request.POST.get("at", ""))
        try:
            then = title.history.as_of(when) if when else None
        except Title.DoesNotExist:
            then = None
        if then is None:
            messages.error(request, _t("There is no version of this title at that time."))
        elif moves_publication(title.status, then.status) and not request.user.has_perm(PUBLISH):
            messages.error(
                request, _t("Only publishers can restore a version with another publication state.")
            )
        else:
            revert_title(title, when)
            messages.success(request, _t("Restored the version of %(when)s.") % {"when": when})
        return HttpResponseRedirect(reverse("admin:titles_title_history", args=[title.pk]))

    # --- Import -------------------------------------------------------------------------

    def import_view(self, request):
        """Upload, preview what would be created, changed or rejected, then confirm."""
        if not (self.has_add_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        context = {**self.admin_site.each_context(request), "opts": self.model._meta}
        context["title"] = _t("Import titles")
        if request.method == "POST" and "confirm" in request.POST:
            return self._confirm_import(request)
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                data = read_upload(form.cleaned_data["file"])
                plan = plan_import(data)
            except ValidationError as error:
                form.add_error("file", error)
            except ContentError as error:
                context["problems"] = error.problems
            else:
                self._check_import_rights(request, plan)
                request.session[IMPORT_SESSION_KEY] = json.dumps(data)
                context["plan"] = plan
        context["form"] = form
        return TemplateResponse(request, "admin/titles/title/import.html", context)

    def _check_import_rights(self, request, plan):
        """An import may not publish, unpublish or retire anything an editor could not."""
        if request.user.has_perm(PUBLISH):
            return
        entries = [entry for _where, entry in plan.content.entries]
        slugs = [entry["slug"] for entry in entries]
        current = dict(Title.objects.filter(slug__in=slugs).values_list("slug", "status"))
        for entry in entries:
            if moves_publication(current.get(entry["slug"]), entry["status"]):
                raise PermissionDenied(
                    _t("Only publishers can import titles that publish, unpublish or retire.")
                )

    def _confirm_import(self, request):
        stored = request.session.pop(IMPORT_SESSION_KEY, None)
        if stored is None:
            messages.error(request, _t("Nothing to import: upload the file again."))
            return HttpResponseRedirect(reverse("admin:titles_title_import"))
        try:
            plan = plan_import(json.loads(stored))
            self._check_import_rights(request, plan)
            apply_import(plan)
        except ContentError:
            messages.error(request, _t("The glossary changed meanwhile; upload the file again."))
            return HttpResponseRedirect(reverse("admin:titles_title_import"))
        messages.success(
            request,
            _t("Imported: %(created)d created, %(changed)d changed.")
            % {"created": len(plan.create), "changed": len(plan.change)},
        )
        return HttpResponseRedirect(reverse("admin:titles_title_changelist"))


@transaction.atomic
def merge_into(title, target):
    """Retire ``title`` in favour of ``target``; its names become labels of the target.

    Its preferred names become alternative labels; spellings the target already has are
    dropped, not duplicated. Returns how many labels moved.
    """
    taken = set(target.labels.values_list("language", "compact"))
    moved = 0
    for label in title.labels.all():
        if (label.language, label.compact) in taken:
            continue
        label.title = target
        if label.kind == LabelKind.PREFERRED:
            label.kind = LabelKind.ALTERNATIVE
        label.save()
        taken.add((label.language, label.compact))
        moved += 1
    title.status = Status.RETIRED
    title.replaced_by = target
    title.save()
    return moved
