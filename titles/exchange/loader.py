"""Loading the bundled glossary (``content/``) into the database.

Two stages. ``read_content`` parses and validates every file and collects *all* problems,
each naming the file and the field; nothing is written while any problem remains.
``load_content`` then writes in one transaction and never silently overwrites an editor:

- a new slug is created;
- an entry whose database state still matches what the loader last wrote is updated when
  its file changed, and left as it is when not;
- an entry an editor has changed since (or created in the admin) is skipped and reported,
  unless ``force`` is given.

The file format is documented in ``docs/content-format.md``.
"""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction

from titles.exchange.checks import ContentError, Vocabulary, check_entries
from titles.exchange.format import fingerprint, title_to_dict
from titles.exchange.limits import name_problems, source_problems
from titles.exchange.synonyms import FILE_NAME as SYNONYMS_FILE
from titles.exchange.synonyms import add_synonyms, check_synonyms
from titles.exchange.writer import Content, ensure_vocabulary, write_entry, write_relations
from titles.models import LANGUAGE_CODES, Title

CONTENT_DIR = Path(settings.BASE_DIR) / "content"


@dataclass
class Report:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    relations_added: int = 0
    synonyms_added: int = 0


def _yaml(path, problems):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        problems.append(f"{path.name}: not readable YAML: {error}")
        return None


def read_mappings(folder, problems):
    """``(file name, entry)`` for each readable YAML mapping in ``folder``."""
    entries = []
    for path in sorted(folder.glob("*.yaml")):
        entry = _yaml(path, problems)
        if entry is None:
            continue
        if not isinstance(entry, dict):
            problems.append(f"{path.name}: expected a mapping of fields")
            continue
        entries.append((path.name, entry))
    return entries


def read_content(directory=CONTENT_DIR, known_slugs=()):
    """Parse and validate the content directory; raise ``ContentError`` listing every problem.

    ``known_slugs`` are titles already in the database that relations may point to.
    """
    directory = Path(directory)
    problems = []
    vocabulary = Vocabulary(
        tags=_names(directory / "tags.yaml", problems),
        topics=_names(directory / "topics.yaml", problems),
        sources=_yaml(directory / "sources.yaml", problems) or {},
        synonyms=_synonyms(directory / SYNONYMS_FILE, problems),
    )
    for key, source in vocabulary.sources.items():
        problems += [f"sources.yaml: {problem}" for problem in source_problems(key, source)]
    for kind in ("tags", "topics"):
        names = getattr(vocabulary, kind)
        problems += [f"{kind}.yaml: {problem}" for problem in name_problems(kind, names)]

    entries = read_mappings(directory / "titles", problems)
    all_slugs = {entry.get("slug") for _, entry in entries} | set(known_slugs)
    problems += check_entries(entries, vocabulary, all_slugs)
    if problems:
        raise ContentError(problems)
    entries.sort(key=lambda item: item[1]["slug"])
    return Content(vocabulary=vocabulary, entries=entries)


def _synonyms(path, problems):
    """The synonym list (a missing file is an empty list)."""
    if not path.exists():
        return []
    items = _yaml(path, problems) or []
    found = check_synonyms(items)
    problems += found
    return [] if found else items


def _names(path, problems):
    """A vocabulary file (slug -> {sv, en}); each name must be there in both languages.

    A missing file is an empty vocabulary (an older content folder has no topics.yaml).
    """
    if not path.exists():
        return {}
    names = _yaml(path, problems) or {}
    for key, name in names.items():
        for language in LANGUAGE_CODES:
            if not str((name or {}).get(language) or "").strip():
                problems.append(f"{path.name}: {key}.{language}: missing translation")
    return names


def _state(title):
    """A fingerprint of what the database says of ``title`` (its change time aside)."""
    data = title_to_dict(title)
    data.pop("updated_at")
    return fingerprint(data)


def _fresh(slug):
    """The title with everything ``title_to_dict`` reads, freshly from the database."""
    return (
        Title.objects.select_related("replaced_by")
        .prefetch_related(
            "labels",
            "responsibilities",
            "skills",
            "tags",
            "topics",
            "sources",
            "outgoing_relations__target",
        )
        .filter(slug=slug)
        .first()
    )


@transaction.atomic
def load_content(content, *, force=False):
    """Write validated ``content``; return a ``Report`` of what happened to each entry."""
    report = Report()
    vocabulary = ensure_vocabulary(content)
    report.synonyms_added = add_synonyms(content.vocabulary.synonyms)
    existing = {title.slug: title for title in Title.objects.all()}
    written = []
    for _, entry in content.entries:
        slug = entry["slug"]
        file_hash = fingerprint(entry)
        title = existing.get(slug)
        if title is None:
            title = Title(slug=slug)
            report.created.append(slug)
        else:
            edited = not title.loaded_state_hash or _state(_fresh(slug)) != title.loaded_state_hash
            if edited and not force:
                report.skipped.append(slug)
                continue
            if not edited and title.loaded_file_hash == file_hash:
                report.unchanged.append(slug)
                continue
            report.updated.append(slug)
        write_entry(entry, title, vocabulary)
        existing[slug] = title
        written.append((entry, title, file_hash))

    for entry, _, _ in written:
        report.relations_added += write_relations(entry, existing)
    for _, title, file_hash in written:
        Title.objects.filter(pk=title.pk).update(
            loaded_file_hash=file_hash, loaded_state_hash=_state(_fresh(title.slug))
        )
    return report
