"""pg_trgm and unaccent for search on PostgreSQL (no-ops on SQLite)."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("titles", "0001_initial")]

    operations = [TrigramExtension(), UnaccentExtension()]
