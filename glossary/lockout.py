"""The admin login's lockout page (django-axes calls ``locked_out``): 429, in the admin's
look and the reader's language, saying how long to wait and who can unlock."""

import logging

from django.conf import settings
from django.shortcuts import render

logger = logging.getLogger(__name__)


def locked_out(request, original_response=None, credentials=None):
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    username = (credentials or {}).get("username", "")
    logger.warning(
        "admin login locked for user %r from %s", username, request.META.get("REMOTE_ADDR")
    )
    response = render(
        request,
        "admin/locked_out.html",
        {"cooloff_minutes": minutes, "title": "", "site_header": None},
        status=429,
    )
    response["Retry-After"] = str(minutes * 60)
    return response
