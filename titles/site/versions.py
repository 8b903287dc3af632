"""Earlier versions of a role page: the permanent addresses citations point to.

A version is one record of a title's history (django-simple-history) in which the title was
published: what readers could read from that save until the next one. Its address,
``/sv/yrken/<slug>/versioner/<number>/`` (``/en/roles/<slug>/versions/<number>/``), where the
number is the history record's id, does not change when the entry does, so a citation keeps
pointing at the text that was cited. Only published records have a page: a draft or a
retired state was never public text.

The labels, responsibilities and skills of a version are the ones in force just before the
next save of the title (the admin saves a title before its inlines, so "at the save" would
miss the inlines of that same save). For the newest version that is now.
"""

from datetime import timedelta

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from titles.bilingual import current_language, other_language, text_of
from titles.classifications import codes_of
from titles.models import LANGUAGE_CODES, VISIBLE_KINDS, Label, Responsibility, Skill, Status, Title
from titles.opendata.dumps import site_url
from titles.site.citation import citation, version_path
from titles.site.pages import role_prose
from titles.site.queries import labels_by_language

HistoricalTitle = Title.history.model
# Other published versions listed on a version page, newest first.
LISTED = 50


def _as_of(model, title_id, when, order):
    """The rows of ``model`` the title owned at ``when``, from their history: each item's
    newest record up to then, unless that record is its deletion."""
    newest = {}
    records = model.history.filter(title_id=title_id, history_date__lte=when)
    for record in records.order_by("history_date", "history_id"):
        newest[record.id] = record
    rows = [record.instance for record in newest.values() if record.history_type != "-"]
    return sorted(rows, key=order)


def _published_versions(title_id):
    records = HistoricalTitle.objects.filter(id=title_id, status=Status.PUBLISHED)
    records = records.exclude(history_type="-").order_by("-history_date", "-history_id")
    return list(records.values("history_id", "history_date", "slug", "slug_en")[:LISTED])


def _version_context(request, record, when):
    """What the version page shows of ``record`` (a published history record) as at
    ``when``: the same prose, names, duties and codes as the role page of that time."""
    language = current_language()
    title = record.instance
    title.visible_labels = [
        label
        for label in _as_of(Label, record.id, when, lambda label: (label.language, label.text))
        if label.kind in VISIBLE_KINDS
    ]
    responsibilities = _as_of(Responsibility, record.id, when, lambda item: (item.order, item.pk))
    skills = _as_of(Skill, record.id, when, lambda item: (item.order, item.pk))
    other = other_language(language)
    path = version_path(record.slug, record.slug_en, record.history_id)
    cite = citation(title.name, record.slug, record.history_date, site_url(request) + path)
    versions = [
        {
            **row,
            "path": version_path(row["slug"], row["slug_en"], row["history_id"]),
            "current": row["history_id"] == record.history_id,
        }
        for row in _published_versions(record.id)
    ]
    current = Title.objects.filter(pk=record.id).first()
    return {
        **role_prose(title, language),
        "title": title,
        "record": record,
        "other_language": other,
        "other_name": getattr(title, f"name_{other}"),
        "labels": labels_by_language(title, language),
        "responsibilities": [text_of(item, "text", language) for item in responsibilities],
        "skills": [text_of(item, "text", language) for item in skills],
        "note": text_of(title, "note", language),
        "codes": codes_of(title, language),
        "citation": {**cite, "path": path},
        "language_paths": {
            code: version_path(record.slug, record.slug_en, record.history_id, code)
            for code in LANGUAGE_CODES
        },
        "versions": versions,
        "current": current if current and current.status != Status.DRAFT else None,
        "is_newest": bool(versions) and versions[0]["history_id"] == record.history_id,
        "page_title": _("%(name)s as of %(date)s | Yrkesroller")
        % {"name": title.name, "date": formats.date_format(cite["date"], "j F Y")},
    }


@require_safe
def title_version(request, slug, number):
    """One published version of a role page. Any slug the title has had leads to it: the
    address is the record's number; the slug in it is redirected to the version's own."""
    record = (
        HistoricalTitle.objects.filter(history_id=number, status=Status.PUBLISHED)
        .exclude(history_type="-")
        .first()
    )
    if record is None:
        raise Http404(_("There is no published version with that number."))
    path = version_path(record.slug, record.slug_en, record.history_id)
    if request.path != path:
        return redirect(path, permanent=True)
    following = (
        HistoricalTitle.objects.filter(id=record.id, history_date__gt=record.history_date)
        .order_by("history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    when = following - timedelta(microseconds=1) if following else timezone.now()
    response = render(request, "titles/title_version.html", _version_context(request, record, when))
    response["X-Robots-Tag"] = "noindex"
    return response
