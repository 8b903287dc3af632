"""Read-side helpers for the public pages: each runs a fixed, small number of queries.

Templates never query: views gather everything here first, so a page's query count does not
grow with its number of labels, relations or roles.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Prefetch, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from titles.collation import sort_key
from titles.history import latest_change
from titles.models import (
    Label,
    LabelKind,
    Relation,
    RelationType,
    Responsibility,
    SlugRedirect,
    Status,
    Title,
)

VISIBLE_KINDS = (
    LabelKind.PREFERRED,
    LabelKind.ALTERNATIVE,
    LabelKind.ABBREVIATION,
    LabelKind.FORMER,
)


def current_language():
    return (get_language() or "sv")[:2]


def other_language(language=None):
    return "en" if (language or current_language()) == "sv" else "sv"


@dataclass
class Text:
    """One bilingual text as the reader sees it: ``language`` differs from the page's
    language when the text is missing and the other language's text stands in."""

    text: str
    language: str
    fallback: bool

    def __str__(self):
        return self.text


def text_of(obj, field_name, language=None):
    """``obj.<field>`` in ``language``, else the other language's text, marked as fallback."""
    language = language or current_language()
    own = getattr(obj, f"{field_name}_{language}", "") or ""
    if own.strip():
        return Text(own.strip(), language, False)
    other = other_language(language)
    theirs = getattr(obj, f"{field_name}_{other}", "") or ""
    if theirs.strip():
        return Text(theirs.strip(), other, True)
    return Text("", language, False)


def published_titles():
    return Title.objects.published()


def title_detail_queryset(titles=None):
    """Everything the role page shows about the title itself, in five queries.

    ``titles`` defaults to the published ones; the editors' preview passes all titles.
    """
    titles = published_titles() if titles is None else titles
    return titles.prefetch_related(
        Prefetch(
            "labels",
            queryset=Label.objects.filter(kind__in=VISIBLE_KINDS).order_by("language", "text"),
            to_attr="visible_labels",
        ),
        Prefetch("responsibilities", queryset=Responsibility.objects.order_by("order", "pk")),
        "skills",
        "tags",
        "sources",
    )


def moved_title(slug):
    """Where an address that is no longer a published title leads now, or ``None``.

    A renamed title keeps its old slug (``SlugRedirect``); a retired title points to the
    title that replaced it (``replaced_by``), which may itself have been retired since.
    """
    redirect = SlugRedirect.objects.filter(old_slug=slug).select_related("title").first()
    title = redirect.title if redirect else Title.objects.filter(slug=slug).first()
    for _hop in range(5):
        if title is None or title.status == Status.PUBLISHED:
            return title if title and title.slug != slug else None
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


def relations_of(title):
    """The title's relations from both ends, grouped as the page shows them (one query).

    A relation to a draft is left out: the public never sees drafts, not even as a name.
    """
    published = Title.objects.published()
    relations = (
        Relation.objects.filter(
            Q(source=title, target__in=published) | Q(target=title, source__in=published)
        )
        .select_related("source", "target")
        .order_by("type", "pk")
    )
    language = current_language()
    groups = defaultdict(list)
    for relation in relations:
        outgoing = relation.source_id == title.pk
        other = relation.target if outgoing else relation.source
        group = RELATION_GROUPS[relation.type][0 if outgoing else 1]
        groups[group].append(RelatedRole(other, text_of(relation, "note"), group))
    for roles in groups.values():
        roles.sort(key=lambda role: sort_key(role.title.name, language))
    return [
        (group, GROUP_LABELS[group], groups[group]) for group in GROUP_ORDER if groups.get(group)
    ]


def labels_by_language(title, page_language):
    """Visible labels grouped {language: [(kind, [labels])]}, the page's language first."""
    kinds = [kind for kind in VISIBLE_KINDS]
    grouped = {}
    for language in (page_language, other_language(page_language)):
        rows = [label for label in title.visible_labels if label.language == language]
        by_kind = []
        for kind in kinds:
            labels = sorted(
                (label for label in rows if label.kind == kind),
                key=lambda label: sort_key(label.text, language),
            )
            if labels:
                by_kind.append((LabelKind(kind), labels))
        if by_kind:
            grouped[language] = by_kind
    return grouped


