"""The public JSON search API: ``GET /api/v1/search?q=TEXT&limit=N``.

A stable contract (README, "JSON search API"): the fields below only ever get added to,
never renamed or removed. Validation errors are 400 with ``{"error": message}``; no input
gives a 5xx. Searches without results are not recorded here (see ``search`` below). Errors
are in the language ``Accept-Language`` asks for, English by default; any method but GET
and HEAD is 405; more than ``API_RATE`` requests a minute from one address are 429.
"""

import hashlib
import json

from django.http import HttpResponse, JsonResponse

from glossary.machine import read_only_api
from glossary.ratelimits import rate_limited
from titles.search.forms import DEFAULT_LIMIT, SearchForm
from titles.search.query import search
from titles.site.freshness import per_version


def _title_json(hit):
    title = hit.title
    return {
        "slug": title.slug,
        "name": {"sv": title.name_sv, "en": title.name_en},
        "matched": {
            "text": hit.matched.text,
            "language": hit.matched.language,
            "kind": hit.matched.kind,
        },
        "definition": {"sv": title.definition_sv or "", "en": title.definition_en or ""},
        "url": title.get_absolute_url(),
    }


@read_only_api
@rate_limited("api", "API_RATE", as_json=True)
def search_titles(request):
    """Ranked published titles for ``q``, with "did you mean" suggestions when none match.

    Unlike the search page, this does not record misses: the autocomplete calls it on every
    keystroke, and half-typed words would bury what students actually looked for.

    An answer depends only on the query and the content, so it is kept once per content
    version (``per_version``): a class typing the same names is answered from the cache, and
    any change to the content makes every key new.
    """
    form = SearchForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"error": form.first_error()}, status=400)
    query, limit = form.cleaned_data["q"], form.cleaned_data["limit"] or DEFAULT_LIMIT
    asked = hashlib.sha256(f"{limit}:{query}".encode()).hexdigest()[:32]
    body = per_version(request, f"search-api:{asked}", lambda: _answer(query, limit))
    return HttpResponse(body, content_type="application/json")


def _answer(query, limit):
    result = search(query, limit=limit)
    answer = {
        "query": result.query,
        "count": len(result.hits),
        "results": [_title_json(hit) for hit in result.hits],
        "suggestions": [_title_json(hit) for hit in result.suggestions],
    }
    return json.dumps(answer, ensure_ascii=False).encode()
