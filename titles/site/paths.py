"""Career paths: the "next career step" relations among published titles, laid out as
ladders a reader can follow."""

from collections import defaultdict
from dataclasses import dataclass, field

from titles.bilingual import current_language
from titles.collation import sort_key
from titles.models import Relation, RelationType

# At most this many ladders, of at most this many steps.
MAX_PATHS = 200
MAX_STEPS = 12


@dataclass
class PathStep:
    """A role on a ladder, and the other roles it also leads to (drawn on other ladders)."""

    title: object
    also: list = field(default_factory=list)


@dataclass
class CareerPath:
    """One ladder: roles in order, each a usual next step from the one before."""

    steps: list = field(default_factory=list)  # [PathStep, ...] entry level first
    continues: object = None  # the role on a ladder drawn before that this one leads to

    @property
    def start(self):
        return self.steps[0].title


@dataclass
class _Graph:
    titles: dict = field(default_factory=dict)  # id -> Title
    up: dict = field(default_factory=lambda: defaultdict(list))  # id -> ids one step up
    down: dict = field(default_factory=lambda: defaultdict(list))  # id -> ids one step down


def _next_step_graph():
    """The next-step relations between published titles (one query)."""
    graph = _Graph()
    relations = (
        Relation.objects.between_published()
        .filter(type=RelationType.NEXT_STEP)
        .select_related("source", "target")
    )
    for relation in relations:
        graph.titles[relation.source_id] = relation.source
        graph.titles[relation.target_id] = relation.target
        graph.up[relation.source_id].append(relation.target_id)
        graph.down[relation.target_id].append(relation.source_id)
    return graph


def _longest_chain(graph, start, remaining, by_name):
    """The longest chain of next steps up from ``start`` through ``remaining`` roles (ties
    go to the first by name); a loop is cut where it would close."""
    memo = {}

    def longest(pk, on_path):
        if pk not in memo:
            best = [pk]
            for up in by_name(graph.up[pk]):
                if up in remaining and up not in on_path:
                    chain = [pk, *longest(up, on_path | {pk})]
                    best = chain if len(chain) > len(best) else best
            memo[pk] = best
        return memo[pk]

    return longest(start, frozenset())


def career_paths():
    """The next-step relations among published titles as ladders (one query): the longest
    ladder first, then the longest among the roles not yet shown, and so on, so every role
    is drawn once, in order. A ladder that joins one drawn before ends with the role it
    continues to."""
    graph = _next_step_graph()
    language = current_language()

    def by_name(pks):
        return sorted(pks, key=lambda pk: sort_key(graph.titles[pk].name, language))

    remaining, paths = set(graph.titles), []
    while remaining and len(paths) < MAX_PATHS:
        ordered = by_name(remaining)
        starts = [pk for pk in ordered if not remaining.intersection(graph.down[pk])]
        chains = [_longest_chain(graph, pk, remaining, by_name) for pk in starts or ordered[:1]]
        chain = max(chains, key=len)[:MAX_STEPS]
        onward = [pk for pk in by_name(graph.up[chain[-1]]) if pk not in chain]
        continues = onward[0] if onward else None
        steps = [
            PathStep(graph.titles[pk], _also(graph, pk, chain, index, continues, by_name))
            for index, pk in enumerate(chain)
        ]
        paths.append(CareerPath(steps, graph.titles[continues] if continues else None))
        remaining -= set(chain)
    return paths


def _also(graph, pk, chain, index, continues, by_name):
    """The roles ``pk`` leads to besides the next step drawn after it: every next-step
    relation is shown once, on the ladder of the role it starts from."""
    shown = chain[index + 1] if index + 1 < len(chain) else continues
    return [graph.titles[up] for up in by_name(graph.up[pk]) if up != shown]
