"""The read API's endpoints. Only published content is shown, in both languages at once.

Why django-ninja: the schema is generated from the type hints these views already need
(pydantic), it serves OpenAPI 3.1 itself and ships Swagger UI as static files (no CDN), at a
fraction of Django REST framework + drf-spectacular's weight for a read-only API.
"""

from datetime import UTC, datetime

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Path, Query
from ninja.errors import HttpError
from pydantic import Field as Described

from titles.api import schemas
from titles.api.errors import Gone, Moved, install_error_handlers
from titles.bilingual import bilingual
from titles.exchange.format import source_to_dict
from titles.models import (
    VISIBLE_KINDS,
    Field,
    Label,
    Relation,
    Seniority,
    SlugRedirect,
    Status,
    Tag,
    Title,
)
from titles.search.forms import MAX_QUERY_LENGTH, SearchForm
from titles.search.query import search
from titles.site import queries
from titles.site.freshness import per_version

api = NinjaAPI(
    title="Yrkesroller API",
    version="1",
    description=(
        "The Swedish/English glossary of marketing job titles, read-only. Every answer is "
        'JSON in both languages; errors are `{"error": {"code", "message"}}` in the '
        "language `Accept-Language` asks for (English by default). Responses carry `ETag` "
        "and `Last-Modified` (answer `If-None-Match` / `If-Modified-Since` with 304) and "
        "`Access-Control-Allow-Origin: *`. The texts and data are CC BY 4.0."
    ),
    urls_namespace="api",
    docs_url=None,
    openapi_url="/openapi.json",
)
install_error_handlers(api)

# What any endpoint may answer besides its own: bad parameters, and too many requests.
REFUSALS = {400: schemas.Error, 429: schemas.Error}

# No control characters (the search refuses them; PostgreSQL refuses NUL in any text).
PRINTABLE = r"^[^\u0000-\u001f\u007f-\u009f]*$"
MAX_PAGE = 200
MAX_CHANGES = 1000
SUMMARY_FIELDS = (
    "slug",
    "slug_en",
    "name_sv",
    "name_en",
    "definition_sv",
    "definition_en",
    "field",
    "seniority",
    "updated_at",
)


def _absolute(request, path):
    return request.build_absolute_uri(path)


def _page_url(request, title, language=None):
    """The title's role page in ``language`` (the answer's by default), at its slug there."""
    return _absolute(request, title.get_absolute_url(language))


def _api_url(request, slug):
    return _absolute(request, reverse("api:title", args=[slug]))


def _summary(request, title):
    return {
        "slug": title.slug,
        "names": bilingual(title, "name"),
        "definition": bilingual(title, "definition"),
        "field": title.field,
        "seniority": title.seniority,
        "url": _page_url(request, title),
        "api_url": _api_url(request, title.slug),
        "updated_at": title.updated_at,
    }


class TitleFilters(schemas.Schema):
    field: Field | None = Described(None, description="Only titles in this field")
    seniority: Seniority | None = Described(None, description="Only titles of this seniority")
    tag: str | None = Described(None, max_length=100, pattern=PRINTABLE, description="A tag")
    topic: str | None = Described(None, max_length=100, pattern=PRINTABLE, description="A topic")
    updated_since: datetime | None = Described(
        None, description="Only titles changed after this time (ISO 8601)"
    )
    after: str | None = Described(
        None,
        max_length=100,
        pattern=PRINTABLE,
        description="The cursor: the last slug of the previous page",
    )
    limit: int = Described(50, ge=1, le=MAX_PAGE, description="Titles per page")


