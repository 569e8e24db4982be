"""Everything the pages read from the index and the verifier, in one place.

Every call the pages make into `service.index` and `service.verify` is in this module,
through their public methods only, so that a change of the index's shape is adapted here
alone. What it gives the views are plain values (the dataclasses below), never records of
the index, so templates do not depend on how the index holds things.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app

from .. import verify as verifier
from ..changes import Located
from ..extraction import extract_article
from ..index import QuoteIndex, QuoteQuery, Snapshot, parse_time
from ..index.postings import KeyRange
from ..index.records import time_range

# What a change is, as POST /verify gives it on each match ("changes"): its kind, and the
# span it covers in the claim and in the stored quote (empty on the side that lacks it).
CHANGE_KINDS = ("negation", "number", "name", "word", "spelling", "filler")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Change:
    kind: str
    claimed: Span
    stored: Span


@dataclass(frozen=True, slots=True)
class SpeakerRef:
    id: str
    name: str
    role: str | None


@dataclass(frozen=True, slots=True)
class ArticleRef:
    id: str
    title: str | None
    publisher: str | None
    published: datetime | None
    url: str | None


@dataclass(frozen=True, slots=True)
class Appearance:
    article: ArticleRef
    start: int
    end: int
    via: str | None


@dataclass(frozen=True, slots=True)
class QuoteView:
    id: str
    text: str
    speaker: SpeakerRef | None
    first_seen: datetime | None
    appearances: tuple[Appearance, ...]

    @property
    def first(self) -> Appearance | None:
        return self.appearances[0] if self.appearances else None

    @property
    def article_count(self) -> int:
        return len({a.article.id for a in self.appearances})

    @property
    def outlet(self) -> str | None:
        """The outlet that first carried it (or the one it was cited from)."""
        first = self.first
        return None if first is None else (first.article.publisher or first.via)


@dataclass(frozen=True, slots=True)
class SpeakerView:
    id: str
    name: str
    kind: str | None
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    quote_count: int

    @property
    def role(self) -> str | None:
        return self.roles[0] if self.roles else None


@dataclass(frozen=True, slots=True)
class Page:
    items: list
    total: int
    number: int
    size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def has_next(self) -> bool:
        return self.number * self.size < self.total


@dataclass(frozen=True, slots=True)
class Marked:
    """A quote of an article: where it is in the text and who said it."""

    start: int
    end: int
    quote_id: str | None
    speaker: SpeakerRef | None
    speaker_name: str | None
    role: str | None
    cue: str | None


@dataclass(frozen=True, slots=True)
class ArticleView:
    ref: ArticleRef
    text: str
    authors: tuple[str, ...]
    quotes: tuple[Marked, ...]


@dataclass(frozen=True, slots=True)
class MatchView:
    verdict: str
    text_match: str
    score: float
    speaker_match: float | None
    quote: QuoteView
    # offsets of the matched words in the claim and in the stored quote
    claim_span: tuple[int, int]
    span: tuple[int, int]
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True, slots=True)
class CheckView:
    claim: str
    speaker: str | None
    verdict: str
    matches: list[MatchView] = field(default_factory=list)

    @property
    def best(self) -> MatchView | None:
        return self.matches[0] if self.matches else None


@dataclass(frozen=True, slots=True)
class Extracted:
    title: str | None
    publisher: str | None
    published: datetime | None
    quotes: tuple[Marked, ...]


def _index() -> QuoteIndex:
    return current_app.extensions["kutip"]


def _snapshot() -> Snapshot:
    return _index().snapshot


def _speaker_ref(snap: Snapshot, speaker_id: str | None) -> SpeakerRef | None:
    if speaker_id is None:
        return None
    speaker = snap.speakers.get(speaker_id)
    return None if speaker is None else SpeakerRef(speaker.id, speaker.name, speaker.role)


def _article_ref(snap: Snapshot, article_id: str) -> ArticleRef:
    record = snap.articles[article_id]
    return ArticleRef(
        record.id, record.title, record.publisher, parse_time(record.published), record.url
    )


def _quote(snap: Snapshot, quote_id: str) -> QuoteView:
    record = snap.quotes[quote_id]
    return QuoteView(
        id=record.id,
        text=record.text,
        speaker=_speaker_ref(snap, record.speaker_id),
        first_seen=parse_time(record.first_seen),
        appearances=tuple(
            Appearance(_article_ref(snap, a.article_id), a.start, a.end, a.via)
            for a in record.appearances
        ),
    )


def _speaker(snap: Snapshot, speaker_id: str) -> SpeakerView:
    speaker = snap.speakers[speaker_id]
    return SpeakerView(
        speaker.id,
        speaker.name,
        speaker.kind,
        speaker.aliases,
        speaker.roles,
        len(snap.speaker_quote_ids(speaker_id)),
    )


def _page(ids: Sequence[str], number: int, size: int, render) -> Page:
    start = (number - 1) * size
    return Page([render(i) for i in ids[start : start + size]], len(ids), number, size)


def search(q: str | None, speaker: str | None, number: int, size: int) -> Page:
    """Quotes holding every word of `q` by the speakers `speaker` matches (best match
    first), as GET /quotes finds them; one page of them."""
    snap = _snapshot()
    ids, _scores = snap.find_quotes(QuoteQuery(speaker=speaker, q=q))
    return _page(ids, number, size, lambda i: _quote(snap, i))


def matching_speakers(query: str, limit: int) -> list[SpeakerView]:
    """The speakers a speaker query matches, best first, as GET /speakers?q= finds them."""
    snap = _snapshot()
    ids, _scores = snap.find_speakers(query)
    return [_speaker(snap, i) for i in ids[:limit]]


def newest_quotes(limit: int) -> list[QuoteView]:
    """The quotes first seen last. The index orders quotes by first seen, earliest first,
    those with no known time after all that have one; the timed ones are a key range."""
    snap = _snapshot()
    timed = KeyRange(snap.order, *time_range(None, None))
    newest = [timed[r] for r in range(len(timed) - 1, max(-1, len(timed) - 1 - limit), -1)]
    return [_quote(snap, snap.records[key].id) for key in newest]


def top_speakers(limit: int) -> list[SpeakerView]:
    """The most quoted speakers, most quotes first."""
    snap = _snapshot()
    ids, _ = snap.find_speakers(None)
    return [_speaker(snap, i) for i in ids[:limit]]


def speaker(speaker_id: str) -> SpeakerView | None:
    """The speaker with this id, or the one it has since been merged into."""
    snap = _snapshot()
    current = snap.current_id(speaker_id, snap.speakers)
    return None if current is None else _speaker(snap, current)


def speaker_timeline(speaker_id: str, number: int, size: int) -> Page:
    """A page of the speaker's quotes, earliest first seen first."""
    snap = _snapshot()
    return _page(snap.speaker_quote_ids(speaker_id), number, size, lambda i: _quote(snap, i))


