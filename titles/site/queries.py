"""Read-side helpers for the public pages: each runs a fixed, small number of queries.

Templates never query: views gather everything here first, so a page's query count does not
grow with its number of labels, relations or roles.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from titles.bilingual import Text, current_language, other_language, text_of
from titles.collation import sort_key
from titles.models import (
    INDEXED_KINDS,
    LIST_FIELDS,
    VISIBLE_KINDS,
    EnglishSlugRedirect,
    Field,
    Label,
    LabelKind,
    Relation,
    RelationType,
    Responsibility,
    SlugRedirect,
    Status,
    Title,
    slug_in,
)

# The comparisons students ask for most, offered on the home page.
FEATURED_COMPARISONS = (
    ("marknadsassistent", "marknadskoordinator", "marknadsansvarig"),
    ("account-manager", "key-account-manager"),
    ("seo-specialist", "sem-specialist", "ppc-specialist"),
    ("kommunikator", "pressansvarig"),
)
FEATURED_PATH = ("marknadsassistent", "marknadskoordinator", "marknadsansvarig", "marknadschef")


def published_titles():
    return Title.objects.published()


@dataclass(frozen=True)
class ListedName:
    """One line of a list page: a name (``kind`` preferred or abbreviation), the address of
    its title's page and the title's name in the reader's language."""

    text: str
    kind: str
    url: str
    title_name: str

    @property
    def name(self):
        return self.text


def _in_order(labels):
    """Labels in their language's alphabetical order (``Label.sort_key``, then the text), as
    plain rows: a list page slices it, then ``listed_names`` turns the slice into lines.
    Visibility comes from the label's own copy (``Label.public``)."""
    return (
        labels.public()
        .order_by("sort_key", "text", "title_id")
        .values_list("text", "kind", "title_id")
    )


def listed_names(rows):
    """[ListedName] for a page's label rows, with their titles' slugs and names in one query
    by key. Plain rows and one ``reverse``: a page of 200 names builds in a few ms."""
    language = current_language()
    other = other_language(language)
    ids = {title_id for _text, _kind, title_id in rows}
    titles = {
        pk: (slug_in(language, slug, slug_en), own or theirs)
        for pk, slug, slug_en, own, theirs in Title.objects.filter(pk__in=ids).values_list(
            "pk", "slug", "slug_en", f"name_{language}", f"name_{other}"
        )
    }
    marker = "--slug--"
    address = reverse("titles:title-detail", args=[marker])
    return [
        ListedName(text, kind, address.replace(marker, titles[pk][0]), titles[pk][1])
        for text, kind, pk in rows
        if pk in titles
    ]


def index_counts(language):
    """{index letter: number of names and abbreviations filed under it} in ``language``."""
    return dict(
        Label.objects.public()
        .filter(language=language, kind__in=INDEXED_KINDS)
        .order_by()
        .values_list("initial")
        .annotate(n=Count("pk"))
        .values_list("initial", "n")
    )


def index_entries(language, letter):
    """The names and abbreviations filed under ``letter``, in order (slice it to a page)."""
    return _in_order(
        Label.objects.filter(language=language, kind__in=INDEXED_KINDS, initial=letter)
    )


def names_in_order(language, **condition):
    """The preferred names in ``language`` of the published titles matching ``condition``
    (``field=…``, ``tags=…``), in order: a field or tag page, a slice at a time."""
    titles = {f"title__{name}": value for name, value in condition.items()}
    return _in_order(Label.objects.filter(language=language, kind=LabelKind.PREFERRED, **titles))


def tag_count(tag):
    """How many published titles carry ``tag``."""
    return published_titles().filter(tags=tag).count()


def recently_changed():
    return published_titles().only(*LIST_FIELDS, "updated_at").order_by("-updated_at", "slug")


