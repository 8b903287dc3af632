"""Reader pages. The path segments are translated, and each language has its own slug:
/sv/yrken/<slug>/ and /en/roles/<slug_en>/ (``TitleDetailView``)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from titles.api import docs as api_docs
from titles.opendata import views as opendata
from titles.opendata.negotiation import negotiated
from titles.site import explain, guides, suggest, versions, views

app_name = "titles"

urlpatterns = [
    path("", views.home, name="home"),
    path(_("search/"), views.search, name="search"),
    path(_("roles/<slug:slug>/"), negotiated(views.TitleDetailView.as_view()), name="title-detail"),
    path(
        _("roles/<slug:slug>/versions/<int:number>/"),
        versions.title_version,
        name="title-version",
    ),
    path(_("a-z/"), views.title_index, name="index"),
    path(_("a-z/<str:letter>/"), views.title_index, name="index-letter"),
    path(_("compare/"), views.compare, name="compare"),
    path(_("career-paths/"), views.career_paths, name="career-paths"),
    path(_("recently-changed/"), views.recent, name="recent"),
    path(_("data/"), opendata.data_page, name="data"),
    path("api/", api_docs.api_docs, name="api-docs"),
    path(_("explain-ad/"), explain.annotate_page, name="annotate"),
    path(_("guides/"), guides.guide_list, name="guides"),
    path(_("guides/<slug:slug>/"), guides.guide_detail, name="guide-detail"),
    path(_("suggest/"), suggest.suggest, name="suggest"),
    path(_("fields/<slug:slug>/"), views.title_group, {"kind": "field"}, name="field-detail"),
    path(_("tags/<slug:slug>/"), views.title_group, {"kind": "tag"}, name="tag-detail"),
]
