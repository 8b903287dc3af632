"""Checks on values shared by the models, the admin and the content files."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

_WEB = re.compile(r"^https?://", re.IGNORECASE)
_URL = URLValidator(schemes=["http", "https"])


def web_url_problem(value):
    """Why ``value`` is not a web address a page may link to, or None.

    Only ``http``/``https`` (any case of the letters), written exactly, with nothing before
    it: a leading space or a ``javascript:``/``data:`` address could become a link that runs
    code in a reader's browser.
    """
    if value != value.strip():
        return _("remove the spaces before or after the address")
    if not _WEB.match(value):
        return _("only web addresses starting with http:// or https:// are allowed")
    try:
        _URL(value)
    except ValidationError:
        return _("this is not a valid web address")
    return None


def validate_web_url(value):
    problem = web_url_problem(value)
    if problem:
        raise ValidationError(problem, code="web_url")
