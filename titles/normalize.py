"""Text normalisation shared by labels (stored forms) and search (query forms).

A student types "Marknads-koordinator", "marknads koordinator" or "MARKNADSKOORDINATÖR";
all of them should meet the same stored label. Two forms are kept:

- ``normalize``: casefolded, diacritics folded (å→a, ä→a, ö→o, é→e), every run of spaces,
  hyphens, slashes and other punctuation collapsed to one space. Words stay apart, so word
  and prefix matches work ("account manager").
- ``compact``: the normalised form with the spaces removed, so a compound written apart or
  hyphenated meets the compound ("marknads koordinator" = "marknadskoordinator").
"""

import re
import unicodedata

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def fold_diacritics(text):
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalize(text):
    folded = fold_diacritics((text or "").casefold())
    return _NOT_WORD.sub(" ", folded).strip()


def compact(text):
    return normalize(text).replace(" ", "")
