"""The public reader pages. Each view gathers its data in a fixed number of queries
(``titles.queries``) and answers conditional requests (``fresh``) before doing so."""

import json
import re
from itertools import groupby

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from titles.autolink import Linker
from titles.collation import alphabet, initial, sort_key
from titles.freshness import fresh
from titles.models import Field, Label, LabelKind, Tag, Title
from titles.queries import (
    career_paths as find_career_paths,
)
from titles.queries import (
    compare_titles,
    current_language,
    labels_by_language,
    moved_title,
    other_language,
    published_titles,
    relations_of,
    text_of,
    title_detail_queryset,
)
from titles.search import MAX_LIMIT, SearchForm, record_miss
from titles.search import search as search_titles

# The comparisons students ask for most, offered on the home page.
FEATURED_COMPARISONS = (
    ("marknadsassistent", "marknadskoordinator", "marknadsansvarig"),
    ("account-manager", "key-account-manager"),
    ("seo-specialist", "sem-specialist", "ppc-specialist"),
    ("kommunikator", "pressansvarig"),
)
FEATURED_PATH = ("marknadsassistent", "marknadskoordinator", "marknadsansvarig", "marknadschef")
MAX_COMPARED = 4
SLUG = re.compile(r"[-a-z0-9_]{1,80}")


def compare_url(slugs):
    query = "&".join(f"roles={slug}" for slug in slugs)
    return f"{reverse('titles:compare')}?{query}"


def by_name(titles):
    language = current_language()
    return sorted(titles, key=lambda title: sort_key(title.name, language))


RECENT_PAGE = 50


@require_safe
@fresh
def home(request):
    counts = dict(
        published_titles()
        .order_by()
        .values_list("field")
        .annotate(n=Count("pk"))
        .values_list("field", "n")
    )
    fields = [(Field(value), counts[value]) for value in Field.values if counts.get(value)]
    wanted = {slug for group in FEATURED_COMPARISONS for slug in group} | set(FEATURED_PATH)
    featured = {title.slug: title for title in published_titles().filter(slug__in=wanted)}
    comparisons = [
        (compare_url(group), [featured[slug] for slug in group])
        for group in FEATURED_COMPARISONS
        if all(slug in featured for slug in group)
    ]
    path = [featured[slug] for slug in FEATURED_PATH if slug in featured]
    recent = recently_changed()[:6]
    return render(
        request,
        "titles/home.html",
        {
            "fields": fields,
            "comparisons": comparisons,
            "featured_path": path if len(path) > 1 else [],
            "recent": recent,
            "page_title": _("Yrkesroller – marketing job titles in Swedish and English"),
            "page_description": _(
                "What does a marketing coordinator do, and what is it called in English? "
                "Swedish and English marketing job titles explained for students."
            ),
        },
    )


def recently_changed():
    return (
        published_titles()
        .only("slug", "name_sv", "name_en", "updated_at")
        .order_by("-updated_at", "slug")
    )


@require_safe
@fresh
def recent(request):
    """The public list of what editors changed last."""
    return render(
        request,
        "titles/recent.html",
        {
            "recent": recently_changed()[:RECENT_PAGE],
            "page_title": _("Recently changed job titles | Yrkesroller"),
            "page_description": _("The job titles in Yrkesroller that were changed most recently."),
        },
    )


def json_ld(data):
    """A JSON-LD block's body: ``</script>`` and friends cannot end the block early."""
    text = json.dumps(data, ensure_ascii=False, indent=1)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - escaped above


def defined_term(request, title, language):
    url = request.build_absolute_uri(title.get_absolute_url())
    index_url = request.build_absolute_uri(reverse("titles:index"))
    name = getattr(title, f"name_{language}")
    alternates = []
    for label in title.visible_labels:
        if label.text != name and label.text not in alternates:
            alternates.append(label.text)
    data = {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "@id": f"{url}#term",
        "url": url,
        "name": name,
        "inLanguage": language,
        "termCode": title.slug,
        "inDefinedTermSet": {
            "@type": "DefinedTermSet",
            "@id": f"{index_url}#set",
            "url": index_url,
            "name": "Yrkesroller",
            "inLanguage": language,
        },
    }
    if alternates:
        data["alternateName"] = alternates
    definition = text_of(title, "definition", language).text
    if definition:
        data["description"] = definition
    if title.esco_uri:
        data["sameAs"] = title.esco_uri
    return json_ld(data)