def site_state():
    """(number of titles, newest change), drafts included, in one query.

    The newest change is the latest of the titles' ``updated_at`` and of the history of
    everything a page shows (titles, labels, responsibilities, relations, tags, sources):
    an edit of any of them, a publication or a deletion changes the ETag of every page.
    """
    state = Title.objects.aggregate(
        count=Count("pk"), changed=Max("updated_at"), recorded=Max(latest_change())
    )
    stamps = [stamp for stamp in (state["changed"], state["recorded"]) if stamp]
    return state["count"], max(stamps) if stamps else None


def compare_titles(slugs):
    """The titles to compare, in the order asked for, with what the table shows (3 queries)."""
    titles = {
        title.slug: title
        for title in published_titles()
        .filter(slug__in=slugs)
        .prefetch_related(
            Prefetch("responsibilities", queryset=Responsibility.objects.order_by("order", "pk"))
        )
    }
    ordered = [titles[slug] for slug in slugs if slug in titles]
    if not ordered:
        return [], []
    ids = [title.pk for title in ordered]
    published = Title.objects.published()
    relations = list(
        Relation.objects.filter(
            Q(source__in=ids, target__in=published) | Q(target__in=ids, source__in=published)
        )
        .filter(Q(type=RelationType.NEXT_STEP) | Q(source__in=ids, target__in=ids))
        .select_related("source", "target")
    )
    for title in ordered:
        title.next_steps = []
        title.previous_steps = []
    by_id = {title.pk: title for title in ordered}
    differences = []
    for relation in relations:
        if relation.type == RelationType.NEXT_STEP:
            if relation.source_id in by_id:
                by_id[relation.source_id].next_steps.append(relation.target)
            if relation.target_id in by_id:
                by_id[relation.target_id].previous_steps.append(relation.source)
        if relation.source_id in by_id and relation.target_id in by_id:
            note = text_of(relation, "note")
            if note.text:
                differences.append((relation, note))
    return ordered, differences


@dataclass
class CareerPath:
    """One connected group of "next career step" relations, laid out in levels."""

    levels: list = field(default_factory=list)  # [[Title, ...], ...] entry level first
    branching: bool = False

    @property
    def start(self):
        return self.levels[0][0]


def career_paths():
    """All career paths among published titles (one query).

    Each weakly connected part of the next-step graph becomes one path; a title's level is
    the length of the longest chain of steps leading up to it, so every step points to a
    later level.
    """
    published = Title.objects.published()
    relations = Relation.objects.filter(
        type=RelationType.NEXT_STEP, source__in=published, target__in=published
    ).select_related("source", "target")
    titles, up, down = {}, defaultdict(list), defaultdict(list)
    for relation in relations:
        titles[relation.source_id] = relation.source
        titles[relation.target_id] = relation.target
        up[relation.source_id].append(relation.target_id)
        down[relation.target_id].append(relation.source_id)
    language = current_language()
    level = {}

    def level_of(pk, seen=()):
        if pk not in level:
            below = [p for p in down[pk] if p not in seen]
            level[pk] = 1 + max((level_of(p, (*seen, pk)) for p in below), default=-1)
        return level[pk]

    seen, paths = set(), []
    for pk in sorted(titles, key=lambda pk: sort_key(titles[pk].name, language)):
        if pk in seen:
            continue
        component, stack = set(), [pk]
        while stack:
            current = stack.pop()
            if current in component:
                continue
            component.add(current)
            stack.extend(up[current] + down[current])
        seen |= component
        depth = defaultdict(list)
        for member in component:
            depth[level_of(member)].append(titles[member])
        for member in component:
            titles[member].path_next = sorted(
                (titles[target] for target in up[member]),
                key=lambda title: sort_key(title.name, language),
            )
        path = CareerPath(
            levels=[
                sorted(depth[d], key=lambda title: sort_key(title.name, language))
                for d in sorted(depth)
            ]
        )
        path.branching = any(len(level_titles) > 1 for level_titles in path.levels)
        paths.append(path)
    paths.sort(key=lambda path: (-len(path.levels), sort_key(path.start.name, language)))
    return paths
