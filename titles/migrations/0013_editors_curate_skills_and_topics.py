"""Editors and Publishers may curate skills and topics.

The skill model came after the groups were made (0010) and never got its permissions, so the
skills inline was invisible to them; topics are new (0012).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Editors", "Publishers"]
MODELS = ["skill", "topic", "titletopic"]
ACTIONS = ["add", "change", "delete", "view"]


def _groups_and_permissions(apps, models=MODELS):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model in models for action in ACTIONS]
    permissions = Permission.objects.filter(
        content_type__app_label="titles", codename__in=codenames
    )
    return Group.objects.filter(name__in=GROUPS), list(permissions)


def grant(apps, schema_editor, models=MODELS):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    groups, permissions = _groups_and_permissions(apps, models)
    for group in groups:
        group.permissions.add(*permissions)


def revoke(apps, schema_editor, models=MODELS):
    groups, permissions = _groups_and_permissions(apps, models)
    for group in groups:
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [("titles", "0012_topics_and_pathway")]

    operations = [migrations.RunPython(grant, revoke)]