@method_decorator([require_safe, fresh], name="dispatch")
class TitleDetailView(DetailView):
    """The role page: everything about one title, and a link to every title it touches."""

    template_name = "titles/title_detail.html"
    context_object_name = "title"

    def get_queryset(self):
        return title_detail_queryset()

    def get(self, request, *args, **kwargs):
        """A renamed or retired title's old address answers 301 to where it lives now."""
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = moved_title(kwargs["slug"])
            if moved is None:
                raise
            return redirect(moved, permanent=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        title = self.object
        language = current_language()
        other = other_language(language)
        definition = text_of(title, "definition", language)
        description = text_of(title, "description", language)
        linker = Linker.for_title(
            title,
            [(definition.text, definition.language), (description.text, description.language)],
        )
        responsibilities = [
            text_of(item, "text", language) for item in title.responsibilities.all()
        ]
        relations = relations_of(title)
        context.update(
            {
                "language": language,
                "other_language": other,
                "other_name": getattr(title, f"name_{other}"),
                "definition": definition,
                "definition_html": mark_safe(linker.link(definition.text, definition.language)),
                "description": description,
                "description_html": mark_safe(
                    linker.paragraphs(description.text, description.language)
                ),
                "responsibilities": responsibilities,
                "skills": [text_of(item, "text", language) for item in title.skills.all()],
                "note": text_of(title, "note", language),
                "labels": labels_by_language(title, language),
                "relations": relations,
                "confused_with": next(
                    (roles for group, _label, roles in relations if group == "confused_with"), []
                ),
                "tags": sorted(title.tags.all(), key=lambda tag: sort_key(tag.name, language)),
                "sources": list(title.sources.all()),
                "json_ld": defined_term(self.request, title, language),
                "page_title": _("%(name)s – what the role means | Yrkesroller")
                % {"name": title.name},
                "page_description": definition.text[:300],
                "og_type": "article",
            }
        )
        for _group, _label, roles in relations:
            for role in roles:
                if role.group == "confused_with":
                    role.compare_url = compare_url([title.slug, role.title.slug])
        return context


class TitlePreviewView(TitleDetailView):
    """A title exactly as its role page will show it, whatever its status.

    The editors' preview: the admin checks the permission and the language. It skips the
    public page's caching headers (a draft changes without its published neighbours) and
    its redirects, and the page asks not to be indexed.
    """

    def dispatch(self, request, *args, **kwargs):
        return DetailView.dispatch(self, request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return DetailView.get(self, request, *args, **kwargs)

    def get_queryset(self):
        return title_detail_queryset(Title.objects.all())

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "preview": True}


@require_safe
@fresh
def title_index(request):
    """A–Ö (or A–Z): every title under its first letter, abbreviations as cross-references."""
    language = current_language()
    titles = list(published_titles().only("slug", "name_sv", "name_en"))
    entries = [(title.name, title, False) for title in titles]
    abbreviations = Label.objects.filter(
        title__in=published_titles(), kind=LabelKind.ABBREVIATION, language=language
    ).select_related("title")
    entries += [(label.text, label.title, True) for label in abbreviations]
    entries.sort(key=lambda entry: sort_key(entry[0], language))
    sections = [
        (letter, list(group))
        for letter, group in groupby(entries, key=lambda entry: initial(entry[0], language))
    ]
    present = {letter for letter, _group in sections}
    return render(
        request,
        "titles/index.html",
        {
            "sections": sections,
            "letters": [(letter, letter in present) for letter in alphabet(language)],
            "title_count": len(titles),
            "page_title": _("All job titles A–Ö | Yrkesroller")
            if language == "sv"
            else _("All job titles A–Z | Yrkesroller"),
            "page_description": _("Every marketing job title in the glossary, from A to Ö."),
        },
    )


def _requested_roles(request):
    """Slugs from ``?roles=``, cleaned: known shape, no repeats, at most four."""
    slugs = []
    for value in request.GET.getlist("roles"):
        for part in value.split(","):
            slug = part.strip().lower()
            if not slug:
                continue  # an empty picker
            if not SLUG.fullmatch(slug):
                slug = "-"  # matches no title: reported as unknown, never sent raw to the DB
            if slug and slug not in slugs:
                slugs.append(slug)
    return slugs


@require_safe
@fresh
def compare(request):
    """Two to four roles side by side, and a picker to choose them."""
    asked = _requested_roles(request)
    too_many = len(asked) > MAX_COMPARED
    titles, differences = compare_titles(asked[:MAX_COMPARED])
    unknown = len(titles) < len(asked[:MAX_COMPARED])
    choices = by_name(published_titles().only("slug", "name_sv", "name_en"))
    chosen = [title.slug for title in titles]
    pickers = [
        (number, chosen[number - 1] if number <= len(chosen) else "")
        for number in range(1, MAX_COMPARED + 1)
    ]
    names = [title.name for title in titles]
    if len(titles) >= 2:
        page_title = _("%(names)s compared | Yrkesroller") % {"names": " – ".join(names)}
    else:
        page_title = _("Compare job titles | Yrkesroller")
    return render(
        request,
        "titles/compare.html",
        {
            "titles": titles if len(titles) >= 2 else [],
            "lonely": titles[0] if len(titles) == 1 else None,
            "differences": differences,
            "choices": choices,
            "pickers": pickers,
            "too_many": too_many,
            "unknown": unknown,
            "canonical_query": "&".join(f"roles={slug}" for slug in chosen)
            if len(titles) >= 2
            else "",
            "page_title": page_title,
            "page_description": _(
                "Compare marketing job titles side by side: definition, responsibilities, "
                "seniority, focus and career steps."
            ),
        },
    )


@require_safe
@fresh
def career_paths(request):
    paths = find_career_paths()
    return render(
        request,
        "titles/career_paths.html",
        {
            "paths": paths,
            "page_title": _("Career paths in marketing | Yrkesroller"),
            "page_description": _(
                "Where a marketing job can lead: the usual next steps from assistant to "
                "coordinator, manager and head of the department."
            ),
        },
    )


@require_safe
@fresh
def field_detail(request, field):
    if field not in Field.values:
        raise Http404(_("No such field."))
    field = Field(field)
    titles = by_name(published_titles().filter(field=field).only("slug", "name_sv", "name_en"))
    return render(
        request,
        "titles/field_detail.html",
        {
            "field": field,
            "titles": titles,
            "page_title": _("%(field)s: job titles | Yrkesroller") % {"field": field.label},
            "page_description": _("Job titles in the field %(field)s, in Swedish and English.")
            % {"field": field.label},
        },
    )


@require_safe
@fresh
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    titles = by_name(
        published_titles().filter(tags=tag).only("slug", "name_sv", "name_en").distinct()
    )
    return render(
        request,
        "titles/tag_detail.html",
        {
            "tag": tag,
            "titles": titles,
            "page_title": _("Tagged “%(tag)s” | Yrkesroller") % {"tag": tag.name},
            "page_description": _("Job titles tagged “%(tag)s”, in Swedish and English.")
            % {"tag": tag.name},
        },
    )


@require_safe
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
