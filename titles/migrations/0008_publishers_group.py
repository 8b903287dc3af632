"""The Publishers group: what editors may do, plus publishing, retiring and merging.

Editors draft, edit and submit titles for review; publishers also hold ``publish_title``.
Both may look at old addresses (slug redirects), which the site keeps automatically.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS, PUBLISHERS = "Editors", "Publishers"


def create_publishers(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    titles_perms = Permission.objects.filter(content_type__app_label="titles")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(*titles_perms.filter(codename="view_slugredirect"))
    publishers, _ = Group.objects.get_or_create(name=PUBLISHERS)
    publishers.permissions.set(
        list(editors.permissions.all())
        + list(titles_perms.filter(codename__in=["publish_title", "view_slugredirect"]))
    )


def remove_publishers(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=PUBLISHERS).delete()


class Migration(migrations.Migration):
    dependencies = [("titles", "0007_workflow_history")]

    operations = [migrations.RunPython(create_publishers, remove_publishers)]
