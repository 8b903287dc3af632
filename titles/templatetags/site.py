"""Tags for the page frame: language switch, canonical and hreflang URLs, bilingual text."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.encoding import iri_to_uri
from django.utils.translation import get_language, override

from titles.bilingual import text_of as bilingual_text

register = template.Library()

# Each language's name in itself: a reader looking for their language recognises it so.
LANGUAGE_NAMES = {"sv": "Svenska", "en": "English"}
OPEN_GRAPH_LOCALES = {"sv": "sv_SE", "en": "en_GB"}


def _path_in(request, language, with_query=True, paths=None):
    """The same page in ``language``; the home page of that language when there is none.

    ``paths`` ({language: path}, a view's ``language_paths``) names the page in each
    language where its address differs by more than the translated path segments: a role
    page has a slug per language, which ``translate_url`` would not change.
    """
    if request is None:
        with override(language):
            return reverse("titles:home")
    if paths and language in paths:
        query = request.META.get("QUERY_STRING", "") if with_query else ""
        return paths[language] + (f"?{iri_to_uri(query)}" if query else "")
    path = request.get_full_path() if with_query else request.path
    translated = translate_url(path, language)
    if request.resolver_match is None or not translated.startswith(f"/{language}/"):
        with override(language):
            return reverse("titles:home")
    return translated


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per language: its own name, the same page in it, and whether it is current."""
    request = context.get("request")
    current = (get_language() or settings.LANGUAGE_CODE)[:2]
    return [
        {
            "code": code,
            "name": LANGUAGE_NAMES.get(code, code),
            "url": _path_in(request, code, paths=context.get("language_paths")),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """Absolute URLs of this page in every language, plus ``x-default`` (Swedish)."""
    request = context.get("request")
    if request is None:
        return []
    query = context.get("canonical_query", "")
    links = []
    for code, _name in settings.LANGUAGES:
        path = _path_in(request, code, with_query=False, paths=context.get("language_paths"))
        url = request.build_absolute_uri(path)
        links.append({"code": code, "url": f"{url}?{query}" if query else url})
    default = next(link for link in links if link["code"] == settings.LANGUAGE_CODE)
    links.append({"code": "x-default", "url": default["url"]})
    return links


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's one address: no tracking or search parameters unless the view says so."""
    request = context.get("request")
    if request is None:
        return ""
    url = request.build_absolute_uri(request.path)
    query = context.get("canonical_query", "")
    return f"{url}?{query}" if query else url


@register.simple_tag
def og_locale(language=None):
    return OPEN_GRAPH_LOCALES.get((language or get_language() or "sv")[:2], "sv_SE")


@register.simple_tag
def text_of(obj, field_name):
    """``obj.<field>`` in the page's language, or the other language's text marked fallback."""
    return bilingual_text(obj, field_name)


@register.filter
def language_name(code):
    return LANGUAGE_NAMES.get(code, code)
