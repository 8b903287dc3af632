"""What every machine endpoint (``/api/…``) shares: the language it answers in and the
methods it takes.

Programs get English unless they ask otherwise: only ``Accept-Language`` chooses, never the
site's default (Swedish) or a browser's language cookie. A read-only endpoint answers any
method but GET and HEAD with 405 and ``Allow: GET, HEAD``, before the CSRF check could turn a
POST into a confusing 403 (it changes nothing, so there is nothing to forge).
"""

from functools import wraps

from django.conf import settings
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

DEFAULT = "en"


def accepted_language(header):
    """The first supported language of an ``Accept-Language`` header, by quality; else
    English."""
    supported = {code for code, _name in settings.LANGUAGES}
    wanted = []
    for position, item in enumerate((header or "").split(",")):
        code, _, parameters = item.strip().partition(";")
        quality = 1.0
        if parameters.strip().startswith("q="):
            try:
                quality = float(parameters.strip()[2:])
            except ValueError:
                continue
        wanted.append((-quality, position, code.strip().lower().split("-")[0]))
    for quality, _position, code in sorted(wanted):
        if quality < 0 and code in supported:
            return code
    return DEFAULT


def in_requested_language(view):
    @wraps(view)
    def answering(request, *args, **kwargs):
        with translation.override(accepted_language(request.headers.get("Accept-Language"))):
            return view(request, *args, **kwargs)

    return answering


def read_only_api(view):
    """A GET/HEAD endpoint answering in the requested language (English by default)."""
    return csrf_exempt(require_safe(in_requested_language(view)))
