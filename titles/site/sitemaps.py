"""sitemap.xml: every public page in Swedish and English, each with its hreflang alternates."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from titles.models import Field, Tag, Title


class BilingualSitemap(Sitemap):
    """Each page once per language, with its ``hreflang`` alternates.

    No ``x-default`` here: Django would give the address without a language prefix, and
    "/yrken/<slug>/" only leads somewhere for a Swedish reader. The pages themselves name the
    Swedish page as ``x-default``.
    """

    i18n = True
    alternates = True


class TitleSitemap(BilingualSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Title.objects.published().order_by("slug").only("slug", "updated_at")

    def lastmod(self, title):
        return title.updated_at


class PageSitemap(BilingualSitemap):
    priority = 0.6

    def items(self):
        return [
            "titles:home",
            "titles:index",
            "titles:compare",
            "titles:career-paths",
            "titles:recent",
        ]

    def location(self, name):
        return reverse(name)


class FieldSitemap(BilingualSitemap):
    priority = 0.5

    def items(self):
        used = set(Title.objects.published().order_by().values_list("field", flat=True).distinct())
        return [value for value in Field.values if value in used]

    def location(self, field):
        return reverse("titles:field-detail", args=[field])


class TagSitemap(BilingualSitemap):
    priority = 0.4

    def items(self):
        published = Title.objects.published()
        return Tag.objects.filter(tagged_titles__content_object__in=published).distinct()

    def location(self, tag):
        return reverse("titles:tag-detail", args=[tag.slug])


SITEMAPS = {
    "pages": PageSitemap,
    "fields": FieldSitemap,
    "tags": TagSitemap,
    "titles": TitleSitemap,
}
