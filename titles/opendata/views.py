"""The open data endpoints: one concept in a machine form, the dump files, the Data page."""

import json
from datetime import datetime

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import condition, require_safe

from glossary.machine import in_requested_language
from titles.exchange.format import export_queryset
from titles.models import Status
from titles.opendata import dumps
from titles.opendata.skos import concept_graph, vocabulary_titles
from titles.site.freshness import content_version

# extension: (rdflib serialisation, or None for the JSON entry; media type)
ROLE_FORMS = {
    "ttl": ("turtle", "text/turtle; charset=utf-8"),
    "rdf": ("xml", "application/rdf+xml; charset=utf-8"),
    "jsonld": ("json-ld", "application/ld+json; charset=utf-8"),
    "json": (None, "application/json; charset=utf-8"),
}
DATA_SECONDS = 300
DESCRIPTIONS = {
    "yrkesroller.ttl": gettext_lazy("SKOS vocabulary, Turtle"),
    "yrkesroller.rdf": gettext_lazy("SKOS vocabulary, RDF/XML"),
    "yrkesroller.jsonld": gettext_lazy("SKOS vocabulary, JSON-LD"),
    "yrkesroller.json": gettext_lazy("All entries, JSON (yrkesroller/1)"),
    "yrkesroller.csv": gettext_lazy("All entries, CSV (yrkesroller/1)"),
}


def _role_etag(request, slug, extension):
    number, changed = content_version(request)
    return f"{extension}-{number}.{int(changed.timestamp() * 1000) if changed else 0}"


def _role_last_modified(request, slug, extension):
    return content_version(request)[1]


def _open(response):
    """Anyone's program may read open data, from any origin, without credentials."""
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, public=True, max_age=DATA_SECONDS)
    return response


def _role_body(request, slug, form):
    if form is None:
        title = get_object_or_404(export_queryset().filter(status=Status.PUBLISHED), slug=slug)
        entry = dumps.public_entry(title)
        return json.dumps(entry, ensure_ascii=False, indent=1).encode("utf-8")
    title = get_object_or_404(vocabulary_titles().filter(status=Status.PUBLISHED), slug=slug)
    graph = concept_graph(title, dumps.site_url(request))
    extra = {"context": dumps.JSON_LD_CONTEXT} if form == "json-ld" else {}
    return graph.serialize(format=form, encoding="utf-8", **extra)


@require_safe
@in_requested_language
@condition(etag_func=_role_etag, last_modified_func=_role_last_modified)
def role_data(request, slug, extension):
    """One published concept as Turtle, RDF/XML, JSON-LD or its ``yrkesroller/1`` entry."""
    if extension not in ROLE_FORMS:
        raise Http404(_("No such format."))
    form, media_type = ROLE_FORMS[extension]
    return _open(HttpResponse(_role_body(request, slug, form), content_type=media_type))


def _entry(manifest, name):
    for entry in (manifest or {}).get("files", []):
        if entry["name"] == name:
            return entry
    return None


def _dump_etag(request, name):
    entry = _entry(request._dump_manifest, name)
    return entry["sha256"] if entry else None


def _dump_last_modified(request, name):
    manifest = request._dump_manifest
    return datetime.fromisoformat(manifest["generated_at"]) if manifest else None


def _not_there(message, status=404):
    response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    if status == 503:
        response["Retry-After"] = "30"
    return response


@require_safe
@in_requested_language
def dump_file(request, name):
    """A dump from ``DUMPS_DIR`` (rebuilt first if the content changed since)."""
    if name not in dumps.FILES and name != dumps.MANIFEST:
        return _not_there(_("There is no download of that name."))
    request._dump_manifest = dumps.current_manifest(request)
    if request._dump_manifest is None:
        return _not_there(_("The downloads are being built. Try again in a minute."), 503)
    return _serve_dump(request, name)


@condition(etag_func=_dump_etag, last_modified_func=_dump_last_modified)
def _serve_dump(request, name):
    try:
        handle = (dumps.dumps_dir() / name).open("rb")
    except OSError:
        return _not_there(_("That download is missing. Try again in a minute."))
    media_type = dumps.FILES[name][1] if name in dumps.FILES else "application/json"
    return _open(FileResponse(handle, content_type=media_type))


@require_safe
def data_page(request):
    """The Data page: what can be downloaded, under which licence, and how to cite it."""
    manifest = dumps.current_manifest(request)
    files = (manifest or {}).get("files", [])
    context = {
        "files": [{**entry, "description": DESCRIPTIONS.get(entry["name"], "")} for entry in files],
        "generated_at": datetime.fromisoformat(manifest["generated_at"]) if manifest else None,
        "licence": dumps.LICENCE,
        "licence_url": dumps.LICENCE_URL,
        "site_url": dumps.site_url(request),
        "page_title": _("Open data: downloads and concept URIs | Yrkesroller"),
        "page_description": _(
            "Download the Yrkesroller glossary as SKOS (Turtle, RDF/XML, JSON-LD), JSON or "
            "CSV under CC BY 4.0."
        ),
    }
    response = render(request, "titles/data.html", context)
    patch_cache_control(response, no_cache=True)
    return response
