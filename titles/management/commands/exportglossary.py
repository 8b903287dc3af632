import json
import sys

from django.core.management.base import BaseCommand, CommandError

from titles.exchange.csv_format import to_csv
from titles.exchange.format import export_glossary
from titles.models import Field, Status, Title


class Command(BaseCommand):
    help = (
        "Write the glossary (every status, or a selection) as yrkesroller/1 JSON or as CSV, UTF-8."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")
        parser.add_argument("--format", choices=["json", "csv"], default=None,
                            help="default: from the file name, else json")  # fmt: skip
        parser.add_argument("--status", action="append", choices=Status.values,
                            help="only titles with this status (repeatable)")  # fmt: skip
        parser.add_argument("--field", action="append", choices=Field.values,
                            help="only titles of this field (repeatable)")  # fmt: skip
        parser.add_argument("--tag", action="append", help="only titles with this tag slug")

    def handle(self, *args, output, format, status, field, tag, **options):
        selection = None
        if status or field or tag:
            selection = Title.objects.all()
            if status:
                selection = selection.filter(status__in=status)
            if field:
                selection = selection.filter(field__in=field)
            if tag:
                selection = selection.filter(tags__slug__in=tag).distinct()
            if not selection.exists():
                raise CommandError("No title matches that selection.")
        data = export_glossary(selection)
        format = format or ("csv" if output and output.lower().endswith(".csv") else "json")
        if format == "csv":
            text = to_csv(data)
        else:
            text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        if output:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            self.stderr.write(f"Wrote {len(data['titles'])} titles to {output}")
        else:
            sys.stdout.buffer.write(text.encode("utf-8"))
