"""The synonym list in ``content/synonyms.yaml``: checked, then added to the database.

Each item is ``{term, language, means: [names]}``. Loading adds the terms the database does
not have yet; a term already there is the editors' (they may have changed it in the admin)
and is left as it is, as tags and topics are.
"""

from titles.models import LANGUAGE_CODES, Synonym
from titles.normalize import compact, normalize

FILE_NAME = "synonyms.yaml"


def check_synonyms(items):
    """Problems of a parsed synonym list, each naming the item."""
    if not isinstance(items, list):
        return [f"{FILE_NAME}: expected a list of {{term, language, means}} items"]
    problems, seen = [], set()
    for number, item in enumerate(items, start=1):
        where = f"{FILE_NAME}: item {number}"
        if not isinstance(item, dict):
            problems.append(f"{where}: expected a mapping with term, language and means")
            continue
        term, language, means = item.get("term"), item.get("language"), item.get("means")
        if not isinstance(term, str) or not normalize(term):
            problems.append(f"{where}.term: a term needs some letters or digits")
            continue
        where = f"{FILE_NAME}: {term}"
        if language not in LANGUAGE_CODES:
            problems.append(f"{where}.language: must be one of {', '.join(LANGUAGE_CODES)}")
        if not isinstance(means, list) or not means:
            problems.append(f"{where}.means: give a list of names to search for instead")
        elif not all(isinstance(name, str) and normalize(name) for name in means):
            problems.append(f"{where}.means: every item must be a name with letters or digits")
        key = (language, compact(term))
        if key in seen:
            problems.append(f"{where}: listed twice")
        seen.add(key)
    return problems


def add_synonyms(items):
    """Create the listed synonyms the database lacks; return how many were added."""
    existing = set(Synonym.objects.values_list("language", "compact"))
    added = 0
    for item in items:
        if (item["language"], compact(item["term"])) in existing:
            continue
        Synonym.objects.create(
            term=item["term"], language=item["language"], means="\n".join(item["means"])
        )
        added += 1
    return added
