"""Small builders for test data: readable defaults, every value overridable."""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from titles.models import (
    Guide,
    Label,
    Relation,
    Responsibility,
    Source,
    Status,
    Tag,
    Title,
    TitleTopic,
    Topic,
)

_numbers = itertools.count(1)


def make_title(name_sv=None, name_en=None, **fields):
    number = next(_numbers)
    name_sv = name_sv or f"Testroll {number}"
    name_en = name_en or f"Test role {number}"
    defaults = {
        "slug": f"testroll-{number}",
        "name_sv": name_sv,
        "name_en": name_en,
        "definition_sv": f"{name_sv} gör saker.",
        "definition_en": f"A {name_en} does things.",
        "description_sv": "En längre beskrivning.",
        "description_en": "A longer description.",
        "field": "marketing",
        "seniority": "mid",
        "focus": "both",
        "profile": "generalist",
        "status": Status.PUBLISHED,
    }
    defaults.update(fields)
    return Title.objects.create(**defaults)


def make_label(title, text, language="sv", kind="alternative", **fields):
    return Label.objects.create(title=title, text=text, language=language, kind=kind, **fields)


def make_responsibility(title, text_sv="Gör något", text_en="Does something", order=0):
    return Responsibility.objects.create(title=title, text_sv=text_sv, text_en=text_en, order=order)


def make_relation(source, target, type="related", **fields):
    return Relation.objects.create(source=source, target=target, type=type, **fields)


def make_source(**fields):
    number = next(_numbers)
    defaults = {"key": f"source-{number}", "title": f"Source {number}"}
    defaults.update(fields)
    return Source.objects.create(**defaults)


def make_tag(slug, name_sv, name_en):
    """A tag as the loader makes it: the untranslated name is the Swedish one."""
    return Tag.objects.create(slug=slug, name=name_sv, name_sv=name_sv, name_en=name_en)


def make_topic(title=None, name_sv=None, name_en=None):
    """A topic (and, given a title, that title working with it)."""
    number = next(_numbers)
    name_sv = name_sv or f"ämne {number}"
    topic = Topic.objects.create(
        slug=f"topic-{number}", name=name_sv, name_sv=name_sv, name_en=name_en or f"topic {number}"
    )
    if title is not None:
        TitleTopic.objects.create(title=title, topic=topic)
    return topic


def make_editor(username="redaktor", password="a-long-editor-password-1"):
    user = get_user_model().objects.create_user(username, password=password, is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def make_publisher(username="publicist", password="a-long-publisher-password-1"):
    user = make_editor(username, password)
    user.groups.set([Group.objects.get(name="Publishers")])
    return user


def make_guide(slug="om-roller", status="published", body="Text.", **fields):
    values = {
        "title_sv": "Om roller",
        "title_en": "About roles",
        "summary_sv": "En kort guide om roller.",
        "summary_en": "A short guide about roles.",
        "body_sv": body,
        "body_en": body,
        **fields,
    }
    return Guide.objects.create(slug=slug, status=status, **values)
