"""PostgreSQL: the exact/prefix and "ends with" B-trees of 0005 also carry the label's columns.

The search stages read a few hundred labels per range scan (``titles.search.sql.label_range``). With
the label's own columns in the index (``INCLUDE``) that is an index-only scan of a few pages
instead of one heap page per label, which was most of the cost of a prefix search at 250,000
labels (docs/search.md). SQLite keeps its indexes: nothing to do there.
"""

from django.db import migrations

COLUMNS = "compact, title_id, kind, language, text"

FORWARD = [
    "DROP INDEX IF EXISTS titles_label_compact_bytes",
    'CREATE INDEX titles_label_compact_bytes ON titles_label ((compact COLLATE "C"))'
    f" INCLUDE ({COLUMNS})",
    "DROP INDEX IF EXISTS titles_label_compact_reverse",
    'CREATE INDEX titles_label_compact_reverse ON titles_label ((reverse(compact) COLLATE "C"))'
    f" INCLUDE ({COLUMNS})",
]

BACKWARD = [
    "DROP INDEX IF EXISTS titles_label_compact_bytes",
    'CREATE INDEX titles_label_compact_bytes ON titles_label ((compact COLLATE "C"))',
    "DROP INDEX IF EXISTS titles_label_compact_reverse",
    'CREATE INDEX titles_label_compact_reverse ON titles_label ((reverse(compact) COLLATE "C"))',
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("titles", "0010_skills_as_items")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
