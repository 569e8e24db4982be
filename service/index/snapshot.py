"""One state of the index, and every look-up the API makes on it.

A `Snapshot` never changes once made (`changes.apply` makes the next one, sharing what did
not change), so a request that took one reads one consistent state from start to end,
and sees each article whole or not at all.

Every look-up goes through a map (speaker id, search token, article id, outlet) or a
bisect over a posting in the index's order (`records.order_key`), so its cost follows the
size of the answer, not the number of quotes held.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from immutables import Map

from . import speakers as _speakers
from .postings import EMPTY, KeyRange, intersect, pack
from .records import ArticleRecord, QuoteQuery, QuoteRecord, time_range
from .speakers import SPEAKER_SCORE_CUTOFF, SpeakerLabels, labels_of
from .speakers import process_label as _process
from .text import normalise_name, quote_id, speaker_id, tokens

# Derived values (speaker matches, rendered quotes) kept per snapshot at most.
MEMO_ENTRIES = 20_000
# Retired ids followed at most to reach a live one (they are kept one step from it).
_REDIRECTS = 8


class QuoteIds(Sequence):
    """Quote ids read from keys as they are used: `ids[a:b]` maps only those keys."""

    __slots__ = ("_keys", "_records")

    def __init__(self, keys: Sequence[int], records) -> None:
        self._keys = keys
        self._records = records

    def __len__(self) -> int:
        return len(self._keys)

    def __getitem__(self, index):
        records = self._records
        if isinstance(index, slice):
            return [records[k].id for k in self._keys[index]]
        return records[self._keys[index]].id

    def __iter__(self) -> Iterator[str]:
        records = self._records
        return (records[k].id for k in self._keys)

    def __eq__(self, other) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"QuoteIds({list(self)!r})"


class _Column(Sequence):
    """One field of a posting of tuples, read as it is used (article or speaker ids)."""

    __slots__ = ("_items", "_field")

    def __init__(self, items: Sequence, field: int) -> None:
        self._items, self._field = items, field

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [item[self._field] for item in self._items[index]]
        return self._items[index][self._field]


class Snapshot:
    """The articles, quotes and speakers of the store up to log position `position`.

    - `articles`: id -> ArticleRecord; `article_order`: (order key, id), newest first.
    - `quotes`: id -> QuoteRecord; `records`: key -> the same records; `order`: every key.
    - `by_token`, `by_outlet`: search token / normalised outlet -> posting of keys;
      `by_name`: a person's name as articles give it -> the keys of its quotes.
    - `speakers`: id -> SpeakerRecord; `speaker_order`: (-quotes, folded name, id).
    - `names`: (name as given, kind) -> (speaker id, speaker's name), from the store.
    - `labels`: the speakers' labels for fuzzy look-up; `retired`: old id -> newer id.
    """

    def __init__(self, **fields) -> None:
        self.position: int = 0
        self.articles = Map()
        self.article_order = pack([], tuple)
        self.quotes = Map()
        self.records = Map()
        self.order = EMPTY
        self.by_token = Map()
        self.by_outlet = Map()
        self.by_name = Map()
        self.speakers = Map()
        self.speaker_order = pack([], tuple)
        self.names = Map()
        self.labels = SpeakerLabels()
        self.retired = Map()
        # values derived on demand and kept for this snapshot only (rendered quotes; the
        # speaker matches are kept with the labels): bounded, and safe to share since the
        # snapshot never changes
        self.memo: dict = {}
        for name, value in fields.items():
            if not hasattr(self, name):
                raise TypeError(f"a Snapshot has no {name!r}")
            setattr(self, name, value)

    def __repr__(self) -> str:
        return (
            f"Snapshot(position={self.position}, articles={len(self.articles)}, "
            f"quotes={len(self.quotes)}, speakers={len(self.speakers)})"
        )

    # -- ids ------------------------------------------------------------------------------

    def current_id(self, old: str, live) -> str | None:
        """`old` if `live` (a map of ids) holds it, else the live id it was merged into."""
        seen = 0
        while old not in live:
            old = self.retired.get(old)
            seen += 1
            if old is None or seen > _REDIRECTS:
                return None
        return old

    def speaker_of(self, appearance) -> str | None:
        """The id of the speaker of an appearance, as the store groups its name."""
        if appearance.speaker is None:
            return None
        known = self.names.get((appearance.speaker, appearance.kind))
        return known[0] if known is not None else speaker_id(appearance.speaker)

    def article_quote_ids(self, record: ArticleRecord) -> list[str]:
        """The ids of the article's quotes, in text order."""
        return [quote_id(self.speaker_of(a), a.text) for a in record.appearances]

    def article_quotes(self, record: ArticleRecord) -> list[tuple[str, object]]:
        """(quote id, appearance) for each quote of the article, in text order."""
        return list(zip(self.article_quote_ids(record), record.appearances, strict=True))

    def article_ids(self) -> Sequence[str]:
        """Article ids, newest first (no known time last)."""
        return _Column(self.article_order, 1)

    def speaker_ids(self) -> Sequence[str]:
        """Speaker ids, most quoted first."""
        return _Column(self.speaker_order, 2)

    # -- look-ups ---------------------------------------------------------------------

    def remember(self, key: tuple, value, memo: dict | None = None):
        """`value`, kept in `memo` (the snapshot's own by default) under `key`."""
        if memo is None:
            memo = self.memo
        if len(memo) >= MEMO_ENTRIES:
            memo.clear()  # crude but bounded; a snapshot usually lives for many requests
        memo[key] = value
        return value

    def match_speakers(self, query: str) -> dict[str, float]:
        """Speaker id -> best fuzzy score of `query` against its name, aliases and roles.

        A speaker id given exactly (or one merged into another since) matches with 100.
        Scored with WRatio against every distinct label up to `SPEAKER_FULL_SCAN` labels;
        above that, only against the labels that have a word like a word of the query,
        which keeps the cost near the number of speakers that could match. The answer is
        remembered with the labels (the caller must not change it): by every snapshot
        that has the same labels, as those after writes that changed no speaker's labels.
        """
        if query in self.speakers:
            return {query: 100.0}
        if query in self.retired:
            current = self.current_id(query, self.speakers)
            return {current: 100.0} if current is not None else {}
        labels = self.labels
        key = ("speaker", query)
        known = labels.memo.get(key)
        if known is not None:
            return known
        processed = _process(query)
        if not processed:
            return self.remember(key, {}, labels.memo)
        return self.remember(key, labels.match(processed, self._similar_words), labels.memo)

    def _similar_words(self, processed: str) -> set[str]:
        labels = self.labels
        key = ("similar words", processed)
        similar = labels.memo.get(key)
        if similar is None:
            similar = self.remember(key, labels.similar_words(processed), labels.memo)
        return similar

    def speaker_score(self, query: str, speaker_id: str) -> float | None:
        """`match_speakers(query).get(speaker_id)`, scored against that speaker's own
        labels only: a few WRatio calls where `match_speakers` scores every label that
        may match (verify needs the scores of the few speakers it found). Above
        `SPEAKER_FULL_SCAN`, a label counts only if `match_speakers` would score it: if it
        has a word like a query word."""
        from rapidfuzz import fuzz

        if query in self.speakers or query in self.retired:
            return 100.0 if self.current_id(query, self.speakers) == speaker_id else None
        speaker = self.speakers.get(speaker_id)
        processed = _process(query)
        if speaker is None or not processed:
            return None
        similar = None
        if len(self.labels) > _speakers.SPEAKER_FULL_SCAN:
            similar = self._similar_words(processed)
        best = None
        for choice in labels_of(speaker.name, speaker.aliases, speaker.roles):
            if similar is not None and similar.isdisjoint(choice.split()):
                continue
            score = fuzz.WRatio(processed, choice, score_cutoff=SPEAKER_SCORE_CUTOFF)
            if score >= SPEAKER_SCORE_CUTOFF and (best is None or score > best):
                best = float(score)
        return best

    def find_quotes(self, query: QuoteQuery) -> tuple[Sequence[str], dict[str, float]]:
        """Quote ids matching every filter, best speaker match first, then by first seen.

        Returns the ids (a sequence read as it is used: a page costs its page) and, with
        a speaker filter, each found quote's speaker match score.
        """
        postings: list[Sequence[int]] = []
        sets: list[set[int]] = []
        # key -> score, when the speakers matched score differently
        ranked: dict[int, float] = {}
        uniform: float | None = None
        if query.speaker is not None:
            matched = self.match_speakers(query.speaker)
            if len(matched) == 1:
                ((speaker_id_, uniform),) = matched.items()
                postings.append(self.speakers[speaker_id_].quote_ranks)
            else:
                for speaker_id_, score in matched.items():
                    for key in self.speakers[speaker_id_].quote_ranks:
                        if score > ranked.get(key, 0.0):
                            ranked[key] = score
                sets.append(set(ranked))
        if query.q is not None:
            for token in tokens(query.q):
                postings.append(self.by_token.get(token, EMPTY))
        if query.article is not None:
            record = self.articles.get(query.article)
            found = (self.quotes.get(i) for i in self.article_quote_ids(record)) if record else ()
            postings.append(sorted({r.key for r in found if r is not None}))
        if query.publisher is not None:
            postings.append(self.by_outlet.get(normalise_name(query.publisher), EMPTY))
        if query.since is not None or query.until is not None:
            postings.append(KeyRange(self.order, *time_range(query.since, query.until)))

        if not postings and not sets:
            return QuoteIds(self.order, self.records), {}
        postings.sort(key=len)
        sets.sort(key=len)
        result: Sequence[int]
        if postings and (not sets or len(postings[0]) <= len(sets[0])):
            # the shortest posting, in order: no copy, no sort
            result = postings.pop(0)
        else:
            result = sorted(sets.pop(0))
        for members in (*postings, *sets):
            if not result:
                break
            result = intersect(result, members)
        if not result:
            return [], {}
        records = self.records
        ids = QuoteIds(result, records)
        if uniform is not None:
            return ids, dict.fromkeys(ids, uniform)
        if not ranked:
            return ids, {}
        if len(set(ranked.values())) > 1:
            result = sorted(result, key=lambda k: -ranked[k])  # stable: in order within
            ids = QuoteIds(result, records)
        return ids, {records[k].id: ranked[k] for k in result}

    def speaker_quote_ids(self, speaker_id: str) -> QuoteIds:
        """The ids of a speaker's quotes, earliest first seen first."""
        return QuoteIds(self.speakers[speaker_id].quote_ranks, self.records)

    def find_speakers(self, query: str | None) -> tuple[Sequence[str], dict[str, float]]:
        if query is None:
            return self.speaker_ids(), {}
        scores = self.match_speakers(query)
        speakers = self.speakers

        def place(i: str) -> tuple:
            record = speakers[i]
            return (-scores[i], -len(record.quote_ranks), record.name.casefold(), i)

        return sorted(scores, key=place), scores

    def quote(self, quote_id_: str) -> QuoteRecord | None:
        """The quote with this id, or the one it was merged into."""
        current = self.current_id(quote_id_, self.quotes)
        return None if current is None else self.quotes[current]
