"""Conditional GET and the page cache for the public pages, both keyed on the content version.

Every public page shows names of many titles (links, relations, lists), so a page is as new
as the newest change to anything a page shows. ``ContentVersion`` is one row that database
triggers bump on every such change, so knowing whether a page changed costs one primary-key
lookup at any number of titles. The ETag carries that version, the language and a digest of
the templates and translations, so a deploy that changes how pages look is not answered
with a stale 304 or a stale cached page.

Rendered pages are kept in Django's cache (Redis in production, local memory by default)
under the same ETag: a change anywhere makes every key new, so no page is ever served stale
and nothing has to be deleted on publish; old entries simply expire.
"""

import hashlib
from functools import cache, wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as page_cache
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import condition

from titles.models import ContentVersion

# How long a figure about all titles is kept; a change makes a new key at once anyway.
COUNTS_SECONDS = 600


@cache
def build_digest():
    digest = hashlib.sha256()
    roots = [Path(settings.BASE_DIR) / "templates", *map(Path, settings.LOCALE_PATHS)]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in {".html", ".mo", ".xml"} and path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def content_version(request):
    """(version number, time of the newest change), looked up once per request."""
    if not hasattr(request, "_content_version"):
        request._content_version = ContentVersion.current()
    return request._content_version


def _etag(request, *args, **kwargs):
    # The time as well as the number: a transaction rolled back (a test's, say) takes the
    # number back, and the next change must not reuse its ETag.
    number, changed = content_version(request)
    stamp = int(changed.timestamp() * 1000) if changed else 0
    return f"{get_language()}-{number}.{stamp}-{build_digest()}"


def _last_modified(request, *args, **kwargs):
    return content_version(request)[1]


def per_version(request, name, compute):
    """``compute()`` once per content version, shared by every worker through the cache: for
    the few figures a page needs about all titles (counts), which no index can make cheap."""
    key = f"{name}:{_etag(request)}"
    value = page_cache.get(key)
    if value is None:
        value = compute()
        page_cache.set(key, value, COUNTS_SECONDS)
    return value


def _cache_key(request):
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"page:{_etag(request)}:{path}"


def _cached(view):
    """Serve a page from the cache when this version of it was rendered before."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not settings.PAGE_CACHE_SECONDS:
            return view(request, *args, **kwargs)
        key = _cache_key(request)
        response = page_cache.get(key)
        if response is not None:
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        # Only plain successful pages: an error, a redirect or a page that sets a cookie is
        # answered afresh every time.
        if response.status_code == 200 and not response.cookies and not response.streaming:
            page_cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response

    return wrapper


def fresh(view):
    """Answer conditional requests with 304, serve cached renderings, and tell caches to ask
    again before reuse: without ``no-cache`` a browser could guess a freshness lifetime from
    Last-Modified and show an old page without asking."""
    conditional = condition(etag_func=_etag, last_modified_func=_last_modified)(_cached(view))

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = conditional(request, *args, **kwargs)
        patch_cache_control(response, no_cache=True)
        return response

    return wrapper
