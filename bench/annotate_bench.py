"""Explain-a-job-ad benchmark: a 10,000-character ad annotated on the search benchmark's
database (50,000 synthetic titles; fill it with bench/search_bench.py first).

    .venv/bin/python bench/annotate_bench.py [--database-url URL] [--rounds N]

Prints the time to build the automatons once, and the median and p95 of ``explain()`` over
``--rounds`` runs on one ad, side by side with the bundled glossary's few hundred labels
(the baseline: the same ad, a matcher of only the real content). Not part of the tests.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_bench import DEFAULT_URL, ROOT, configure, percentile

FILLER = (
    "Vi söker dig som vill arbeta i ett team med höga ambitioner och trivs med att ta ansvar "
    "för kunder, kampanjer och resultat i en växande organisation med kontor i flera städer."
)


def an_ad(names, rng, length=10_000):
    """Swedish filler text with role names (some inflected) spread through it."""
    parts = []
    while sum(map(len, parts)) < length:
        parts.append(FILLER)
        name = rng.choice(names)
        parts.append(f"Som {name.lower()}en rapporterar du till {rng.choice(names)}.")
    return " ".join(parts)[:length]


def timed(function, rounds):
    times = []
    for _round in range(rounds):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), percentile(times, 0.95)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    configure(args.database_url)

    from titles import explain
    from titles.models import Label, Title

    rng = random.Random(3)
    names = list(Title.objects.values_list("name_sv", flat=True)[:2000])
    ad = an_ad(names, rng)
    started = time.perf_counter()
    matcher = explain._build()
    build = time.perf_counter() - started
    bundled = [path.stem for path in (ROOT / "content" / "titles").glob("*.yaml")]
    real_labels = Label.objects.filter(title__slug__in=bundled)
    real = explain.Matcher(real_labels.values_list("title_id", "text", "kind"), [])
    print(f"\n{Title.objects.count():,} titles, {Label.objects.count():,} labels;"
          f" the ad: {len(ad):,} characters; build {build:.1f} s\n")  # fmt: skip
    print("| matcher              | explain() p50 | explain() p95 | matches |")
    print("|----------------------|--------------:|--------------:|--------:|")
    for name, one in (("bundled content only", real), ("all titles", matcher)):
        p50, p95 = timed(lambda one=one: one.find(ad), args.rounds)
        print(f"| {name:<20} | {p50:10.1f} ms | {p95:10.1f} ms | {len(one.find(ad)):7} |")


if __name__ == "__main__":
    main()
