"""Which fields are bilingual (django-modeltranslation adds ``_sv`` and ``_en`` columns)."""

from modeltranslation.translator import TranslationOptions, register

from titles.history import register_history
from titles.models import Guide, Relation, Responsibility, Skill, Tag, Title, Topic


@register(Title)
class TitleTranslationOptions(TranslationOptions):
    fields = ("name", "definition", "description", "note", "pathway")
    # A title always has a name in both languages: each is its preferred label.
    required_languages = {"sv": ("name",), "en": ("name",)}


@register(Responsibility)
class ResponsibilityTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = ("sv",)


@register(Skill)
class SkillTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = ("sv",)


@register(Relation)
class RelationTranslationOptions(TranslationOptions):
    fields = ("note",)


@register(Tag)
class TagTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("sv", "en")


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("sv", "en")


@register(Guide)
class GuideTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")
    required_languages = ("sv", "en")


# History must see the translated columns above, so it is registered after them.
register_history()
