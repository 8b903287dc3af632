"""The ``yrkesroller/1`` glossary as CSV: one row per title, for spreadsheets.

Flat fields get a column each (``name_sv``, ``definition_en``…); the lists a title owns
(labels, responsibilities, skills, relations, sources, tags and topics with their names) are
JSON in their cells, so ``from_csv(to_csv(export)) == export`` and the importer validates CSV
and JSON alike. A cell a spreadsheet would run as a formula is written as text (``_safe``).
A file written before topics and pathways existed still reads (those columns are then
empty).
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


# A cell starting with one of these is a formula to a spreadsheet (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def _safe(value):
    """A cell a spreadsheet shows as text: a formula-like value (or one that already starts
    with quotes before a formula sign) gets one more leading apostrophe, which ``_restore``
    takes off again, so the round trip is lossless."""
    value = str(value)
    return QUOTE + value if value.lstrip(QUOTE).startswith(FORMULA_STARTS) else value


def _restore(value):
    if value.startswith(QUOTE) and value.lstrip(QUOTE).startswith(FORMULA_STARTS):
        return value[1:]
    return value


def to_csv(export):
    """CSV text of an export dict (as ``export_glossary`` returns it)."""
    out = io.StringIO()
    # Every cell quoted: a carriage return inside a text stays in its cell.
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n", quoting=csv.QUOTE_ALL)
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
        writer.writerow({key: _safe(value) for key, value in row.items()})
    return out.getvalue()


def from_csv(text, exported_at=""):
    """An export dict from CSV text; raises ``CSVError`` naming the row and column."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    present = set(reader.fieldnames or [])
    missing = [column for column in COLUMNS if column not in present | ADDED_LATER]
    if missing:
        raise CSVError(f"missing column(s): {', '.join(missing)}")
    titles, names = [], {key: {} for key in NAMED}
    for number, row in enumerate(reader, start=2):
        row = {column: _restore(row.get(column) or "") for column in COLUMNS}
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
