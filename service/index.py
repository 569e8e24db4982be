"""The in-memory quote index: articles, deduplicated quotes and speakers.

A `Snapshot` is built whole from the extracted articles and never changed after; the
`QuoteIndex` on the app swaps in a new one under a lock when an article is added, so a
request that took a snapshot reads one consistent state from start to end.

Every look-up goes through a dict (speaker id, normalised token, article id, outlet) or a
bisect over the sorted first-seen times, so its cost follows the size of the answer, not
the number of quotes held. Ids are content hashes: the same corpus gives the same ids.
"""

from __future__ import annotations

import bisect
import ctypes
import functools
import hashlib
import re
import sys
import threading
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from operator import itemgetter
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from .extraction import Article, Quote, extract_article, resolve_speakers
from .store import Store

SPEAKER_SCORE_CUTOFF = 80.0
# Up to this many distinct speaker labels (names, aliases, roles) a speaker query is
# scored against all of them; above, only against the labels sharing a word that looks
# like one of the query's words (see `Snapshot._speaker_candidates`).
SPEAKER_FULL_SCAN = 2_000
# A label word is a candidate if its ratio with a query word reaches this (and it is
# found by `SpeakerWords.similar`: a few characters apart).
SPEAKER_WORD_CUTOFF = 75.0
# Words up to this long are also indexed and looked up with two characters deleted.
TWO_DELETIONS_MAX = 24
# Derived values (speaker matches, rendered quotes) kept per snapshot at most.
MEMO_ENTRIES = 20_000
_WORD = re.compile(r"\w+")
# Particles and the possessive clitic that Indonesian glues onto words.
_CLITICS = ("nya", "lah", "kah", "pun")


def _hash(prefix: str, *parts: str, size: int = 16) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()
    return f"{prefix}_{digest[:size]}"


