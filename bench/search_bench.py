"""Search benchmark: 50,000 synthetic titles and 250,000 labels, p50/p95 per kind of query.

    .venv/bin/python bench/search_bench.py

fills a separate database (PostgreSQL ``yrkesroller_bench`` on 127.0.0.1 unless
``--database-url`` says otherwise; it is created when missing and never the development or
test database), loads the real glossary plus the synthetic titles once (later runs reuse
them; ``--refill`` starts over), then times a fixed mix of exact, prefix, compound, typo and
no-hit queries and students' own words (inflections, questions, topics, descriptions)
through ``titles.search.search`` and through the JSON endpoint
(``GET /api/v1/search`` via Django's test client: the whole middleware and view stack, no
network; its per-version answer cache is cleared before each request, so the work is timed,
not the cache). It is not part of the test suite. docs/search.md records the figures.
"""

import argparse
import itertools
import os
import random
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/yrkesroller_bench"

# Parallel Swedish and English parts, so each synthetic title has a matching English name.
FIRST = [
    ("marknads", "Marketing"), ("sälj", "Sales"), ("kund", "Customer"),
    ("varumärkes", "Brand"), ("kommunikations", "Communications"), ("webb", "Web"),
    ("innehålls", "Content"), ("kampanj", "Campaign"), ("press", "Press"),
    ("projekt", "Project"), ("e-handels", "E-commerce"), ("rekryterings", "Recruitment"),
    ("inköps", "Purchasing"), ("produkt", "Product"), ("affärs", "Business"),
    ("event", "Event"), ("partner", "Partner"), ("kategori", "Category"),
    ("medie", "Media"), ("butiks", "Retail"), ("logistik", "Logistics"),
    ("ekonomi", "Finance"), ("hållbarhets", "Sustainability"), ("export", "Export"),
    ("sponsrings", "Sponsorship"), ("evenemangs", "Events"), ("lojalitets", "Loyalty"),
    ("pris", "Pricing"), ("analys", "Analytics"), ("tillväxt", "Growth"),
]  # fmt: skip
MIDDLE = [
    ("", ""), ("utvecklings", "Development"), ("strategi", "Strategy"),
    ("support", "Support"), ("planerings", "Planning"), ("utbildnings", "Training"),
    ("kvalitets", "Quality"), ("region", "Regional"), ("digital", "Digital"),
    ("data", "Data"), ("insikts", "Insights"), ("omnikanal", "Omnichannel"),
]  # fmt: skip
HEAD = [
    ("ansvarig", "Manager"), ("chef", "Head"), ("koordinator", "Coordinator"),
    ("assistent", "Assistant"), ("specialist", "Specialist"), ("strateg", "Strategist"),
    ("analytiker", "Analyst"), ("konsult", "Consultant"), ("redaktör", "Editor"),
    ("ledare", "Lead"), ("direktör", "Director"), ("utvecklare", "Developer"),
    ("designer", "Designer"), ("administratör", "Administrator"), ("säljare", "Representative"),
    ("samordnare", "Officer"), ("handläggare", "Executive"), ("rådgivare", "Adviser"),
    ("planerare", "Planner"), ("producent", "Producer"),
]  # fmt: skip
QUALIFIER = [
    ("", ""), ("Senior", "Senior"), ("Junior", "Junior"), ("Biträdande", "Deputy"),
    ("Regional", "Regional"), ("Nordisk", "Nordic"), ("Global", "Global"),
    ("Teknisk", "Technical"), ("Operativ", "Operational"), ("Strategisk", "Strategic"),
]  # fmt: skip
PLACES = [("", ""), ("Stockholm", "Stockholm"), ("Göteborg", "Gothenburg"), ("Malmö", "Malmö")]
SYNONYM = {"ansvarig": "chef", "chef": "ansvarig", "koordinator": "samordnare",
           "samordnare": "koordinator", "strateg": "rådgivare", "rådgivare": "strateg"}  # fmt: skip

