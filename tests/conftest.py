import pytest

from tests.factories import make_editor


@pytest.fixture
def editor(db):
    return make_editor()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
