from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from titles.exchange.checks import ContentError
from titles.exchange.guides import check_guides, load_guides
from titles.exchange.loader import CONTENT_DIR, load_content, read_content, read_mappings
from titles.models import Title


class Command(BaseCommand):
    help = (
        "Load the bundled glossary content (content/). Safe to run again: unchanged entries "
        "are left alone and entries changed by editors are skipped unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--path", default=str(CONTENT_DIR), help="content directory")
        parser.add_argument(
            "--force", action="store_true", help="overwrite entries that editors have changed"
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing if the glossary has any title"
        )

    def handle(self, *args, path, force, if_empty, **options):
        if if_empty and Title.objects.exists():
            self.stdout.write("The glossary already has content; nothing loaded.")
            return
        known = Title.objects.values_list("slug", flat=True)
        try:
            content = read_content(path, known_slugs=set(known))
        except ContentError as error:
            raise CommandError(
                f"The content has {len(error.problems)} problem(s); nothing was loaded:\n"
                + "\n".join(f"  {problem}" for problem in error.problems)
            ) from error
        report = load_content(content, force=force)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {len(content.entries)} entries: {len(report.created)} created, "
                f"{len(report.updated)} updated, {len(report.unchanged)} unchanged, "
                f"{len(report.skipped)} skipped; {report.relations_added} relations added, "
                f"{report.synonyms_added} synonyms added."
            )
        )
        self._skipped(report.skipped)
        self._guides(Path(path) / "guides", force)

    def _skipped(self, slugs):
        if slugs:
            self.stdout.write(
                self.style.WARNING(
                    "Skipped because an editor has changed them (use --force to overwrite): "
                    + ", ".join(slugs)
                )
            )

    def _guides(self, folder, force):
        """The guides, after the entries they link to; checked first, like the entries."""
        if not folder.is_dir():
            return
        problems = []
        entries = read_mappings(folder, problems)
        problems += check_guides(entries)
        if problems:
            raise CommandError(
                f"The guides have {len(problems)} problem(s); no guide was loaded:\n"
                + "\n".join(f"  {problem}" for problem in problems)
            )
        report = load_guides(entries, force=force)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {len(entries)} guides: {len(report.created)} created, "
                f"{len(report.updated)} updated, {len(report.unchanged)} unchanged, "
                f"{len(report.skipped)} skipped."
            )
        )
        self._skipped(report.skipped)
