"""``/<language>/api/``: the read API's documentation, Swagger UI on the generated schema.

Swagger UI comes from django-ninja's own static files (no CDN); it starts from
``static/js/api-docs.js``, so the page needs no inline script under the site's CSP.
"""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe


@require_safe
def api_docs(request):
    context = {
        "schema_url": reverse("api:openapi-json"),
        "example_base": request.build_absolute_uri("/").rstrip("/"),
        "page_title": _("API for programs | Yrkesroller"),
        "page_description": _(
            "A read-only JSON API to the Swedish/English glossary of marketing job titles: "
            "titles, fields, tags, autocomplete and changes, documented with OpenAPI 3.1."
        ),
    }
    return render(request, "api/docs.html", context)


@require_safe
def to_docs(request):
    """``/api/``: the documentation in the reader's language."""
    return redirect(reverse("titles:api-docs"))