def speaker_dates(speaker_id: str) -> list[datetime]:
    """When each of the speaker's quotes was first seen (those with a known time); worked
    out once per snapshot (a speaker may have many thousands)."""
    snap = _snapshot()
    key = ("web speaker dates", speaker_id)
    known = snap.memo.get(key)
    if known is None:
        ids = snap.speaker_quote_ids(speaker_id)
        dates = (parse_time(snap.quotes[i].first_seen) for i in ids)
        known = snap.remember(key, tuple(d for d in dates if d is not None))
    return list(known)


def article(article_id: str) -> ArticleView | None:
    """The article's text and its quotes with the index's offsets, in text order."""
    snap = _snapshot()
    record = snap.articles.get(article_id)
    if record is None:
        return None
    quotes = []
    for quote_id, quote in snap.article_quotes(record):
        ref = _speaker_ref(snap, snap.speaker_of(quote))
        quotes.append(
            Marked(
                quote.start,
                quote.end,
                quote_id,
                ref,
                ref.name if ref else None,
                ref.role if ref else None,
                quote.cue,
            )
        )
    text = _index().store.text_of(article_id) or ""
    return ArticleView(_article_ref(snap, article_id), text, record.authors, tuple(quotes))


def quote(quote_id: str) -> QuoteView | None:
    """The quote with this id, or the one it has since been merged into."""
    snap = _snapshot()
    record = snap.quote(quote_id)
    return None if record is None else _quote(snap, record.id)


def claim_document(quote_id: str) -> dict:
    """The quote as a schema.org Claim: the document GET /quotes/{id} gives as JSON-LD."""
    from ..api.quotes import render_claim

    snap = _snapshot()
    record = snap.quote(quote_id)
    if record is None:
        raise KeyError(quote_id)
    return render_claim(snap, record)


def check(claim: str, speaker: str | None, limit: int = 5) -> CheckView:
    """POST /verify's answer: the verdict and the best matches, each with what changed."""
    snap = _snapshot()
    result = verifier.verify(snap, claim, speaker, limit)
    matches = []
    for match in result.matches:
        record = snap.quotes[match.quote_id]
        changes = tuple(_change(c, claim, record.text) for c in match.changes)
        matches.append(
            MatchView(
                verdict=match.verdict,
                text_match=match.text_match,
                score=match.score,
                speaker_match=match.speaker_match,
                quote=_quote(snap, match.quote_id),
                claim_span=match.claim_span,
                span=match.span,
                changes=changes,
            )
        )
    return CheckView(claim, speaker, result.verdict, matches)


def _change(value: Located, claim: str, stored: str) -> Change:
    """A change as the verifier gives it, with the words it covers on each side."""
    (cs, ce), (ss, se) = value.claimed, value.stored
    return Change(value.kind, Span(cs, ce, claim[cs:ce]), Span(ss, se, stored[ss:se]))


def extract(text: str) -> Extracted:
    """The quotes of a text, extracted as POST /extract does; nothing is stored."""
    found = extract_article(text, "")
    facts = found.facts()
    quotes = tuple(
        Marked(
            q.start,
            q.end,
            None,
            None,
            q.speaker,
            q.role,
            q.cue,
        )
        for q in found.quotes
    )
    return Extracted(facts["title"], facts["publisher"], parse_time(facts["published"]), quotes)
