"""The guides: a list and one page per guide, both ``fresh`` like every public page, and the
guides a search lists below its roles."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from titles.bilingual import current_language
from titles.guides import render as render_markdown
from titles.models import Guide
from titles.normalize import normalize
from titles.site.freshness import fresh
from titles.site.pages import json_ld

SEARCH_GUIDES = 3


def _published():
    return Guide.objects.published().order_by("slug")


def guide_list_context():
    """The published guides, for the list page and the home page."""
    return list(_published().only("slug", "title_sv", "title_en", "summary_sv", "summary_en"))


@require_safe
@fresh
def guide_list(request):
    context = {
        "guides": guide_list_context(),
        "page_title": _("Guides to marketing job titles | Yrkesroller"),
        "page_description": _(
            "Short guides for students: how marketing job titles differ, how careers go on, "
            "and how to read titles in job ads."
        ),
    }
    return render(request, "titles/guide_list.html", context)


def article(request, guide, language):
    """The guide as a schema.org ``Article``."""
    url = request.build_absolute_uri(guide.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "@id": f"{url}#article",
        "url": url,
        "mainEntityOfPage": url,
        "headline": getattr(guide, f"title_{language}"),
        "description": getattr(guide, f"summary_{language}"),
        "inLanguage": language,
        "dateModified": guide.updated_at.isoformat(),
        "publisher": {"@type": "Organization", "name": "Yrkesroller"},
        "about": [
            {
                "@type": "DefinedTerm",
                "name": getattr(role, f"name_{language}"),
                "url": request.build_absolute_uri(role.get_absolute_url()),
            }
            for role in guide.public_roles
        ],
    }
    if guide.published_at:
        data["datePublished"] = guide.published_at.isoformat()
    return json_ld(data)


@require_safe
@fresh
def guide_detail(request, slug):
    guide = get_object_or_404(_published().prefetch_related("sources"), slug=slug)
    language = current_language()
    guide.public_roles = list(guide.roles.published().order_by(f"name_{language}"))
    context = {
        "guide": guide,
        "body": render_markdown(getattr(guide, f"body_{language}"), language),
        "json_ld": article(request, guide, language),
        "page_title": _("%(title)s | Yrkesroller") % {"title": getattr(guide, f"title_{language}")},
        "page_description": getattr(guide, f"summary_{language}"),
    }
    return render(request, "titles/guide_detail.html", context)


def guides_for_search(query, hits):
    """Guides for a search, shown below its roles, in one query: those whose title or summary
    holds every word of the query (either language), then those about the best hit's role."""
    words = set(normalize(query).split())
    if not words:
        return []
    top = hits[0].title.pk if hits else None
    texts = ["title_sv", "title_en", "summary_sv", "summary_en"]
    guides, roles = {}, {}
    for slug, *values, role in _published().values_list("slug", *texts, "roles"):
        guides.setdefault(slug, Guide(slug=slug, **dict(zip(texts, values, strict=True))))
        roles.setdefault(slug, set()).add(role)
    named, about = [], []
    for slug, guide in guides.items():
        if words <= set(normalize(" ".join(getattr(guide, name) for name in texts)).split()):
            named.append(guide)
        elif top in roles[slug]:
            about.append(guide)
    return (named + about)[:SEARCH_GUIDES]