# The fixed mix: ten queries of each kind. Real titles, plus synthetic ones taken from
# fixed synthetic entries (see ``synthetic_queries``), so every run asks the same thing.
QUERIES = {
    "exact": ["saljare", "Key Account Manager", "SEO", "KAM", "marknads koordinator",
              "webbredaktör", "Chief Marketing Officer"],
    "prefix": ["mark", "sälj", "kommunikat", "varumärkesstr", "webbred", "projektled",
               "senior kund"],
    "compound": ["koordinator", "kampanj-analytiker", "insiktsstrateg", "account manager",
                 "utvecklingsansvarig", "omnikanalproducent", "manager account"],
    "typo": ["projektledre", "kampanjkordinator", "Copywirter", "webbanalytikr",
             "Grapic Designer", "rekryteare", "kommunikationsansvaig"],
    # Students' own words (issue 14): inflections, questions, two titles, topics, descriptions.
    "inflected": ["marknadschefen", "säljarna", "account managers", "koordinatorer",
                  "copywriterns", "projektledarens", "media buyers"],
    "question": ["vad gör en KAM?", "what does a copywriter do", "hur blir man säljare",
                 "marknadschef lön", "S.E.O.", "KAM eller säljare", "säljare/kundansvarig"],
    "topic": ["nyhetsbrev", "pressmeddelanden", "mässor", "A/B-test", "lojalitetsprogram",
              "annonsköp", "newsletters"],
    "describe": ["den som skriver texter till annonser", "person who buys advertising space",
                 "planerar event och mässor", "vad gör en markandsassistent"],
    "no-hit": ["xylofonstämmare", "qqxxzz", "growth hacker", "scrum master", "tandläkare",
               "lokförare", "kvantfysiker", "brandman", "undervattenssvetsare", "zzyzx"],
}  # fmt: skip


def synthetic_queries():
    """Three more exact, prefix, compound and typo queries from fixed synthetic titles."""
    from titles.models import Title

    rng = random.Random(7)
    names = dict(
        Title.objects.filter(slug__in=[f"syn-{n}" for n in range(1, 13)]).values_list(
            "slug", "name_sv"
        )
    )
    english = dict(
        Title.objects.filter(slug__in=[f"syn-{n}" for n in range(1, 13)]).values_list(
            "slug", "name_en"
        )
    )
    return {
        "exact": [names["syn-1"].upper(), english["syn-2"], names["syn-3"].lower()],
        "prefix": [names["syn-4"][:9], english["syn-5"][:12], names["syn-6"][:5]],
        "compound": [names["syn-7"].split()[-1][-12:], english["syn-8"].split()[-2],
                     names["syn-9"].split()[-1][-9:]],
        "typo": [typo(names["syn-10"], rng), typo(english["syn-11"], rng),
                 typo(typo(names["syn-12"], rng), rng)],
    }  # fmt: skip


def configure(url):
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("SECRET_KEY", "bench-only-key-not-secret-0123456789abcdefghijklmnop")
    os.environ["DEBUG"] = "false"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["STATIC_MANIFEST"] = "false"
    # Plain HTTP through the test client, and no rate limit on the benchmark's own requests.
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    os.environ["API_RATE"] = "100000000/m"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "glossary.settings")
    parsed = urlparse(url)
    if parsed.scheme.startswith("postgres"):
        import psycopg2

        name = parsed.path.lstrip("/")
        if name in ("yrkesroller", "test_yrkesroller"):
            sys.exit("Refusing to fill the development or test database; pick another name.")
        admin = psycopg2.connect(url.replace(f"/{name}", "/postgres", 1))
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if not cursor.fetchone():
                cursor.execute(f'CREATE DATABASE "{name}"')
        admin.close()
    import django

    django.setup()


def typo(word, rng):
    letters = list(word)
    i = rng.randrange(1, len(letters) - 1)
    if rng.random() < 0.5:
        del letters[i]
    else:
        letters[i], letters[i + 1] = letters[i + 1], letters[i]
    return "".join(letters)