def _aware(moment):
    """``moment`` in UTC (a time without offset is taken as UTC). Any offset ISO 8601 allows
    is accepted, also ones PostgreSQL does not (beyond ±15:59); a moment that leaves the
    calendar in UTC becomes its first or last moment."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        edge = datetime.min if moment.year == 1 else datetime.max
        return edge.replace(tzinfo=UTC)


@api.get("/titles", response={200: schemas.TitlePage, **REFUSALS}, url_name="titles")
def list_titles(request, filters: Query[TitleFilters]):
    """Published titles in slug order, a page at a time (follow ``next``)."""
    titles = Title.objects.published().only(*SUMMARY_FIELDS).order_by("slug")
    if filters.field:
        titles = titles.filter(field=filters.field)
    if filters.seniority:
        titles = titles.filter(seniority=filters.seniority)
    if filters.tag:
        titles = titles.filter(tags__slug=filters.tag)
    if filters.topic:
        titles = titles.filter(topics__slug=filters.topic)
    if filters.updated_since:
        titles = titles.filter(updated_at__gt=_aware(filters.updated_since))
    if filters.after:
        titles = titles.filter(slug__gt=filters.after)
    page = list(titles[: filters.limit + 1])
    following = None
    if len(page) > filters.limit:
        page = page[: filters.limit]
        query = request.GET.copy()
        query["after"] = page[-1].slug
        following = _absolute(request, f"{request.path}?{query.urlencode()}")
    return {"results": [_summary(request, title) for title in page], "next": following}


def _detail_queryset():
    return Title.objects.published().prefetch_related(
        Prefetch(
            "labels", Label.objects.filter(kind__in=VISIBLE_KINDS).order_by("language", "text")
        ),
        "responsibilities",
        "skills",
        "topics",
        "tags",
        "sources",
    )


def _relations(request, title):
    """The title's relations from both ends, named as seen from it (as on the role page),
    in the page's group order, then by slug; relations to drafts are left out."""
    found = []
    relations = Relation.objects.touching(title).select_related("source", "target")
    for relation in relations:
        outgoing = relation.source_id == title.pk
        other = relation.target if outgoing else relation.source
        found.append(
            {
                "type": queries.RELATION_GROUPS[relation.type][0 if outgoing else 1],
                "slug": other.slug,
                "names": bilingual(other, "name"),
                "note": bilingual(relation, "note"),
                "url": _page_url(request, other),
            }
        )
    found.sort(key=lambda one: (queries.GROUP_ORDER.index(one["type"]), one["slug"]))
    return found


def _detail(request, title):
    return {
        **_summary(request, title),
        "status": title.status,
        "urls": {language: _page_url(request, title, language) for language in ("sv", "en")},
        "labels": [
            {"text": label.text, "language": label.language, "kind": label.kind}
            for label in title.labels.all()
        ],
        "description": bilingual(title, "description"),
        "note": bilingual(title, "note"),
        "pathway": bilingual(title, "pathway"),
        "responsibilities": [bilingual(item, "text") for item in title.responsibilities.all()],
        "skills": [bilingual(item, "text") for item in title.skills.all()],
        "focus": title.focus,
        "profile": title.profile,
        "field_names": _both(lambda: str(Field(title.field).label)),
        "relations": _relations(request, title),
        "codes": {"ssyk": title.ssyk_code, "isco": title.isco_code, "esco": title.esco_uri},
        "topics": [_named(topic) for topic in sorted(title.topics.all(), key=_slug)],
        "tags": [_named(tag) for tag in sorted(title.tags.all(), key=_slug)],
        "sources": [source_to_dict(source) for source in title.sources.all()],
        "last_reviewed": title.last_reviewed_at.isoformat() if title.last_reviewed_at else None,
    }


def _slug(item):
    return item.slug


def _named(item):
    return {"slug": item.slug, "names": bilingual(item, "name")}


def _both(text):
    """``text()`` (a translated string) in Swedish and in English."""
    names = {}
    for language in ("sv", "en"):
        with translation.override(language):
            names[language] = text()
    return names


@api.get(
    "/titles/{slug}",
    response={200: schemas.TitleDetail, 301: schemas.Error, 404: schemas.Error,
              410: schemas.Error, **REFUSALS},
    url_name="title",
)  # fmt: skip
def get_title(request, slug: str = Path(..., max_length=100, pattern=PRINTABLE)):
    """One published title with everything the role page shows. A renamed or merged title's
    old slug answers 301 to where it lives now; a retired one 410."""
    title = _detail_queryset().filter(slug=slug).first()
    if title is not None:
        return _detail(request, title)
    moved = queries.moved_title(slug)
    if moved is not None:
        raise Moved(moved.slug)
    if Title.objects.filter(slug=slug, status=Status.RETIRED).exists():
        raise Gone()
    raise HttpError(404, _("There is no published title with that slug."))


def _group(request, slug, names, count, url_name):
    return {
        "slug": slug,
        "names": names,
        "count": count,
        "url": _absolute(request, reverse(url_name, args=[slug])),
    }


