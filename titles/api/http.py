"""What every answer under ``/api/v1/`` shares, as one middleware: the language (``Accept-
Language`` only, English by default), JSON errors for unknown addresses and methods, and for
the read API (``api:`` views) a rate limit, conditional GET and CORS.

Conditional GET costs one lookup: the ETag is the content version (bumped by database
triggers on every public change, ``titles.models.content_version``), the answer's language
and a digest of the API's own code, so a deploy that changes a shape is no stale 304.
"""

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _

from glossary.machine import accepted_language
from glossary.ratelimits import usage
from titles.api.errors import error_response
from titles.models import ContentVersion

SAFE = ("GET", "HEAD")
MAX_AGE = 60


@cache
def code_digest():
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/api/v1/"):
            return self.get_response(request)
        language = accepted_language(request.headers.get("Accept-Language"))
        with translation.override(language):
            response = self.answer(request)
        response.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Accept-Language"])
        if request.method in SAFE:
            response["Access-Control-Allow-Origin"] = "*"
        return response

    def answer(self, request):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return error_response(404, _("There is no API endpoint at this address."))
        if match.namespace != "api":
            return self.get_response(request)  # the search and annotate endpoints
        if request.method not in SAFE:
            message = _("This endpoint only answers GET and HEAD.")
            return error_response(405, message, Allow="GET, HEAD")
        counted = usage(request, "api", settings.API_RATE)
        if counted and counted["should_limit"]:
            message = _("Too many requests in a short time. Please wait a moment and try again.")
            return error_response(429, message, Retry_After=str(max(1, counted["time_left"])))
        head = request.method == "HEAD"
        request.method = "GET"  # the views answer GET; HEAD is the same without the body
        response = self.schema(request) if match.url_name == "openapi-json" else self.read(request)
        if head and response.status_code != 304:
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response

    def read(self, request):
        number, changed = ContentVersion.current()
        stamp = int(changed.timestamp()) if changed else 0
        # The time in ms as well as the number: a rolled-back transaction takes the number back.
        moment = int(changed.timestamp() * 1000) if changed else 0
        etag = f'"{translation.get_language()}-{number}.{moment}-{code_digest()}"'
        not_modified = get_conditional_response(request, etag=etag, last_modified=stamp or None)
        if not_modified is not None:
            return self.cacheable(not_modified, etag, stamp)
        response = self.get_response(request)
        if response.status_code == 200:
            self.cacheable(response, etag, stamp)
        return response

    def schema(self, request):
        """The OpenAPI document changes only with the code: its ETag is its own digest."""
        response = self.get_response(request)
        etag = f'"{hashlib.sha256(response.content).hexdigest()[:20]}"'
        not_modified = get_conditional_response(request, etag=etag)
        return self.cacheable(not_modified or response, etag, None)

    @staticmethod
    def cacheable(response, etag, stamp):
        response["ETag"] = etag
        if stamp:
            response["Last-Modified"] = http_date(stamp)
        response["Cache-Control"] = f"public, max-age={MAX_AGE}"
        return response
