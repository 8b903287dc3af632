"""Site URLs. Reader pages live under a language prefix (/sv/, /en/); machine endpoints do not."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from glossary import health, views
from titles.search import api
from titles.site import explain
from titles.site.sitemaps import SITEMAPS

urlpatterns = [
    path("admin/", admin.site.urls),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("healthz", health.healthz, name="healthz"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("api/v1/search", api.search_titles, name="api-search"),
    path("api/v1/annotate", explain.annotate_api, name="api-annotate"),
]

urlpatterns += i18n_patterns(
    path("", include("titles.site.urls")),
    prefix_default_language=True,
)
