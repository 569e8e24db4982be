"""Speakers across articles: spelling variants and short forms become one canonical name."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import Final

from rapidfuzz import fuzz

from .lexicon import lexicon
from .model import Article
from .pipeline import extract_article

SAME_SURNAME: Final = 90  # ratio of last words for two names to be one person's variants
SAME_GIVEN: Final = 80  # ratio of the other words, spelling folded (Alexander / Aleksandar)
SAME_SHORT: Final = 95  # a one-word name against a word of a full name


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def _spelling(word: str) -> str:
    """The word with spellings of the same sound folded (lexicons/spelling.json):
    Aleksandar and Alexander, Soeharto and Suharto."""
    for old, new in lexicon().spelling_variants:
        word = word.replace(old, new)
    return word


def _same_person(a: list[str], b: list[str]) -> bool:
    """Two multi-word names are one person: same surname, similar given names.

    Different people who share a surname (Joko Widodo / Budi Widodo) or a first name
    stay apart because the other words must be similar too.
    """
    if fuzz.ratio(a[-1], b[-1]) < SAME_SURNAME:
        return False
    rest_a, rest_b = _spelling(" ".join(a[:-1])), _spelling(" ".join(b[:-1]))
    if len(a) == len(b):
        return fuzz.ratio(rest_a, rest_b) >= SAME_GIVEN
    # One name has an extra middle or leading word: the shorter must sit inside the longer.
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return all(any(fuzz.ratio(w, x) >= SAME_SURNAME for x in long_) for w in short)


def canonical_speakers(names: Iterable[str]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Map each person name to (canonical name, aliases) over a whole corpus."""
    counts = Counter(n for n in names if n)
    multi = [n for n in counts if len(n.split()) >= 2]
    parent = {n: n for n in multi}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # Names sharing a surname are compared; the bucket keeps this near-linear.
    buckets: dict[str, list[str]] = {}
    for n in multi:
        buckets.setdefault(_fold(n).split()[-1][:4], []).append(n)
    for group in buckets.values():
        folded = [_fold(n).split() for n in group]
        for i in range(len(group)):
            for j in range(i + 1, len(group)):
                if _same_person(folded[i], folded[j]):
                    parent[find(group[i])] = find(group[j])
    clusters: dict[str, list[str]] = {}
    for n in multi:
        clusters.setdefault(find(n), []).append(n)
    # A one-word name joins the single cluster one of whose names has that word.
    word_index: dict[str, set[str]] = {}
    for root, members in clusters.items():
        for m in members:
            for w in _fold(m).split():
                word_index.setdefault(w, set()).add(root)
    singles: dict[str, str] = {}
    for n in counts:
        if len(n.split()) == 1:
            roots = word_index.get(_fold(n), set())
            if len(roots) == 1:
                singles[n] = next(iter(roots))
    result: dict[str, tuple[str, tuple[str, ...]]] = {}
    for members in clusters.values():
        canon = max(members, key=lambda m: (counts[m], len(m), m))
        extra = [s for s, r in singles.items() if r in members]
        for m in members + extra:
            aliases = tuple(sorted(x for x in members + extra if x != m and x != canon))
            if m != canon:
                aliases = tuple(sorted({*aliases, canon} - {m}))
            result[m] = (canon, aliases)
    return result


def resolve_speakers(articles: list[Article]) -> list[Article]:
    """Give every person speaker its canonical name and aliases across `articles`.

    A one-word name keeps the form its article uses (the article may mean someone
    else); the corpus' full names of that person are added as aliases.
    """
    names = [
        q.speaker for a in articles for q in a.quotes if q.speaker_kind == "person" and q.speaker
    ]
    table = canonical_speakers(names)
    out = []
    for a in articles:
        quotes = []
        for q in a.quotes:
            hit = table.get(q.speaker) if q.speaker and q.speaker_kind == "person" else None
            if hit is None or q.speaker is None:
                quotes.append(q)
                continue
            canon, aliases = hit
            if len(q.speaker.split()) == 1:
                aliases = tuple(sorted({canon, *aliases} - {q.speaker}))
                quotes.append(replace(q, aliases=aliases))
            else:
                others = tuple(sorted({q.speaker, *aliases} - {canon}))
                quotes.append(replace(q, speaker=canon, aliases=others))
        out.append(replace(a, quotes=quotes))
    return out


def extract_corpus(docs: Iterable[tuple[str, str]]) -> list[Article]:
    """Extract every (name, text) document, then merge speakers across them."""
    return resolve_speakers([extract_article(text, name) for name, text in docs])