def field_counts():
    """[(Field, number of published titles)] for the fields that have any, in field order."""
    counts = dict(
        published_titles()
        .order_by()
        .values_list("field")
        .annotate(n=Count("pk"))
        .values_list("field", "n")
    )
    return [(Field(value), counts[value]) for value in Field.values if counts.get(value)]


def featured(compare_url):
    """The home page's comparisons [(url, titles)] and career path, where all are published."""
    wanted = {slug for group in FEATURED_COMPARISONS for slug in group} | set(FEATURED_PATH)
    titles = {title.slug: title for title in published_titles().filter(slug__in=wanted)}
    comparisons = [
        (compare_url(group), [titles[slug] for slug in group])
        for group in FEATURED_COMPARISONS
        if all(slug in titles for slug in group)
    ]
    path = [titles[slug] for slug in FEATURED_PATH if slug in titles]
    return comparisons, path if len(path) > 1 else []


def newest_version():
    """Annotations for a title queryset: the number (history record id) and time of the
    title's newest history record, the version its role page shows (``site.versions``), in
    the same query."""
    records = Title.history.filter(id=OuterRef("pk")).order_by("-history_date", "-history_id")
    return {
        "version_number": Subquery(records.values("history_id")[:1]),
        "version_date": Subquery(records.values("history_date")[:1]),
    }


def title_detail_queryset(titles=None):
    """Everything the role page shows about the title itself, in six queries.

    ``titles`` defaults to the published ones; the editors' preview passes all titles.
    """
    titles = published_titles() if titles is None else titles
    return titles.annotate(**newest_version()).prefetch_related(
        Prefetch(
            "labels",
            queryset=Label.objects.visible().order_by("language", "text"),
            to_attr="visible_labels",
        ),
        Prefetch("responsibilities", queryset=Responsibility.objects.order_by("order", "pk")),
        "skills",
        "tags",
        "topics",
        "sources",
    )


def _former(slug, language):
    """The title ``slug`` names or once named, if any. The concept's addresses (``language``
    None, as the API has them): former Swedish slugs, then the slug itself (a retired
    title). A Swedish page's address also: a title's English slug, then former English ones.
    An English page's: the English slug itself (a retired title), a title's Swedish slug,
    former English slugs, then former Swedish ones (the English page had the Swedish slug
    before titles had English ones)."""
    concept = [
        lambda: _redirected(SlugRedirect, slug),
        lambda: Title.objects.filter(slug=slug).first(),
    ]
    if language == "en":
        lookups = [
            lambda: Title.objects.filter(slug_en=slug).first(),
            concept[1],
            lambda: _redirected(EnglishSlugRedirect, slug),
            concept[0],
        ]
    elif language == "sv":
        lookups = [
            *concept,
            lambda: Title.objects.filter(slug_en=slug).first(),
            lambda: _redirected(EnglishSlugRedirect, slug),
        ]
    else:
        lookups = concept
    for lookup in lookups:
        title = lookup()
        if title is not None:
            return title
    return None


def _redirected(model, slug):
    redirect = model.objects.filter(old_slug=slug).select_related("title").first()
    return redirect.title if redirect else None


def moved_title(slug, language=None):
    """Where an address that is no longer a published title leads now, or ``None``.

    A renamed title keeps its old slugs (``SlugRedirect``, ``EnglishSlugRedirect``); a
    retired title points to the title that replaced it (``replaced_by``), which may itself
    have been retired since. With a ``language``, the address is that language's role page,
    where the other language's slug leads to this language's page too.
    """
    title = _former(slug, language)
    for _hop in range(5):
        if title is None or title.status == Status.PUBLISHED:
            return title if title and title.slug_in(language or "sv") != slug else None
        if title.status != Status.RETIRED or title.replaced_by_id is None:
            return None
        title = Title.objects.filter(pk=title.replaced_by_id).first()
    return None


