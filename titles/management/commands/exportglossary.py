import json
import sys

from django.core.management.base import BaseCommand

from titles.exchange import export_glossary


class Command(BaseCommand):
    help = "Write the whole glossary (every status) as yrkesroller/1 JSON, UTF-8."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")

    def handle(self, *args, output, **options):
        text = json.dumps(export_glossary(), ensure_ascii=False, indent=2) + "\n"
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text)
            self.stderr.write(f"Wrote {output}")
        else:
            sys.stdout.buffer.write(text.encode("utf-8"))
