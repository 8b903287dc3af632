"""A revalidated page that has not changed is answered 304 before the rest of the middleware
and the view run (``NotModifiedMiddleware``), with the same validators as the view's own 304;
everything else still reaches the view."""

import pytest
from django.conf import settings
from django.test import override_settings

from tests.factories import make_title
from tests.pages import url_in
from tests.site.test_freshness import PAGES

pytestmark = pytest.mark.django_db

EARLY = "titles.site.freshness.NotModifiedMiddleware"
# What a client compares and keeps from a 304 (RFC 9110, 15.4.5).
VALIDATORS = ["ETag", "Last-Modified", "Cache-Control", "Vary"]


class Reached:
    """The innermost middleware: records each request that got past the ones above it."""

    paths = []

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        Reached.paths.append(request.path)
        return self.get_response(request)


@pytest.fixture
def reached():
    Reached.paths = []
    with override_settings(
        MIDDLEWARE=[*settings.MIDDLEWARE, "tests.site.test_not_modified.Reached"]
    ):
        yield Reached.paths


@pytest.fixture
def role():
    return make_title(slug="roll", field="marketing")


def headers(response):
    return {name: response.get(name) for name in VALIDATORS}


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_an_unchanged_page_is_answered_before_the_view_runs(client, role, reached, name, args):
    url = url_in("sv", name, *args)
    etag = client.get(url)["ETag"]
    reached.clear()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert reached == []


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_the_early_304_carries_what_the_views_304_carries(client, role, name, args):
    url = url_in("en", name, *args)
    etag = client.get(url)["ETag"]
    early = client.get(url, HTTP_IF_NONE_MATCH=etag)
    without = [entry for entry in settings.MIDDLEWARE if entry != EARLY]
    with override_settings(MIDDLEWARE=without):
        late = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert (early.status_code, late.status_code) == (304, 304)
    assert headers(early) == headers(late)
    assert "no-cache" in early["Cache-Control"]


def test_if_modified_since_alone_is_answered_early_too(client, role, reached):
    url = url_in("sv", "titles:title-detail", "roll")
    last_modified = client.get(url)["Last-Modified"]
    reached.clear()
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert reached == []


def test_a_changed_page_reaches_the_view(client, role, reached):
    url = url_in("sv", "titles:title-detail", "roll")
    etag = client.get(url)["ETag"]
    make_title(slug="ny-roll", field="marketing")
    reached.clear()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert reached == [url]


def test_a_machine_form_of_a_role_is_left_to_its_own_negotiation(client, role, reached):
    url = url_in("sv", "titles:title-detail", "roll")
    etag = client.get(url)["ETag"]
    reached.clear()
    response = client.get(url, HTTP_IF_NONE_MATCH=etag, HTTP_ACCEPT="text/turtle")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/turtle")
    assert reached == [url]


@pytest.mark.parametrize(
    ("method", "path"),
    [("post", "/sv/"), ("get", "/api/v1/fields"), ("get", "/sv/finns-inte/")],
)
def test_other_requests_go_on_as_before(client, role, reached, method, path):
    """Another method, a page that is not ``fresh``, an address that is no page."""
    etag = client.get(url_in("sv", "titles:home"))["ETag"]
    reached.clear()
    response = getattr(client, method)(path, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code != 304
    assert reached == [path]
