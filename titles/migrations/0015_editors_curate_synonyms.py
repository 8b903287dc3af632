"""Editors and Publishers may curate the synonym list (0014), as they do topics (0013)."""

from functools import partial
from importlib import import_module

from django.db import migrations

_topics = import_module("titles.migrations.0013_editors_curate_skills_and_topics")
MODELS = ["synonym"]


class Migration(migrations.Migration):
    dependencies = [("titles", "0014_search_forms_and_synonyms")]

    operations = [
        migrations.RunPython(
            partial(_topics.grant, models=MODELS), partial(_topics.revoke, models=MODELS)
        )
    ]
