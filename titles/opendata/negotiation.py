"""A role page's URL is its concept URI: it answers in the machine form the client asks for.

``Accept: text/turtle``, ``application/rdf+xml`` or ``application/ld+json`` get the
concept's own small SKOS graph, ``application/json`` its ``yrkesroller/1`` entry; browsers
(``text/html``, ``*/*``, no header) get the page. The machine form is answered directly
(200), not with a 303 to ``/data/roles/<slug>.<ext>``: one round trip instead of two for
every client, and the 2005 httpRange-14 worry (is the URL the role or a document about it?)
is settled by the graph itself, which says the URI is a ``skos:Concept``. The answer names
its own address in ``Content-Location``, and every answer, page or data, carries
``Vary: Accept`` so caches keep them apart.

The negotiation wraps the page view from outside, before its page cache and conditional
GET: those are keyed on the page's ETag, which knows nothing of ``Accept``. An address that
is not a published title goes to the page view, which keeps its 301 and 404 answers.
"""

from functools import wraps

from django.db.models import Q
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from titles.bilingual import current_language
from titles.models import Title
from titles.opendata.views import role_data

# media type asked for → the /data/roles/ extension that serves it
MACHINE_FORMS = {
    "text/turtle": "ttl",
    "application/rdf+xml": "rdf",
    "application/ld+json": "jsonld",
    "application/json": "json",
}
OFFERED = ["text/html", *MACHINE_FORMS]


def machine_form(request):
    """The extension of the machine form the request prefers, or ``None`` for the page."""
    if "HTTP_ACCEPT" not in request.META:
        return None
    return MACHINE_FORMS.get(request.get_preferred_type(OFFERED))


def concept_slug(slug):
    """The (Swedish) slug of the published title whose role page is at ``slug`` in the
    active language, or ``None``. The English page answers at its English slug and, as it
    did before titles had English slugs, at the Swedish one."""
    titles = Title.objects.published()
    if current_language() != "en":
        return slug if titles.filter(slug=slug).exists() else None
    found = dict(titles.filter(Q(slug_en=slug) | Q(slug=slug)).values_list("slug_en", "slug"))
    return found.get(slug) or next(iter(found.values()), None)


def negotiated(page_view):
    """``page_view`` (the role page), answering machine forms on its own URL."""

    @wraps(page_view)
    def view(request, *args, slug, **kwargs):
        extension = machine_form(request)
        wanted = extension and request.method in ("GET", "HEAD")
        concept = concept_slug(slug) if wanted else None
        if concept:
            response = role_data(request, slug=concept, extension=extension)
            if response.status_code == 200:
                address = reverse("opendata:role-data", args=[concept, extension])
                response["Content-Location"] = address
        else:
            response = page_view(request, *args, slug=slug, **kwargs)
        patch_vary_headers(response, ["Accept"])
        return response

    # For NotModifiedMiddleware, which answers the page's 304s before the view runs.
    view.machine_form = machine_form
    return view
