"""The glossary as a terminology base: one concept (``Title``), many names (``Label``).

Reader-facing text is bilingual through django-modeltranslation (see ``translation.py``):
``name``, ``definition``, ``description`` and ``note`` each have ``_sv`` and
``_en`` columns. The preferred label of each language is kept in step with ``Title.name``
by ``Title.sync_preferred_labels``, so search only ever looks at labels.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest, Least
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TagBase, TaggedItemBase

from titles.normalize import compact, normalize


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


digits = RegexValidator(r"^\d{1,4}$", _("Enter the code as one to four digits."))


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


class Tag(TagBase):
    """A language-neutral slug with a name in each language (``name_sv``/``name_en``)."""

    class Meta:
        ordering = ["slug"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")


class TitleQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: the site, search, sitemap and API start here."""
        return self.filter(status=Status.PUBLISHED)

    def with_counts(self):
        """Annotate label counts per language, responsibilities and relations.

        Subqueries rather than ``Count`` over joins: several joins in one query would
        multiply the rows and give wrong counts.
        """

        def count_of(model, outer_field="pk", **filters):
            rows = (
                model.objects.filter(title=OuterRef(outer_field), **filters)
                .order_by()
                .values("title")
                .annotate(n=Count("pk"))
                .values("n")
            )
            return Coalesce(Subquery(rows), 0)

        def relations_of(direction):
            rows = (
                Relation.objects.filter(**{direction: OuterRef("pk")})
                .order_by()
                .values(direction)
                .annotate(n=Count("pk"))
                .values("n")
            )
            return Coalesce(Subquery(rows), 0)

        return self.annotate(
            labels_sv=count_of(Label, language=Language.SWEDISH),
            labels_en=count_of(Label, language=Language.ENGLISH),
            responsibility_count=count_of(Responsibility),
            relation_count=relations_of("source") + relations_of("target"),
        )

    def missing_text(self, language):
        """Titles with an empty name, definition, description, responsibility or skill."""
        empty = Q()
        for field in ("name", "definition", "description"):
            empty |= Q(**{f"{field}_{language}": ""})
        blank_items = [
            model.objects.filter(title=OuterRef("pk"), **{f"text_{language}": ""})
            for model in (Responsibility, Skill)
        ]
        return self.filter(
            empty | Q(models.Exists(blank_items[0])) | Q(models.Exists(blank_items[1]))
        )


