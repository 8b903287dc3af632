"""``manage.py check_content``: the bundled content, checked as the loader checks it, and more.

It touches no database: every rule of ``read_content`` (both languages complete, topics,
official codes that exist in the shipped tables and agree, ladders that never lead down),
plus the no-copying rule, then a summary of what the content covers.
"""

from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from titles.exchange import copycheck
from titles.exchange.checks import ContentError
from titles.exchange.loader import CONTENT_DIR, read_content
from titles.models import Status


class Command(BaseCommand):
    help = "Check the content directory without loading it; exit non-zero on any problem."

    def add_arguments(self, parser):
        parser.add_argument("--path", default=str(CONTENT_DIR), help="content directory")
        parser.add_argument(
            "--min-published",
            type=int,
            default=0,
            help="fail unless at least this many entries are published and coded",
        )

    def handle(self, *args, path, min_published, **options):
        try:
            content = read_content(path)
        except ContentError as error:
            raise CommandError(self._problems(error.problems)) from error
        copied = _copied(content)
        if copied:
            raise CommandError(self._problems(copied))
        summary = _summary(content)
        for line in summary["lines"]:
            self.stdout.write(line)
        if summary["coded"] < min_published:
            raise CommandError(
                f"{summary['coded']} published entries with SSYK and ISCO codes, "
                f"fewer than the {min_published} asked for"
            )
        self.stdout.write(self.style.SUCCESS("The content passes every check."))

    @staticmethod
    def _problems(problems):
        return f"The content has {len(problems)} problem(s):\n" + "\n".join(
            f"  {problem}" for problem in problems
        )


def _copied(content):
    if not copycheck.SEEDS_DIR.is_dir():
        return []
    seeds = copycheck.seed_runs()
    return [
        f"{where}: {field}: copies the seeds: '{run}'"
        for where, entry in content.entries
        for field, text in copycheck.texts_of_entry(entry)
        for run in copycheck.copied_runs(text, seeds)
    ]


def _summary(content):
    entries = [entry for _, entry in content.entries]
    published = [entry for entry in entries if entry["status"] == Status.PUBLISHED]
    identifiers = [entry.get("identifiers") or {} for entry in published]
    coded = sum(1 for codes in identifiers if codes.get("ssyk") and codes.get("isco"))
    esco = sum(1 for codes in identifiers if codes.get("esco"))
    by_field = Counter(entry["field"] for entry in published)
    used_topics = {topic for entry in published for topic in entry.get("topics") or []}
    lines = [
        f"{len(entries)} entries, {len(published)} published",
        f"  with SSYK 2012 and ISCO-08 codes: {coded}; with an ESCO occupation: {esco}; "
        f"uncoded with a reason: {len(published) - coded}",
        f"  topics: {len(used_topics)} in use of {len(content.vocabulary.topics)}",
        "  by field: " + ", ".join(f"{field} {count}" for field, count in sorted(by_field.items())),
    ]
    return {"coded": coded, "lines": lines}
