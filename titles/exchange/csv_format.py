"""The ``yrkesroller/1`` glossary as CSV: one row per title, for spreadsheets.

Flat fields get a column each (``name_sv``, ``definition_en``…); the lists a title owns
(labels, responsibilities, skills, relations, sources, tags with their names) are JSON in
their cells, so ``from_csv(to_csv(export)) == export`` and the importer validates CSV and
JSON alike.
"""

import csv
import io
import json

from titles.exchange.format import FORMAT
from titles.models import LANGUAGE_CODES

BILINGUAL = ("names", "definition", "description", "note")
SCALARS = ("slug", "status", "field", "seniority", "focus", "profile", "replaced_by")
SCALARS += ("last_reviewed", "updated_at")
LISTS = ("labels", "responsibilities", "skills", "relations", "sources")
IDENTIFIERS = ("esco", "ssyk", "isco")
COLUMNS = (
    list(SCALARS)
    + [f"{key}_{language}" for key in BILINGUAL for language in LANGUAGE_CODES]
    + list(LISTS)
    + ["tags"]
    + list(IDENTIFIERS)
)


class CSVError(ValueError):
    pass


def to_csv(export):
    """CSV text of an export dict (as ``export_glossary`` returns it)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    tag_names = export.get("tags") or {}
    for title in export["titles"]:
        row = {key: title.get(key) or "" for key in SCALARS}
        for key in BILINGUAL:
            for language in LANGUAGE_CODES:
                row[f"{key}_{language}"] = (title.get(key) or {}).get(language, "")
        for key in LISTS:
            row[key] = json.dumps(title.get(key) or [], ensure_ascii=False)
        row["tags"] = json.dumps(
            [{"slug": slug, **tag_names.get(slug, {})} for slug in title.get("tags") or []],
            ensure_ascii=False,
        )
        for key in IDENTIFIERS:
            row[key] = (title.get("identifiers") or {}).get(key, "")
        writer.writerow(row)
    return out.getvalue()


def from_csv(text, exported_at=""):
    """An export dict from CSV text; raises ``CSVError`` naming the row and column."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        raise CSVError(f"missing column(s): {', '.join(missing)}")
    titles, tag_names = [], {}
    for number, row in enumerate(reader, start=2):
        title = {key: row[key] or None for key in ("replaced_by", "last_reviewed")}
        title.update({key: row[key] for key in SCALARS if key not in title})
        for key in BILINGUAL:
            title[key] = {language: row[f"{key}_{language}"] for language in LANGUAGE_CODES}
        for key in (*LISTS, "tags"):
            try:
                title[key] = json.loads(row[key] or "[]")
            except json.JSONDecodeError as error:
                raise CSVError(f"row {number}, column {key}: not valid JSON ({error})") from error
        tags = title["tags"] if isinstance(title["tags"], list) else []
        title["tags"] = [tag.get("slug") if isinstance(tag, dict) else tag for tag in tags]
        for tag in tags:
            if isinstance(tag, dict) and tag.get("slug"):
                names = {language: tag.get(language, "") for language in LANGUAGE_CODES}
                tag_names[tag["slug"]] = names
        title["identifiers"] = {key: row[key] for key in IDENTIFIERS}
        titles.append(title)
    return {
        "format": FORMAT,
        "exported_at": exported_at,
        "tags": dict(sorted(tag_names.items())),
        "titles": titles,
    }
