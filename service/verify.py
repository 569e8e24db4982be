"""Verify a claimed quote against the index: did this speaker say these words, and where?

Candidates are narrowed with the index's word index before any comparison: only quotes
sharing one of the claim's rarest words are compared, and at most `CANDIDATE_LIMIT` of
them, so the cost follows the number of quotes that share words with the claim, not the
size of the index. The words are looked up in the index's normal form (`normalise_text`:
case folded, accents and punctuation dropped).

Each candidate is compared word by word (`changes.align`, see `service/changes.py` for
the rules): `exact` (the same words), `close` (only spelling and fillers differ),
`partial` (one is a fragment of the other), `altered` (the words match but for changes
of meaning: a negation, a number, a name, a word), or no match. The offsets and the
changes are worked out only for the matches returned (`changes.compare`, the same
verdicts). A match by someone other than the claimed speaker (a speaker was claimed, the
quote's is known and is not among those the name matches) is `different_speaker`; with
no match at all the verdict is `not_found`.

Matches are ordered: the claimed speaker's first, then those that account for the whole
claim, then by verdict (exact, close, partial, altered), then by `fuzz.ratio` of the
normal forms. The overall verdict is the first match's.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter

import numpy as np
from rapidfuzz import fuzz

from .alignment import alignment
from .changes import (
    ALTERED,
    CLOSE,
    EXACT,
    PARTIAL,
    Counts,
    Located,
    Words,
    align,
    compare,
)
from .extraction.lexicon import checking_words
from .index import Snapshot, normalise_text, normalise_token
from .quickwords import unit_words

# The claim's rarest words (fewest quotes holding them) used to find candidates. Common
# words (yang, dan, kita) would otherwise pull in most of a large index.
RARE_TOKENS = 8
# Most quote ids counted from those words' postings: a claim made only of common words
# stops here (the rarest word always counts), so counting stays bounded too.
POSTING_BUDGET = 50_000
# Up to this many ranks in the counted postings, `most_shared` counts them in Python.
FEW_RANKS = 256
# Most candidates compared, those sharing the most rare words first.
CANDIDATE_LIMIT = 200
# Matches returned at most (the request's `limit` is capped by this).
MAX_MATCHES = 50

DIFFERENT_SPEAKER, NOT_FOUND = "different_speaker", "not_found"
# How the words alone match, best first
TEXT_VERDICTS = (EXACT, CLOSE, PARTIAL, ALTERED)
MATCH_VERDICTS = (*TEXT_VERDICTS, DIFFERENT_SPEAKER)
VERDICTS = (*MATCH_VERDICTS, NOT_FOUND)
_RANK = {verdict: rank for rank, verdict in enumerate(TEXT_VERDICTS)}


@dataclass(frozen=True, slots=True)
class Match:
    quote_id: str
    verdict: str
    text_match: str
    score: float
    partial_score: float
    span: tuple[int, int]
    claim_span: tuple[int, int]
    speaker_match: float | None
    # the word-level differences, in claim order (offsets into the claim and the quote)
    changes: tuple[Located, ...] = ()


@dataclass(frozen=True, slots=True)
class Result:
    verdict: str
    matches: list[Match]
    candidates: int


def counted_postings(snap: Snapshot, words: Sequence[str]) -> list[Sequence[int]]:
    """The postings (ranks) of the claim's rarest words, rarest first: at most
    `RARE_TOKENS`, and within `POSTING_BUDGET` ids in all (the rarest always counts)."""
    postings = []
    for token in {normalise_token(w) for w in words}:
        ranks = snap.by_token.get(token)
        if ranks:
            postings.append(ranks)
    postings.sort(key=len)
    counted: list[Sequence[int]] = []
    total = 0
    for ranks in postings[:RARE_TOKENS]:
        if counted and total + len(ranks) > POSTING_BUDGET:
            break
        counted.append(ranks)
        total += len(ranks)
    return counted


def most_shared(postings: Sequence[Sequence[int]], limit: int) -> list[int]:
    """The ranks in the most of `postings` (each ascending, no rank twice, as the index
    builds them) first, then by rank; at most `limit`.

    Counted with numpy over the postings as they are held (arrays of keys, read in
    place): a sort of all their ranks, about 10 ns a rank, where a count in Python cost
    about 100 (a claim's rarest words are in thousands of quotes each at 1M quotes). The
    ranks are the index's order keys: the order does not depend on when quotes came."""
    if not postings or limit <= 0:
        return []
    if sum(map(len, postings)) <= FEW_RANKS:
        # numpy's fixed cost (about 25 us) is more than counting a few ranks in Python
        counted = Counter(rank for ranks in postings for rank in ranks)
        return heapq.nsmallest(limit, counted, key=lambda rank: (-counted[rank], rank))
    # np.unique gives the ranks ascending: taking those in the most postings first, level
    # by level, keeps them ascending within each
    ranks, counts = np.unique(
        np.concatenate([np.asarray(p, dtype=np.uint64) for p in postings]), return_counts=True
    )
    chosen: list[int] = []
    for shared in range(len(postings), 0, -1):
        chosen += ranks[counts == shared][: limit - len(chosen)].tolist()
        if len(chosen) >= limit:
            break
    return chosen


def candidates(snap: Snapshot, words: Sequence[str]) -> list[int]:
    """Ranks of the quotes worth scoring: those sharing the claim's rarest words, most
    shared first, at most `CANDIDATE_LIMIT`."""
    return most_shared(counted_postings(snap, words), CANDIDATE_LIMIT)


def word_counts(snap: Snapshot) -> Counts:
    """In how many of the snapshot's quotes a word is (its word index posting): what
    tells a typo from another word (`changes.compare`)."""
    by_token = snap.by_token

    def count(word: str) -> int:
        ranks = by_token.get(normalise_token(word))
        return 0 if ranks is None else len(ranks)

    return count


def verify(snap: Snapshot, quote: str, speaker: str | None = None, limit: int = 5) -> Result:
    """The stored quotes matching the claimed `quote` (and `speaker`), best first."""
    lex = checking_words()
    c_words = unit_words(quote, lex)
    # the claim in the index's normal form: its words find the candidates
    c_text = normalise_text(quote)
    counts = word_counts(snap)
    ranks = candidates(snap, c_text.split(" ") if c_text else [])
    # the claimed speaker scored against the speakers of the matches only, each once
    speaker_scores: dict[str, float | None] = {}
    records = snap.records
    found = []
    for rank in ranks:
        record = records[rank]
        aligned = align(c_words, unit_words(record.text, lex), lex, counts, give_up=True)
        if aligned is None:
            continue
        kind = aligned.verdict
        verdict = kind
        speaker_match = None
        if speaker is not None and record.speaker_id is not None:
            if record.speaker_id not in speaker_scores:
                speaker_scores[record.speaker_id] = snap.speaker_score(speaker, record.speaker_id)
            speaker_match = speaker_scores[record.speaker_id]
            if speaker_match is None:
                verdict = DIFFERENT_SPEAKER
        score = round(float(fuzz.ratio(c_text, normalise_text(record.text))), 2)
        # a match that leaves words of the claim out accounts for only part of it
        partly = aligned.claim_range != (0, len(c_words))
        key = (verdict == DIFFERENT_SPEAKER, partly, _RANK[kind], -score, rank)
        found.append((key, record.id, verdict, kind, speaker_match, score))
    found.sort(key=itemgetter(0))
    matches = []
    claim = Words.of(quote, lex) if found else None
    for _, quote_id, verdict, kind, speaker_match, score in found[
        : max(1, min(limit, MAX_MATCHES))
    ]:
        # offsets, changes and the partial score, for the matches returned only
        text = snap.quotes[quote_id].text
        compared = compare(claim or quote, Words.of(text, lex), counts, lex)
        partial = alignment(c_text, normalise_text(text)).score
        matches.append(
            Match(
                quote_id=quote_id,
                verdict=verdict,
                text_match=kind,
                score=score,
                partial_score=round(float(partial), 2),
                span=compared.stored_span,
                claim_span=compared.claim_span,
                speaker_match=speaker_match,
                changes=compared.changes,
            )
        )
    first = matches[0].verdict if matches else NOT_FOUND
    return Result(first, matches, len(ranks))