class Title(models.Model):
    """A job title as a concept: one role, whatever it is called."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    definition = models.TextField(_("definition"), blank=True, help_text=_("One sentence."))
    description = models.TextField(_("description"), blank=True)
    note = models.TextField(
        _("misconceptions and equivalence"),
        blank=True,
        help_text=_("Common mistranslations, and where no one-to-one equivalent exists."),
    )
    field = models.CharField(_("field"), max_length=20, choices=Field.choices)
    seniority = models.CharField(_("seniority"), max_length=20, choices=Seniority.choices)
    focus = models.CharField(_("focus"), max_length=20, choices=Focus.choices)
    profile = models.CharField(_("profile"), max_length=20, choices=Profile.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    tags = TaggableManager(through="TaggedTitle", blank=True, verbose_name=_("tags"))
    sources = models.ManyToManyField(
        Source, blank=True, related_name="titles", verbose_name=_("sources")
    )
    esco_uri = models.URLField(_("ESCO occupation URI"), max_length=300, blank=True)
    ssyk_code = models.CharField(_("SSYK 2012 code"), max_length=4, blank=True, validators=[digits])
    isco_code = models.CharField(_("ISCO-08 code"), max_length=4, blank=True, validators=[digits])
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Fingerprints written by `loadglossary`: of the content file as last loaded, and of the
    # entry as it stood right after. A different state later means an editor changed it, and
    # the loader then leaves it alone unless told --force.
    loaded_file_hash = models.CharField(max_length=64, blank=True, editable=False)
    loaded_state_hash = models.CharField(max_length=64, blank=True, editable=False)
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("replaced by"),
        help_text=_("For a retired title: its old address redirects here."),
    )
    last_reviewed_at = models.DateField(_("last reviewed"), null=True, blank=True)
    # Optimistic locking: each save adds one, and the admin refuses a save based on an older
    # version, so two editors never silently overwrite each other.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    objects = TitleQuerySet.as_manager()

    class Meta:
        ordering = ["name_sv"]
        permissions = [("publish_title", _("Can publish, retire and merge job titles"))]
        verbose_name = _("job title")
        verbose_name_plural = _("job titles")
        indexes = [
            # The public site lists published titles by field.
            models.Index(fields=["status", "field"], name="title_status_field_idx"),
            # "Recently updated" on the home page.
            models.Index(fields=["-updated_at"], name="title_updated_idx"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        for language in LANGUAGE_CODES:
            field = f"name_{language}"
            setattr(self, field, (getattr(self, field) or "").strip())
        if self.pk:
            self.version = (self.version or 0) + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)
        self.keep_old_address()
        self.sync_preferred_labels()

    def get_absolute_url(self):
        return reverse("titles:title-detail", args=[self.slug])

    @classmethod
    def from_db(cls, db, field_names, values):
        title = super().from_db(db, field_names, values)
        title._saved_slug = title.__dict__.get("slug")
        return title

    def keep_old_address(self):
        """After a slug change the old address keeps working (301); a slug in use wins."""
        old = getattr(self, "_saved_slug", None)
        SlugRedirect.objects.filter(old_slug=self.slug).delete()
        if old and old != self.slug:
            SlugRedirect.objects.update_or_create(old_slug=old, defaults={"title": self})
        self._saved_slug = self.slug

    def clean(self):
        errors = {}
        for language in LANGUAGE_CODES:
            field = f"name_{language}"
            if not (getattr(self, field) or "").strip():
                errors[field] = _("A job title needs a name in both Swedish and English.")
        if errors:
            raise ValidationError(errors)

    def sync_preferred_labels(self):
        """Keep exactly one preferred label per language equal to the title's name.

        An alternative or hidden label that spells the same name is dropped: the name now
        says it, and two labels with one spelling on one title would be ambiguous.
        """
        for language in LANGUAGE_CODES:
            text = getattr(self, f"name_{language}") or ""
            if not text:
                continue
            self.labels.filter(language=language, compact=compact(text)).exclude(
                kind=LabelKind.PREFERRED
            ).delete()
            Label.objects.update_or_create(
                title=self,
                language=language,
                kind=LabelKind.PREFERRED,
                defaults={"text": text},
            )


class LabelKind(models.TextChoices):
    PREFERRED = "preferred", _("Preferred")
    ALTERNATIVE = "alternative", _("Alternative")
    ABBREVIATION = "abbreviation", _("Abbreviation")
    FORMER = "former", _("Former / historical")
    HIDDEN = "hidden", _("Hidden (misspelling: found by search, never shown)")


class Label(models.Model):
    """One name of a title, in one language, of one kind."""

    title = models.ForeignKey(
        Title, on_delete=models.CASCADE, related_name="labels", verbose_name=_("job title")
    )
    text = models.CharField(_("text"), max_length=120)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=LabelKind.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    source = models.ForeignKey(
        Source, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("source")
    )
    normalized = models.CharField(max_length=120, editable=False, db_index=True)
    compact = models.CharField(max_length=120, editable=False, db_index=True)

    class Meta:
        ordering = ["language", "kind", "text"]
        verbose_name = _("label")
        verbose_name_plural = _("labels")
        constraints = [
            models.UniqueConstraint(
                fields=["title", "language"],
                condition=Q(kind="preferred"),
                name="label_one_preferred_per_language",
                violation_error_message=_("A title has exactly one preferred name per language."),
            ),
            models.UniqueConstraint(
                fields=["title", "language", "compact"],
                name="label_unique_text_per_title_language",
            ),
        ]

    def __str__(self):
        return f"{self.text} ({self.language})"

    def save(self, *args, **kwargs):
        self.text = self.text.strip()
        self.normalized = normalize(self.text)
        self.compact = compact(self.text)
        super().save(*args, **kwargs)

    def clean(self):
        """Refuse empty text, a second preferred name and a repeated spelling, with reasons."""
        self.text = (self.text or "").strip()
        if not normalize(self.text):
            raise ValidationError({"text": _("A label needs some letters or digits.")})
        if self.title_id is None or not self.language:
            return
        siblings = Label.objects.filter(title_id=self.title_id, language=self.language).exclude(
            pk=self.pk
        )
        if self.kind == LabelKind.PREFERRED and siblings.filter(kind=LabelKind.PREFERRED).exists():
            raise ValidationError(
                {
                    "kind": _(
                        "This title already has a preferred name in this language. "
                        "Change the title's name instead, or make this label an alternative."
                    )
                }
            )
        same = siblings.filter(compact=compact(self.text)).first()
        if same:
            raise ValidationError(
                {
                    "text": _("“%(text)s” is already a %(kind)s label of this title.")
                    % {"text": same.text, "kind": same.get_kind_display().lower()}
                }
            )

    def collisions(self):
        """Labels of other titles with the same spelling in the same language."""
        return (
            Label.objects.filter(language=self.language, compact=self.compact)
            .exclude(title_id=self.title_id)
            .select_related("title")
        )


class Responsibility(models.Model):
    """One thing the role does, in both languages, in the order editors choose."""

    title = models.ForeignKey(
        Title,
        on_delete=models.CASCADE,
        related_name="responsibilities",
        verbose_name=_("job title"),
    )
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")

    def __str__(self):
        return self.text


class Skill(models.Model):
    """A skill or trait the role asks for, in both languages, in the order editors choose."""

    title = models.ForeignKey(
        Title, on_delete=models.CASCADE, related_name="skills", verbose_name=_("job title")
    )
    text = models.CharField(_("text"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("skill or trait")
        verbose_name_plural = _("skills and traits")

    def __str__(self):
        return self.text


class RelationType(models.TextChoices):
    RELATED = "related", _("Related / overlapping")
    CONFUSED_WITH = "confused_with", _("Often confused with")
    NEXT_STEP = "next_step", _("Next career step")
    SPECIALISATION_OF = "specialisation_of", _("Specialisation of")


SYMMETRIC_TYPES = (RelationType.RELATED, RelationType.CONFUSED_WITH)


class Relation(models.Model):
    """A typed link between two titles.

    ``related`` and ``confused_with`` are symmetric: stored once, shown on both pages.
    ``next_step`` points up the career ladder (its target shows "previous step");
    ``specialisation_of`` points from the narrower role to the broader one.
    """

    source = models.ForeignKey(
        Title,
        on_delete=models.CASCADE,
        related_name="outgoing_relations",
        verbose_name=_("from"),
    )
    target = models.ForeignKey(
        Title,
        on_delete=models.CASCADE,
        related_name="incoming_relations",
        verbose_name=_("to"),
    )
    type = models.CharField(_("type"), max_length=20, choices=RelationType.choices)
    note = models.TextField(_("note"), blank=True, help_text=_("For example: the difference."))

    class Meta:
        ordering = ["type", "pk"]
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(source=F("target")),
                name="relation_not_to_itself",
                violation_error_message=_("A title cannot be related to itself."),
            ),
            models.UniqueConstraint(
                fields=["source", "target", "type"],
                name="relation_unique",
                violation_error_message=_("This relation exists already."),
            ),
            # A symmetric relation is one fact: A–B and B–A may not both be stored.
            models.UniqueConstraint(
                Least("source", "target"),
                Greatest("source", "target"),
                "type",
                condition=Q(type__in=["related", "confused_with"]),
                name="relation_symmetric_once",
            ),
        ]
        indexes = [
            # Role pages read the relations pointing at a title.
            models.Index(fields=["target", "type"], name="relation_target_idx"),
        ]

    def __str__(self):
        return f"{self.source} → {self.get_type_display()} → {self.target}"

    @property
    def is_symmetric(self):
        return self.type in SYMMETRIC_TYPES

    def clean(self):
        if self.source_id is None or self.target_id is None or not self.type:
            return
        if self.source_id == self.target_id:
            raise ValidationError({"target": _("A title cannot be related to itself.")})
        others = Relation.objects.exclude(pk=self.pk)
        if others.filter(source_id=self.source_id, target_id=self.target_id, type=self.type):
            raise ValidationError({"target": _("This relation exists already.")})
        reverse_relation = others.filter(
            source_id=self.target_id, target_id=self.source_id, type=self.type
        )
        if reverse_relation.exists():
            message = (
                _("This relation is already stored from the other title; it shows on both pages.")
                if self.is_symmetric
                else _("The other title already points here with this type; that would be a loop.")
            )
            raise ValidationError({"target": message})


class SlugRedirect(models.Model):
    """A former address of a title: its public page answers 301 to the current one."""

    old_slug = models.SlugField(_("old slug"), max_length=80, unique=True)
    title = models.ForeignKey(
        Title, on_delete=models.CASCADE, related_name="slug_redirects", verbose_name=_("title")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["old_slug"]
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self):
        return f"{self.old_slug} → {self.title.slug}"


class TaggedTitle(TaggedItemBase):
    """Tags join titles through real foreign keys (no generic relations)."""

    content_object = models.ForeignKey(Title, on_delete=models.CASCADE)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_titles")

    class Meta:
        verbose_name = _("tagged title")
        verbose_name_plural = _("tagged titles")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="tagged_title_unique")
        ]


class SearchMiss(models.Model):
    """A search that found nothing, kept so editors see what students looked for.

    One row per normalised query (``normalize`` folds case, diacritics and separators, so
    "Säljchef!" and "saljchef" count together); written by ``titles.search.record_miss``.
    """

    query = models.CharField(_("query"), max_length=200, unique=True)
    count = models.PositiveIntegerField(_("times searched"), default=1)
    first_seen = models.DateTimeField(_("first seen"), default=timezone.now, editable=False)
    last_seen = models.DateTimeField(_("last seen"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-count", "-last_seen"]
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")
        indexes = [
            # The editors' list shows the most frequent misses first.
            models.Index(fields=["-count", "-last_seen"], name="searchmiss_count_idx"),
        ]

    def __str__(self):
        return self.query