def synthetic(count, rng):
    """``count`` distinct titles as (slug, sv name, en name, labels, responsibilities)."""
    combos = [(q, f, m, h) for q in QUALIFIER for f in FIRST for m in MIDDLE for h in HEAD]
    rng.shuffle(combos)
    # 72,000 combinations; beyond them (the 250k run) the same names for other regions.
    placed = ((place, combo) for place in PLACES for combo in combos)
    for number, (
        (p_sv, p_en),
        ((q_sv, q_en), (f_sv, f_en), (m_sv, m_en), (h_sv, h_en)),
    ) in enumerate(itertools.islice(placed, count)):
        compound = f"{f_sv}{m_sv}{h_sv}"
        name_sv = f"{q_sv} {compound} {p_sv}".strip()
        name_sv = name_sv[0].upper() + name_sv[1:]
        name_en = " ".join(part for part in (q_en, f_en, m_en, h_en, p_en) if part)
        other = f"{f_sv}{m_sv}{SYNONYM.get(h_sv, h_sv + 'ansvarig')}"
        alternative_sv = f"{q_sv} {other}".strip()
        alternative_en = " ".join(part for part in (q_en, m_en, f_en, h_en) if part)
        if alternative_en == name_en:
            alternative_en = f"{name_en} Lead"
        labels = [
            (alternative_sv, "sv", "alternative"),
            (alternative_en, "en", "alternative"),
            (typo(name_sv, rng), "sv", "hidden"),
        ]
        responsibilities = [
            (f"Planera och följa upp arbetet inom {f_sv}{m_sv}området", f"Plan {f_en} work"),
            (f"Samarbeta med {h_sv}e och ledning", f"Work with each {h_en} and management"),
        ]
        yield f"syn-{number}", name_sv, name_en, labels, responsibilities


@contextmanager
def indexes_built_afterwards(connection, tables):
    """Drop the plain (non-unique, non-constraint) indexes of ``tables`` on PostgreSQL, and
    create them again when the block ends: building a GIN or B-tree index once is many times
    faster than updating it row by row (the 250k fill took an hour with them in place, six
    minutes without)."""
    definitions = []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"
                " AND tablename = ANY(%s) AND indexdef NOT LIKE 'CREATE UNIQUE%%'"
                " AND indexname NOT IN (SELECT conname FROM pg_constraint)",
                [list(tables)],
            )
            for name, definition in cursor.fetchall():
                cursor.execute(f'DROP INDEX "{name}"')
                definitions.append(definition)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for definition in definitions:
                cursor.execute(definition)


def fill(count):
    from django.db import connection, transaction

    from titles.exchange.loader import load_content, read_content
    from titles.models import Label, LabelKind, Responsibility, Status, Title
    from titles.normalize import compact

    rng = random.Random(4)
    with transaction.atomic():
        Title.objects.all().delete()
        load_content(read_content())
    started = time.perf_counter()
    batch = []

    def flush(batch):
        with transaction.atomic():
            titles = Title.objects.bulk_create(
                [
                    Title(
                        slug=slug,
                        name=name_sv,
                        name_sv=name_sv,
                        name_en=name_en,
                        definition_sv=f"{name_sv} arbetar med {name_sv.lower()}frågor.",
                        definition_en=f"A {name_en} works on {name_en.lower()} matters.",
                        field="marketing",
                        seniority="mid",
                        focus="both",
                        profile="specialist",
                        status=Status.PUBLISHED if i % 20 else Status.DRAFT,
                    )
                    for i, (slug, name_sv, name_en, _labels, _resp) in enumerate(batch)
                ]
            )
            labels, responsibilities = [], []
            for title, (_slug, name_sv, name_en, extra, duties) in zip(titles, batch, strict=True):
                seen = set()
                for text, language, kind in [
                    (name_sv, "sv", LabelKind.PREFERRED),
                    (name_en, "en", LabelKind.PREFERRED),
                    *extra,
                ]:
                    key = (language, compact(text))
                    if key in seen:
                        continue
                    seen.add(key)
                    labels.append(
                        Label(
                            title=title, text=text, language=language, kind=kind
                        ).fill_search_forms()
                    )
                for order, (sv, en) in enumerate(duties):
                    responsibilities.append(
                        Responsibility(title=title, order=order, text=sv, text_sv=sv, text_en=en)
                    )
            Label.objects.bulk_create(labels)
            Responsibility.objects.bulk_create(responsibilities)

    with indexes_built_afterwards(
        connection, ["titles_label", "titles_title", "titles_responsibility"]
    ):
        for row in synthetic(count, rng):
            batch.append(row)
            if len(batch) == 2000:
                flush(batch)
                batch = []
                print(f"  {Title.objects.count():>6} titles", end="\r", flush=True)
        if batch:
            flush(batch)
    with connection.cursor() as cursor:
        # What autovacuum does in production: merge the GIN pending lists, refresh statistics.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"  filled in {time.perf_counter() - started:.0f} s" + " " * 20)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(rounds):
    """Time every query of the mix ``rounds`` times, through ``search()`` and the endpoint.

    The rounds go through the whole mix in turn (not one query twenty times over), so a
    burst of noise from the machine spreads over all queries instead of one kind.
    """
    from django.test import Client

    from titles.search import search
    from titles.site.freshness import page_cache

    client = Client()
    mix = {kind: list(queries) for kind, queries in QUERIES.items()}
    for kind, extra in synthetic_queries().items():
        mix[kind] += extra
    timings = {kind: {"function": [], "endpoint": []} for kind in mix}
    for queries in mix.values():
        for query in queries:
            search(query)  # warm up statements and caches
            client.get("/api/v1/search", {"q": query})
    for _round in range(rounds):
        for kind, queries in mix.items():
            for query in queries:
                started = time.perf_counter()
                search(query)
                timings[kind]["function"].append((time.perf_counter() - started) * 1000)
                # The endpoint keeps each answer for the content version; time the work of
                # answering, not the cache (a class typing the same names gets that).
                page_cache.clear()
                started = time.perf_counter()
                response = client.get("/api/v1/search", {"q": query})
                timings[kind]["endpoint"].append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (query, response.status_code)
    everything = {
        key: [value for kind in timings.values() for value in kind[key]]
        for key in ("function", "endpoint")
    }
    table = [*timings.items(), ("all", everything)]
    return table, mix


