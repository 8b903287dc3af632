"""Site URLs. Reader pages live under a language prefix (/sv/, /en/); machine endpoints do not."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import index, sitemap
from django.urls import include, path

from glossary import health, views
from titles.api import docs as api_docs
from titles.api.views import api as read_api
from titles.search import api
from titles.site import explain, sitemap_cache
from titles.site.sitemaps import SITEMAPS

urlpatterns = [
    path("admin/", admin.site.urls),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("healthz", health.healthz, name="healthz"),
    path(
        "sitemap.xml",
        sitemap_cache.cached(index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        sitemap_cache.cached(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("api/v1/search", api.search_titles, name="api-search"),
    path("api/v1/annotate", explain.annotate_api, name="api-annotate"),
    path("api/v1/", read_api.urls),
    path("api/", api_docs.to_docs, name="api-docs-redirect"),
    path("data/", include("titles.opendata.urls")),
]

urlpatterns += i18n_patterns(
    path("", include("titles.site.urls")),
    prefix_default_language=True,
)
