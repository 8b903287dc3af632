"""The content version row and the triggers that bump it (issue 18: freshness in O(1)).

A trigger on every table a public page reads from bumps the one ``ContentVersion`` row in
the same transaction as the change. PostgreSQL fires once per statement (a bulk update
costs one bump); SQLite has only row triggers, which is fine at the glossary's write rates.
Both upsert, so a test run's flush of the table cannot leave the pages without a version.
"""

from django.db import migrations, models

# The models whose rows a public page shows (the title's own M2M to sources included).
SHOWN = [
    "Title",
    "Label",
    "Responsibility",
    "Skill",
    "Relation",
    "TaggedTitle",
    "Tag",
    "TitleTopic",
    "Topic",
    "Source",
    "SlugRedirect",
    "Synonym",
]
FUNCTION = "titles_bump_content_version"
POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger AS $$
BEGIN
    INSERT INTO titles_contentversion (id, number, changed_at) VALUES (1, 1, clock_timestamp())
    ON CONFLICT (id) DO UPDATE
    SET number = titles_contentversion.number + 1, changed_at = clock_timestamp();
    RETURN NULL;
END
$$ LANGUAGE plpgsql
"""
SQLITE_BUMP = (
    "INSERT INTO titles_contentversion (id, number, changed_at) "
    "VALUES (1, 1, strftime('%Y-%m-%d %H:%M:%f', 'now')) "
    "ON CONFLICT (id) DO UPDATE SET number = number + 1, changed_at = excluded.changed_at;"
)


def shown_tables(apps):
    tables = [apps.get_model("titles", name)._meta.db_table for name in SHOWN]
    return [*tables, apps.get_model("titles", "Title").sources.through._meta.db_table]


def trigger_name(table, operation=""):
    return f"{table}_bumps_version{'_' + operation.lower() if operation else ''}"


def add_triggers(schema_editor, tables):
    """Make each of ``tables`` bump the content version (the function must exist)."""
    execute = schema_editor.execute
    for table in tables:
        if schema_editor.connection.vendor == "postgresql":
            execute(
                f"CREATE TRIGGER {trigger_name(table)} "
                f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
            )
            continue
        for operation in ("INSERT", "UPDATE", "DELETE"):
            execute(
                f"CREATE TRIGGER {trigger_name(table, operation)} AFTER {operation} ON {table} "
                f"BEGIN {SQLITE_BUMP} END"
            )


def remove_triggers(schema_editor, tables):
    for table in tables:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger_name(table)} ON {table}")
            continue
        for operation in ("INSERT", "UPDATE", "DELETE"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger_name(table, operation)}")


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_FUNCTION)
    add_triggers(schema_editor, shown_tables(apps))


def drop_triggers(apps, schema_editor):
    remove_triggers(schema_editor, shown_tables(apps))
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")


def first_version(apps, schema_editor):
    """Content that exists already counts as changed now."""
    from django.utils import timezone

    apps.get_model("titles", "ContentVersion").objects.update_or_create(
        pk=1, defaults={"number": 1, "changed_at": timezone.now()}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("titles", "0017_revisions"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                ("id", models.PositiveSmallIntegerField(default=1, primary_key=True, serialize=False)),
                ("number", models.BigIntegerField(default=0)),
                ("changed_at", models.DateTimeField(null=True)),
            ],
            options={
                "verbose_name": "content version",
            },
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