def cpu_steal():
    """The CPU time stolen by the host so far (Linux ``/proc/stat``), and all CPU time."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(value) for value in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    return (fields[7] if len(fields) > 7 else 0), sum(fields)


def report(table, rounds, mix):
    from django.db import connection

    from titles.models import Label, Title

    print(
        f"\n{connection.vendor}: {Title.objects.count():,} titles, "
        f"{Label.objects.count():,} labels; {rounds} rounds per query, times in ms\n"
    )
    for kind, queries in mix.items():
        print(f"  {kind}: " + ", ".join(repr(query) for query in queries))
    print()
    print("| queries   | search() p50 | search() p95 | endpoint p50 | endpoint p95 |")
    print("|-----------|-------------:|-------------:|-------------:|-------------:|")
    for kind, timings in table:
        f, e = timings["function"], timings["endpoint"]
        print(
            f"| {kind:<9} | {statistics.median(f):12.1f} | {percentile(f, 0.95):12.1f} "
            f"| {statistics.median(e):12.1f} | {percentile(e, 0.95):12.1f} |"
        )


def prepare(url, titles, refill=False):
    """Migrate the configured database and fill it, unless it already holds the same titles."""
    from django.core.management import call_command

    from titles.models import Title

    call_command("migrate", verbosity=0)
    wanted = titles + len(list((ROOT / "content" / "titles").glob("*.yaml")))
    if refill or Title.objects.count() != wanted:
        print(f"Filling {url} with {titles:,} synthetic titles …")
        fill(titles)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--titles", type=int, default=50_000, help="synthetic titles")
    parser.add_argument("--rounds", type=int, default=30, help="timed runs of each query")
    parser.add_argument("--refill", action="store_true", help="throw the data away first")
    args = parser.parse_args()

    configure(args.database_url)
    prepare(args.database_url, args.titles, args.refill)
    before = cpu_steal()
    table, mix = measure(args.rounds)
    after = cpu_steal()
    report(table, args.rounds, mix)
    if before and after and after[1] > before[1]:
        share = (after[0] - before[0]) / (after[1] - before[1])
        noisy = " (a noisy host: expect higher p95)" if share > 0.05 else ""
        print(f"\nCPU time stolen by the host during the run: {share:.0%}{noisy}")


if __name__ == "__main__":
    main()
