"""Reading public pages in tests: URLs in a given language, and a page's HTML."""

from django.urls import reverse
from django.utils import translation


def url_in(language, name, *args):
    with translation.override(language):
        return reverse(name, args=args)


def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()
