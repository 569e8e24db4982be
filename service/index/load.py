"""The first state of the index in one pass: a whole store read at a server's start.

Speed only: `load(changes)` gives the snapshot that `changes.apply` gives when it applies
the same changes to an empty snapshot, article by article (tests/index check that they
agree), but it reads each article once as the store streams it and places every quote
at once, in the index's order, so that no posting is ever sorted or copied again. What
it keeps for the building is small and flat (numbers in arrays, one list entry a quote)
and goes before the records are made, so that the memory it freed is not left as holes
between the records a server keeps.
"""

from __future__ import annotations

from array import array
from collections import Counter
from itertools import repeat

import numpy as np
from immutables import Map

from .changes import (
    Changes,
    _appearance,
    _article,
    _intern,
    _Outlets,
    _outlets,
    _person_names,
    _speaker_of,
    _speaker_place,
    _speaker_record,
    _when,
)
from .postings import pack, pack_array
from .records import (
    UNTIMED,
    Appearance,
    ArticleRecord,
    QuoteRecord,
    SpeakerRecord,
    Tally,
    order_key,
    seconds,
)
from .snapshot import Snapshot
from .speakers import SpeakerLabels, labels_of
from .text import _hash, normalise_text, normalise_token, parse_time


class _WordNumbers(dict):
    """Word of a normal form -> the number of its search token (`tokens`: the tokens by
    number): a quote's words give its tokens' numbers in one look-up each."""

    def __init__(self) -> None:
        super().__init__()
        self.tokens: list[str] = []
        self._numbers: dict[str, int] = {}

    def __missing__(self, word: str) -> int:
        token = normalise_token(word)
        number = self._numbers.get(token)
        if number is None:
            number = self._numbers[token] = len(self.tokens)
            self.tokens.append(token)
        self[word] = number
        return number


def load(changes: Changes) -> Snapshot:
    """The snapshot of `changes` alone (a whole store read from position 0)."""
    names: dict = {}
    for row in changes.names:
        names[_intern(row.name), _intern(row.kind)] = (row.speaker_id, row.speaker)
    articles: dict[str, ArticleRecord] = {}
    # article id -> its publication time in whole seconds (`records.seconds`)
    moments: dict[str, int] = {}
    # quote id -> its appearance, or the list of them when there are several; quotes are
    # numbered as first seen (the dict's order), their speakers' ids in that order (every
    # appearance of a quote has its speaker: the quote id is made from it)
    found: dict[str, object] = {}
    speaker_ids: list[str | None] = []
    # the word postings as (token number, quote number) pairs, sorted at the end
    word_numbers = _WordNumbers()
    pair_tokens, pair_quotes = array("I"), array("I")
    for stored in changes.articles:
        appearances = []
        for quote in stored.quotes:
            speaker = _speaker_of(names, quote.speaker, quote.kind)
            normal = normalise_text(quote.text)
            quote_id = _hash("q", speaker or "", normal)
            held = found.get(quote_id)
            if held is None:
                appearance = _appearance(stored.id, quote, quote.text)
                number = len(found)
                found[quote_id] = appearance
                speaker_ids.append(speaker)
                numbers = set(map(word_numbers.__getitem__, normal.split()))
                pair_tokens.extend(numbers)
                pair_quotes.extend(repeat(number, len(numbers)))
            else:
                first = held[0] if type(held) is list else held
                # the text of the quote, as one object where the articles agree
                text = first.text if first.text == quote.text else quote.text
                appearance = _appearance(stored.id, quote, text)
                if type(held) is list:
                    held.append(appearance)
                else:
                    found[quote_id] = [held, appearance]
            appearances.append(appearance)
        record, when = _article(stored, tuple(appearances))
        articles[record.id] = record
        moments[record.id] = seconds(when)

    # each quote's appearances, earliest first (by publication time, article id, offset)
    whens: dict[str, tuple] = {}

    def earliest(appearance: Appearance) -> tuple:
        article_id = appearance.article_id
        when = whens.get(article_id)
        if when is None:
            when = whens[article_id] = _when(parse_time(articles[article_id].published))
        return (when, article_id, appearance.start)

    count = len(found)
    quote_ids: list[str] = list(found)
    # each quote's appearance, or its appearances (a tuple)
    held_by: list[Appearance | tuple[Appearance, ...]] = []
    keys = array("Q")
    for quote_id, held in found.items():
        if type(held) is list:
            held.sort(key=earliest)
            held_by.append(tuple(held))
            held = held[0]
        else:
            held_by.append(held)
        keys.append(order_key(moments[held.article_id], quote_id))
    del found
    whens.clear()
    # the quotes in the index's order: by key, then id
    ordered = _order(np.frombuffer(keys, dtype=np.uint64), quote_ids)
    del keys
    place_of = np.empty(count, dtype=np.uint32)
    place_of[ordered] = np.arange(count, dtype=np.uint32)

    quotes: dict[str, QuoteRecord] = {}
    records: dict[int, QuoteRecord] = {}
    order = array("Q")
    by_outlet: dict[str, list[int]] = {}
    by_name: dict[str, list[int]] = {}
    by_speaker: dict[str, list[int]] = {}
    roles: dict[str, Counter] = {}
    used: dict[str, Counter] = {}
    outlet_names = _Outlets()
    last = -1
    for number in ordered.tolist():
        quote_id = quote_ids[number]
        held = held_by[number]
        appearances = (held,) if type(held) is Appearance else held
        first = appearances[0]
        moment = moments[first.article_id]
        key = max(order_key(moment, quote_id), last + 1)  # two keys alike: the next free one
        last = key
        speaker = speaker_ids[number]
        record = QuoteRecord(
            id=quote_id,
            text=first.text,
            speaker_id=speaker,
            first_seen=articles[first.article_id].published if moment != UNTIMED else None,
            appearances=appearances,
            key=key,
        )
        quotes[quote_id] = record
        records[key] = record
        order.append(key)
        if held is first:
            # one appearance (most quotes): its outlets and name without the sets
            publisher = articles[first.article_id].publisher
            outlet = outlet_names[publisher] if publisher else None
            if outlet is not None:
                by_outlet.setdefault(outlet, []).append(key)
            if first.via and outlet_names[first.via] != outlet:
                by_outlet.setdefault(outlet_names[first.via], []).append(key)
            if first.kind == "person" and first.speaker:
                by_name.setdefault(first.speaker, []).append(key)
        else:
            for outlet in _outlets(appearances, articles, outlet_names):
                by_outlet.setdefault(outlet, []).append(key)
            for name in _person_names(appearances):
                by_name.setdefault(name, []).append(key)
        if speaker is not None:
            by_speaker.setdefault(speaker, []).append(key)
            speaker_roles = roles.get(speaker)
            if speaker_roles is None:
                speaker_roles = roles[speaker] = Counter()
                used[speaker] = Counter()
            speaker_names = used[speaker]
            for appearance in appearances:
                if appearance.role:
                    speaker_roles[appearance.role] += 1
                speaker_names[appearance.speaker, appearance.kind] += 1
    del quote_ids, held_by, speaker_ids, moments, ordered
    by_token = _word_postings(
        word_numbers.tokens, pair_tokens, pair_quotes, place_of, np.frombuffer(order, np.uint64)
    )
    del word_numbers, pair_tokens, pair_quotes, place_of

    speakers: dict[str, SpeakerRecord] = {}
    label_changes: dict[str, tuple[set[str], set[str]]] = {}
    for speaker, speaker_keys in by_speaker.items():
        tally = Tally(dict(roles.pop(speaker)), dict(used.pop(speaker)))
        record = _speaker_record(speaker, tally, pack(speaker_keys), names)
        speakers[speaker] = record
        label_changes[speaker] = (set(), labels_of(record.name, record.aliases, record.roles))
    return Snapshot(
        position=changes.position,
        articles=Map(articles),
        article_order=pack(sorted(a.order for a in articles.values()), tuple),
        quotes=Map(quotes),
        records=Map(records),
        order=pack(order),
        by_token=by_token,
        by_outlet=_frozen(by_outlet),
        by_name=_frozen(by_name),
        speakers=Map(speakers),
        speaker_order=pack(sorted(map(_speaker_place, speakers.values())), tuple),
        names=Map(names),
        labels=SpeakerLabels().updated(label_changes),
        retired=Map(dict(changes.retired)),
    )


