"""Tell listening processes when the content version changes (``titles.version_watch``).

PostgreSQL only: a statement trigger on the version row itself calls ``pg_notify``, which
is delivered when the transaction commits (and collapsed to one per transaction), so every
change the 0018 triggers count reaches the listeners, and no rolled-back one does.
"""

from django.db import migrations

FUNCTION = "titles_notify_content_version"
TRIGGER = "titles_contentversion_notifies"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger AS $$ "
        "BEGIN PERFORM pg_notify('titles_content_version', ''); RETURN NULL; END "
        "$$ LANGUAGE plpgsql"
    )
    schema_editor.execute(
        f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON titles_contentversion "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON titles_contentversion")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")


class Migration(migrations.Migration):
    dependencies = [
        ("titles", "0020_label_index_keys"),
    ]

    operations = [migrations.RunPython(create, drop)]
