"""The downloads: the published glossary as SKOS (three serialisations), JSON and CSV.

``build_dumps`` writes every file into ``DUMPS_DIR`` (default ``var/dumps/``) and a
``manifest.json`` with each file's size and SHA-256, the time and the content version they
were built from. Each file is written beside its final name and renamed into place, so a
reader never gets half a file.

When they are rebuilt: ``manage.py builddumps`` builds them (``make setup`` after loading the
content, or a schedule); and because every change to what the public sees bumps
``ContentVersion`` (database triggers, ``titles.models.content_version``), a manifest whose
version differs from the current one is stale, and the next request under ``/data/``
rebuilds the files before answering (``current_manifest``). That costs nothing on publish
(no signal to forget, no work inside an editor's save) and never serves a dump older than
the content. A lock in the cache keeps two requests from building at once; the one that
loses serves the previous files.
"""

import hashlib
import json
import os
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

from titles.bilingual import bilingual
from titles.exchange.csv_format import to_csv
from titles.exchange.format import FORMAT, owned, title_to_dict, with_owned
from titles.models import ContentVersion, Status, Tag, Title, Topic, published_q
from titles.opendata import rdf_parts
from titles.opendata.skos import CHUNK, vocabulary_chunks

MANIFEST = "manifest.json"
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
# name: (rdflib serialisation or our own writer, media type)
FILES = {
    "yrkesroller.ttl": ("turtle", "text/turtle; charset=utf-8"),
    "yrkesroller.rdf": ("xml", "application/rdf+xml; charset=utf-8"),
    "yrkesroller.jsonld": ("json-ld", "application/ld+json; charset=utf-8"),
    "yrkesroller.json": ("json", "application/json; charset=utf-8"),
    "yrkesroller.csv": ("csv", "text/csv; charset=utf-8"),
}
SKOS_FILES = ("yrkesroller.ttl", "yrkesroller.rdf", "yrkesroller.jsonld")
JSON_LD_CONTEXT = {
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
LOCK = "opendata:dumps-building"
LOCK_SECONDS = 600
DEFAULT_SITE_URL = "http://127.0.0.1:8000"


def dumps_dir():
    return Path(getattr(settings, "DUMPS_DIR", None) or Path(settings.BASE_DIR) / "var" / "dumps")


def site_url(request=None):
    """Where concept URIs point: ``SITE_URL`` if set, else the request's scheme and host,
    else the development server."""
    configured = getattr(settings, "SITE_URL", "")
    if configured:
        return configured.rstrip("/")
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return DEFAULT_SITE_URL


def version_stamp():
    """The content version as the manifest records it: number and time of the last change
    (a rolled-back transaction can reuse a number, never the time)."""
    number, changed = ContentVersion.current()
    return f"{number}.{int(changed.timestamp() * 1000) if changed else 0}"


def public_entry(title):
    """A title of ``export_queryset()`` in ``yrkesroller/1``, without relations to titles
    the public may not see (a draft's slug is not public either)."""
    entry = title_to_dict(title)
    public = {
        relation.target.slug
        for relation in owned(title, "outgoing_relations")
        if relation.target.status == Status.PUBLISHED
    }
    entry["relations"] = [item for item in entry["relations"] if item["target"] in public]
    return entry


def public_entries(slugs=None):
    """Published entries in ``yrkesroller/1`` (of ``slugs`` if given), in constant queries."""
    titles = Title.objects.filter(published_q()).select_related("replaced_by").order_by("slug")
    if slugs is not None:
        titles = titles.filter(slug__in=slugs)
    return [public_entry(title) for title in with_owned(list(titles))]


def public_vocabulary():
    """The names of the tags and topics published entries use: {"tags": …, "topics": …}."""
    tags = Tag.objects.filter(tagged_titles__content_object__status=Status.PUBLISHED)
    topics = Topic.objects.filter(title_topics__title__status=Status.PUBLISHED)
    return {
        "tags": {tag.slug: bilingual(tag, "name") for tag in tags.distinct().order_by("slug")},
        "topics": {
            topic.slug: bilingual(topic, "name") for topic in topics.distinct().order_by("slug")
        },
    }


def entry_chunks(size=None):
    """Published entries, ``size`` at a time (the export reads all a title owns at once)."""
    size = size or CHUNK
    slugs = list(Title.objects.published().order_by("slug").values_list("slug", flat=True))
    for start in range(0, len(slugs), size):
        yield public_entries(slugs[start : start + size])


class Writer:
    """One dump being written: to a temporary file beside its final name, hashed as it goes,
    renamed into place by ``finish``, so a reader never gets half a file."""

    def __init__(self, directory, name):
        self.directory, self.name = directory, name
        self.temporary = directory / f".{name}.{os.getpid()}.tmp"
        self.handle = self.temporary.open("wb")
        self.digest, self.size = hashlib.sha256(), 0

    def write(self, data):
        data = data.encode("utf-8") if isinstance(data, str) else data
        self.handle.write(data)
        self.digest.update(data)
        self.size += len(data)

    def finish(self):
        self.handle.close()
        os.replace(self.temporary, self.directory / self.name)
        media_type = FILES[self.name][1] if self.name in FILES else "application/json"
        return {
            "name": self.name,
            "media_type": media_type,
            "bytes": self.size,
            "sha256": self.digest.hexdigest(),
        }


def write_skos(directory, base):
    """The three SKOS files, written a chunk graph at a time (see ``rdf_parts``)."""
    writers = [Writer(directory, name) for name in SKOS_FILES]
    turtle, xml, json_ld = writers
    xml.write(rdf_parts.XML_HEAD)
    json_ld.write(rdf_parts.json_ld_head(JSON_LD_CONTEXT))
    first = True
    for graph in vocabulary_chunks(base):
        turtle.write(rdf_parts.turtle_body(graph))
        xml.write(rdf_parts.xml_body(graph))
        nodes = rdf_parts.json_ld_nodes(graph, JSON_LD_CONTEXT)
        if nodes:
            json_ld.write(("" if first else ",\n") + nodes)
            first = False
    xml.write(rdf_parts.XML_TAIL)
    json_ld.write(rdf_parts.JSON_LD_TAIL)
    return [writer.finish() for writer in writers]


def write_entries(directory):
    """``yrkesroller.json`` and ``.csv``: every published entry, a chunk at a time."""
    json_file = Writer(directory, "yrkesroller.json")
    csv_file = Writer(directory, "yrkesroller.csv")
    names = public_vocabulary()
    head = {"format": FORMAT, "exported_at": datetime.now(UTC).isoformat(), **names}
    text = json.dumps({**head, "titles": []}, ensure_ascii=False, indent=1)
    json_file.write(text[: text.rindex("[")] + "[\n")
    first = True
    for entries in entry_chunks():
        for entry in entries:
            json_file.write(("" if first else ",\n") + json.dumps(entry, ensure_ascii=False))
            first = False
        rows = to_csv({**names, "titles": entries})
        csv_file.write(rows if csv_file.size == 0 else rows.split("\n", 1)[1])
    if csv_file.size == 0:
        csv_file.write(to_csv({**names, "titles": []}))
    json_file.write("\n]\n}\n")
    return [json_file.finish(), csv_file.finish()]


def build_dumps(base=None, directory=None):
    """Write every dump and the manifest; return the manifest."""
    directory = Path(directory or dumps_dir())
    directory.mkdir(parents=True, exist_ok=True)
    base = base or site_url()
    stamp = version_stamp()
    files = write_skos(directory, base) + write_entries(directory)
    manifest = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "content_version": stamp,
        "site_url": base,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "files": files,
    }
    writer = Writer(directory, MANIFEST)
    writer.write(json.dumps(manifest, indent=1) + "\n")
    writer.finish()
    return manifest


def read_manifest(directory=None):
    """The manifest on disk, or ``None`` when there is none (or it is unreadable)."""
    path = Path(directory or dumps_dir()) / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def current_manifest(request=None):
    """The manifest of dumps as new as the content, rebuilding them first when stale.

    ``None`` only when there are no dumps and another process is building them now."""
    manifest = read_manifest()
    if manifest is not None and manifest.get("content_version") == version_stamp():
        return manifest
    if not cache.add(LOCK, True, LOCK_SECONDS):
        return manifest  # being built elsewhere: the previous files, if any
    try:
        return build_dumps(site_url(request))
    finally:
        cache.delete(LOCK)