class _WithoutMarks(dict):
    """A `str.translate` table that deletes combining marks and keeps every other
    character, filled as characters are first met (at most `size` of them are kept;
    past that, the others are worked out each time)."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        if len(self) < self.size:
            self[code] = kept
        return kept


_MARKS = _WithoutMarks(65_536)


def _fold(text: str) -> str:
    """Lower case without accents: 'Lukašenko' and 'lukasenko' fold alike."""
    if text.isascii():
        # the same result: ASCII case-folds to its lower case and has no accents
        return text.lower()
    return unicodedata.normalize("NFKD", text.casefold()).translate(_MARKS)


# Every ASCII byte lower-cased if `_WORD` takes it, else a space: the word cut and the
# fold of ASCII text in one C-level pass of bytes.translate.
_ASCII_FOLD = bytes(
    ord(chr(c).lower()) if c < 128 and _WORD.fullmatch(chr(c).lower()) else ord(" ")
    for c in range(256)
)


def _separators_utf8() -> re.Pattern[bytes]:
    """The UTF-8 of the no-break spaces, guillemets, dashes, curly quotes and ellipses
    news text puts between words (U+00A0-U+00BF, U+2000-U+206F) that fold to no word
    character, as one bytes pattern: they cut words as a space does."""
    by_lead: dict[bytes, list[int]] = defaultdict(list)
    for code in (*range(0xA0, 0xC0), *range(0x2000, 0x2070)):
        folded = _fold(chr(code))
        if folded and not _WORD.search(folded):
            encoded = chr(code).encode()
            by_lead[encoded[:-1]].append(encoded[-1])
    return re.compile(
        b"|".join(
            re.escape(lead) + b"[" + b"".join(re.escape(bytes([b])) for b in last) + b"]"
            for lead, last in by_lead.items()
        )
    )


_SEPARATORS_UTF8 = _separators_utf8()
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


@functools.lru_cache(maxsize=4096)
def _run_stand_in(run: str) -> str:
    """A run of non-ASCII characters as ASCII that cuts and folds alike: its fold if that
    is lower-case ASCII (an accented Latin letter; "" for marks alone), a space if the fold
    has no word character (a dash); otherwise the run as it is."""
    folded = _fold(run)
    if folded.isascii() and folded == folded.lower():
        return folded
    return " " if not _WORD.search(folded) else run


def _ascii_bytes(text: str) -> bytes | None:
    """`text` as ASCII bytes that `_ASCII_FOLD` cuts into the words `_WORD` finds in
    `_fold(text)`; None if some run of non-ASCII characters has no such stand-in
    (Cyrillic, CJK). News text is ASCII but for a few dashes, quotes and accented letters,
    and folding goes character by character (case folding has no context; NFKD only
    reorders the marks `_fold` drops), so those can be replaced one by one."""
    if text.isascii():
        return text.encode()
    # dashes and quotes: one pass in C over the UTF-8 (surrogatepass: JSON may carry a
    # lone surrogate, which then stays non-ASCII)
    data = _SEPARATORS_UTF8.sub(b" ", text.encode("utf-8", "surrogatepass"))
    if data.isascii():
        return data
    # any other run of non-ASCII characters, one at a time, giving up at the first with
    # no stand-in (another script: the regex on the folded text is then cheaper)
    pieces, end = [], 0
    for run in _NON_ASCII_RUN.finditer(text):
        stand_in = _run_stand_in(run.group())
        if not stand_in.isascii():
            return None
        pieces += (text[end : run.start()], stand_in)
        end = run.end()
    pieces.append(text[end:])
    return "".join(pieces).encode()


def words(text: str) -> list[str]:
    data = _ascii_bytes(text)
    if data is None:
        return _WORD.findall(_fold(text))
    # the same words two to three times faster than the regex (verify folds every
    # candidate)
    return data.translate(_ASCII_FOLD).decode().split()


def normalise_token(word: str) -> str:
    """One search token: folded, with a trailing -nya/-lah/-kah/-pun clitic removed."""
    for clitic in _CLITICS:
        if word.endswith(clitic) and len(word) - len(clitic) >= 4:
            return word[: -len(clitic)]
    return word


def tokens(text: str) -> set[str]:
    return {normalise_token(w) for w in words(text)}


def normalise_text(text: str) -> str:
    """The form two quotes must share to be the same statement: the words, joined by
    single spaces."""
    data = _ascii_bytes(text)
    if data is None:
        return " ".join(_WORD.findall(_fold(text)))
    return b" ".join(data.translate(_ASCII_FOLD).split()).decode()


def normalise_name(name: str) -> str:
    return " ".join(_fold(name).split())


def _intern(value: str | None) -> str | None:
    """One string object for the few distinct cues and outlets, not one per quote."""
    return None if value is None else sys.intern(value)


def content_hash(text: str) -> str:
    """Article identity: the text with line endings and outer blank space evened out."""
    canonical = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    # surrogatepass: JSON may carry lone surrogates (\ud800), which are still text to hash
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def parse_time(value: str | None) -> datetime | None:
    """An ISO 8601 string as an aware datetime (naive ones are taken as UTC)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Source:
    """An article as it was ingested, before any cross-article speaker resolution.

    Immutable. A text that is not ASCII is held as UTF-8 and decoded when read: Python
    stores a str with any character past U+00FF (the curly quotes news text is full of)
    at 2 bytes a character, UTF-8 at little more than 1.
    """

    __slots__ = ("id", "name", "_text", "extracted", "url", "title", "publisher", "published")

    def __init__(
        self,
        id: str,
        name: str,
        text: str,
        extracted: Article,
        url: str | None = None,
        title: str | None = None,
        publisher: str | None = None,
        published: str | None = None,
    ) -> None:
        held: str | bytes = text if text.isascii() else text.encode("utf-8", "surrogatepass")
        for slot, value in (
            ("id", id),
            ("name", name),
            ("_text", held),
            ("extracted", extracted),
            ("url", url),
            ("title", title),
            ("publisher", publisher),
            ("published", published),
        ):
            object.__setattr__(self, slot, value)

    def __setattr__(self, name, value):
        raise AttributeError(f"a Source cannot be changed ({name})")

    @property
    def text(self) -> str:
        held = self._text
        return held if isinstance(held, str) else held.decode("utf-8", "surrogatepass")

    def __repr__(self) -> str:
        return f"Source(id={self.id!r}, name={self.name!r})"


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """An article in a snapshot: its source, the metadata that wins, and its quotes'
    ranks (positions in `Snapshot.quote_order`) in text order, one per extracted quote
    (`Snapshot.article_quotes` pairs them with their ids and offsets)."""

    source: Source
    title: str | None
    publisher: str | None
    published: str | None
    quote_ranks: array

    @property
    def id(self) -> str:
        return self.source.id

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def url(self) -> str | None:
        return self.source.url

    @property
    def authors(self) -> tuple[str, ...]:
        return tuple(self.source.extracted.authors)

    @property
    def facts(self) -> dict:
        """What the extractor found in the text (cross-article resolution changes only
        speakers, which the facts do not hold)."""
        return self.source.extracted.facts()

    def ref(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "publisher": self.publisher,
            "published": self.published,
            "url": self.url,
        }


@dataclass(frozen=True, slots=True)
class Appearance:
    article_id: str
    start: int
    end: int
    cue: str | None
    via: str | None


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    id: str
    text: str
    speaker_id: str | None
    first_seen: str | None
    appearances: tuple[Appearance, ...]


@dataclass(frozen=True, slots=True)
class SpeakerRecord:
    id: str
    name: str
    kind: str | None
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    # ranks of the speaker's quotes (`Snapshot.speaker_quote_ids` gives their ids)
    quote_ranks: array

    @property
    def role(self) -> str | None:
        return self.roles[0] if self.roles else None


