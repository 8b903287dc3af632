"""The public reader pages. Each view gathers its data in a fixed number of queries
(``queries``, ``pages``, ``paths``) and answers conditional requests (``fresh``) first."""

from itertools import groupby

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from glossary.ratelimits import rate_limited
from titles.bilingual import current_language
from titles.collation import alphabet, initial, sort_key
from titles.models import LIST_FIELDS, Field, Tag
from titles.search import MAX_LIMIT, SearchForm, record_miss
from titles.search import search as search_titles
from titles.site import compare as compare_roles
from titles.site import queries
from titles.site.compare import MAX_COMPARED
from titles.site.freshness import fresh, per_version
from titles.site.pages import compare_url, role_page_context
from titles.site.paths import career_paths as find_career_paths

RECENT_PAGE = 50


@require_safe
@fresh
def home(request):
    comparisons, path = queries.featured(compare_url)
    context = {
        "fields": per_version(request, "field-counts", queries.field_counts),
        "comparisons": comparisons,
        "featured_path": path,
        "recent": queries.recently_changed()[:6],
        "page_title": _("Yrkesroller – marketing job titles in Swedish and English"),
        "page_description": _(
            "What does a marketing coordinator do, and what is it called in English? "
            "Swedish and English marketing job titles explained for students."
        ),
    }
    return render(request, "titles/home.html", context)


@require_safe
@fresh
def recent(request):
    """The public list of what editors changed last."""
    context = {
        "recent": queries.recently_changed()[:RECENT_PAGE],
        "page_title": _("Recently changed job titles | Yrkesroller"),
        "page_description": _("The job titles in Yrkesroller that were changed most recently."),
    }
    return render(request, "titles/recent.html", context)


@method_decorator([require_safe, fresh], name="dispatch")
class TitleDetailView(DetailView):
    """The role page: everything about one title, and a link to every title it touches."""

    template_name = "titles/title_detail.html"
    context_object_name = "title"

    def get_queryset(self):
        return queries.title_detail_queryset()

    def get(self, request, *args, **kwargs):
        """A renamed or retired title's old address answers 301 to where it lives now."""
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = queries.moved_title(kwargs["slug"])
            if moved is None:
                raise
            return redirect(moved, permanent=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**context, **role_page_context(self.request, self.object)}


def _index_sections(titles, language):
    """[(letter, [(name, title, is_abbreviation)])]: the names and abbreviations A–Ö."""
    entries = [(title.name, title, False) for title in titles]
    entries += [(label.text, label.title, True) for label in queries.abbreviations(language)]
    entries.sort(key=lambda entry: sort_key(entry[0], language))
    return [
        (letter, list(group))
        for letter, group in groupby(entries, key=lambda entry: initial(entry[0], language))
    ]


@require_safe
@fresh
def title_index(request):
    """A–Ö (or A–Z): every title under its first letter, abbreviations as cross-references."""
    language = current_language()
    titles = list(queries.published_titles().only(*LIST_FIELDS))
    sections = _index_sections(titles, language)
    present = {letter for letter, _group in sections}
    context = {
        "sections": sections,
        "letters": [(letter, letter in present) for letter in alphabet(language)],
        "title_count": len(titles),
        "page_title": _("All job titles A–Ö | Yrkesroller")
        if language == "sv"
        else _("All job titles A–Z | Yrkesroller"),
        "page_description": _("Every marketing job title in the glossary, from A to Ö."),
    }
    return render(request, "titles/index.html", context)


def _compare_page_title(titles):
    if len(titles) < 2:
        return _("Compare job titles | Yrkesroller")
    names = " – ".join(title.name for title in titles)
    return _("%(names)s compared | Yrkesroller") % {"names": names}


@require_safe
@fresh
def compare(request):
    """Two to four roles side by side, and a picker (text fields) to choose them."""
    texts = compare_roles.requested(request.GET.getlist("roles"))
    asked = compare_roles.resolve(texts[:MAX_COMPARED])
    roles, differences = queries.compare_titles([one.slug for one in asked if one.slug])
    titles = [role.title for role in roles]
    context = {
        "titles": titles if len(titles) >= 2 else [],
        "roles": roles,
        "lonely": titles[0] if len(titles) == 1 else None,
        "differences": differences,
        "pickers": _pickers(asked, titles),
        "too_many": len(texts) > MAX_COMPARED,
        "unknown": any(not one.slug for one in asked),
        "canonical_query": "&".join(f"roles={t.slug}" for t in titles) if len(titles) > 1 else "",
        "page_title": _compare_page_title(titles),
        "page_description": _(
            "Compare marketing job titles side by side: definition, responsibilities, "
            "seniority, focus and career steps."
        ),
    }
    return render(request, "titles/compare.html", context)


def _pickers(asked, titles):
    """(number, text, not found) per picker: a found role shows its name in the reader's
    language, a role not found keeps what the reader typed, so it can be corrected."""
    names = {title.slug: title.name for title in titles}
    fields = [(names[one.slug], False) if one.slug in names else (one.text, True) for one in asked]
    fields += [("", False)] * (MAX_COMPARED - len(fields))
    return [(number, text, missing) for number, (text, missing) in enumerate(fields, 1)]


@require_safe
@fresh
def career_paths(request):
    context = {
        "paths": find_career_paths(),
        "page_title": _("Career paths in marketing | Yrkesroller"),
        "page_description": _(
            "Where a marketing job can lead: the usual next steps from assistant to "
            "coordinator, manager and head of the department."
        ),
    }
    return render(request, "titles/career_paths.html", context)


def _field_group(slug):
    if slug not in Field.values:
        raise Http404(_("No such field."))
    field = Field(slug)
    return {"field": field}, field.label, {"field": field}


def _tag_group(slug):
    tag = get_object_or_404(Tag, slug=slug)
    return {"tag": tag}, tag.name, {"tags": tag}


# A group page per kind: its template, its page title and description, and how to find it.
GROUPS = {
    "field": (
        "titles/field_detail.html",
        _field_group,
        lambda name: _("%(field)s: job titles | Yrkesroller") % {"field": name},
        lambda name: (
            _("Job titles in the field %(field)s, in Swedish and English.") % {"field": name}
        ),
    ),
    "tag": (
        "titles/tag_detail.html",
        _tag_group,
        lambda name: _("Tagged “%(tag)s” | Yrkesroller") % {"tag": name},
        lambda name: _("Job titles tagged “%(tag)s”, in Swedish and English.") % {"tag": name},
    ),
}


@require_safe
@fresh
def title_group(request, slug, kind):
    """The titles of one field or one tag (``kind``), A–Ö."""
    template, find, page_title, page_description = GROUPS[kind]
    context, name, condition = find(slug)
    titles = queries.listed(queries.published_titles().filter(**condition).distinct())
    context.update(
        {
            "titles": titles,
            "page_title": page_title(name),
            "page_description": page_description(name),
        }
    )
    return render(request, template, context)


@require_safe
@rate_limited("search-page", "SEARCH_RATE")
def search(request):
    """The search page: one exact title redirects to it, anything else lists ranked hits."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        context = {"form": form, "search_query": "", "result": None}
        return render(request, "titles/search_results.html", context, status=400)
    result = search_titles(form.cleaned_data["q"], limit=MAX_LIMIT)
    if result.exact_title is not None:
        return redirect(result.exact_title)
    if result.normalized and not result.hits:
        record_miss(result.normalized)
    context = {"form": form, "search_query": result.query, "result": result}
    return render(request, "titles/search_results.html", context)
