from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class TitlesConfig(AppConfig):
    name = "titles"
    verbose_name = _("Glossary")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from glossary import checks  # noqa: F401 - registers the deployment checks
        from titles.search.sqlite_index import repair_sqlite_index

        post_migrate.connect(repair_sqlite_index, sender=self)