@dataclass(frozen=True, slots=True)
class QuoteQuery:
    speaker: str | None = None
    q: str | None = None
    article: str | None = None
    publisher: str | None = None
    since: datetime | None = None
    until: datetime | None = None


# The type of the rank arrays: 4 bytes a quote.
RANK = "I"


@dataclass(slots=True)
class Snapshot:
    """One immutable state of the index; build with `Snapshot.build`.

    A quote's rank is its position in `quote_order` (earliest first seen first, quotes
    with no known time last). Postings hold ranks, ascending, in arrays (the word
    postings in one array, `Postings`): 4 bytes an entry, a page of a one-filter answer
    needs no sort, and membership is a bisect.
    """

    sources: tuple[Source, ...] = ()
    articles: dict[str, ArticleRecord] = field(default_factory=dict)
    article_order: tuple[str, ...] = ()
    by_hash: dict[str, str] = field(default_factory=dict)
    quotes: dict[str, QuoteRecord] = field(default_factory=dict)
    quote_order: tuple[str, ...] = ()
    # the records in rank order: verify reads a few hundred by rank per claim, and one
    # tuple slot is fewer cache misses than the id, the dict and the record (8 bytes a quote)
    records: tuple[QuoteRecord, ...] = ()
    speakers: dict[str, SpeakerRecord] = field(default_factory=dict)
    speaker_order: tuple[str, ...] = ()
    by_token: Mapping[str, Sequence[int]] = field(default_factory=dict)
    by_outlet: dict[str, array] = field(default_factory=dict)
    # first-seen timestamps of the ranks that have one: the timed quotes are the first
    # ranks, in time order, so a time range is a range of ranks
    times: array = field(default_factory=lambda: array("d"))
    # rapidfuzz choices: distinct processed names, aliases and roles, and whose they are
    speaker_choices: tuple[str, ...] = ()
    speaker_choice_owners: tuple[tuple[str, ...], ...] = ()
    # each word of those labels -> positions in `speaker_choices`
    speaker_words: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # those words, searchable by likeness (`_speaker_candidates`)
    speaker_lexicon: SpeakerWords = field(default_factory=lambda: SpeakerWords(()))
    # values derived on demand and kept for this snapshot only (speaker matches, rendered
    # quotes): bounded, and safe to share since the snapshot never changes
    memo: dict = field(default_factory=dict)

    @classmethod
    def build(cls, sources: Iterable[Source]) -> Snapshot:
        sources = tuple(sources)
        resolved = resolve_speakers(
            [replace(s.extracted, quotes=list(s.extracted.quotes)) for s in sources]
        )
        snap = cls(sources=sources)

        speaker_names: dict[str, str] = {}
        # one id string per speaker, not one per quote
        speaker_ids: dict[str, str] = {}
        speaker_kinds: dict[str, Counter] = defaultdict(Counter)
        speaker_roles: dict[str, Counter] = defaultdict(Counter)
        speaker_aliases: dict[str, set[str]] = defaultdict(set)
        # quote id -> [text, speaker id, [(time, article id, appearance), ...]]
        found: dict[str, list] = {}
        # article id -> its quotes' ids in text order (ranks once they are known)
        article_quotes: dict[str, list[str]] = {}
        published_of: dict[str, str | None] = {}

        for source, article in zip(sources, resolved, strict=True):
            published = source.published or article.published or article.dated
            moment = parse_time(published)
            published_of[source.id] = published
            ids = article_quotes[source.id] = []
            for quote in article.quotes:
                speaker_id = None
                if quote.speaker:
                    speaker_id = speaker_ids.get(quote.speaker)
                    if speaker_id is None:
                        speaker_id = _hash("spk", normalise_name(quote.speaker), size=12)
                        speaker_id = speaker_ids.setdefault(quote.speaker, speaker_id)
                    speaker_names.setdefault(speaker_id, quote.speaker)
                    speaker_kinds[speaker_id][quote.speaker_kind] += 1
                    if quote.role:
                        speaker_roles[speaker_id][quote.role] += 1
                    speaker_aliases[speaker_id].update(quote.aliases)
                quote_id = _hash("q", speaker_id or "", normalise_text(quote.text))
                ids.append(quote_id)
                entry = found.get(quote_id)
                if entry is None:
                    entry = found[quote_id] = [quote.text, speaker_id, []]
                entry[2].append(
                    (
                        moment,
                        source.id,
                        Appearance(
                            source.id,
                            quote.start,
                            quote.end,
                            _intern(quote.cue),
                            _intern(quote.via),
                        ),
                    )
                )
            snap.by_hash[content_hash(source.text)] = source.id
        del resolved

        def when(moment: datetime | None) -> tuple[int, float]:
            return (0, moment.timestamp()) if moment else (1, 0.0)

        order: list[tuple[tuple[int, float], str]] = []
        for quote_id, (text, speaker_id, seen) in found.items():
            seen.sort(key=lambda s: (when(s[0]), s[1], s[2].start))
            first = seen[0]
            snap.quotes[quote_id] = QuoteRecord(
                id=quote_id,
                text=text,
                speaker_id=speaker_id,
                first_seen=published_of[first[1]] if first[0] else None,
                appearances=tuple(s[2] for s in seen),
            )
            order.append((when(first[0]), quote_id))
        del found
        # (time, id): the timed quotes come first, in time order
        order.sort()
        snap.quote_order = tuple(quote_id for _, quote_id in order)
        snap.records = tuple(snap.quotes[quote_id] for quote_id in snap.quote_order)
        snap.times = array("d", (when_[1] for when_, _ in order if when_[0] == 0))
        del order
        rank_of = {quote_id: n for n, quote_id in enumerate(snap.quote_order)}

        for source in sources:
            ranks = array(RANK, [rank_of[i] for i in article_quotes.pop(source.id)])
            extracted = source.extracted
            snap.articles[source.id] = ArticleRecord(
                source=source,
                title=source.title or extracted.title,
                publisher=source.publisher or extracted.publisher,
                published=published_of[source.id],
                quote_ranks=ranks,
            )
        del published_of

        # Postings filled in rank order, so they need no sort; lists while filling (a
        # quote's tokens are distinct, its appearances follow each other), arrays after.
        by_speaker: dict[str, list[int]] = defaultdict(list)
        by_token: dict[str, list[int]] = defaultdict(list)
        by_outlet: dict[str, list[int]] = defaultdict(list)
        outlet_keys: dict[str | None, str] = {}
        articles = snap.articles
        for rank, quote_id in enumerate(snap.quote_order):
            record = snap.quotes[quote_id]
            if record.speaker_id:
                by_speaker[record.speaker_id].append(rank)
            for token in tokens(record.text):
                by_token[token].append(rank)
            for appearance in record.appearances:
                outlet = articles[appearance.article_id].publisher
                for name in (outlet, appearance.via):
                    if name:
                        key = outlet_keys.get(name)
                        if key is None:
                            key = outlet_keys[name] = normalise_name(name)
                        _add_once(by_outlet[key], rank)
        del rank_of
        speaker_ranks = _frozen(by_speaker)
        snap.by_token = Postings(by_token)
        snap.by_outlet = _frozen(by_outlet)

        choices: dict[str, list[str]] = {}
        for speaker_id, name in speaker_names.items():
            quote_ranks = speaker_ranks.pop(speaker_id, _EMPTY)
            aliases = tuple(sorted(speaker_aliases[speaker_id] - {name}))
            roles = tuple(r for r, _ in speaker_roles[speaker_id].most_common())
            kind = speaker_kinds[speaker_id].most_common(1)[0][0]
            snap.speakers[speaker_id] = SpeakerRecord(
                speaker_id, name, kind, aliases, roles, quote_ranks
            )
            for label in {name, *aliases, *roles}:
                processed = utils.default_process(label)
                if processed:
                    owners = choices.setdefault(processed, [])
                    if speaker_id not in owners:
                        owners.append(speaker_id)
        snap.speaker_choices = tuple(choices)
        snap.speaker_choice_owners = tuple(tuple(owners) for owners in choices.values())
        speaker_words: dict[str, list[int]] = defaultdict(list)
        for position, label in enumerate(snap.speaker_choices):
            for word in set(label.split()):
                speaker_words[word].append(position)
        snap.speaker_words = {w: tuple(p) for w, p in speaker_words.items()}
        # above the full scan, label words are looked up by likeness (`_speaker_candidates`)
        snap.speaker_lexicon = SpeakerWords(
            snap.speaker_words, precompute=len(snap.speaker_choices) > SPEAKER_FULL_SCAN
        )
        snap.speaker_order = tuple(
            sorted(
                snap.speakers,
                key=lambda i: (
                    -len(snap.speakers[i].quote_ranks),
                    snap.speakers[i].name.casefold(),
                    i,
                ),
            )
        )
        snap.article_order = tuple(
            sorted(
                snap.articles,
                key=lambda i: (
                    when(parse_time(snap.articles[i].published))[0],
                    -when(parse_time(snap.articles[i].published))[1],
                    i,
                ),
            )
        )
        return snap

    # -- look-ups ---------------------------------------------------------------------

    def remember(self, key: tuple, value):
        memo = self.memo
        if len(memo) >= MEMO_ENTRIES:
            memo.clear()  # crude but bounded; a snapshot usually lives for many requests
        memo[key] = value
        return value

    def match_speakers(self, query: str) -> dict[str, float]:
        """Speaker id -> best fuzzy score of `query` against its name, aliases and roles.

        A speaker id given exactly matches with 100. Scored with WRatio against every
        distinct label up to `SPEAKER_FULL_SCAN` labels; above that, only against the
        labels that have a word like a word of the query (`_speaker_candidates`), which
        keeps the cost near the number of speakers that could match. The answer is
        remembered per snapshot (the caller must not change it).
        """
        if query in self.speakers:
            return {query: 100.0}
        key = ("speaker", query)
        known = self.memo.get(key)
        if known is not None:
            return known
        processed = utils.default_process(query)
        if not processed:
            return self.remember(key, {})
        choices: Sequence[str] = self.speaker_choices
        positions: Sequence[int] | None = None
        if len(self.speaker_choices) > SPEAKER_FULL_SCAN:
            positions, choices = self._speaker_candidates(processed)
        scores: dict[str, float] = {}
        hits = process.extract(
            processed,
            choices,
            scorer=fuzz.WRatio,
            processor=None,
            score_cutoff=SPEAKER_SCORE_CUTOFF,
            limit=None,
        )
        for _choice, score, at in hits:
            position = at if positions is None else positions[at]
            for owner in self.speaker_choice_owners[position]:
                if score > scores.get(owner, 0.0):
                    scores[owner] = float(score)
        return self.remember(key, scores)

    def speaker_score(self, query: str, speaker_id: str) -> float | None:
        """`match_speakers(query).get(speaker_id)`, scored against that speaker's own
        labels only: a few WRatio calls where `match_speakers` scores every label that
        may match (verify needs the scores of the few speakers it found). Above
        `SPEAKER_FULL_SCAN`, a label counts only if `match_speakers` would score it: if it
        has a word like a query word (`_similar_words`)."""
        if query in self.speakers:
            return 100.0 if query == speaker_id else None
        speaker = self.speakers.get(speaker_id)
        processed = utils.default_process(query)
        if speaker is None or not processed:
            return None
        similar = None
        if len(self.speaker_choices) > SPEAKER_FULL_SCAN:
            key = ("similar words", processed)
            similar = self.memo.get(key)
            if similar is None:
                similar = self.remember(key, self._similar_words(processed))
        best = None
        for label in {speaker.name, *speaker.aliases, *speaker.roles}:
            choice = utils.default_process(label)
            if not choice or (similar is not None and similar.isdisjoint(choice.split())):
                continue
            score = fuzz.WRatio(processed, choice, score_cutoff=SPEAKER_SCORE_CUTOFF)
            if score >= SPEAKER_SCORE_CUTOFF and (best is None or score > best):
                best = float(score)
        return best

    def _similar_words(self, processed: str) -> set[str]:
        """The label words like a word of the query: a few characters apart and within
        `SPEAKER_WORD_CUTOFF` (rapidfuzz ratio), or held in it, or, for the query's only
        word, one holding it (`SpeakerWords.similar`); from the words of 3 letters or more,
        if any."""
        words = {w for w in processed.split() if len(w) >= 3} or set(processed.split())
        # A query of several words reaches the cutoff against a label only if its other
        # words are in the label too, and they link it: a label word merely holding one
        # query word ("ana" in "banana") adds none, and a short word is in hundreds.
        holders = len(words) == 1
        similar: set[str] = set()
        for word in words:
            similar.update(self.speaker_lexicon.similar(word, holders=holders))
        return similar

    def _speaker_candidates(self, processed: str) -> tuple[list[int], tuple[str, ...]]:
        """The labels holding a word like a query word (`_similar_words`): their positions
        in `speaker_choices` and the labels, in the same order."""
        found: set[int] = set()
        for match in self._similar_words(processed):
            found.update(self.speaker_words[match])
        # in no particular order: each speaker keeps its best score whatever the order;
        # the labels gathered in C (a dict of thousands cost as much as scoring them)
        positions = list(found)
        if len(positions) == 1:
            return positions, (self.speaker_choices[positions[0]],)
        return positions, (itemgetter(*positions)(self.speaker_choices) if positions else ())

    def find_quotes(self, query: QuoteQuery) -> tuple[Sequence[str], dict[str, float]]:
        """Quote ids matching every filter, best speaker match first, then by first seen.

        Returns the ids (a sequence read as it is used: a page costs its page) and, with
        a speaker filter, each found quote's speaker match score.
        """
        postings: list[Sequence[int]] = []
        sets: list[set[int]] = []
        # rank -> score, when the speakers matched score differently
        ranked: dict[int, float] = {}
        uniform: float | None = None
        if query.speaker is not None:
            matched = self.match_speakers(query.speaker)
            if len(matched) == 1:
                ((speaker_id, uniform),) = matched.items()
                postings.append(self.speakers[speaker_id].quote_ranks)
            else:
                for speaker_id, score in matched.items():
                    for rank in self.speakers[speaker_id].quote_ranks:
                        if score > ranked.get(rank, 0.0):
                            ranked[rank] = score
                sets.append(set(ranked))
        if query.q is not None:
            for token in tokens(query.q):
                postings.append(self.by_token.get(token, _EMPTY))
        if query.article is not None:
            record = self.articles.get(query.article)
            postings.append(sorted(set(record.quote_ranks)) if record else _EMPTY)
        if query.publisher is not None:
            postings.append(self.by_outlet.get(normalise_name(query.publisher), _EMPTY))
        if query.since is not None or query.until is not None:
            lo = (
                0
                if query.since is None
                else bisect.bisect_left(self.times, query.since.timestamp())
            )
            hi = (
                len(self.times)
                if query.until is None
                else bisect.bisect_right(self.times, query.until.timestamp())
            )
            postings.append(range(lo, hi))

        if not postings and not sets:
            return self.quote_order, {}
        postings.sort(key=len)
        sets.sort(key=len)
        result: Sequence[int]
        if postings and (not sets or len(postings[0]) <= len(sets[0])):
            # the shortest posting, in rank order: no copy, no sort
            result = postings.pop(0)
        else:
            result = sorted(sets.pop(0))
        for members in (*postings, *sets):
            if not result:
                break
            result = _intersect(result, members)
        if not result:
            return [], {}
        ids = QuoteIds(result, self.quote_order)
        if uniform is not None:
            return ids, dict.fromkeys(ids, uniform)
        if not ranked:
            return ids, {}
        if len(set(ranked.values())) > 1:
            result = sorted(result, key=lambda r: -ranked[r])  # stable: rank order within
            ids = QuoteIds(result, self.quote_order)
        order = self.quote_order
        return ids, {order[r]: ranked[r] for r in result}

    def speaker_quote_ids(self, speaker_id: str) -> QuoteIds:
        """The ids of a speaker's quotes, earliest first seen first."""
        return QuoteIds(self.speakers[speaker_id].quote_ranks, self.quote_order)

    def article_quotes(self, record: ArticleRecord) -> list[tuple[str, Quote]]:
        """(quote id, extracted quote) for each quote of the article, in text order."""
        order = self.quote_order
        quotes = record.source.extracted.quotes
        return [(order[r], q) for r, q in zip(record.quote_ranks, quotes, strict=True)]

    def find_speakers(self, query: str | None) -> tuple[list[str], dict[str, float]]:
        if query is None:
            return list(self.speaker_order), {}
        scores = self.match_speakers(query)
        order = {speaker_id: n for n, speaker_id in enumerate(self.speaker_order)}
        return sorted(scores, key=lambda i: (-scores[i], order[i])), scores


