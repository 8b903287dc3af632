"""The ``yrkesroller/1`` glossary as CSV: one row per title, for spreadsheets.

Flat fields get a column each (``name_sv``, ``definition_en``…); the lists a title owns
(labels, responsibilities, skills, relations, sources, tags and topics with their names) are
JSON in their cells, so ``from_csv(to_csv(export)) == export`` and the importer validates CSV
and JSON alike. A file written before topics and pathways existed still reads (those columns
are then empty).
"""

import csv
import io
import json

from titles.exchange.format import FORMAT
from titles.models import LANGUAGE_CODES

BILINGUAL = ("names", "definition", "description", "note", "pathway")
SCALARS = ("slug", "status", "field", "seniority", "focus", "profile", "replaced_by")
SCALARS += ("last_reviewed", "updated_at")
LISTS = ("labels", "responsibilities", "skills", "relations", "sources")
NAMED = ("tags", "topics")  # slugs, each cell item with its names
IDENTIFIERS = ("esco", "ssyk", "isco")
COLUMNS = (
    list(SCALARS)
    + [f"{key}_{language}" for key in BILINGUAL for language in LANGUAGE_CODES]
    + list(LISTS)
    + list(NAMED)
    + list(IDENTIFIERS)
)
ADDED_LATER = {"pathway_sv", "pathway_en", "topics"}


class CSVError(ValueError):
    pass


def to_csv(export):
    """CSV text of an export dict (as ``export_glossary`` returns it)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for title in export["titles"]:
        row = {key: title.get(key) or "" for key in SCALARS}
        for key in BILINGUAL:
            for language in LANGUAGE_CODES:
                row[f"{key}_{language}"] = (title.get(key) or {}).get(language, "")
        for key in LISTS:
            row[key] = json.dumps(title.get(key) or [], ensure_ascii=False)
        for key in NAMED:
            names = export.get(key) or {}
            row[key] = json.dumps(
                [{"slug": slug, **names.get(slug, {})} for slug in title.get(key) or []],
                ensure_ascii=False,
            )
        for key in IDENTIFIERS:
            row[key] = (title.get("identifiers") or {}).get(key, "")
        writer.writerow(row)
    return out.getvalue()


def from_csv(text, exported_at=""):
    """An export dict from CSV text; raises ``CSVError`` naming the row and column."""
    reader = csv.DictReader(io.StringIO(text))
    present = set(reader.fieldnames or [])
    missing = [column for column in COLUMNS if column not in present | ADDED_LATER]
    if missing:
        raise CSVError(f"missing column(s): {', '.join(missing)}")
    titles, names = [], {key: {} for key in NAMED}
    for number, row in enumerate(reader, start=2):
        row = {column: row.get(column) or "" for column in COLUMNS}
        title = {key: row[key] or None for key in ("replaced_by", "last_reviewed")}
        title.update({key: row[key] for key in SCALARS if key not in title})
        for key in BILINGUAL:
            title[key] = {language: row[f"{key}_{language}"] for language in LANGUAGE_CODES}
        for key in (*LISTS, *NAMED):
            try:
                title[key] = json.loads(row[key] or "[]")
            except json.JSONDecodeError as error:
                raise CSVError(f"row {number}, column {key}: not valid JSON ({error})") from error
        for key in NAMED:
            title[key] = _slugs_and_names(title[key], names[key])
        title["identifiers"] = {key: row[key] for key in IDENTIFIERS}
        titles.append(title)
    return {
        "format": FORMAT,
        "exported_at": exported_at,
        **{key: dict(sorted(names[key].items())) for key in NAMED},
        "titles": titles,
    }


def _slugs_and_names(items, names):
    """The slugs of a tags/topics cell; their names go into ``names``."""
    items = items if isinstance(items, list) else []
    for item in items:
        if isinstance(item, dict) and item.get("slug"):
            names[item["slug"]] = {language: item.get(language, "") for language in LANGUAGE_CODES}
    return [item.get("slug") if isinstance(item, dict) else item for item in items]
