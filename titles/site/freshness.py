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
from calendar import timegm
from functools import cache, wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as page_cache
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, quote_etag
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

    # Read by NotModifiedMiddleware (through method_decorator too, which copies it).
    wrapper.answers_fresh = True
    return wrapper


def _is_fresh(view):
    """Whether ``view`` (as resolved) is a ``fresh`` page, a function or a class's dispatch."""
    view_class = getattr(view, "view_class", None)
    target = getattr(view_class, "dispatch", view) if view_class else view
    return getattr(target, "answers_fresh", False)


class NotModifiedMiddleware:
    """Answer "not modified" for a ``fresh`` page before the rest of the stack runs.

    A client revalidating a page it holds is the commonest request a busy site gets, and
    the answer depends on nothing but the content version and the language. Answered here,
    after the language is known, it skips sessions, CSRF, authentication, messages, history,
    CSP and the view's decorators: the same 304 with the same validators, ``Cache-Control``
    and ``Vary`` as the view's own, for a fraction of the work (see docs/performance.md).
    Anything else (another method, no validator, a machine form of a role page, an address
    that is not a ``fresh`` page, a changed page) goes on to the view as before.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.not_modified(request) or self.get_response(request)

    def not_modified(self, request):
        if request.method not in ("GET", "HEAD"):
            return None
        if not ("HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META):
            return None
        try:
            view = resolve(request.path_info, getattr(request, "urlconf", None)).func
        except Resolver404:
            return None
        if not _is_fresh(view):
            return None
        # A role page's address also answers Turtle, JSON and so on (``negotiated``).
        machine_form = getattr(view, "machine_form", None)
        if machine_form and machine_form(request):
            return None
        etag = quote_etag(_etag(request))
        changed = _last_modified(request)
        last_modified = timegm(changed.utctimetuple()) if changed else None
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if response is None or response.status_code != 304:
            return None
        response.headers["ETag"] = etag
        if last_modified:
            response.headers["Last-Modified"] = http_date(last_modified)
        patch_cache_control(response, no_cache=True)
        if machine_form:
            patch_vary_headers(response, ["Accept"])
        return response
