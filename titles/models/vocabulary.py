"""The shared vocabularies entries refer to: sources, the translated tags and topics."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.models import TagBase, TaggedItemBase

from titles.models.validators import web_url_problem
from titles.normalize import compact
from titles.stemming import stem


class Source(models.Model):
    """A publication an entry relies on (a seed post, a classification, a reference)."""

    key = models.SlugField(
        max_length=80, unique=True, help_text=_("Short stable name used by the content files.")
    )
    title = models.CharField(_("title"), max_length=300)
    author = models.CharField(_("author"), max_length=200, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        by = self.author or self.publisher
        return f"{self.title} ({by})" if by else self.title

    def clean(self):
        problem = web_url_problem(self.url) if self.url else None
        if problem:
            raise ValidationError({"url": problem})


class Tag(TagBase):
    """A language-neutral slug with a name in each language (``name_sv``/``name_en``)."""

    class Meta:
        ordering = ["slug"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")


class Topic(models.Model):
    """A term for the work a role does ("nyhetsbrev", "A/B-tester"), never a role's name.

    Students search for the work as often as for the title; topics are a controlled,
    translated vocabulary (``name_sv``/``name_en``) shared by the roles that do that work.
    """

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    # The names as search compares them (``Label.compact``/``Label.stem``), kept by save().
    compact_sv = models.CharField(max_length=120, editable=False, db_index=True, default="")
    compact_en = models.CharField(max_length=120, editable=False, db_index=True, default="")
    stem_sv = models.CharField(max_length=120, editable=False, db_index=True, default="")
    stem_en = models.CharField(max_length=120, editable=False, db_index=True, default="")

    class Meta:
        ordering = ["slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        for language in ("sv", "en"):
            name = getattr(self, f"name_{language}", None) or self.name or ""
            setattr(self, f"compact_{language}", compact(name))
            setattr(self, f"stem_{language}", stem(name, language))
        super().save(*args, **kwargs)


class TitleTopic(models.Model):
    """A title works with a topic (an explicit table, so history can record it)."""

    title = models.ForeignKey("Title", on_delete=models.CASCADE, related_name="title_topics")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="title_topics")

    class Meta:
        verbose_name = _("topic of a title")
        verbose_name_plural = _("topics of titles")
        constraints = [
            models.UniqueConstraint(fields=["title", "topic"], name="title_topic_unique")
        ]

    def __str__(self):
        return f"{self.title_id} – {self.topic}"


class TaggedTitle(TaggedItemBase):
    """Tags join titles through real foreign keys (no generic relations)."""

    content_object = models.ForeignKey("Title", on_delete=models.CASCADE)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_titles")

    class Meta:
        verbose_name = _("tagged title")
        verbose_name_plural = _("tagged titles")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="tagged_title_unique")
        ]
