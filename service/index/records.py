"""What the index holds: articles, their quotes' appearances, quotes and speakers.

Records are never changed once made (they are plain slotted classes, which are made
several times faster than frozen ones): a new state of the index makes new records for
what changed and shares the rest with the state before.

A quote's `key` places it in the index's order and stands for it in every posting: the
time it was first seen, in whole seconds since 1900, in the high 34 bits (quotes with no
known time last), and 30 bits of its id's hash below, so that quotes first seen in the
same second follow their ids. Two quotes whose keys would collide (one chance in a
billion for two quotes of the same second) take the next free key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from .postings import EMPTY, PostingLike

TIME_BITS = 34
TIE_BITS = 30
TIE_MASK = (1 << TIE_BITS) - 1
# the seconds of a quote with no known time: after every timed one
UNTIMED = (1 << TIME_BITS) - 1
_EPOCH = datetime(1900, 1, 1, tzinfo=UTC)
_SECOND = timedelta(seconds=1)


def seconds(moment: datetime | None) -> int:
    """`moment` in whole seconds since 1900 (clamped to the key's range), or UNTIMED."""
    if moment is None:
        return UNTIMED
    return min(max((moment - _EPOCH) // _SECOND, 0), UNTIMED - 1)


def order_key(moment: int, quote_id: str) -> int:
    """The key of a quote first seen at `moment` (`seconds`) with id `quote_id`."""
    return moment << TIE_BITS | int(quote_id[2:10], 16) >> 2


def time_range(since: datetime | None, until: datetime | None) -> tuple[int, int]:
    """The keys of the quotes first seen from `since` to `until` (whole seconds, both
    included; either may be open): (lowest, highest)."""
    low = 0 if since is None else seconds(since) << TIE_BITS
    high = (UNTIMED << TIE_BITS) - 1 if until is None else seconds(until) << TIE_BITS | TIE_MASK
    return low, min(high, (UNTIMED << TIE_BITS) - 1)


@dataclass(slots=True, eq=False)
class Appearance:
    """One quote as one article gives it: where, the words as written there, and the
    speaker as the article names them (before speakers are grouped across articles)."""

    article_id: str
    start: int
    end: int
    cue: str | None
    via: str | None
    text: str = ""
    speaker: str | None = None
    kind: str | None = None
    role: str | None = None


class QuoteRecord:
    """One statement by one speaker, with every appearance, earliest first.

    (A plain slotted class rather than a dataclass: most quotes appear once, and such a
    quote keeps its appearance itself instead of a tuple of one, 48 bytes less a quote;
    `appearances` is a tuple either way.)"""

    __slots__ = ("id", "text", "speaker_id", "first_seen", "_appearances", "key")

    def __init__(
        self,
        id: str,  # noqa: A002 (the record's field, as the API names it)
        text: str,
        speaker_id: str | None,
        first_seen: str | None,
        appearances: tuple[Appearance, ...],
        key: int = 0,
    ) -> None:
        self.id = id
        self.text = text
        self.speaker_id = speaker_id
        self.first_seen = first_seen
        self._appearances = appearances[0] if len(appearances) == 1 else appearances
        self.key = key

    @property
    def appearances(self) -> tuple[Appearance, ...]:
        held = self._appearances
        return (held,) if type(held) is Appearance else held

    def __repr__(self) -> str:
        return (
            f"QuoteRecord(id={self.id!r}, text={self.text!r}, speaker_id={self.speaker_id!r}, "
            f"first_seen={self.first_seen!r}, appearances={self.appearances!r}, key={self.key})"
        )


@dataclass(slots=True, eq=False)
class ArticleRecord:
    """An article: the metadata that wins (given with it, else found in it), the facts
    found in it, and its quotes' appearances in text order. Its text stays in the store."""

    id: str
    name: str
    title: str | None
    publisher: str | None
    published: str | None
    url: str | None
    authors: tuple[str, ...]
    # the title, publisher and publication time found in the text itself
    found: tuple[str | None, str | None, str | None]
    appearances: tuple[Appearance, ...]
    # its place in the article list (key, id): newest first, no known time last
    order: tuple = ()

    @property
    def quote_count(self) -> int:
        return len(self.appearances)

    @property
    def facts(self) -> dict:
        """What the extractor found in the text."""
        title, publisher, published = self.found
        return {
            "title": title,
            "publisher": publisher,
            "published": published,
            "authors": list(self.authors),
        }

    def ref(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "publisher": self.publisher,
            "published": self.published,
            "url": self.url,
        }


@dataclass(slots=True, eq=False)
class Tally:
    """What a speaker's appearances give, counted: roles, and the names used with their
    kinds ((name, kind) -> appearances)."""

    roles: dict = field(default_factory=dict)
    names: dict = field(default_factory=dict)


@dataclass(slots=True, eq=False)
class SpeakerRecord:
    id: str
    name: str
    kind: str | None
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    # the keys of the speaker's quotes, in order
    quote_ranks: PostingLike = field(default_factory=lambda: EMPTY)
    tally: Tally = field(default_factory=Tally)

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
