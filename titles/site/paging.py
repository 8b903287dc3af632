"""Pages of a long list: a slice of a query, and a count that does not read the whole table.

Django's ``Paginator`` counts its list with ``COUNT(*)``, which reads every row the list
holds: at 50,000 titles that is most of the table on every request. The list pages know their
counts already (computed once per content version, ``freshness.per_version``), so the
paginator is handed the count and only ever runs the page's ``LIMIT``/``OFFSET`` query.
"""

from functools import cached_property

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.utils.translation import gettext as _


class CountedPaginator(Paginator):
    """A paginator told its count instead of counting."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page, allow_empty_first_page=True)
        self._known_count = count

    @cached_property
    def count(self):
        return self._known_count


def page_size():
    return settings.LIST_PAGE_SIZE


def page_of(request, items, count):
    """The page ``?page=`` asks for (the first by default); 404 for a page that is not there."""
    paginator = CountedPaginator(items, page_size(), count)
    number = request.GET.get("page", "1")
    try:
        page = paginator.page(number)
    except InvalidPage:
        raise Http404(_("There is no such page.")) from None
    page.object_list = list(page.object_list)
    page.elided = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    return page
