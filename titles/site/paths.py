"""Career paths: the "next career step" relations among published titles, laid out as
ladders a reader can follow."""

from collections import defaultdict
from dataclasses import dataclass, field

from titles.bilingual import current_language
from titles.collation import sort_key
from titles.models import Relation, RelationType, Title


@dataclass
class PathRole:
    """One role on a path, with the roles one step up from it."""

    title: Title
    next: list = field(default_factory=list)


@dataclass
class CareerPath:
    """One connected group of "next career step" relations, laid out in levels."""

    levels: list = field(default_factory=list)  # [[PathRole, ...], ...] entry level first
    branching: bool = False

    @property
    def start(self):
        return self.levels[0][0].title


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


def _levels(graph):
    """Each title's level: the length of the longest chain of steps leading up to it, so
    every step points to a later level (a loop an editor made is cut where it closes)."""
    level = {}

    def level_of(pk, seen=()):
        if pk not in level:
            below = [p for p in graph.down[pk] if p not in seen]
            level[pk] = 1 + max((level_of(p, (*seen, pk)) for p in below), default=-1)
        return level[pk]

    return {pk: level_of(pk) for pk in graph.titles}


def _components(graph, order):
    """The weakly connected parts of the graph, each found from its first title in ``order``."""
    seen = set()
    for pk in order:
        if pk in seen:
            continue
        component, stack = set(), [pk]
        while stack:
            current = stack.pop()
            if current not in component:
                component.add(current)
                stack.extend(graph.up[current] + graph.down[current])
        seen |= component
        yield component


def career_paths():
    """All career paths among published titles, longest first (one query)."""
    graph = _next_step_graph()
    language = current_language()

    def by_name(pks):
        return sorted(pks, key=lambda pk: sort_key(graph.titles[pk].name, language))

    level = _levels(graph)
    paths = []
    for component in _components(graph, by_name(graph.titles)):
        depth = defaultdict(list)
        for member in component:
            depth[level[member]].append(member)
        levels = [
            [
                PathRole(graph.titles[pk], [graph.titles[up] for up in by_name(graph.up[pk])])
                for pk in by_name(depth[d])
            ]
            for d in sorted(depth)
        ]
        paths.append(CareerPath(levels, any(len(roles) > 1 for roles in levels)))
    paths.sort(key=lambda path: (-len(path.levels), sort_key(path.start.name, language)))
    return paths
