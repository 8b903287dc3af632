"""The title's own admin pages besides the form: the preview and the history with revert
(for a deleted title too; an editor's restore of a published title waits for review)."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _t

from titles.history import revert_title, timeline
from titles.models import LANGUAGE_CODES, Revision, Title
from titles.site.pages import role_page_context
from titles.site.queries import title_detail_queryset
from titles.workflow import (
    PUBLISH,
    moves_publication,
    needs_review,
    propose,
    rolled_back,
    stored_entry,
)


class EditorialPagesMixin:
    """Mixed into ``TitleAdmin``: the preview, the readable history and its revert."""

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
        ]
        return own + super().get_urls()

    # --- Preview ------------------------------------------------------------------------

    def preview_view(self, request, object_id, language):
        """The title's role page as it will look on the site, in either language, whatever
        its status. It skips the public page's caching headers (a draft changes without its
        published neighbours) and redirects, and asks not to be indexed."""
        title = get_object_or_404(title_detail_queryset(Title.objects.all()), pk=object_id)
        if not self.has_view_or_change_permission(request, title):
            raise PermissionDenied
        if language not in LANGUAGE_CODES:
            raise Http404(_t("No such language."))
        with translation.override(language):
            context = {"title": title, **role_page_context(request, title), "preview": True}
            response = TemplateResponse(request, "titles/title_detail.html", context)
            response.render()
        response["X-Robots-Tag"] = "noindex"
        return response

    # --- History ------------------------------------------------------------------------

    def history_view(self, request, object_id, extra_context=None):
        title = self.get_object(request, unquote(object_id))
        if title is None:
            return self._deleted_history_view(request, object_id)
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

    def _deleted_history_view(self, request, object_id):
        """A deleted title keeps its history: who deleted it, and everything before."""
        if not object_id.isdigit() or not self.has_view_or_change_permission(request):
            raise Http404(_t("No such title."))
        last = Title.history.filter(id=int(object_id)).order_by("-history_date").first()
        if last is None:
            raise Http404(_t("No such title."))
        context = {
            **self.admin_site.each_context(request),
            "title": _t("History: %(name)s (deleted)") % {"name": last.name},
            "object": last,
            "deleted": True,
            "changes": timeline(last.id),
            "can_revert": False,
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
        elif needs_review(request.user, title.status):
            self._propose_revert(request, title, when)
        else:
            revert_title(title, when)
            messages.success(request, _t("Restored the version of %(when)s.") % {"when": when})
        return HttpResponseRedirect(reverse("admin:titles_title_history", args=[title.pk]))

    def _propose_revert(self, request, title, when):
        """An editor's restore of a published title waits for review like any change."""
        if Revision.objects.pending().filter(title=title).exists():
            messages.error(
                request,
                _t(
                    "Changes to this title are already waiting for review. A publisher must "
                    "approve or send them back before an earlier version can be proposed."
                ),
            )
            return
        with rolled_back():
            revert_title(title, when)
            entry = stored_entry(title)
        proposal = propose(title, entry, request.user)
        if proposal.outcome == "unchanged":
            messages.info(request, _t("That version is the published one: nothing to restore."))
        else:
            messages.success(
                request,
                _t(
                    "The version of %(when)s waits for a publisher's review; until then the "
                    "published entry stays as it is."
                )
                % {"when": when},
            )
