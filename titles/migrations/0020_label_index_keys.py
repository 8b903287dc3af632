"""Issue 18: the A–Ö, field and tag pages are paginated in the database.

Each label keeps its index letter and its place in the language's alphabetical order
(``titles.collation``, worked out in Python, so existing rows get theirs here), and a copy of
whether its title is published (``public``), kept by triggers: when a title is added or its
status changes, and when a label is written or moved to another title. With that copy a page of names is one
walk of one partial index, however many titles there are, and no join decides visibility.

SQLite adds these columns by rebuilding the label table, which drops the table's triggers:
the content version's triggers (0018) are put back at the end.
"""

from importlib import import_module

from django.db import migrations, models

version_triggers = import_module("titles.migrations.0018_content_version")

IS_PUBLISHED = (
    "EXISTS (SELECT 1 FROM titles_title WHERE titles_title.id = {row}.title_id "
    "AND titles_title.status = 'published')"
)
POSTGRESQL = [
    f"""
CREATE OR REPLACE FUNCTION titles_label_public() RETURNS trigger AS $$
BEGIN
    NEW.public := {IS_PUBLISHED.format(row="NEW")};
    RETURN NEW;
END
$$ LANGUAGE plpgsql
""",
    "CREATE TRIGGER titles_label_sets_public BEFORE INSERT OR UPDATE OF title_id, public "
    "ON titles_label FOR EACH ROW EXECUTE FUNCTION titles_label_public()",
    """
CREATE OR REPLACE FUNCTION titles_title_publishes_labels() RETURNS trigger AS $$
BEGIN
    UPDATE titles_label SET public = (NEW.status = 'published') WHERE title_id = NEW.id;
    RETURN NULL;
END
$$ LANGUAGE plpgsql
""",
    "CREATE TRIGGER titles_title_publishes_labels AFTER UPDATE OF status ON titles_title "
    "FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) "
    "EXECUTE FUNCTION titles_title_publishes_labels()",
    # Labels can arrive before their title (``loaddata`` of a dump, deferred constraints).
    "CREATE TRIGGER titles_title_inserted_publishes_labels AFTER INSERT ON titles_title "
    "FOR EACH ROW EXECUTE FUNCTION titles_title_publishes_labels()",
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS titles_label_sets_public ON titles_label",
    "DROP FUNCTION IF EXISTS titles_label_public()",
    "DROP TRIGGER IF EXISTS titles_title_publishes_labels ON titles_title",
    "DROP TRIGGER IF EXISTS titles_title_inserted_publishes_labels ON titles_title",
    "DROP FUNCTION IF EXISTS titles_title_publishes_labels()",
]
LABEL_PUBLIC = (
    f"UPDATE titles_label SET public = {IS_PUBLISHED.format(row='NEW')} WHERE id = NEW.id;"
)
SQLITE = [
    "CREATE TRIGGER titles_label_sets_public AFTER INSERT ON titles_label "
    f"BEGIN {LABEL_PUBLIC} END",
    "CREATE TRIGGER titles_label_moves_public AFTER UPDATE OF title_id, public ON titles_label "
    f"BEGIN {LABEL_PUBLIC} END",
    "CREATE TRIGGER titles_title_publishes_labels AFTER UPDATE OF status ON titles_title "
    "WHEN OLD.status IS NOT NEW.status BEGIN "
    "UPDATE titles_label SET public = (NEW.status = 'published') WHERE title_id = NEW.id; END",
    "CREATE TRIGGER titles_title_inserted_publishes_labels AFTER INSERT ON titles_title BEGIN "
    "UPDATE titles_label SET public = (NEW.status = 'published') WHERE title_id = NEW.id; END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS titles_label_sets_public",
    "DROP TRIGGER IF EXISTS titles_label_moves_public",
    "DROP TRIGGER IF EXISTS titles_title_publishes_labels",
    "DROP TRIGGER IF EXISTS titles_title_inserted_publishes_labels",
]


def fill_keys(apps, schema_editor):
    from titles.collation import initial, stored_key

    Label = apps.get_model("titles", "Label")
    for label in Label.objects.only("id", "text", "language").iterator():
        Label.objects.filter(pk=label.pk).update(
            initial=initial(label.text, label.language),
            sort_key=stored_key(label.text, label.language),
        )
    Label.objects.filter(title__status="published").update(public=True)


def create_triggers(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    for statement in POSTGRESQL if postgresql else SQLITE:
        schema_editor.execute(statement)
    version_triggers.drop_triggers(apps, schema_editor)
    version_triggers.create_triggers(apps, schema_editor)


def drop_triggers(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    for statement in POSTGRESQL_DROP if postgresql else SQLITE_DROP:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("titles", "0019_suggestions"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicallabel",
            name="initial",
            field=models.CharField(default="", editable=False, max_length=1),
        ),
        migrations.AddField(
            model_name="historicallabel",
            name="public",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddField(
            model_name="historicallabel",
            name="sort_key",
            field=models.CharField(default="", editable=False, max_length=240),
        ),
        migrations.AddField(
            model_name="label",
            name="initial",
            field=models.CharField(default="", editable=False, max_length=1),
        ),
        migrations.AddField(
            model_name="label",
            name="public",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddField(
            model_name="label",
            name="sort_key",
            field=models.CharField(default="", editable=False, max_length=240),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.RunPython(create_triggers, drop_triggers),
        migrations.AddIndex(
            model_name="label",
            index=models.Index(
                condition=models.Q(("kind__in", ("preferred", "abbreviation")), ("public", True)),
                fields=["language", "initial", "sort_key", "text", "title"],
                name="label_index_letter_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="label",
            index=models.Index(
                condition=models.Q(("kind", "preferred"), ("public", True)),
                fields=["language", "sort_key", "text", "title"],
                name="label_preferred_order_idx",
            ),
        ),
    ]