def _order(keys: np.ndarray, quote_ids: list[str]) -> np.ndarray:
    """The quote numbers sorted by key, then by quote id (keys alike are rare)."""
    ordered = np.argsort(keys, kind="stable")
    ranked = keys[ordered]
    alike = np.flatnonzero(ranked[1:] == ranked[:-1])
    start = 0
    for at in alike.tolist():
        if at < start:
            continue  # within the run already sorted
        end = at + 1
        while end + 1 < len(ranked) and ranked[end + 1] == ranked[at]:
            end += 1
        run = ordered[at : end + 1].tolist()
        ordered[at : end + 1] = sorted(run, key=quote_ids.__getitem__)
        start = end + 1
    return ordered


def _word_postings(words: list[str], pair_tokens, pair_quotes, place_of, keys) -> Map:
    """The word postings from (word number, quote number) pairs: sorted by word and then
    place in one numpy sort, then cut into postings (one Python step a word, not a pair)."""
    if not pair_tokens:
        return Map()
    places = place_of[np.frombuffer(pair_quotes, dtype=np.uint32)]
    pairs = np.frombuffer(pair_tokens, dtype=np.uint32).astype(np.uint64) << np.uint64(32)
    pairs |= places
    del places
    pairs.sort()
    numbers = (pairs >> np.uint64(32)).astype(np.uint32)
    pairs &= np.uint64(0xFFFFFFFF)
    found = keys[pairs]
    del pairs
    starts = np.flatnonzero(np.diff(numbers)) + 1
    bounds = np.concatenate(([0], starts, [len(numbers)])).tolist()
    firsts = numbers[bounds[:-1]].tolist()
    del numbers
    with Map().mutate() as postings:
        for n, word in enumerate(firsts):
            postings[words[word]] = pack_array(found[bounds[n] : bounds[n + 1]])
        return postings.finish()


def _frozen(lists: dict[str, list[int]]) -> Map:
    """The lists as postings, one at a time (the peak holds one list and its copy)."""
    with Map().mutate() as frozen:
        for key in list(lists):
            frozen[key] = pack(lists.pop(key))
        return frozen.finish()
