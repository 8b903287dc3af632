"""The controlled values of the glossary: languages, fields, seniorities, statuses, kinds."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")


LANGUAGE_CODES = tuple(Language.values)


class Field(models.TextChoices):
    MARKETING = "marketing", _("Marketing")
    COMMUNICATIONS = "communications", _("Communications")
    DIGITAL = "digital", _("E-commerce and digital")
    SALES = "sales", _("Sales and accounts")
    PROJECT = "project", _("Project management")
    CREATIVE = "creative", _("Creative and content")
    STAFFING = "staffing", _("Staffing and recruitment")
    LEADERSHIP = "leadership", _("Leadership")
    ADMINISTRATION = "administration", _("Office and administration")


class Seniority(models.TextChoices):
    ENTRY = "entry", _("Entry level")
    MID = "mid", _("Mid level")
    SENIOR = "senior", _("Senior")
    LEAD = "lead", _("Lead")
    EXECUTIVE = "executive", _("Executive")


class Focus(models.TextChoices):
    """The line the seed texts draw between sales-driving and brand-building work."""

    SALES = "sales", _("Sales-driving")
    BRAND = "brand", _("Brand-building")
    BOTH = "both", _("Both sales-driving and brand-building")
    NONE = "none", _("Supporting role")


class Profile(models.TextChoices):
    SPECIALIST = "specialist", _("Specialist")
    GENERALIST = "generalist", _("Generalist")


class Status(models.TextChoices):
    """The editorial workflow: draft → in review → published (→ retired).

    Only published titles are public; moving a title into or out of published or retired
    needs the ``publish_title`` permission (the Publishers group).
    """

    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Retired")


PUBLISHER_STATUSES = (Status.PUBLISHED, Status.RETIRED)


def published_q(prefix=""):
    """The one visibility rule, as a condition: on titles, or (``prefix`` such as
    ``"target__"``) on what points at a title. The site, search, sitemap and API use it."""
    return Q(**{f"{prefix}status": Status.PUBLISHED})


class LabelKind(models.TextChoices):
    PREFERRED = "preferred", _("Preferred")
    ALTERNATIVE = "alternative", _("Alternative")
    ABBREVIATION = "abbreviation", _("Abbreviation")
    FORMER = "former", _("Former / historical")
    HIDDEN = "hidden", _("Hidden (misspelling: found by search, never shown)")


class RelationType(models.TextChoices):
    RELATED = "related", _("Related / overlapping")
    CONFUSED_WITH = "confused_with", _("Often confused with")
    NEXT_STEP = "next_step", _("Next career step")
    SPECIALISATION_OF = "specialisation_of", _("Specialisation of")


SYMMETRIC_TYPES = (RelationType.RELATED, RelationType.CONFUSED_WITH)

# The kinds of label the A–Ö index files: the name, and abbreviations as cross-references.
INDEXED_KINDS = ("preferred", "abbreviation")

# The kinds of label a page shows: hidden labels are misspellings, for search only.
VISIBLE_KINDS = (
    LabelKind.PREFERRED,
    LabelKind.ALTERNATIVE,
    LabelKind.ABBREVIATION,
    LabelKind.FORMER,
)
