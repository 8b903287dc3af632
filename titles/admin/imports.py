"""Importing a yrkesroller/1 file through the admin: upload, preview, confirm."""

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from titles.exchange.checks import ContentError
from titles.exchange.csv_format import CSVError, from_csv
from titles.exchange.importer import apply_import, plan_import
from titles.models import Title
from titles.workflow import PUBLISH, moves_publication, needs_review

IMPORT_SESSION_KEY = "titles-import"


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


class ImportMixin:
    """Mixed into ``TitleAdmin``: the import page."""

    def get_urls(self):
        own = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="titles_title_import",
            ),
        ]
        return own + super().get_urls()

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
        """An import may not publish, unpublish or retire anything an editor could not, nor
        change a published title past review."""
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
        changed = [slug for slug, _keys in plan.change if needs_review(request.user, current[slug])]
        if changed:
            raise PermissionDenied(
                _t(
                    "Changes to published titles wait for a publisher's review, so only "
                    "publishers can import them: %(slugs)s. Make the change on the title's page."
                )
                % {"slugs": ", ".join(changed)}
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
