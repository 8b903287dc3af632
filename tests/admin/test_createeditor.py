"""createeditor: the command that makes editors and publishers for the admin."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_createeditor_makes_a_staff_user_in_the_editors_group(client):
    call_command(
        "createeditor", "anna", "--password", "a-long-editor-password-1", stdout=StringIO()
    )
    user = get_user_model().objects.get(username="anna")
    assert user.is_staff and not user.is_superuser
    assert [group.name for group in user.groups.all()] == ["Editors"]
    # Through the login form, as the editor will (django-axes watches it).
    response = client.post(
        "/admin/login/?next=/admin/titles/title/",
        {"username": "anna", "password": "a-long-editor-password-1"},
    )
    assert response.status_code == 302
    assert client.get("/admin/titles/title/").status_code == 200


def test_createeditor_refuses_an_existing_user_and_weak_passwords():
    call_command(
        "createeditor", "anna", "--password", "a-long-editor-password-1", stdout=StringIO()
    )
    with pytest.raises(CommandError, match="exists already"):
        call_command("createeditor", "anna", "--password", "a-long-editor-password-1")
    call_command("createeditor", "anna", "--if-missing", "--password", "x")  # quietly fine
    with translation.override("en"), pytest.raises(CommandError, match="too short"):
        call_command("createeditor", "bo", "--password", "abc")
    assert not get_user_model().objects.filter(username="bo").exists()


def test_createeditor_makes_a_publisher_on_request():
    call_command(
        "createeditor", "pia", "--publisher", "--password", "a-long-editor-password-1",
        stdout=StringIO(),
    )  # fmt: skip
    user = get_user_model().objects.get(username="pia")
    assert [group.name for group in user.groups.all()] == ["Publishers"]
    assert user.has_perm("titles.publish_title")
