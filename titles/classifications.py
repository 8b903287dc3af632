"""The official occupation classifications entries are coded with: SSYK 2012 and ISCO-08.

The reference tables ship as content (``content/classifications/``), each with its source:
only the unit groups this glossary uses, checked by hand against the publishers' lists. The
content checks use them to refuse a code that does not exist or an SSYK/ISCO pair that does
not correspond; the role page uses them to show each code with its official group name.
ESCO occupations are not tabled: an entry gives the full URI, which is itself the stable page.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.conf import settings

TABLES_DIR = Path(settings.BASE_DIR) / "content" / "classifications"
ESCO_URI = re.compile(
    r"^http://data\.europa\.eu/esco/occupation/"
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
)
SSYK_PAGE = (
    "https://www.scb.se/dokumentation/klassifikationer-och-standarder/"
    "standard-for-svensk-yrkesklassificering-ssyk/"
)
ISCO_PAGE = "https://www.ilo.org/public/english/bureau/stat/isco/isco08/"


@dataclass(frozen=True)
class Group:
    """One unit group: its code, official names and (for SSYK) the ISCO-08 groups it maps to."""

    scheme: str
    code: str
    name_sv: str
    name_en: str
    isco: tuple = ()

    def name(self, language):
        name = self.name_sv if language == "sv" and self.name_sv else self.name_en
        return name[:1].upper() + name[1:]


def _table(file_name):
    path = TABLES_DIR / file_name
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


@cache
def ssyk_groups():
    """SSYK 2012 unit groups by four-digit code."""
    groups = {}
    for code, row in _table("ssyk2012.yaml").items():
        isco = row.get("isco08") or []
        isco = (isco,) if isinstance(isco, str) else tuple(isco)
        groups[str(code)] = Group("SSYK 2012", str(code), row["sv"], row["en"], isco)
    return groups


@cache
def isco_groups():
    """ISCO-08 unit groups by four-digit code (the ILO publishes English names only)."""
    return {
        str(code): Group("ISCO-08", str(code), "", row["en"])
        for code, row in _table("isco08.yaml").items()
    }


def code_problems(ssyk, isco, esco):
    """What is wrong with an entry's codes, as 'identifiers.<key>: message' lines."""
    if ssyk and ssyk not in ssyk_groups():
        yield f"identifiers.ssyk: '{ssyk}' is not in the SSYK 2012 table (classifications/)"
    if isco and isco not in isco_groups():
        yield f"identifiers.isco: '{isco}' is not in the ISCO-08 table (classifications/)"
    group = ssyk_groups().get(ssyk)
    if group and isco and isco not in group.isco:
        yield (
            f"identifiers.isco: '{isco}' does not correspond to SSYK {ssyk} "
            f"(it maps to ISCO {', '.join(group.isco)})"
        )
    if esco and not ESCO_URI.match(esco):
        yield (
            "identifiers.esco: give the full occupation URI, "
            "http://data.europa.eu/esco/occupation/<uuid>"
        )


@dataclass(frozen=True)
class Code:
    """A code as a role page shows it: scheme, code, the group's name, and where to read more."""

    scheme: str
    code: str
    name: str
    url: str
    language: str = "en"  # of the name: the ILO names ISCO groups in English only


def category_codes(codes):
    """The codes as schema.org ``CategoryCode`` nodes (for ``occupationalCategory``)."""
    return [
        {
            "@type": "CategoryCode",
            "codeValue": code.code,
            **({"name": code.name} if code.name else {}),
            "inCodeSet": {"@type": "CategoryCodeSet", "name": code.scheme, "url": code.url},
        }
        for code in codes
        if code.scheme != "ESCO"
    ]


def codes_of(title, language):
    """The title's official codes with their group names, for the page and JSON-LD."""
    codes = []
    ssyk = ssyk_groups().get(title.ssyk_code)
    if ssyk:
        codes.append(Code(ssyk.scheme, ssyk.code, ssyk.name(language), SSYK_PAGE, language))
    isco = isco_groups().get(title.isco_code)
    if isco:
        codes.append(Code(isco.scheme, isco.code, isco.name(language), ISCO_PAGE))
    if title.esco_uri:
        codes.append(Code("ESCO", title.esco_uri.rsplit("/", 1)[-1], "", title.esco_uri))
    return codes
