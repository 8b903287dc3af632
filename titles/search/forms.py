"""The query string of the search page and of the JSON API (``q`` and ``limit``)."""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200
DEFAULT_LIMIT = 10
MAX_LIMIT = 50


def _no_control_characters(value):
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise forms.ValidationError(
            _("The search text must not contain control characters."), code="control"
        )


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search job titles"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        validators=[_no_control_characters],
        error_messages={
            "max_length": _("The search text can be at most %(limit_value)d characters long.")
        },
    )
    limit = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_LIMIT,
        error_messages={
            key: _("limit must be a whole number from 1 to 50.")
            for key in ("invalid", "min_value", "max_value")
        },
    )

    def first_error(self):
        return next(iter(self.errors.values()))[0]
