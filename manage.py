#!/usr/bin/env python
"""Django's command-line utility for administrative tasks.

The settings refuse to start without ``SECRET_KEY`` (production sets it; ``glossary.wsgi``
never guesses). On a developer's machine ``make install`` writes a random development key
to ``var/dev-secret-key`` (kept out of git), and this script uses it when ``SECRET_KEY`` is
not set, so ``.venv/bin/python manage.py shell`` (or ``makemigrations``) works as it is.
"""

import os
import sys
from pathlib import Path

DEV_SECRET_KEY = Path(__file__).resolve().parent / "var" / "dev-secret-key"


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "glossary.settings")
    if "SECRET_KEY" not in os.environ and DEV_SECRET_KEY.is_file():
        os.environ["SECRET_KEY"] = DEV_SECRET_KEY.read_text().strip()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
