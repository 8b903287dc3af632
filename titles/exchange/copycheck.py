"""The no-copying rule for glossary content.

The seed texts in ``../shared/seeds/`` are for facts only: no definition, description, note,
pathway, responsibility, skill or relation note may share a run of ``RUN_LENGTH`` or more
consecutive words with them. Words are compared case-insensitively, ignoring punctuation, so
a copied sentence with a changed comma is still caught.

Pure Python on purpose (no Django import): content writers can run it on a file by hand::

    python -m titles.exchange.copycheck content/titles/*.yaml
"""

import re
import sys
from pathlib import Path

RUN_LENGTH = 10
SEEDS_DIR = Path(__file__).resolve().parents[3] / "shared" / "seeds"
_WORD = re.compile(r"\w+", re.UNICODE)


def words(text):
    return _WORD.findall(text.casefold())


def runs(text, length=RUN_LENGTH):
    """Every run of ``length`` consecutive words in ``text``, as tuples."""
    tokens = words(text)
    return {tuple(tokens[i : i + length]) for i in range(len(tokens) - length + 1)}


def seed_runs(seeds_dir=SEEDS_DIR, length=RUN_LENGTH):
    """The word runs of every seed text (README excluded: it describes, it is not a source)."""
    found = set()
    for path in sorted(Path(seeds_dir).glob("*.txt")):
        found |= runs(path.read_text(encoding="utf-8"), length)
    return found


def copied_runs(text, seeds, length=RUN_LENGTH):
    """The runs of ``text`` that also stand in the seeds, as readable strings."""
    return sorted(" ".join(run) for run in runs(text, length) & seeds)


def texts_of_entry(entry):
    """(field path, text) pairs of the prose fields of one content entry or guide."""
    for field in ("definition", "description", "note", "pathway", "title", "summary", "body"):
        for lang, text in (entry.get(field) or {}).items():
            yield f"{field}.{lang}", str(text or "")
    for key in ("responsibilities", "skills"):
        for index, item in enumerate(entry.get(key) or []):
            for lang, text in item.items():
                yield f"{key}[{index}].{lang}", str(text or "")
    for index, relation in enumerate(entry.get("relations") or []):
        for lang, text in (relation.get("note") or {}).items():
            yield f"relations[{index}].note.{lang}", str(text or "")


def main(paths):
    import yaml

    seeds = seed_runs()
    problems = 0
    for path in paths:
        entry = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        for where, text in texts_of_entry(entry):
            for run in copied_runs(text, seeds):
                problems += 1
                print(f"{path}: {where} copies the seeds: '{run}'")
    print(f"{problems} copied run(s) in {len(paths)} file(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
