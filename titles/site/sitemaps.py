"""sitemap.xml: an index of parts, every public page in Swedish and English, each with its
hreflang alternates.

``/sitemap.xml`` is the index (``django.contrib.sitemaps.views.index``); each section is a
part at ``/sitemap-<section>.xml``, split into pages (``?p=2``) of at most ``SITEMAP_LIMIT``
addresses. Django counts an i18n sitemap's addresses as (page, language) pairs, one
``<loc>`` each, so the limit is the number of ``<loc>`` entries a part holds. A part reads
only its own slice of the titles, and the index only counts them (``LanguagePairs``).
Rendered sitemaps are cached (``sitemap_cache``).
"""

from functools import cached_property

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max
from django.urls import reverse

from titles.models import Field, Guide, Tag, Title
from titles.site import sitemap_cache

# The protocol allows 50,000 addresses and 50 MB a file; smaller parts stay quick to build.
SITEMAP_LIMIT = 10_000


class LanguagePairs:
    """The (item, language) pairs Django's i18n sitemap paginates, without loading every
    item: the length comes from a count, made once per content version (``name`` keys it in
    the cache), and a slice reads only the items it covers."""

    def __init__(self, items, languages, name):
        self.items, self.languages, self.name = items, list(languages), name

    def __len__(self):
        if hasattr(self.items, "query"):
            count = sitemap_cache.per_generation(f"count:{self.name}", self.items.count)
        else:
            count = len(self.items)
        return count * len(self.languages)

    def __getitem__(self, index):
        width = len(self.languages)
        start, stop = index.start or 0, index.stop
        first, last = start // width, -(-stop // width)
        pairs = [(item, lang) for item in self.items[first:last] for lang in self.languages]
        return pairs[start - first * width : stop - first * width]


class BilingualSitemap(Sitemap):
    """Each page once per language, with its ``hreflang`` alternates.

    No ``x-default`` here: Django would give the address without a language prefix, and
    "/yrken/<slug>/" only leads somewhere for a Swedish reader. The pages themselves name the
    Swedish page as ``x-default``.
    """

    i18n = True
    alternates = True

    @property
    def limit(self):
        return getattr(settings, "SITEMAP_LIMIT", SITEMAP_LIMIT)

    @property
    def paginator(self):
        pairs = LanguagePairs(self.items(), self._languages(), type(self).__name__)
        return Paginator(pairs, self.limit)

    def lastmod(self, item):
        return item.latest

    def get_latest_lastmod(self):
        return max((item.latest for item in self.items() if item.latest), default=None)


class PublishedSitemap(BilingualSitemap):
    """The published objects of a model with a slug and ``updated_at``: titles, guides.
    Each page's address is its ``get_absolute_url`` in the language Django activates."""

    # What the address and the date need (a role's English page has a slug of its own).
    fields = ("slug", "updated_at")

    def published(self):
        raise NotImplementedError

    def items(self):
        return self.published().order_by("slug").only(*self.fields)

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return self.published().aggregate(latest=Max("updated_at"))["latest"]


class TitleSitemap(PublishedSitemap):
    changefreq = "monthly"
    priority = 0.8
    fields = ("slug", "slug_en", "updated_at")

    def published(self):
        return Title.objects.published()


class GuideSitemap(PublishedSitemap):
    priority = 0.7

    def published(self):
        return Guide.objects.published()


class PageSitemap(BilingualSitemap):
    """The list pages: they change whenever any published title does."""

    priority = 0.6
    names = [
        "titles:home",
        "titles:index",
        "titles:compare",
        "titles:career-paths",
        "titles:recent",
        "titles:guides",
    ]

    @cached_property
    def latest(self):
        return TitleSitemap().get_latest_lastmod()

    def items(self):
        return self.names

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return self.latest

    def get_latest_lastmod(self):
        return self.latest


class FieldSitemap(BilingualSitemap):
    priority = 0.5

    def items(self):
        published = Title.objects.published().order_by().values("field")
        latest = dict(published.annotate(latest=Max("updated_at")).values_list("field", "latest"))
        return [FieldPage(value, latest[value]) for value in Field.values if value in latest]

    def location(self, field):
        return reverse("titles:field-detail", args=[field.value])


class FieldPage:
    def __init__(self, value, latest):
        self.value, self.latest = value, latest


class TagSitemap(BilingualSitemap):
    priority = 0.4

    def items(self):
        published = Title.objects.published()
        return (
            Tag.objects.filter(tagged_titles__content_object__in=published)
            .annotate(latest=Max("tagged_titles__content_object__updated_at"))
            .order_by("slug")
        )

    def location(self, tag):
        return reverse("titles:tag-detail", args=[tag.slug])


SITEMAPS = {
    "pages": PageSitemap,
    "fields": FieldSitemap,
    "tags": TagSitemap,
    "titles": TitleSitemap,
    "guides": GuideSitemap,
}
