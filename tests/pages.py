"""Reading pages in tests: URLs in a given language, a page's HTML, its query count."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation


def url_in(language, name, *args):
    with translation.override(language):
        return reverse(name, args=args)


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def count_queries(client, url):
    """How many database queries one successful GET of ``url`` takes."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def change_url(title):
    """The title's change page in the admin."""
    return reverse("admin:titles_title_change", args=[title.pk])


def role_url(language, slug):
    """The address of the role page of the title with (Swedish) ``slug`` in ``language``: the
    English page is at the title's English slug."""
    from titles.models import Title

    return Title.objects.get(slug=slug).get_absolute_url(language)
