"""Issue 16: English pages have English slugs (/en/roles/marketing-assistant/).

Each title gets ``slug_en``, filled here from its English name (Django's ``slugify``, "-2",
"-3" … where a slug is taken by another title in either language); its former English slugs
are kept in ``EnglishSlugRedirect``, whose rows bump the content version like every table a
public page reads (0018). The Swedish slug stays the concept's address.

SQLite adds the column by rebuilding the title table, which drops the table's triggers and
refuses while other tables' triggers name it: the labels' copy of "published" (0020) is
taken down first, and put back at the end with the content version's triggers (0018).
"""

from importlib import import_module

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models
from django.utils.text import slugify

_version = import_module("titles.migrations.0018_content_version")
_labels = import_module("titles.migrations.0020_label_index_keys")

SLUG_LENGTH = 80
SLUG_FIELD = dict(
    blank=True,
    help_text=(
        "The address of the English page (/en/roles/…/). Left empty, it is made from the "
        "English name. A changed address keeps redirecting to the new one."
    ),
    max_length=SLUG_LENGTH,
    validators=[
        django.core.validators.RegexValidator(
            "^[a-z0-9]+(?:-[a-z0-9]+)*$",
            "Use lowercase letters a–z, digits and single hyphens, e.g. marketing-assistant.",
        )
    ],
    verbose_name="English slug",
)


def english_slugs(rows, former=()):
    """{pk: English slug} for ``rows`` of (pk, slug, name_en, name_sv), in pk order: the
    slugified English name, unless another title has it as its Swedish slug, had it as one
    (``former``: (old slug, pk) pairs, whose /en/roles/<old>/ redirected to that title) or
    took it first as its English one."""
    swedish = {**dict(former), **{slug: pk for pk, slug, _en, _sv in rows}}
    given, chosen = set(), {}
    for pk, slug, name_en, name_sv in rows:
        base = slugify(name_en or name_sv or "")[: SLUG_LENGTH - 4].strip("-") or slug
        candidate, number = base, 1
        while candidate in given or swedish.get(candidate, pk) != pk:
            number += 1
            candidate = f"{base}-{number}"
        given.add(candidate)
        chosen[pk] = candidate
    return chosen


def fill_english_slugs(apps, schema_editor):
    Title = apps.get_model("titles", "Title")
    SlugRedirect = apps.get_model("titles", "SlugRedirect")
    rows = list(Title.objects.order_by("pk").values_list("pk", "slug", "name_en", "name_sv"))
    former = SlugRedirect.objects.values_list("old_slug", "title_id")
    for pk, slug_en in english_slugs(rows, former).items():
        Title.objects.filter(pk=pk).update(slug_en=slug_en)


def _on_sqlite(schema_editor):
    return schema_editor.connection.vendor == "sqlite"


def drop_label_triggers(apps, schema_editor):
    """0020's triggers name the title table in their bodies: SQLite refuses to rebuild it
    while they exist."""
    if _on_sqlite(schema_editor):
        for statement in _labels.SQLITE_DROP:
            schema_editor.execute(statement)


def restore_triggers(apps, schema_editor):
    if not _on_sqlite(schema_editor):
        return
    for statement in _labels.SQLITE_DROP + _labels.SQLITE:
        schema_editor.execute(statement)
    table = apps.get_model("titles", "Title")._meta.db_table
    _version.remove_triggers(schema_editor, [table])
    _version.add_triggers(schema_editor, [table])


def add_redirect_triggers(apps, schema_editor):
    table = apps.get_model("titles", "EnglishSlugRedirect")._meta.db_table
    _version.add_triggers(schema_editor, [table])


def drop_redirect_triggers(apps, schema_editor):
    table = apps.get_model("titles", "EnglishSlugRedirect")._meta.db_table
    _version.remove_triggers(schema_editor, [table])


class Migration(migrations.Migration):
    dependencies = [
        ("titles", "0022_guides"),
    ]

    operations = [
        migrations.RunPython(drop_label_triggers, restore_triggers),
        migrations.AddField(
            model_name="historicaltitle",
            name="slug_en",
            field=models.SlugField(default="", **SLUG_FIELD),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="title",
            name="slug_en",
            field=models.SlugField(default="", **SLUG_FIELD),
            preserve_default=False,
        ),
        migrations.RunPython(fill_english_slugs, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="title",
            constraint=models.UniqueConstraint(
                condition=models.Q(("slug_en", ""), _negated=True),
                fields=("slug_en",),
                name="title_unique_english_slug",
                violation_error_message="Another job title already has this English slug.",
            ),
        ),
        migrations.CreateModel(
            name="EnglishSlugRedirect",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "old_slug",
                    models.SlugField(max_length=SLUG_LENGTH, unique=True, verbose_name="old slug"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                (
                    "title",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="english_slug_redirects",
                        to="titles.title",
                        verbose_name="title",
                    ),
                ),
            ],
            options={
                "verbose_name": "old English address",
                "verbose_name_plural": "old English addresses",
                "ordering": ["old_slug"],
            },
        ),
        migrations.RunPython(restore_triggers, drop_label_triggers),
        migrations.RunPython(add_redirect_triggers, drop_redirect_triggers),
    ]
