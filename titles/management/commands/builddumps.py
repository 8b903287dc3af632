from django.core.management.base import BaseCommand

from titles.opendata.dumps import build_dumps, dumps_dir
from titles.opendata.dumps import site_url as default_site_url


class Command(BaseCommand):
    help = (
        "Write the published glossary's downloads (SKOS as Turtle, RDF/XML and JSON-LD; "
        "yrkesroller/1 JSON and CSV) and their manifest to DUMPS_DIR."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="directory (default: DUMPS_DIR, var/dumps/)")
        parser.add_argument("--site-url", help="base of the concept URIs (default: SITE_URL)")

    def handle(self, *args, output, site_url, **options):
        base = (site_url or "").rstrip("/") or default_site_url()
        manifest = build_dumps(base, output)
        for entry in manifest["files"]:
            self.stderr.write(f"{entry['name']}: {entry['bytes']} bytes")
        self.stderr.write(f"Wrote {len(manifest['files'])} files to {output or dumps_dir()}")
