"""The editorial workflow on the title page: publishing rights, no lost edits, and the
actions (review, publish, retire, merge, mark reviewed, export).

``WorkflowFormMixin`` guards a title's form (publishing rights and optimistic locking);
``WorkflowActionsMixin`` adds the actions to ``TitleAdmin``. The rules themselves (who may
publish, what a merge does) live in ``titles.workflow``.
"""

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from titles.exchange.csv_format import to_csv
from titles.exchange.format import export_glossary
from titles.models import Revision, Status, Title
from titles.workflow import (
    PUBLISH,
    choosable_statuses,
    merge_into,
    moves_publication,
    needs_review,
)


class WorkflowFormMixin(forms.ModelForm):
    """Checks a save against publishing rights and against a newer save by someone else.

    ``proposes``: the save is an editor's change to a published title, which waits for a
    publisher as the title's revision (``titles.admin.revisions``) instead of being written.
    """

    user = None  # set per request by ``WorkflowActionsMixin.get_form``
    proposed_initial = None  # the waiting changes an editor's form shows (RevisionsMixin)
    # The version this form was opened at (the model field itself is not editable), and the
    # waiting revision it showed ("" if none).
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    base_revision = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.instance.status if self.instance.pk else None
        self.proposes = bool(self.user and self.instance.pk and needs_review(self.user, stored))
        if self.instance.pk:
            self.fields["base_version"].initial = self.instance.version
            self.fields["base_revision"].initial = self._revision_token()
        if self.proposed_initial and not self.is_bound:
            self.initial.update(self.proposed_initial)
        if "status" in self.fields and self.user:
            # Offer only what the user may choose; the field still knows every status, so a
            # forged choice gets the reason below rather than "not a valid choice".
            allowed = choosable_statuses(self.user, stored)
            field = self.fields["status"]
            field.widget.choices = [c for c in field.choices if c[0] in allowed]

    def _revision_token(self, lock=False):
        revisions = Revision.objects.pending().filter(title_id=self.instance.pk)
        pending = (revisions.select_for_update() if lock else revisions).first()
        return pending.token if pending else ""

    def clean(self):
        cleaned = super().clean()
        self._check_publishing(cleaned.get("status"))
        self._check_version(cleaned.get("base_version"))
        if self.proposes:
            self._check_revision(cleaned.get("base_revision") or "")
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
        self._resubmit_with("base_version", current)
        raise ValidationError(
            _(
                "Someone else saved this title after you opened it. Your changes are still "
                "in the form below and nothing has been saved. Open the title in a new tab to "
                "see their version; save again to replace it with yours."
            ),
            code="conflict",
        )

    def _check_revision(self, submitted):
        """An editor's save replaces the waiting changes: it must have started from them."""
        current = self._revision_token(lock=True)
        if submitted == current:
            return
        self._resubmit_with("base_revision", current)
        raise ValidationError(
            _(
                "The changes waiting for review on this title changed after you opened it "
                "(someone proposed changes, or a publisher reviewed them). Your changes are "
                "still in the form below and nothing has been saved. Open the title in a new "
                "tab to see where it stands; save again to make yours the proposed changes."
            ),
            code="conflict",
        )

    def _resubmit_with(self, name, current):
        data = self.data.copy()
        data[name] = current
        self.data = data  # saving again now is a deliberate overwrite


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(
        queryset=Title.objects.all(), label=_("Merge into"), help_text=_("The title that stays.")
    )


class WorkflowActionsMixin:
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
