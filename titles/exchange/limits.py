"""What a field may hold before it reaches the database: its column's length, and a URL
that a browser may follow safely.

The database would refuse a too-long value halfway through a write (PostgreSQL) or store it
silently (SQLite), and a ``javascript:`` source URL would become a link on a public page; so
the loader and the importer check each value first and name the entry and field.
"""

from titles.models import Label, Relation, Responsibility, Skill, Source, Tag, Title, Topic
from titles.models.validators import web_url_problem

TITLE_TEXTS = ("name",)
LABEL_FIELDS = ("text", "note")
SOURCE_FIELDS = ("title", "author", "publisher", "url")


def _limit(model, name):
    return model._meta.get_field(name).max_length


def _too_long(where, value, limit):
    if limit and len(str(value)) > limit:
        return f"{where}: {len(str(value))} characters, at most {limit} fit"
    return None


def entry_length_problems(entry):
    """'field: message' for each value of an entry longer than its column."""
    checks = [("slug", entry.get("slug") or "", _limit(Title, "slug"))]
    for language, name in (entry.get("names") or {}).items():
        checks.append((f"names.{language}", name or "", _limit(Title, "name")))
    for index, label in enumerate(entry.get("labels") or []):
        for key in LABEL_FIELDS:
            checks.append((f"labels[{index}].{key}", label.get(key) or "", _limit(Label, key)))
    for model, key in ((Responsibility, "responsibilities"), (Skill, "skills")):
        for index, item in enumerate(entry.get(key) or []):
            for language, text in (item or {}).items():
                checks.append((f"{key}[{index}].{language}", text or "", _limit(model, "text")))
    for index, relation in enumerate(entry.get("relations") or []):
        for language, text in (relation.get("note") or {}).items():
            where = f"relations[{index}].note.{language}"
            checks.append((where, text or "", _limit(Relation, "note")))
    esco = (entry.get("identifiers") or {}).get("esco") or ""
    checks.append(("identifiers.esco", esco, _limit(Title, "esco_uri")))
    return [problem for problem in (_too_long(*check) for check in checks) if problem]


def source_problems(key, source):
    """Problems of one source (sources.yaml, or a source carried by an import)."""
    problems = []
    if not (source or {}).get("title"):
        problems.append(f"{key}.title: a source needs a title")
    for name in SOURCE_FIELDS:
        problem = _too_long(f"{key}.{name}", (source or {}).get(name) or "", _limit(Source, name))
        if problem:
            problems.append(problem)
    url = (source or {}).get("url")
    if url:
        problem = web_url_problem(str(url))
        if problem:
            problems.append(f"{key}.url: {problem}")
    return problems


def name_problems(kind, names_by_slug):
    """Tag or topic names longer than their column (``kind``: "tags" or "topics")."""
    model = {"tags": Tag, "topics": Topic}[kind]
    limit = _limit(model, "name")
    return [
        problem
        for slug, names in names_by_slug.items()
        for language, name in (names or {}).items()
        if (problem := _too_long(f"{slug}.{language}", name or "", limit))
    ]
