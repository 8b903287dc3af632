"""Keep the title change page at a constant number of queries.

Django's autocomplete widget looks up the selected object of every inline row with a query
of its own, so a title with twenty relations would cost twenty queries. The inlines load the
selected objects with their rows (``select_related`` in the inline's ``get_queryset``) and
the formset hands their labels to the widgets, which then only query for values they were
not given (a re-displayed POST).
"""

from django.contrib.admin.widgets import AutocompleteSelect
from django.forms.models import BaseInlineFormSet


class PreloadedAutocompleteSelect(AutocompleteSelect):
    preloaded = None  # {str(pk): label} set by the formset

    def optgroups(self, name, value, attr=None):
        known = self.preloaded or {}
        selected = [v for v in value if v not in self.choices.field.empty_values]
        if not selected or any(str(v) not in known for v in selected):
            return super().optgroups(name, value, attr)
        groups = [(None, [], 0)]
        options = groups[0][1]
        if not self.is_required:
            options.append(self.create_option(name, "", "", False, 0))
        for choice in selected:
            options.append(self.create_option(name, choice, known[str(choice)], True, len(options)))
        return groups


class PreloadedChoicesFormSet(BaseInlineFormSet):
    """An inline formset whose autocomplete field shows objects loaded with the rows."""

    preload_field = None  # name of the foreign key shown with autocomplete

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if not hasattr(self, "_preloaded"):
            self._preloaded = {
                str(getattr(row, f"{self.preload_field}_id")): str(getattr(row, self.preload_field))
                for row in self.get_queryset()
            }
        widget = form.fields[self.preload_field].widget
        inner = getattr(widget, "widget", widget)  # unwrap RelatedFieldWidgetWrapper
        if isinstance(inner, AutocompleteSelect):
            inner.__class__ = PreloadedAutocompleteSelect
            inner.preloaded = self._preloaded
        return form
