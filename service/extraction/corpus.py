"""Speakers across articles: spelling variants and short forms become one canonical name."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from .groups import SpeakerGroups
from .model import Article
from .pipeline import extract_article


def canonical_speakers(names: Iterable[str]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Map each person name of a group of two names or more to (its person's name, the
    person's other names) over a whole corpus (`SpeakerGroups`)."""
    groups = SpeakerGroups()
    groups.update(dict(Counter(n for n in names if n)))
    result: dict[str, tuple[str, tuple[str, ...]]] = {}
    for name in groups.counts:
        canon = groups.canonical(name)
        together = groups.names(name)
        if canon is not None and (len(together) > 1 or len(name.split()) > 1):
            result[name] = (canon, tuple(n for n in together if n != name))
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
