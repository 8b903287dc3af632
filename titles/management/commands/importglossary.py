import json

from django.core.management.base import BaseCommand, CommandError

from titles.exchange.checks import ContentError
from titles.exchange.csv_format import CSVError, from_csv
from titles.exchange.importer import apply_import, plan_import


class Command(BaseCommand):
    help = (
        "Import a yrkesroller/1 export (JSON or CSV): create the titles that are missing and "
        "make the others say what the file says. All or nothing; --dry-run writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .json or .csv file written by exportglossary")
        parser.add_argument("--dry-run", action="store_true", help="only print what would happen")

    def handle(self, *args, file, dry_run, **options):
        try:
            with open(file, encoding="utf-8-sig", newline="") as handle:
                text = handle.read()
            data = from_csv(text) if file.lower().endswith(".csv") else json.loads(text)
        except OSError as error:
            raise CommandError(f"{file}: cannot be read: {error.strerror}") from error
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise CommandError(f"{file}: not valid UTF-8 JSON: {error}") from error
        except CSVError as error:
            raise CommandError(f"{file}: {error}") from error
        try:
            plan = plan_import(data)
        except ContentError as error:
            raise CommandError(
                f"{file} has {len(error.problems)} problem(s); nothing was imported:\n"
                + "\n".join(f"  reject {problem}" for problem in error.problems)
            ) from error

        for slug in plan.create:
            self.stdout.write(f"  create    {slug}")
        for slug, keys in plan.change:
            self.stdout.write(f"  change    {slug} ({', '.join(keys)})")
        summary = (
            f"{len(plan.create)} to create, {len(plan.change)} to change, "
            f"{len(plan.unchanged)} unchanged"
        )
        if dry_run:
            self.stdout.write(f"Dry run: {summary}. Nothing was written.")
            return
        apply_import(plan)
        self.stdout.write(self.style.SUCCESS(f"Imported: {summary}."))
