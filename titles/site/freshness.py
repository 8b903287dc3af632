"""Conditional GET for the public pages: ``Last-Modified`` and ``ETag`` from one query.

Every public page shows names of many titles (links, relations, lists), so a page is as new
as the newest change to any title. The ETag also carries the number of titles (a deletion
leaves the newest change as it was), the language, and a digest of the templates and
translations, so a deploy that changes how pages look is not answered with a stale 304.
"""

import hashlib
from functools import cache, wraps
from pathlib import Path

from django.conf import settings
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import condition

from titles.site.queries import site_state


@cache
def build_digest():
    digest = hashlib.sha256()
    roots = [Path(settings.BASE_DIR) / "templates", *map(Path, settings.LOCALE_PATHS)]
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.suffix in {".html", ".mo", ".xml"} and path.is_file():
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _state(request):
    if not hasattr(request, "_glossary_state"):
        request._glossary_state = site_state()
    return request._glossary_state


def _etag(request, *args, **kwargs):
    count, changed = _state(request)
    stamp = changed.timestamp() if changed else 0
    return f"{get_language()}-{count}-{stamp:.6f}-{build_digest()}"


def _last_modified(request, *args, **kwargs):
    return _state(request)[1]


def fresh(view):
    """Answer conditional requests with 304, and tell caches to ask again before reuse:
    without ``no-cache`` a browser could guess a freshness lifetime from Last-Modified and
    show an old page without asking."""
    conditional = condition(etag_func=_etag, last_modified_func=_last_modified)(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = conditional(request, *args, **kwargs)
        patch_cache_control(response, no_cache=True)
        return response

    return wrapper
