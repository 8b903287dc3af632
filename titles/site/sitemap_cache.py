"""The rendered sitemaps in Django's cache, keyed on the content version.

Every change to the content bumps the content version (database triggers, see
``titles.models.content_version``): bulk updates, imports and other workers' saves
included. A key holding the version is new after any change, so a publish shows in the
sitemap on the next request and nothing has to be deleted; unused entries expire after
``SITEMAP_CACHE_SECONDS``.
"""

from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse

from titles.models import ContentVersion

SITEMAP_CACHE_SECONDS = 600


def generation():
    number, changed = ContentVersion.current()
    return f"{number}.{changed.timestamp() if changed else 0}"


def per_generation(name, compute):
    """``compute()`` once per content version: a figure about all titles (a count) that a
    sitemap part needs but no index makes cheap."""
    key = f"sitemap:{generation()}:{name}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, SITEMAP_CACHE_SECONDS)
    return value


def cached(view):
    """Serve a sitemap view from the cache, keyed on the address it renders (scheme, host,
    section, page) and the generation. Only complete 200 answers are kept."""

    @wraps(view)
    def serve(request, **kwargs):
        page = request.GET.get("p", "1")
        if not page.isdigit():
            return view(request, **kwargs)  # Django's answer to a bad page number
        where = f"{request.scheme}:{request.get_host()}:{kwargs.get('section', '')}:{int(page)}"
        key = f"sitemap:{generation()}:{where}"
        stored = cache.get(key)
        if stored is None:
            response = view(request, **kwargs)
            if response.status_code != 200:
                return response
            response.render()
            stored = (response.content, list(response.items()))
            cache.set(key, stored, SITEMAP_CACHE_SECONDS)
        content, headers = stored
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        return response

    return serve
