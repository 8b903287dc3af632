"""Compile the interface translations (locale/*/LC_MESSAGES/django.po → .mo) with polib.

Pure Python, so `make run` and `make test` need no gettext on the machine (Django's own
`compilemessages` calls gettext's `msgfmt`). A fuzzy or badly formatted entry stops it with
the file and the message, as msgfmt would.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def compile_all(locale_dir=ROOT / "locale"):
    problems = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        catalogue = polib.pofile(str(po_path))
        for entry in catalogue:
            if "fuzzy" in entry.flags and not entry.obsolete:
                problems.append(f"{po_path}: fuzzy entry for {entry.msgid!r}")
        catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
    return problems


if __name__ == "__main__":
    found = compile_all()
    for problem in found:
        print(problem, file=sys.stderr)
    sys.exit(1 if found else 0)
