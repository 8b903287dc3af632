"""Explain a job ad: every known title, abbreviation and topic in a text, marked and linked.

A student pastes an ad; ``explain(text)`` finds the names of published roles (every label:
preferred, alternative, abbreviation, former, and misspellings, the latter reported as the
role's name) and the topics roles work with, and returns the text cut into segments, the
matches, and the roles the ad mentions.

Matching uses the same normalisation as search (``titles.normalize``) and the same stems
(``titles.stemming``), through Aho–Corasick automatons (pyahocorasick, in C) holding every
label at once, so the cost grows with the text, not with the number of titles:

- the ad's words, normalised, joined by single spaces, meet each label's normalised words
  and its compact form ("marknadskoordinator" meets "Marknads-koordinator");
- the ad's words stemmed in Swedish, and in English, meet each label stemmed the same way
  ("marknadschefen", "säljarna", "account managers", "pressmeddelanden").

Keys are framed by spaces, so a match starts and ends on word boundaries. Overlapping
matches go to the longest ("key account manager" over "account manager"), then the
earliest. Two-letter names ("VD", "PR", "UX") only count when the ad writes them in capitals.

The automatons are built once per process (under a second for the bundled glossary, about
9 s at 50,000 titles and 250,000 labels: the first ad after a change waits) and rebuilt
when the content changes: at once in this process (model signals), within ``RECHECK``
seconds in the others (a cheap fingerprint of the tables).
"""

import re
import threading
import time
from dataclasses import dataclass, field

import ahocorasick
from django.db import connection
from django.db.models.signals import post_delete, post_save

from titles.models import Label, LabelKind, Title, TitleTopic, Topic, published_q
from titles.normalize import normalize
from titles.search.ranking import KIND_ORDER
from titles.stemming import stem_word

MAX_LENGTH = 10_000  # characters of ad text
RECHECK = 30  # seconds between fingerprint checks in a process
STREAMS = ("plain", "sv", "en")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Match:
    start: int  # character offsets in the original text
    end: int
    text: str
    kind: str  # "role" or "topic"
    target: int  # title id or topic id
    label_kind: str = ""  # for a role: the kind of the label matched


@dataclass
class Explained:
    text: str
    matches: list = field(default_factory=list)

    def segments(self):
        """(text, match or None) pieces covering the whole text, in order."""
        pieces, place = [], 0
        for match in self.matches:
            if match.start > place:
                pieces.append((self.text[place : match.start], None))
            pieces.append((self.text[match.start : match.end], match))
            place = match.end
        if place < len(self.text):
            pieces.append((self.text[place:], None))
        return pieces


def _words(text):
    """(start, end, word) of each word of the original text."""
    return [(found.start(), found.end(), found.group()) for found in _WORD.finditer(text)]


def _form(word, stream):
    """A word of the ad as ``stream`` has it: normalised, or stemmed in that language."""
    plain = normalize(word).replace(" ", "")
    return plain if stream == "plain" else stem_word(plain, stream)


class Matcher:
    """The automatons of one state of the content."""

    def __init__(self, labels, topics):
        self.automatons = {stream: ahocorasick.Automaton() for stream in STREAMS}
        for title_id, text, kind in labels:
            self._add(text, ("role", title_id, kind))
        for topic_id, names in topics:
            for name in names:
                self._add(name, ("topic", topic_id, ""))
        for automaton in self.automatons.values():
            if len(automaton):
                automaton.make_automaton()

    def _add(self, text, target):
        words = normalize(text).split()
        if not words:
            return
        keys = {"plain": [" ".join(words), "".join(words)]}
        for language in ("sv", "en"):
            # Stemmed, and as written: Snowball is not idempotent across forms (the ad's
            # "marknadskoordinatorn" stems to "marknadskoordinator", the label to "…koordinat").
            stemmed = " ".join(stem_word(word, language) for word in words)
            keys[language] = [stemmed, " ".join(words)]
        for stream, forms in keys.items():
            for form in forms:
                if len(form.replace(" ", "")) >= 2:
                    self._keep(self.automatons[stream], f" {form} ", target)

    @staticmethod
    def _keep(automaton, key, target):
        """One target per key: a role's name before a topic, then the best kind of label."""
        rank = (target[0] != "role", KIND_ORDER.get(target[2], 9), target[1])
        current = automaton.get(key, None)
        if current is None or rank < current[0]:
            automaton.add_word(key, (rank, len(key) - 2, target))

    def find(self, text):
        words = _words(text)
        found = []
        for stream, automaton in self.automatons.items():
            if not len(automaton) or not words:
                continue
            found += _scan(automaton, words, stream)
        return _longest_first(found, text)


