"""Editors' changes to published titles wait for a publisher, on the title page.

``RevisionsMixin`` (mixed into ``TitleAdmin``):

- an editor's save of a published title is made, with its inlines, inside a transaction that
  is rolled back; what it would have made of the title becomes the title's pending revision
  (``titles.workflow.propose``), and the public keeps the published title;
- the form says that changes are waiting (or were sent back), and shows an editor the waiting
  changes (``titles.admin.proposals``), so a second editor's save builds on the first;
- the revision page sets the published entry and the proposed one side by side, for a
  publisher to approve (it goes live, recorded in the history) or send back with a comment.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from titles.admin.compare import compare
from titles.admin.proposals import proposed_form_data
from titles.models import Revision, RevisionState, Title
from titles.workflow import (
    PUBLISH,
    RevisionRefused,
    approve,
    is_stale,
    needs_review,
    propose,
    rolled_back,
    send_back,
    stored_entry,
)


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label=_("What should change before it can be published?"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )


def revision_url(revision):
    return reverse("admin:titles_title_revision", args=[revision.title_id, revision.pk])


class RevisionsMixin:
    """Mixed into ``TitleAdmin`` (before the workflow and translation admins)."""

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/revisions/<int:revision_id>/",
                self.admin_site.admin_view(self.revision_view),
                name="titles_title_revision",
            ),
        ]
        return own + super().get_urls()

    def related_saved(self, request, title):
        """Called once a title and its inlines are saved, live or (not kept) as a proposal."""

    # --- The form -------------------------------------------------------------------------

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.proposed_initial = getattr(request, "proposed", {}).get(Title)
        return form

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        proposed = getattr(request, "proposed", {}).get(inline.model)
        if proposed is not None and request.method != "POST":
            kwargs["proposed"] = proposed.rows
        return kwargs

    def change_view(self, request, object_id, form_url="", extra_context=None):
        title = self.get_object(request, unquote(object_id))
        context = {**(extra_context or {}), **self._revision_notice(request, title)}
        return super().change_view(request, object_id, form_url, context)

    def _revision_notice(self, request, title):
        """What the form says about the title's latest revision; an editor opening a title
        with changes waiting sees those changes in the form."""
        latest = (
            title.revisions.select_related("proposed_by", "reviewed_by").first() if title else None
        )
        if latest is None:
            return {}
        if latest.state == RevisionState.SENT_BACK and latest.reviewed_at >= title.updated_at:
            return {"sent_back_revision": latest, "revision_url": revision_url(latest)}
        if latest.state != RevisionState.PENDING:
            return {}
        context = {"pending_revision": latest, "revision_url": revision_url(latest)}
        context["revision_stale"] = is_stale(latest, title)
        if request.method != "POST" and needs_review(request.user, title.status):
            try:
                request.proposed = proposed_form_data(self, request, title, latest)
                context["shows_proposal"] = True
            except RevisionRefused as refused:
                messages.warning(request, str(refused))
        return context

    # --- Saving: live, or as a proposal ---------------------------------------------------

    def save_model(self, request, obj, form, change):
        if not getattr(form, "proposes", False):
            super().save_model(request, obj, form, change)
        # A proposal is saved, and rolled back, together with its inlines in save_related.

    def save_related(self, request, form, formsets, change):
        title = form.instance
        if not getattr(form, "proposes", False):
            super().save_related(request, form, formsets, change)
            self.related_saved(request, title)
            self._warn_about_pending(request, title)
            return
        with rolled_back():
            super().save_model(request, title, form, change)
            super().save_related(request, form, formsets, change)
            self.related_saved(request, title)
            entry = stored_entry(title)
        request.proposal = propose(title, entry, request.user)

    def _warn_about_pending(self, request, title):
        pending = Revision.objects.pending().filter(title=title).first()
        if pending:
            messages.warning(
                request,
                _t(
                    "Changes proposed for this title are still waiting for review. They were "
                    "made on the version before this save, so they can no longer be approved "
                    "as they stand: review them and send them back."
                ),
            )

    def log_change(self, request, obj, message):
        if getattr(request, "proposal", None) is not None:
            message = _t("Proposed changes for review.")
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        proposal = getattr(request, "proposal", None)
        if proposal is None:
            return super().response_change(request, obj)
        level, text = self._proposal_message(proposal)
        self.message_user(request, text % {"title": obj, "user": proposal.previous_editor}, level)
        if "_continue" in request.POST:
            return HttpResponseRedirect(request.path)
        return self.response_post_save_change(request, obj)

    @staticmethod
    def _proposal_message(proposal):
        if proposal.outcome == "unchanged":
            return messages.INFO, _t(
                "Nothing changed in “%(title)s”, so there is nothing to review."
            )
        if proposal.outcome == "withdrawn":
            return messages.WARNING, _t(
                "Your save put “%(title)s” back as it is published, so the changes waiting "
                "for review were withdrawn."
            )
        if proposal.previous_editor is not None:
            return messages.WARNING, _t(
                "“%(title)s” already had changes proposed by %(user)s. Your save added yours "
                "to them; a publisher reviews them together."
            )
        return messages.SUCCESS, _t(
            "Your changes to “%(title)s” wait for a publisher's review. Until then the "
            "published entry stays as it is."
        )

    # --- The revision page: side by side, approve or send back ----------------------------

    def revision_view(self, request, object_id, revision_id):
        title = self.get_object(request, unquote(object_id))
        if title is None:
            raise Http404(_t("No such title."))
        if not self.has_view_or_change_permission(request, title):
            raise PermissionDenied
        revision = get_object_or_404(
            Revision.objects.select_related("proposed_by", "updated_by", "reviewed_by"),
            pk=revision_id,
            title=title,
        )
        form = SendBackForm(request.POST if "send_back" in request.POST else None)
        if request.method == "POST":
            response = self._review(request, title, revision, form)
            if response is not None:
                return response
        context = self._revision_page(request, title, revision, form)
        return TemplateResponse(request, "admin/titles/title/revision.html", context)

    def _review(self, request, title, revision, form):
        """Approve or send back; None when the page should show the form's errors."""
        if not request.user.has_perm(PUBLISH):
            raise PermissionDenied
        try:
            if "approve" in request.POST:
                approve(revision, request.user)
                done = _t("The changes to “%(title)s” are published.")
            elif form.is_valid():
                send_back(revision, request.user, form.cleaned_data["comment"])
                done = _t("The changes to “%(title)s” were sent back with your comment.")
            else:
                return None
        except RevisionRefused as refused:
            messages.error(request, str(refused))
            return HttpResponseRedirect(request.path)
        messages.success(request, done % {"title": title})
        return HttpResponseRedirect(reverse("admin:titles_title_change", args=[title.pk]))

    def _revision_page(self, request, title, revision, form):
        changed, unchanged = compare(stored_entry(title), revision.entry)
        pending = revision.state == RevisionState.PENDING
        return {
            **self.admin_site.each_context(request),
            "title": _t("Proposed changes: %(name)s") % {"name": title},
            "object": title,
            "revision": revision,
            "changed": changed,
            "unchanged": unchanged,
            "stale": pending and is_stale(revision, title),
            "can_review": pending and request.user.has_perm(PUBLISH),
            "form": form,
            "opts": self.model._meta,
        }
