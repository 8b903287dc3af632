"""Deployment checks of our own, run by ``manage.py check --deploy``."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def shared_cache(app_configs, **kwargs):
    """Rate limits count in the cache: without Redis every worker counts for itself."""
    if getattr(settings, "REDIS_URL", None):
        return []
    return [
        Warning(
            "REDIS_URL is not set: the search rate limits count per worker process.",
            hint="Set REDIS_URL (e.g. redis://127.0.0.1:6379/0) so all workers share one count.",
            id="glossary.W001",
        )
    ]
