"""Rate limits for the public search: 429 Too Many Requests with ``Retry-After``.

django-ratelimit counts in the default cache (Redis in production, so every worker shares
the count). Its own decorator answers 403; a client that is told 429 and when to come back
can wait instead of giving up, so the decorator here asks django-ratelimit for the usage and
answers itself.
"""

from functools import wraps

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage


def client(group, request):
    """Whom a request counts against: its address (``RATELIMIT_IP_META_KEY``, through
    django-ratelimit, which groups IPv6 by /64). A request that carries no address (a test
    client, a misconfigured proxy) shares one count instead of failing with a 500."""
    if not request.META.get(settings.RATELIMIT_IP_META_KEY):
        return "no-address"
    from django_ratelimit.core import _get_ip

    return _get_ip(request)


def usage(request, group, rate):
    """django-ratelimit's count for ``request`` in ``group``, this request included."""
    return get_usage(request, group=group, key=client, rate=rate, increment=True)


def too_many(request, retry_after, as_json, message=None):
    message = message or _("Too many searches in a short time. Please wait a moment and try again.")
    if as_json:
        response = JsonResponse({"error": message}, status=429)
    else:
        response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = str(max(1, retry_after))
    return response


def rate_limited(group, setting, as_json=False, methods=None, message=None):
    """Limit a view to the rate named by ``setting`` (e.g. "120/m") per client IP; only the
    requests of ``methods`` count, if given (a form's POSTs, not its GETs)."""

    def decorator(view):
        @wraps(view)
        def limited(request, *args, **kwargs):
            if methods and request.method not in methods:
                return view(request, *args, **kwargs)
            counted = usage(request, group, getattr(settings, setting))
            if counted and counted["should_limit"]:
                return too_many(request, counted["time_left"], as_json, message)
            return view(request, *args, **kwargs)

        return limited

    return decorator
