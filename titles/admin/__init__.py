"""The editors' admin: the title page (``titles``) with its inlines, filters, workflow
actions, preview, history and import, the pages of the shared vocabularies, and the guides."""

from titles.admin import guides, suggestions, title_page, vocabulary  # noqa: F401 - they register the admin pages
