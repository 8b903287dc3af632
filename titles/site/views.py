"""The public reader pages. Each view gathers its data in a fixed number of queries
(``queries``, ``pages``, ``paths``) and answers conditional requests (``fresh``) first."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.encoding import iri_to_uri
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from glossary.ratelimits import rate_limited
from titles.bilingual import current_language
from titles.collation import OTHER, alphabet
from titles.models import LANGUAGE_CODES, Field, Tag
from titles.search import MAX_LIMIT, SearchForm, record_miss
from titles.search import search as search_titles
from titles.site import compare as compare_roles
from titles.site import queries
from titles.site.compare import MAX_COMPARED
from titles.site.freshness import fresh, per_version
from titles.site.guides import guide_list_context, guides_for_search
from titles.site.pages import compare_url, role_page_context
from titles.site.paging import page_of
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
        "guides": guide_list_context(),
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

    def get_object(self, queryset=None):
        """Each language's page has its own slug: /sv/yrken/<slug>/, /en/roles/<slug_en>/
        (a title without an English slug has its English page at the Swedish one)."""
        titles = self.get_queryset() if queryset is None else queryset
        slug = self.kwargs["slug"]
        if current_language() == "en":
            titles = titles.filter(Q(slug_en=slug) | Q(slug_en="", slug=slug))
        else:
            titles = titles.filter(slug=slug)
        try:
            return titles.get()
        except titles.model.DoesNotExist:
            raise Http404(_("There is no published title with that slug.")) from None

    def get(self, request, *args, **kwargs):
        """A renamed or retired title's old address, and the other language's slug, answer
        301 to where the title lives now in this language (the query string kept)."""
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = queries.moved_title(kwargs["slug"], current_language())
            if moved is None:
                raise
            query = request.META.get("QUERY_STRING", "")
            address = moved.get_absolute_url() + (f"?{iri_to_uri(query)}" if query else "")
            return redirect(address, permanent=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The language switch and the hreflang alternates: each language's page has its slug.
        paths = {code: self.object.get_absolute_url(code) for code in LANGUAGE_CODES}
        return {**context, **role_page_context(self.request, self.object), "language_paths": paths}


SWEDISH_ONLY = {"Å": "A", "Ä": "A", "Ö": "O"}


def _letter_slug(letter):
    return "0-9" if letter == OTHER else letter.lower()


def _letter_bar(language, counts, current):
    """[(letter, address, count, is current)] for the jump list: ``#`` first when any name
    starts with a digit, then the language's alphabet (Å, Ä, Ö last in Swedish)."""
    letters = ([OTHER] if counts.get(OTHER) else []) + alphabet(language)
    return [
        (
            letter,
            reverse("titles:index-letter", args=[_letter_slug(letter)]),
            counts.get(letter, 0),
            letter == current,
        )
        for letter in letters
    ]


@require_safe
@fresh
def title_index(request, letter=None):
    """A–Ö (or A–Z), one letter a page: names, and abbreviations as cross-references.

    ``/a-o/`` shows the first letter that has names; ``/a-o/<letter>/?page=2`` the rest.
    """
    language = current_language()
    counts = per_version(request, f"index-{language}", lambda: queries.index_counts(language))
    present = [one for one in ([OTHER] + alphabet(language)) if counts.get(one)]
    if letter is None:
        current = present[0] if present else alphabet(language)[0]
    else:
        current = OTHER if letter == "0-9" else letter.upper()
        if current in SWEDISH_ONLY and language != "sv":
            # The Swedish page's alternate: English files these names under A and O.
            return redirect("titles:index-letter", SWEDISH_ONLY[current].lower(), permanent=True)
        if current != OTHER and current not in alphabet(language):
            raise Http404(_("There is no such letter in this index."))
    page = page_of(request, queries.index_entries(language, current), counts.get(current, 0))
    fields = per_version(request, "field-counts", queries.field_counts)
    context = {
        "letter": current,
        "page_obj": page,
        "entries": queries.listed_names(page.object_list),
        "letters": _letter_bar(language, counts, current),
        "canonical_query": f"page={page.number}" if page.number > 1 else "",
        "title_count": sum(count for _field, count in fields),
        "page_title": _index_page_title(language, current, letter is None, page.number),
        "page_description": _("Every marketing job title in the glossary, from A to Ö."),
    }
    return render(request, "titles/index.html", context)


def _index_page_title(language, letter, is_start, number):
    if is_start and number == 1:
        if language == "sv":
            return _("All job titles A–Ö | Yrkesroller")
        return _("All job titles A–Z | Yrkesroller")
    name = _("Job titles under %(letter)s") % {"letter": letter}
    if number > 1:
        name = _("%(name)s, page %(number)s") % {"name": name, "number": number}
    return f"{name} | Yrkesroller"


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


def _field_group(request, slug):
    if slug not in Field.values:
        raise Http404(_("No such field."))
    field = Field(slug)
    counts = dict(per_version(request, "field-counts", queries.field_counts))
    return {"field": field}, field.label, {"field": field}, counts.get(field, 0)


def _tag_group(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    count = per_version(request, f"tag-count-{tag.pk}", lambda: queries.tag_count(tag))
    return {"tag": tag}, tag.name, {"tags": tag}, count


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
    """The titles of one field or one tag (``kind``), A–Ö, a page at a time."""
    template, find, page_title, page_description = GROUPS[kind]
    context, name, condition, count = find(request, slug)
    names = queries.names_in_order(current_language(), **condition)
    page = page_of(request, names, count)
    title = page_title(name)
    if page.number > 1:
        title = _("Page %(number)s: %(title)s") % {"number": page.number, "title": title}
    context.update(
        {
            "titles": queries.listed_names(page.object_list),
            "title_count": count,
            "page_obj": page,
            "canonical_query": f"page={page.number}" if page.number > 1 else "",
            "page_title": title,
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
    context = {
        "form": form,
        "search_query": result.query,
        "result": result,
        "guides": guides_for_search(result.query, result.hits),
    }
    return render(request, "titles/search_results.html", context)
