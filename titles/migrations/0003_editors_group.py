"""The Editors group: exactly the permissions that curating the glossary needs."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
CURATED_MODELS = ["title", "label", "responsibility", "relation", "source", "tag", "taggedtitle"]
ACTIONS = ["add", "change", "delete", "view"]


def create_editors_group(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure ours exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS)
    codenames = [f"{action}_{model}" for model in CURATED_MODELS for action in ACTIONS]
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="titles", codename__in=codenames)
    )


def remove_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("titles", "0002_postgres_extensions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
