"""The concept: one role, whatever it is called (``Title``), and its former addresses."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from titles.models.choices import (
    LANGUAGE_CODES,
    Field,
    Focus,
    LabelKind,
    Language,
    Profile,
    Seniority,
    Status,
    published_q,
)
from titles.models.items import Responsibility, Skill
from titles.models.label import Label
from titles.models.relation import Relation
from titles.models.validators import web_url_problem
from titles.models.vocabulary import Source, Topic
from titles.normalize import compact

digits = RegexValidator(r"^\d{1,4}$", _("Enter the code as one to four digits."))
address_slug = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    _("Use lowercase letters a–z, digits and single hyphens, e.g. marketing-assistant."),
)

# What a list of titles shows (links, names): the slim form of a title.
LIST_FIELDS = ("slug", "slug_en", "name_sv", "name_en")
SLUG_LENGTH = 80


def slug_in(language, slug, slug_en):
    """The slug of a title's page in ``language``: the English page has its own address
    (``slug_en``), the Swedish page is the concept's (``slug``). A title without an English
    slug (rows written in bulk) has its English page at the Swedish slug."""
    return (slug_en or slug) if language == "en" else slug


def page_language(language=None):
    return (language or get_language() or "sv")[:2]


class TitleQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: the site, search, sitemap and API start here."""
        return self.filter(published_q())

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

    slug = models.SlugField(_("slug"), max_length=SLUG_LENGTH, unique=True)
    # Unique where set (see Meta); ``save`` fills it in from the English name.
    slug_en = models.SlugField(
        _("English slug"),
        max_length=SLUG_LENGTH,
        blank=True,
        validators=[address_slug],
        help_text=_(
            "The address of the English page (/en/roles/…/). Left empty, it is made from the "
            "English name. A changed address keeps redirecting to the new one."
        ),
    )
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
    topics = models.ManyToManyField(
        Topic,
        through="TitleTopic",
        blank=True,
        related_name="titles",
        verbose_name=_("topics"),
        help_text=_("What the role works with, in words students search for (at least three)."),
    )
    pathway = models.TextField(
        _("how to get there"),
        blank=True,
        help_text=_("Typical education and previous roles, in a few sentences for students."),
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
        constraints = [
            # The English page's address: one title each (titles written in bulk have none
            # and use the Swedish slug).
            models.UniqueConstraint(
                fields=["slug_en"],
                condition=~Q(slug_en=""),
                name="title_unique_english_slug",
                violation_error_message=_("Another job title already has this English slug."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        for language in LANGUAGE_CODES:
            field = f"name_{language}"
            setattr(self, field, (getattr(self, field) or "").strip())
        if not self.slug_en and "slug_en" not in self.get_deferred_fields():
            self.slug_en = self.free_english_slug()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "slug_en"}
        if self.pk:
            self.version = (self.version or 0) + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)
        self.keep_old_address()
        self.sync_preferred_labels()

    def get_absolute_url(self, language=None):
        """The role page in ``language`` (the active one by default), at that language's
        slug: /sv/yrken/<slug>/, /en/roles/<slug_en>/."""
        language = page_language(language)
        slug = self.slug_in(language)
        if language == page_language():
            return reverse("titles:title-detail", args=[slug])
        with override(language):
            return reverse("titles:title-detail", args=[slug])

    def slug_in(self, language):
        return slug_in(language, self.slug, self.slug_en)

    @property
    def english_slug(self):
        """Where the English page is: ``slug_en``, or the Swedish slug if there is none."""
        return self.slug_in("en")

    @classmethod
    def from_db(cls, db, field_names, values):
        title = super().from_db(db, field_names, values)
        loaded = title.__dict__
        title._saved_slug = loaded.get("slug")
        if "slug" in loaded and "slug_en" in loaded:
            title._saved_english_slug = slug_in("en", loaded["slug"], loaded["slug_en"])
        return title

    def keep_old_address(self):
        """After a slug change the old address keeps working (301); a slug in use wins.
        The same for the English page's slug, in a table of its own."""
        old = getattr(self, "_saved_slug", None)
        SlugRedirect.objects.filter(old_slug=self.slug).delete()
        if old and old != self.slug:
            SlugRedirect.objects.update_or_create(old_slug=old, defaults={"title": self})
        self._saved_slug = self.slug
        if "slug_en" in self.get_deferred_fields():
            return
        english = self.english_slug
        old = getattr(self, "_saved_english_slug", None)
        EnglishSlugRedirect.objects.filter(old_slug=english).delete()
        if old and old != english:
            EnglishSlugRedirect.objects.update_or_create(old_slug=old, defaults={"title": self})
        self._saved_english_slug = english

    def free_english_slug(self):
        """A slug for the English page made from the English name, unique among the slugs of
        both languages and the former ones of other titles ("-2", "-3" … if taken)."""
        base = slugify(self.name_en or self.name_sv or self.slug)[: SLUG_LENGTH - 4].strip("-")
        base = base or self.slug
        others = Title.objects.exclude(pk=self.pk) if self.pk else Title.objects.all()
        prefix = Q(slug__startswith=base) | Q(slug_en__startswith=base)
        taken = {
            slug for pair in others.filter(prefix).values_list("slug", "slug_en") for slug in pair
        }
        for model in (SlugRedirect, EnglishSlugRedirect):
            former = model.objects.filter(old_slug__startswith=base)
            if self.pk:
                former = former.exclude(title_id=self.pk)
            taken.update(former.values_list("old_slug", flat=True))
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        return candidate

    def clean(self):
        errors = {}
        for language in LANGUAGE_CODES:
            field = f"name_{language}"
            if not (getattr(self, field) or "").strip():
                errors[field] = _("A job title needs a name in both Swedish and English.")
        problem = web_url_problem(self.esco_uri) if self.esco_uri else None
        if problem:
            errors["esco_uri"] = problem
        errors.update(self._address_clashes())
        if errors:
            raise ValidationError(errors)

    def _address_clashes(self):
        """/en/roles/<x>/ and /sv/yrken/<x>/ must each name one title: the English slug may
        not be another title's slug in either language, nor the Swedish slug another title's
        English one (an English slug under /sv/ redirects to its title's Swedish page)."""
        others = Title.objects.exclude(pk=self.pk) if self.pk else Title.objects.all()
        errors = {}
        english = (self.slug_en or "").strip()
        if english and others.filter(Q(slug=english) | Q(slug_en=english)).exists():
            errors["slug_en"] = _(
                "Another job title already uses this address. Choose another English slug."
            )
        if self.slug and others.filter(slug_en=self.slug).exists():
            errors["slug"] = _("This is another job title's English slug. Choose another slug.")
        return errors

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


class FormerSlug(models.Model):
    """A slug a title's page had: its old address answers 301 to the page now."""

    old_slug = models.SlugField(_("old slug"), max_length=SLUG_LENGTH, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["old_slug"]


class SlugRedirect(FormerSlug):
    """A former address of a title: its public page answers 301 to the current one."""

    title = models.ForeignKey(
        Title, on_delete=models.CASCADE, related_name="slug_redirects", verbose_name=_("title")
    )

    class Meta(FormerSlug.Meta):
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self):
        return f"{self.old_slug} → {self.title.slug}"


class EnglishSlugRedirect(FormerSlug):
    """A former slug of a title's English page: /en/roles/<old_slug>/ answers 301 to its
    page now. Kept apart from ``SlugRedirect``, the concept's own former addresses, which the
    API and the open data report."""

    title = models.ForeignKey(
        Title,
        on_delete=models.CASCADE,
        related_name="english_slug_redirects",
        verbose_name=_("title"),
    )

    class Meta(FormerSlug.Meta):
        verbose_name = _("old English address")
        verbose_name_plural = _("old English addresses")

    def __str__(self):
        return f"{self.old_slug} → {self.title.english_slug}"
