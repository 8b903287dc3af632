"""The shapes the read API answers with. They are the OpenAPI schema: a field added here is
documented at once, and the schemathesis test checks that every answer conforms."""

from datetime import datetime

from ninja import Schema
from pydantic import Field


class Bilingual(Schema):
    """A text in both languages; an empty string where it has not been written yet."""

    sv: str
    en: str


class Named(Schema):
    slug: str
    names: Bilingual


class Label(Schema):
    text: str
    language: str = Field(description="sv or en")
    kind: str = Field(description="preferred, alternative, abbreviation or former")


class Relation(Schema):
    type: str = Field(
        description="As seen from this title: related, confused_with, previous_step, "
        "next_step, broader (a specialisation of) or narrower"
    )
    slug: str
    names: Bilingual
    note: Bilingual
    url: str


class Source(Schema):
    key: str
    title: str
    author: str
    publisher: str
    url: str
    date: str | None


class Codes(Schema):
    ssyk: str = Field(description="SSYK 2012 unit group (4 digits), or empty")
    isco: str = Field(description="ISCO-08 unit group (4 digits), or empty")
    esco: str = Field(description="ESCO occupation URI, or empty")


class TitleSummary(Schema):
    slug: str
    names: Bilingual
    definition: Bilingual
    field: str
    seniority: str
    url: str = Field(description="The role page (its concept URI)")
    api_url: str
    updated_at: datetime


class TitleDetail(TitleSummary):
    status: str
    urls: Bilingual = Field(description="The role page in each language")
    labels: list[Label]
    description: Bilingual
    note: Bilingual
    pathway: Bilingual
    responsibilities: list[Bilingual]
    skills: list[Bilingual]
    focus: str
    profile: str
    field_names: Bilingual
    relations: list[Relation]
    codes: Codes
    topics: list[Named]
    tags: list[Named]
    sources: list[Source]
    last_reviewed: str | None


class TitlePage(Schema):
    results: list[TitleSummary]
    next: str | None = Field(description="The next page's address, or null on the last page")


class Group(Schema):
    slug: str
    names: Bilingual
    count: int = Field(description="Published titles in it")
    url: str


class Suggestion(Schema):
    slug: str
    names: Bilingual
    matched: Label
    url: str


class Suggestions(Schema):
    query: str
    results: list[Suggestion]


class Change(Schema):
    slug: str
    change: str = Field(
        description="created, changed, retired, merged (see replaced_by) or moved (an old "
        "slug; replaced_by is the title's slug now)"
    )
    at: datetime
    replaced_by: str | None


class Changes(Schema):
    since: datetime
    results: list[Change]
    next: str | None


class ErrorBody(Schema):
    code: str
    message: str


class Error(Schema):
    error: ErrorBody