@api.get("/fields", response={200: list[schemas.Group], 429: schemas.Error}, url_name="fields")
def list_fields(request):
    """The fields that have published titles, in the site's order, with their counts."""
    return [
        _group(request, field.value, _both(lambda f=field: str(f.label)), count,
               "titles:field-detail")
        for field, count in per_version(request, "field-counts", queries.field_counts)
    ]  # fmt: skip


@api.get("/tags", response={200: list[schemas.Group], 429: schemas.Error}, url_name="tags")
def list_tags(request):
    """The tags that published titles carry, by slug, with their counts."""
    return [
        _group(request, slug, names, count, "titles:tag-detail")
        for slug, names, count in per_version(request, "tag-counts", _tag_counts)
    ]


def _tag_counts():
    """[(slug, names, published titles)]: an aggregate over every tagged title, so it is
    computed once per content version, like the field counts."""
    tags = (
        Tag.objects.filter(tagged_titles__content_object__status=Status.PUBLISHED)
        .annotate(count=Count("tagged_titles"))
        .order_by("slug")
    )
    return [(tag.slug, bilingual(tag, "name"), tag.count) for tag in tags]


@api.get("/suggest", response={200: schemas.Suggestions, **REFUSALS}, url_name="suggest")
def suggest(
    request,
    q: str = Query(
        ...,
        max_length=MAX_QUERY_LENGTH,
        pattern=PRINTABLE,
        description="What the reader has typed so far",
    ),
):
    """The autocomplete: the best few titles for a partial name, in either language."""
    form = SearchForm({"q": q})
    if not form.is_valid():
        raise HttpError(400, form.first_error())
    result = search(form.cleaned_data["q"], limit=8)
    return {
        "query": result.query,
        "results": [
            {
                "slug": hit.title.slug,
                "names": bilingual(hit.title, "name"),
                "matched": {
                    "text": hit.matched.text,
                    "language": hit.matched.language,
                    "kind": hit.matched.kind,
                },
                "url": _page_url(request, hit.title),
            }
            for hit in result.hits
        ],
    }


class ChangeFilters(schemas.Schema):
    since: datetime = Described(description="Changes after this time (ISO 8601)")
    after: str = Described(
        "",
        max_length=100,
        pattern=PRINTABLE,
        description="The cursor: the last slug of the previous page",
    )
    limit: int = Described(500, ge=1, le=MAX_CHANGES)


def _change_of(title, since):
    if title.status == Status.RETIRED:
        return "merged" if title.replaced_by_id else "retired"
    return "created" if title.created_at > since else "changed"


@api.get("/changes", response={200: schemas.Changes, **REFUSALS}, url_name="changes")
def changes(request, filters: Query[ChangeFilters]):
    """What changed after ``since``, oldest first, so a mirror can follow: titles created,
    changed, retired or merged into another, and old slugs that moved. Follow ``next``.
    Drafts are never public, so a title is listed from its first publication on."""
    since, after, limit = _aware(filters.since), filters.after, filters.limit
    later = Q(updated_at__gt=since) | Q(updated_at=since, slug__gt=after)
    titles = (
        Title.objects.filter(later, status__in=[Status.PUBLISHED, Status.RETIRED])
        .select_related("replaced_by")
        .only("slug", "status", "created_at", "updated_at", "replaced_by__slug")
        .order_by("updated_at", "slug")[: limit + 1]
    )
    moved = (
        SlugRedirect.objects.filter(
            Q(created_at__gt=since) | Q(created_at=since, old_slug__gt=after),
            title__status=Status.PUBLISHED,
        )
        .select_related("title")
        .only("old_slug", "created_at", "title__slug")
        .order_by("created_at", "old_slug")[: limit + 1]
    )
    found = []
    for title in titles:
        replacement = title.replaced_by.slug if title.replaced_by_id else None
        found.append((title.updated_at, title.slug, _change_of(title, since), replacement))
    found += [(one.created_at, one.old_slug, "moved", one.title.slug) for one in moved]
    found.sort(key=lambda change: (change[0], change[1]))
    following = None
    if len(found) > limit:
        found = found[:limit]
        query = request.GET.copy()
        query["since"], query["after"] = found[-1][0].isoformat(), found[-1][1]
        following = _absolute(request, f"{request.path}?{query.urlencode()}")
    return {
        "since": since,
        "results": [
            {"slug": slug, "change": change, "at": at, "replaced_by": replacement}
            for at, slug, change, replacement in found
        ],
        "next": following,
    }
