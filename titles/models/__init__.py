"""The glossary as a terminology base: one concept (``Title``), many names (``Label``).

Reader-facing text is bilingual through django-modeltranslation (see ``translation.py``):
``name``, ``definition``, ``description`` and ``note`` each have ``_sv`` and ``_en``
columns. The preferred label of each language is kept in step with ``Title.name`` by
``Title.sync_preferred_labels``, so search only ever looks at labels.

``choices`` holds the controlled values and the visibility rule (``published_q``); each
model module its model and queryset.
"""

from titles.models.choices import (
    INDEXED_KINDS,
    LANGUAGE_CODES,
    PUBLISHER_STATUSES,
    SYMMETRIC_TYPES,
    VISIBLE_KINDS,
    Field,
    Focus,
    LabelKind,
    Language,
    Profile,
    RelationType,
    Seniority,
    Status,
    published_q,
)
from titles.models.content_version import ContentVersion
from titles.models.guide import Guide, GuideStatus
from titles.models.items import Responsibility, Skill
from titles.models.label import Label
from titles.models.misses import SearchMiss
from titles.models.relation import Relation
from titles.models.revision import Revision, RevisionState
from titles.models.suggestion import Suggestion, SuggestionKind, SuggestionState
from titles.models.synonym import Synonym
from titles.models.title import LIST_FIELDS, EnglishSlugRedirect, SlugRedirect, Title, slug_in
from titles.models.vocabulary import Source, Tag, TaggedTitle, TitleTopic, Topic

__all__ = [
    "LANGUAGE_CODES",
    "LIST_FIELDS",
    "PUBLISHER_STATUSES",
    "SYMMETRIC_TYPES",
    "INDEXED_KINDS",
    "VISIBLE_KINDS",
    "ContentVersion",
    "EnglishSlugRedirect",
    "Field",
    "Guide",
    "GuideStatus",
    "Focus",
    "Label",
    "LabelKind",
    "Language",
    "Profile",
    "Relation",
    "RelationType",
    "Responsibility",
    "Revision",
    "RevisionState",
    "SearchMiss",
    "Seniority",
    "SlugRedirect",
    "Skill",
    "Source",
    "Status",
    "Suggestion",
    "SuggestionKind",
    "SuggestionState",
    "Synonym",
    "Tag",
    "TaggedTitle",
    "Title",
    "TitleTopic",
    "Topic",
    "published_q",
    "slug_in",
]
