"""Editors may read the list of searches without results (nobody edits it by hand)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="titles", codename="view_searchmiss")
    )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name=EDITORS).first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="titles", codename="view_searchmiss")
        )


class Migration(migrations.Migration):
    dependencies = [("titles", "0005_search_indexes")]

    operations = [migrations.RunPython(grant, revoke)]
