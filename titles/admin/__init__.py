"""The editors' admin: the title page (``titles``) with its inlines, filters, workflow
actions, preview, history and import, and the pages of the shared vocabularies."""

from titles.admin import suggestions, title_page, vocabulary  # noqa: F401 - they register the admin pages
