"""Project middleware: response headers Django has no setting for, and the request log."""

import logging
import re
import time
import uuid
from contextvars import ContextVar

logger = logging.getLogger("glossary.requests")

# The id of the request being served, for log lines written while serving it.
request_id = ContextVar("request_id", default="-")
# An id a proxy passed on is kept if it looks like one (no spaces, no control characters).
_GIVEN_ID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")

# No page uses these browser features: a page that does not need them cannot be made to.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
    )
)
# Open data may be read from other sites' pages (API, static files); the pages themselves not.
CROSS_ORIGIN_PREFIXES = ("/api/", "/static/")


class SecurityHeadersMiddleware:
    """``Permissions-Policy`` and ``Cross-Origin-Resource-Policy`` on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        shared = request.path.startswith(CROSS_ORIGIN_PREFIXES)
        response.setdefault(
            "Cross-Origin-Resource-Policy", "cross-origin" if shared else "same-origin"
        )
        return response


class RequestLogMiddleware:
    """One log line per request (method, path, status, milliseconds, request id), and the
    id in the ``X-Request-ID`` response header, so a student's report meets its log line."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        current = given if _GIVEN_ID.match(given) else uuid.uuid4().hex
        token = request_id.set(current)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = current
            logger.info(
                "%s %s %s %.1fms",
                request.method,
                request.get_full_path()[:500],
                response.status_code,
                (time.perf_counter() - started) * 1000,
            )
            return response
        finally:
            request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Gives every log record the id of the request it was written in (``-`` outside)."""

    def filter(self, record):
        record.request_id = request_id.get()
        return True