# What a relation is called on each of its two pages: (on the source's page, on the target's).
RELATION_GROUPS = {
    RelationType.RELATED: ("related", "related"),
    RelationType.CONFUSED_WITH: ("confused_with", "confused_with"),
    RelationType.NEXT_STEP: ("next_step", "previous_step"),
    RelationType.SPECIALISATION_OF: ("broader", "narrower"),
}
GROUP_ORDER = ("confused_with", "related", "previous_step", "next_step", "broader", "narrower")
GROUP_LABELS = {
    "confused_with": _("Often confused with"),
    "related": _("Related roles"),
    "previous_step": _("Previous career step"),
    "next_step": _("Next career step"),
    "broader": _("A specialisation of"),
    "narrower": _("Specialisations of this role"),
}


@dataclass
class RelatedRole:
    title: Title
    note: Text
    group: str
    compare_url: str = ""  # set for roles it is confused with: the two side by side


def relations_of(title, compare_url):
    """The title's relations from both ends, grouped as the page shows them (one query).

    A relation to a draft is left out: the public never sees drafts, not even as a name.
    """
    relations = (
        Relation.objects.touching(title).select_related("source", "target").order_by("type", "pk")
    )
    language = current_language()
    groups = defaultdict(list)
    for relation in relations:
        outgoing = relation.source_id == title.pk
        other = relation.target if outgoing else relation.source
        group = RELATION_GROUPS[relation.type][0 if outgoing else 1]
        url = compare_url([title.slug, other.slug]) if group == "confused_with" else ""
        groups[group].append(RelatedRole(other, text_of(relation, "note"), group, url))
    for roles in groups.values():
        roles.sort(key=lambda role: sort_key(role.title.name, language))
    return [
        (group, GROUP_LABELS[group], groups[group]) for group in GROUP_ORDER if groups.get(group)
    ]


def labels_by_language(title, page_language):
    """Visible labels grouped {language: [(kind, [labels])]}, the page's language first."""
    grouped = {}
    for language in (page_language, other_language(page_language)):
        rows = [label for label in title.visible_labels if label.language == language]
        by_kind = []
        for kind in VISIBLE_KINDS:
            labels = sorted(
                (label for label in rows if label.kind == kind),
                key=lambda label: sort_key(label.text, language),
            )
            if labels:
                by_kind.append((LabelKind(kind), labels))
        if by_kind:
            grouped[language] = by_kind
    return grouped


def abbreviations(language):
    """The abbreviations of published titles in ``language``, with their titles."""
    return (
        Label.objects.of_published()
        .filter(kind=LabelKind.ABBREVIATION, language=language)
        .select_related("title")
    )


@dataclass
class ComparedRole:
    """One column of the compare table."""

    title: Title
    previous_steps: list = field(default_factory=list)
    next_steps: list = field(default_factory=list)


def compare_titles(slugs):
    """The roles to compare, in the order asked for, and the notes on how they differ
    (3 queries)."""
    titles = {
        title.slug: title
        for title in published_titles()
        .filter(slug__in=slugs)
        .prefetch_related(
            Prefetch("responsibilities", queryset=Responsibility.objects.order_by("order", "pk"))
        )
    }
    roles = [ComparedRole(titles[slug]) for slug in slugs if slug in titles]
    if not roles:
        return [], []
    by_id = {role.title.pk: role for role in roles}
    relations = (
        Relation.objects.touching(list(by_id))
        .filter(Q(type=RelationType.NEXT_STEP) | Q(source__in=by_id, target__in=by_id))
        .select_related("source", "target")
        .order_by("type", "pk")
    )
    differences = []
    for relation in relations:
        source, target = by_id.get(relation.source_id), by_id.get(relation.target_id)
        if relation.type == RelationType.NEXT_STEP:
            if source:
                source.next_steps.append(relation.target)
            if target:
                target.previous_steps.append(relation.source)
        if source and target:
            note = text_of(relation, "note")
            if note.text:
                differences.append((relation, note))
    return roles, differences