def _scan(automaton, words, stream):
    """(first word, last word, target) of every key found in the words' stream."""
    forms = [_form(word, stream) for _start, _end, word in words]
    word_at, place = {}, 1  # where each word starts in the stream
    for index, form in enumerate(forms):
        word_at[place] = index
        place += len(form) + 1
    stream_text = " " + " ".join(forms) + " "
    found = []
    for end, (_rank, length, target) in automaton.iter(stream_text):
        # ``end`` is the key's closing space; its words begin ``length`` letters before.
        first = word_at.get(end - length)
        if first is not None:
            last = first + stream_text[end - length : end].count(" ")
            found.append((first, last, target))
    return found


def _longest_first(found, text):
    """Non-overlapping matches: the most words first, then the earliest."""
    words = _words(text)
    taken, matches = set(), []
    for first, last, target in sorted(found, key=lambda item: (item[0] - item[1], item[0])):
        span = set(range(first, last + 1))
        if span & taken:
            continue
        start, end = words[first][0], words[last][1]
        written = text[start:end]
        if len(written.replace(" ", "")) == 2 and not written.isupper():
            continue  # "vd", "pr" as words; "VD", "PR" are names
        taken |= span
        kind, target_id, label_kind = target
        matches.append(Match(start, end, written, kind, target_id, label_kind))
    return sorted(matches, key=lambda match: match.start)


# --- The matcher of the current content ---------------------------------------------------

_lock = threading.Lock()
_state = {"matcher": None, "fingerprint": None, "checked": 0.0}


def _fingerprint():
    """What changes when labels, titles or topics do: one cheap query."""
    label, title = Label._meta.db_table, Title._meta.db_table
    parts = [
        f"(SELECT count(*) FROM {label})",
        f"(SELECT max(id) FROM {label})",
        f"(SELECT count(*) FROM {title})",
        f"(SELECT max(updated_at) FROM {title})",
        f"(SELECT count(*) FROM {Topic._meta.db_table})",
        f"(SELECT count(*) FROM {TitleTopic._meta.db_table})",
    ]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}")
        return tuple(str(value) for value in cursor.fetchone())


def _build():
    published = Title.objects.filter(published_q()).values("pk")
    labels = Label.objects.filter(title__in=published).values_list("title_id", "text", "kind")
    topics = [
        (topic.pk, [topic.name_sv or "", topic.name_en or ""])
        for topic in Topic.objects.filter(title_topics__title__in=published).distinct()
    ]
    return Matcher(list(labels), topics)


def matcher():
    """The matcher for the content as it is now (rebuilt when it changed)."""
    now = time.monotonic()
    with _lock:
        if _state["matcher"] is not None and now - _state["checked"] < RECHECK:
            return _state["matcher"]
        fingerprint = _fingerprint()
        if _state["matcher"] is None or fingerprint != _state["fingerprint"]:
            _state.update(matcher=_build(), fingerprint=fingerprint)
        _state["checked"] = now
        return _state["matcher"]


def forget(**kwargs):
    """Content changed in this process: rebuild on the next use."""
    with _lock:
        _state.update(matcher=None, fingerprint=None, checked=0.0)


for _model in (Label, Title, Topic, TitleTopic):
    post_save.connect(forget, sender=_model, dispatch_uid=f"explain-{_model.__name__}-save")
    post_delete.connect(forget, sender=_model, dispatch_uid=f"explain-{_model.__name__}-delete")


def explain(text):
    """The ad ``text`` (at most ``MAX_LENGTH`` characters) with its matches."""
    return Explained(text, matcher().find(text))


def hidden_as_name(match, title, language):
    """What to call a match: a misspelling (hidden label) is shown as the role's name."""
    if match.label_kind == LabelKind.HIDDEN:
        return getattr(title, f"name_{language}")
    return match.text
