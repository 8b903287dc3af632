"""Explain a job ad: the reader's page and the JSON endpoint ``POST /api/v1/annotate``.

Both call ``titles.explain.explain`` and describe its matches the same way (``described``):
each match with its role or topic, and the roles the ad mentions, in order of first
appearance, with their definitions.
"""

import json
from urllib.parse import urlencode

from django import forms
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from glossary.machine import in_requested_language
from glossary.ratelimits import rate_limited
from titles.bilingual import current_language
from titles.explain import MAX_LENGTH, explain, hidden_as_name
from titles.models import Title, Topic

# A body larger than this cannot hold an ad within MAX_LENGTH characters (4 bytes each, JSON).
MAX_BODY = 64 * 1024


class AdForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("The job ad's text"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=MAX_LENGTH,
        strip=False,
        error_messages={
            "required": gettext_lazy("Paste the text of a job ad."),
            "max_length": gettext_lazy("An ad can be at most %(limit_value)d characters long."),
        },
    )


def described(result, language):
    """The matches with their roles and topics, and the roles mentioned (two queries)."""
    title_ids = {match.target for match in result.matches if match.kind == "role"}
    titles = Title.objects.in_bulk(title_ids)
    topic_ids = {match.target for match in result.matches if match.kind == "topic"}
    topics = Topic.objects.in_bulk(topic_ids)
    matches, roles = [], {}
    for match in result.matches:
        if match.kind == "role":
            title = titles[match.target]
            name = {"sv": title.name_sv, "en": title.name_en}
            url, slug = title.get_absolute_url(), title.slug
            roles.setdefault(title.pk, {"title": title, "count": 0})["count"] += 1
            shown = hidden_as_name(match, title, language)
        else:
            topic = topics[match.target]
            name = {"sv": topic.name_sv, "en": topic.name_en}
            url = reverse("titles:search") + "?" + urlencode({"q": name[language]})
            shown, slug = match.text, topic.slug
        matches.append({"match": match, "name": name, "url": url, "shown": shown, "slug": slug})
    return matches, list(roles.values())


def _role_json(role):
    title = role["title"]
    return {
        "slug": title.slug,
        "name": {"sv": title.name_sv, "en": title.name_en},
        "definition": {"sv": title.definition_sv or "", "en": title.definition_en or ""},
        "url": title.get_absolute_url(),
        "count": role["count"],
    }


def _match_json(item):
    match = item["match"]
    return {
        "start": match.start,
        "end": match.end,
        "text": match.text,
        "kind": match.kind,
        "slug": item["slug"],
        "name": item["name"],
        "url": item["url"],
    }


def _error(message, status):
    return JsonResponse({"error": message}, status=status)


def _ad_text(request):
    """The ``text`` of a JSON body, or an error response."""
    if len(request.body) > MAX_BODY:
        return None, _error(_("The request is too large."), 413)
    try:
        data = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None, _error(_('Send a JSON object such as {"text": "…"}.'), 400)
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        return None, _error(_('"text" must be a string holding the ad.'), 400)
    if len(data["text"]) > MAX_LENGTH:
        message = _("An ad can be at most %(limit_value)d characters long.")
        return None, _error(message % {"limit_value": MAX_LENGTH}, 413)
    return data["text"], None


@csrf_exempt  # a public JSON API: no cookies are used, so there is nothing to forge
@require_POST
@in_requested_language
@rate_limited("api", "API_RATE", as_json=True)
def annotate_api(request):
    """``POST /api/v1/annotate`` ``{"text": "…"}``: the ad's matches and the roles it mentions."""
    text, error = _ad_text(request)
    if error:
        return error
    result = explain(text)
    matches, roles = described(result, current_language())
    body = {
        "text_length": len(text),
        "matches": [_match_json(item) for item in matches],
        "roles": [_role_json(role) for role in roles],
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@require_http_methods(["GET", "HEAD", "POST"])
@rate_limited("search-page", "SEARCH_RATE")
def annotate_page(request):
    """The page: a form for the ad; after sending, the ad with its names linked."""
    form = AdForm(request.POST if request.method == "POST" else None)
    context = {
        "form": form,
        "page_title": _("Explain a job ad | Yrkesroller"),
        "page_description": _(
            "Paste a job ad and see every job title and task in it explained, in Swedish "
            "and English."
        ),
    }
    if form.is_valid():
        result = explain(form.cleaned_data["text"])
        matches, roles = described(result, current_language())
        by_start = {item["match"].start: item for item in matches}
        context["segments"] = [
            (text, by_start.get(match.start) if match else None)
            for text, match in result.segments()
        ]
        context.update(roles=roles, explained=True)
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "titles/explain.html", context, status=status)
