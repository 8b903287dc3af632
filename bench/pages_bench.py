"""Pages benchmark: every public page at the bundled content and at 50,000 titles, side by
side, then an HTTP run under gunicorn (``http_load``). Not part of the tests.

    .venv/bin/python bench/pages_bench.py [--skip-http] [--duration 10] [--connections 8]

Two PostgreSQL databases on 127.0.0.1: ``yrkesroller_bench`` (the search benchmark's: the
glossary plus 50,000 synthetic titles, filled by bench/search_bench.py when missing) and
``yrkesroller_bench_bundled`` (the glossary alone, loaded here when missing). Each page is
asked for through Django's test client (the whole middleware and view stack, no network) in a
child process per database, in two ways:

- **rendered**: the page cache off, so every request runs the page's own queries and
  template: what a page costs the first time after a change;
- **cached**: the page cache on, the page asked for once before: what readers meet.

Times are the median of ``--rounds`` requests after one warm-up; sizes are of the body.
docs/performance.md records the figures. Targets (issue 18): each page at 50k within 1.5 ×
its bundled time + 5 ms (rendered), no HTML page over 200 KiB.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_bench import DEFAULT_URL, ROOT, configure, prepare

BUNDLED_URL = DEFAULT_URL + "_bundled"
HTML_LIMIT_KIB = 200


def pages():
    """[(name, path)]: every kind of public page, both languages where they differ. A row
    may have another path on each database (the busiest letter, a later page that exists
    there); the table shows the 50k one."""
    from django.conf import settings

    from titles.models import Tag, Title
    from titles.site import queries

    role = Title.objects.published().get(slug="marknadskoordinator")
    tag = Tag.objects.filter(tagged_titles__isnull=False).order_by("slug").first()
    counts = queries.index_counts("sv")
    letter, names = max(counts.items(), key=lambda item: (item[1], item[0]))
    size = settings.LIST_PAGE_SIZE
    letter_page = min(3, -(-names // size))
    fields = dict(queries.field_counts())
    field_page = min(5, -(-max(fields.values()) // size))
    rows = [
        ("home", "/sv/"),
        ("A–Ö (first letter)", "/sv/a-o/"),
        ("A–Z (first letter)", "/en/a-z/"),
        ("A–Ö, the busiest letter", f"/sv/a-o/{letter.lower()}/"),
        ("A–Ö, the busiest letter, a later page", f"/sv/a-o/{letter.lower()}/?page={letter_page}"),
        ("field (largest)", "/sv/omraden/marketing/"),
        ("field (largest), a later page", f"/en/fields/marketing/?page={field_page}"),
        ("field (small)", "/sv/omraden/leadership/"),
        ("tag", f"/sv/taggar/{tag.slug}/" if tag else None),
        ("compare, empty picker", "/sv/jamfor/"),
        ("compare, three roles", "/sv/jamfor/?roles=marknadsassistent&roles="
                                 "marknadskoordinator&roles=marknadsansvarig"),
        ("compare, typed names", "/en/compare/?roles=marketing+assistant&roles=brand+manager"),
        ("career paths", "/sv/karriarvagar/"),
        ("recently changed", "/sv/senast-andrade/"),
        ("role page", role.get_absolute_url()),
        ("role page (en)", f"/en/roles/{role.slug}/"),
        ("search page", "/sv/sok/?q=marknad"),
        ("data page", "/sv/data/"),
        ("suggest form", "/sv/foresla/"),
        ("explain an ad, form", "/sv/forklara-annons/"),
        ("API docs page", "/en/api/"),
        ("sitemap index", "/sitemap.xml"),
        ("sitemap part (titles)", "/sitemap-titles.xml"),
    ]  # fmt: skip
    return [(name, path) for name, path in rows if path]


def time_pages(rounds, cached):
    """{name: (path, status, median ms, KiB)} on the configured database."""
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client

    settings.PAGE_CACHE_SECONDS = 600 if cached else 0
    cache.clear()
    client = Client()
    results = {}
    for name, path in pages():
        response = client.get(path)  # warm-up: statement plans, counts, caches
        if response.status_code == 302:
            path = response["Location"]
            response = client.get(path)
        times = []
        for _round in range(rounds):
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        size = len(response.content) / 1024
        results[name] = (path, response.status_code, statistics.median(times), size)
    return results


def child(args):
    """Measure one database (``--child``) and print the results as JSON."""
    configure(args.database_url)
    from titles.models import Title

    if args.database_url == BUNDLED_URL:
        load_bundled()
    else:
        prepare(args.database_url, args.titles)
    result = {
        "titles": Title.objects.count(),
        "rendered": time_pages(args.rounds, cached=False),
        "cached": time_pages(args.rounds, cached=True),
    }
    print("RESULT " + json.dumps(result))


def load_bundled():
    from django.core.management import call_command
    from django.db import transaction

    from titles.exchange.loader import load_content, read_content
    from titles.models import Title

    call_command("migrate", verbosity=0)
    wanted = len(list((ROOT / "content" / "titles").glob("*.yaml")))
    if Title.objects.count() != wanted:
        with transaction.atomic():
            Title.objects.all().delete()
            load_content(read_content())


def measure(database_url, args):
    command = [sys.executable, __file__, "--child", "--database-url", database_url]
    command += ["--rounds", str(args.rounds), "--titles", str(args.titles)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=os.environ)
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT ") :])
    sys.exit(f"measuring {database_url} failed:\n{done.stdout}\n{done.stderr}")


def page_table(small, large):
    lines = [
        f"### Pages (Django test client, median of the rounds; {small['titles']:,} titles "
        f"vs {large['titles']:,})",
        "",
        "| page | path | bundled rendered ms | 50k rendered ms | 50k cached ms "
        "| 50k KiB | target |",
        "| --- | --- | ---: | ---: | ---: | ---: | :---: |",
    ]
    misses = 0
    for name, (path, status, base, _size) in small["rendered"].items():
        _path, large_status, big, size = large["rendered"][name]
        cached = large["cached"][name][2]
        within = big <= 1.5 * base + 5 and (size <= HTML_LIMIT_KIB or "sitemap" in name)
        within = within and large_status == status == 200
        misses += not within
        verdict = "ok" if within else f"MISS ({large_status})"
        lines.append(
            f"| {name} | `{path}` | {base:.1f} | {big:.1f} | {cached:.1f} | {size:,.1f} "
            f"| {verdict} |"
        )
    lines += ["", f"Pages outside the target (≤ 1.5 × bundled + 5 ms, ≤ {HTML_LIMIT_KIB} KiB "
              f"HTML): {misses}"]  # fmt: skip
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--titles", type=int, default=50_000, help="synthetic titles")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--skip-http", action="store_true", help="only the test-client table")
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per target")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--redis-url", default="", help="the page cache in Redis (else local)")
    args = parser.parse_args()
    if args.child:
        child(args)
        return

    print("Measuring the bundled content …", file=sys.stderr)
    small = measure(BUNDLED_URL, args)
    print("Measuring 50k titles …", file=sys.stderr)
    large = measure(args.database_url, args)
    lines = page_table(small, large)
    if not args.skip_http:
        from http_load import http_table

        configure(args.database_url)
        from titles.models import Title

        role = Title.objects.get(slug="marknadskoordinator").get_absolute_url()
        lines += ["", *http_table(args, role)]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
