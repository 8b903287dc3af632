from django.core.management.base import BaseCommand, CommandError

from titles.opendata.dumps import site_url
from titles.opendata.integrity import problems
from titles.opendata.skos import vocabulary_graph


class Command(BaseCommand):
    help = "Check the published glossary's SKOS graph against the SKOS integrity conditions."

    def handle(self, *args, **options):
        graph = vocabulary_graph(site_url())
        found = problems(graph)
        for name, rows in found.items():
            self.stderr.write(f"{name}: {len(rows)}")
            for row in rows[:20]:
                self.stderr.write(f"  {row}")
        if found:
            raise CommandError("The vocabulary breaks SKOS integrity conditions (see above).")
        self.stdout.write(f"{len(graph)} triples; the SKOS integrity conditions hold.")
