"""Every error of the read API as ``{"error": {"code", "message"}}``, in the language the
request asked for (English by default), never a 5xx for bad input."""

from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja.errors import HttpError, ValidationError

CODES = {
    400: "invalid_request",
    404: "not_found",
    405: "method_not_allowed",
    410: "gone",
    413: "too_large",
    429: "rate_limited",
}


class Moved(Exception):
    """A slug that lives elsewhere now: 301 to the title at ``slug``."""

    def __init__(self, slug):
        self.slug = slug


class Gone(Exception):
    """A retired title with no replacement: 410."""


def error_response(status, message, code=None, **headers):
    response = JsonResponse(
        {"error": {"code": code or CODES.get(status, "error"), "message": str(message)}},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _validation_message(errors):
    """One sentence naming the first parameter that is wrong, without pydantic's English."""
    first = errors[0] if errors else {}
    location = [str(part) for part in first.get("loc", ()) if part not in ("query", "path")]
    name = location[-1] if location else "?"
    if first.get("type") == "missing":
        return _("The parameter “%(name)s” is required.") % {"name": name}
    return _(
        "The parameter “%(name)s” has a value this API does not take; "
        "/api/v1/openapi.json describes what it takes."
    ) % {"name": name}


def install_error_handlers(api):
    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        return error_response(400, _validation_message(exc.errors))

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return error_response(exc.status_code, exc.message)

    @api.exception_handler(Moved)
    def moved(request, exc):
        location = request.build_absolute_uri(reverse("api:title", args=[exc.slug]))
        message = _("This title is now at %(url)s.") % {"url": location}
        return error_response(301, message, code="moved", Location=location)

    @api.exception_handler(Gone)
    def gone(request, exc):
        return error_response(410, _("This title was retired and has no replacement."))
