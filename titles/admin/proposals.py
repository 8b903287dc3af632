"""An editor opening a published title with changes waiting for review sees those changes in
the form, so their save builds on them instead of dropping them.

Nothing is written to show them. ``proposed_form_data`` makes the title say what the
revision says inside a transaction that is rolled back, and reads the values the form and
each inline would show. The form is then built on the published title as usual, with those
values as its initial data: every stored inline row shows the proposed row equal to it (or
else the next proposed row left over) or is marked for deletion, and proposed rows left
over fill extra rows. Submitted, the form is an ordinary edit of the published title whose
result is the proposal plus the editor's changes.
"""

from dataclasses import dataclass

from django.forms.models import BaseInlineFormSet, model_to_dict

from titles.models import Title
from titles.workflow import rolled_back, write_proposed

# The form's own bookkeeping, never taken from a proposal.
NOT_PROPOSED = ("base_version", "base_revision")


@dataclass
class ProposedRows:
    rows: list  # the initial data of each row the inline would show
    added: int  # how many more rows than are stored


class ProposedRowsFormSet(BaseInlineFormSet):
    """An inline formset that, unbound, can show ``proposed`` rows instead of the stored ones."""

    def __init__(self, *args, proposed=None, **kwargs):
        self.proposed = proposed
        super().__init__(*args, **kwargs)

    def row_of(self, obj):
        return model_to_dict(obj, fields=list(self.form.base_fields))

    def _shown_rows(self):
        """For each stored row the proposed data it shows, then the proposed rows left over."""
        if not hasattr(self, "_shown"):
            stored = [self.row_of(obj) for obj in self.get_queryset()]
            left = list(self.proposed)
            shown = [None] * len(stored)
            for index, row in enumerate(stored):
                if row in left:
                    shown[index] = row
                    left.remove(row)
            for index, row in enumerate(shown):
                if row is None:
                    shown[index] = left.pop(0) if left else {"DELETE": True}
            self._shown = shown + left
        return self._shown

    def _construct_form(self, i, **kwargs):
        if self.proposed is not None and not self.is_bound and i < len(self._shown_rows()):
            kwargs["initial"] = self._shown_rows()[i]
        return super()._construct_form(i, **kwargs)


class ProposedRowsInline:
    """Mixed into each inline of the title page: room for the proposed rows."""

    def get_extra(self, request, obj=None, **kwargs):
        proposed = getattr(request, "proposed", {}).get(self.model)
        return super().get_extra(request, obj, **kwargs) + (proposed.added if proposed else 0)


def proposed_form_data(model_admin, request, title, revision):
    """{Title: the form's initial data, inline model: ``ProposedRows``} for ``revision``.

    Raises ``RevisionRefused`` when the revision can no longer be written (what it refers to
    is gone)."""
    form_fields = list(model_admin.get_form(request, title, change=True).base_fields)
    inlines = list(model_admin.get_formsets_with_inlines(request, title))
    stored = {
        inline.model: FormSet(instance=title, queryset=inline.get_queryset(request))
        .get_queryset()
        .count()
        for FormSet, inline in inlines
    }
    with rolled_back():
        proposed = Title.objects.get(pk=title.pk)
        write_proposed(proposed, revision.entry)
        fields = [name for name in form_fields if name not in NOT_PROPOSED]
        data = {Title: model_to_dict(proposed, fields=fields)}
        for FormSet, inline in inlines:
            formset = FormSet(instance=proposed, queryset=inline.get_queryset(request))
            rows = [formset.row_of(obj) for obj in formset.get_queryset()]
            data[inline.model] = ProposedRows(rows, max(0, len(rows) - stored[inline.model]))
    return data
