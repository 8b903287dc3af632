"""How to cite a role page: an APA-style reference and a BibTeX record of the version shown,
with its permanent address (``site.versions``).

The reference follows APA 7 for an entry in a reference work with no named author: the
entry's name, the version's date, the work in italics, the permanent address (no "retrieved"
date, since the address names one version). BibTeX is ``@misc`` with biblatex's ``date``,
``url`` and ``langid`` (BibTeX ignores what it does not know).
"""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from titles.bilingual import current_language
from titles.models import Status, slug_in
from titles.opendata.dumps import site_url

# The work, as the SKOS scheme names it (translated there).
WORK = "Yrkesroller – marketing job titles in Swedish and English"
BIBTEX_SPECIAL = {c: f"\\{c}" for c in "&%$#_{}"} | {
    "~": r"\~{}",
    "^": r"\^{}",
    "\\": r"\textbackslash{}",
}


def version_path(slug, slug_en, number, language=None):
    """A version's address in ``language`` (the active one), at that version's slugs."""
    language = language or current_language()
    with override(language):
        return reverse("titles:title-version", args=[slug_in(language, slug, slug_en), number])


def _bibtex(text):
    return "".join(BIBTEX_SPECIAL.get(character, character) for character in text)


def citation(name, slug, when, url):
    """The entry ``name`` as it was at ``when`` (an aware datetime), at ``url`` (absolute):
    the parts of an APA-style reference (the template sets the work in italics) and a
    BibTeX record."""
    day = timezone.localtime(when).date()
    language = current_language()
    work = _(WORK)
    # APA 7 puts the date as (year, month day); Swedish APA as (år, dag månad).
    if language == "sv":
        dated = f"{day.year}, {day.day} {formats.date_format(day, 'F')}"
    else:
        dated = f"{day.year}, {formats.date_format(day, 'F')} {day.day}"
    with override("en"):
        month = formats.date_format(day, "M").lower()
    note = _("Version of %(date)s") % {"date": day.isoformat()}
    bibtex = "\n".join(
        [
            f"@misc{{yrkesroller-{slug}-{day.isoformat()},",
            "  author       = {{Yrkesroller}},",
            f"  title        = {{{_bibtex(name)}}},",
            f"  howpublished = {{{_bibtex(work)}}},",
            f"  year         = {{{day.year}}},",
            f"  month        = {month},",
            f"  date         = {{{day.isoformat()}}},",
            f"  url          = {{{url}}},",
            f"  langid       = {{{'swedish' if language == 'sv' else 'english'}}},",
            f"  note         = {{{_bibtex(note)}}},",
            "}",
        ]
    )
    return {
        "name": name,
        "dated": dated,
        "work": work,
        "url": url,
        "bibtex": bibtex,
        "date": day,
    }


def role_citation(request, title):
    """The citation of the version a role page shows (``title`` annotated with
    ``newest_version``), or ``None`` for a title with no history (rows written in bulk)."""
    number = getattr(title, "version_number", None)
    if number is None or title.status != Status.PUBLISHED:
        return None  # no history, or the editors' preview of a title not yet public
    path = version_path(title.slug, title.slug_en, number)
    url = site_url(request) + path
    result = citation(title.name, title.slug, title.version_date, url)
    return {**result, "path": path}