def _deletions(word: str) -> set[str]:
    """`word` with one character deleted, each way."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _near(word: str) -> set[str]:
    """`word` and its forms with one or two characters deleted (one only for a word
    longer than `TWO_DELETIONS_MAX`)."""
    near = {word} | _deletions(word)
    if len(word) <= TWO_DELETIONS_MAX:
        for form in list(near):
            near.update(_deletions(form))
    return near


class SpeakerWords:
    """The words of the speaker labels, found by likeness without a pass over them all.

    `similar(word)` gives the label words within `SPEAKER_WORD_CUTOFF` (rapidfuzz ratio)
    of `word` that share a form with it once at most two characters are deleted from each:
    a letter or two dropped, added or changed, two swapped (Lukashenko, Lukasenko,
    Lukashenka). And, as partial_ratio would score them 100, the words of 3 letters or
    more held in it (names run together) and, unless `holders=False`, the words holding
    `word` ("hartono" in "suhartono"). Its cost follows the length of `word`, not the
    number of words: every word is indexed under the hash of each of its forms with up to
    two deletions (sorted arrays, 12 bytes a form, searched by bisect), substrings are dict
    look-ups, and the words holding `word` come from one C-level `str.find` pass over all
    words joined.
    """

    __slots__ = (
        "known",
        "hashes",
        "owners",
        "vocabulary",
        "joined",
        "starts",
        "longest",
        "neighbours",
    )

    def __init__(self, words: dict[str, object] | Iterable[str], precompute: bool = False) -> None:
        vocabulary = tuple(sorted(set(words)))
        self.known = words if isinstance(words, dict) else dict.fromkeys(vocabulary)
        pairs = sorted((hash(form), n) for n, word in enumerate(vocabulary) for form in _near(word))
        self.hashes = array("q", (h for h, _ in pairs))
        self.owners = array(RANK, (n for _, n in pairs))
        del pairs
        self.vocabulary = vocabulary
        # every word followed by a newline; starts[n] is where vocabulary[n] begins
        self.joined = "".join(f"{word}\n" for word in vocabulary)
        starts = array(RANK)
        offset = 0
        for word in vocabulary:
            starts.append(offset)
            offset += len(word) + 1
        self.starts = starts
        self.longest = max(map(len, vocabulary), default=0)
        # With `precompute`, `similar` of every word of the vocabulary, worked out now: a
        # query word spelt as a known name (most are) is then one look-up, not ~170 us.
        # Each word's neighbours: those near it, then those only holding it.
        self.neighbours: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
        if precompute:
            for word in vocabulary:
                near = self.find_similar(word, holders=False)
                holding = set(self.holding(word)) - near
                self.neighbours[word] = (tuple(sorted(near)), tuple(sorted(holding)))

    def similar(self, word: str, holders: bool = True) -> set[str]:
        """The words like `word` (`find_similar`), worked out once if precomputed."""
        known = self.neighbours.get(word)
        if known is None:
            return self.find_similar(word, holders)
        near, holding = known
        return {*near, *holding} if holders else set(near)

    def find_similar(self, word: str, holders: bool = True) -> set[str]:
        """The words near `word` by deletions and ratio, the words of 3 letters or more held
        in it, and (with `holders`) the words holding it."""
        hashes, owners, vocabulary = self.hashes, self.owners, self.vocabulary
        found: set[str] = set()
        for form in _near(word):
            key = hash(form)
            at = bisect.bisect_left(hashes, key)
            while at < len(hashes) and hashes[at] == key:
                found.add(vocabulary[owners[at]])
                at += 1
        # (a hash shared by chance only adds a word that the ratio then judges)
        similar = {w for w in found if fuzz.ratio(word, w) >= SPEAKER_WORD_CUTOFF}
        if holders:
            similar.update(self.holding(word))
        known = self.known
        for start in range(len(word)):
            for end in range(start + 3, min(len(word), start + self.longest) + 1):
                if word[start:end] in known:
                    similar.add(word[start:end])
        return similar

    def holding(self, word: str) -> list[str]:
        """The words that hold `word` (itself included)."""
        if not word:
            return []
        joined, starts, vocabulary = self.joined, self.starts, self.vocabulary
        found = []
        at = joined.find(word)
        while at >= 0:
            n = bisect.bisect_right(starts, at) - 1
            found.append(vocabulary[n])
            if n + 1 >= len(starts):
                break
            at = joined.find(word, starts[n + 1])
        return found


_EMPTY = array(RANK)
# Up to this many ranks intersect by a bisect each into the other posting; more, by a set.
_BISECT_MAX = 64


class QuoteIds(Sequence):
    """Quote ids read from ranks as they are used: `ids[a:b]` maps only those ranks."""

    __slots__ = ("_ranks", "_order")

    def __init__(self, ranks: Sequence[int], order: tuple[str, ...]) -> None:
        self._ranks = ranks
        self._order = order

    def __len__(self) -> int:
        return len(self._ranks)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._order[r] for r in self._ranks[index]]
        return self._order[self._ranks[index]]

    def __iter__(self) -> Iterator[str]:
        return map(self._order.__getitem__, self._ranks)

    def __eq__(self, other) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"QuoteIds({list(self)!r})"


def _intersect(ranks: Sequence[int], members: Sequence[int] | set[int]) -> Sequence[int]:
    """The ranks (ascending) that are also in `members` (an ascending posting or a set),
    still ascending: a bisect each for a few, C-level set operations for many."""
    if isinstance(members, set):
        if len(ranks) <= _BISECT_MAX:
            return [r for r in ranks if r in members]
        return sorted(members.intersection(ranks))
    if isinstance(members, range):
        return [r for r in ranks if r in members]  # a range answers `in` in constant time
    if len(ranks) <= _BISECT_MAX:
        size = len(members)
        kept = []
        for r in ranks:
            n = bisect.bisect_left(members, r)
            if n < size and members[n] == r:
                kept.append(r)
        return kept
    return sorted(set(ranks).intersection(members))


def _add_once(posting: list[int], rank: int) -> None:
    if not posting or posting[-1] != rank:
        posting.append(rank)


def _frozen(postings: dict[str, list[int]]) -> dict[str, array]:
    """The lists as rank arrays, one at a time (the peak holds one list and its copy)."""
    frozen: dict[str, array] = {}
    for key in list(postings):
        frozen[key] = array(RANK, postings.pop(key))
    return frozen


class Postings(Mapping):
    """token -> its ranks (ascending), every posting in one array: a posting is a
    zero-copy view of its slice (len, indexing, slicing, iteration and bisect as an
    array's). An array a token cost about 80 bytes besides its entries, and most tokens
    are in one or two quotes; here it is one int in a dict."""

    __slots__ = ("_view", "_where")

    def __init__(self, postings: dict[str, list[int]]) -> None:
        ranks = array(RANK)
        where: dict[str, int] = {}
        for key in list(postings):  # popped one by one: the peak holds one list more
            found = postings.pop(key)
            where[key] = len(ranks) << 32 | len(found)
            ranks.extend(found)
        self._view = memoryview(ranks)
        self._where = where

    def _slice(self, packed: int) -> memoryview:
        # (start << 32 | length), as __init__ packs it
        start = packed >> 32
        return self._view[start : start + (packed & 0xFFFFFFFF)]

    def __getitem__(self, key: str) -> memoryview:
        return self._slice(self._where[key])

    def get(self, key: str, default=None):
        packed = self._where.get(key)
        return default if packed is None else self._slice(packed)

    def __contains__(self, key: object) -> bool:
        return key in self._where

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


def release_memory() -> None:
    """Give the heap memory a rebuild freed back to the system (glibc's malloc_trim):
    building a snapshot frees about as much as it keeps, and a server should not hold
    the difference. A no-op where there is no malloc_trim."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):
        pass


class QuoteIndex:
    """The app's index: the current snapshot, replaced whole when articles are added.

    With a `store`, the store is the truth: `refresh()` loads whatever other processes
    committed since the last look (one cheap query when nothing changed), and `add()`
    commits before the article is visible or acknowledged.
    """

    def __init__(self, sources: Iterable[Source] = (), store: Store | None = None) -> None:
        self._lock = threading.Lock()
        self._snapshot = Snapshot.build(sources)
        release_memory()
        self.store = store
        # the highest store row loaded into the snapshot
        self._seq = 0
        # articles this process extracted and is committing: not extracted twice
        self._pending: dict[str, Source] = {}

    @property
    def snapshot(self) -> Snapshot:
        return self._snapshot

    @property
    def seq(self) -> int:
        return self._seq

    @staticmethod
    def make_source(
        text: str,
        name: str = "",
        *,
        url: str | None = None,
        title: str | None = None,
        publisher: str | None = None,
        published: str | None = None,
    ) -> Source:
        digest = content_hash(text)
        article_id = f"art_{digest[:16]}"
        return Source(
            id=article_id,
            name=name or article_id,
            text=text,
            extracted=extract_article(text, name or article_id),
            url=url,
            title=title,
            publisher=publisher,
            published=published,
        )

    @staticmethod
    def stored_form(source: Source) -> dict:
        """What the store keeps of `source`: text, metadata, facts and content hash."""
        return {
            "id": source.id,
            "content_hash": content_hash(source.text),
            "name": source.name,
            "text": source.text,
            "facts": source.extracted.facts(),
            "title": source.title,
            "url": source.url,
            "publisher": source.publisher,
            "published": source.published,
        }

    @classmethod
    def seed_sources(cls, directory: Path) -> Iterator[Source]:
        """Each *.txt article in `directory` (none if it does not exist), by file name."""
        if directory.is_dir():
            for path in sorted(directory.glob("*.txt")):
                yield cls.make_source(path.read_text(encoding="utf-8"), path.name)

    @classmethod
    def from_directory(cls, directory: Path) -> QuoteIndex:
        """The index of every *.txt article in `directory` (none if it does not exist)."""
        sources = []
        seen = set()
        for source in cls.seed_sources(directory):
            digest = content_hash(source.text)
            if digest not in seen:
                seen.add(digest)
                sources.append(source)
        return cls(sources)

    @classmethod
    def from_store(cls, store: Store) -> QuoteIndex:
        """The index of everything `store` holds, kept up to date by `refresh()`."""
        index = cls((), store)
        index.refresh()
        return index

    def refresh(self, *, force: bool = False) -> Snapshot:
        """Load what the store committed since the last look; the current snapshot.
        Unless `force`, it first asks the store whether anything changed (cheap, but it
        may miss a commit nobody announced for up to a second)."""
        store = self.store
        if store is None or not (force or store.changed_after(self._seq)):
            return self._snapshot
        with self._lock:
            rows = list(store.since(self._seq))
            if not rows:
                return self._snapshot
            added = []
            for row in rows:
                source = self._pending.get(row.id)
                if source is None:
                    source = self.make_source(row.text, row.name, **row.metadata)
                added.append(source)
            snap = Snapshot.build((*self._snapshot.sources, *added))
            self._snapshot = snap
            release_memory()
            self._seq = rows[-1].seq
        return snap

    def add(self, text: str, **metadata: str | None) -> tuple[ArticleRecord, Snapshot, bool]:
        """Add one article; returns its record, the snapshot holding it, and whether it
        is new (False: the same text was already there and nothing changed). With a
        store, it returns only after the article is committed."""
        digest = content_hash(text)
        current = self.refresh()
        existing = current.by_hash.get(digest)
        if existing is not None:
            return current.articles[existing], current, False
        # Extract outside the lock; only the rebuild and the swap are serialised.
        source = self.make_source(text, **metadata)
        if self.store is not None:
            self._pending[source.id] = source
            try:
                created = self.store.add(self.stored_form(source))
                # forced: the row is committed, whether or not its announcement was
                snap = self.refresh(force=True)
            finally:
                self._pending.pop(source.id, None)
            return snap.articles[source.id], snap, created
        with self._lock:
            current = self._snapshot
            existing = current.by_hash.get(digest)
            if existing is not None:
                return current.articles[existing], current, False
            snap = Snapshot.build((*current.sources, source))
            self._snapshot = snap
            release_memory()
        return snap.articles[source.id], snap, True
