"""Verify a claimed quote against the index: did this speaker say these words, and where?

The claim and every stored quote are compared in the index's normal form (`normalise_text`:
case folded, accents and punctuation dropped, words joined by single spaces), so the
verdicts ignore punctuation, case and spacing. Offsets given back point into the original
texts: `Normalised` keeps, for each character of the normal form, where it came from.

Candidates are narrowed with the index's word index before any fuzzy scoring: only quotes
sharing one of the claim's rarest words are scored, and at most `CANDIDATE_LIMIT` of them,
so the cost follows the number of quotes that share words with the claim, not the size of
the index. Each candidate is scored on the normal forms alone (`verdict_of`): whether it
aligns at `PARTIAL_RATIO` is bounded from longest common subsequences and decided by
branch and bound over the alignment windows (`_aligns`), with rapidfuzz's `partial_ratio`
only where that is unsure; offsets and the alignment are worked out only for the matches
returned (`text_verdict`), with the same verdicts.

Verdicts, for one stored quote (claim `c`, stored quote `s`, both normalised):

* ``exact``: ``c == s``.
* ``partial``: the shorter of the two has at least `PARTIAL_MIN_WORDS` words, the longer
  at least `PARTIAL_MIN_EXTRA_WORDS` more, and the shorter lies inside the longer with
  ``partial_ratio >= PARTIAL_RATIO``: the claim is a fragment of a longer quote, or the
  quote is a fragment of a longer claim.
* ``close``: otherwise, ``fuzz.ratio(c, s) >= CLOSE_RATIO`` or the word sequences are at
  least `CLOSE_WORD_SIMILARITY` alike (Levenshtein over words, normalised): a word or two
  changed, added or dropped.
* ``different_speaker``: one of the above, but a speaker was claimed and the quote's
  (known) speaker is not among the speakers that name matches.
* Otherwise the stored quote is no match; with no match at all the verdict is
  ``not_found``.
"""

from __future__ import annotations

import functools
import heapq
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq, Levenshtein, ScoreAlignment

from .index import Snapshot, normalise_text, normalise_token

# Character similarity (0-100) of the two normal forms from which they are `close`. One
# word changed in a sentence of ten words scores about 90; two sentences of the same
# length that share only their grammar words score well under 70.
CLOSE_RATIO = 85.0
# Word-sequence similarity (0-1) from which they are `close`: one word in five changed.
# This catches one changed word in short quotes, whose character ratio drops fast.
CLOSE_WORD_SIMILARITY = 0.8
# Best alignment (0-100) of the shorter text inside the longer for a `partial` match. It
# tolerates a typo or a changed ending inside the fragment, not a different sentence.
PARTIAL_RATIO = 90.0
# `_Windows` scores ranges of this many alignment windows or fewer one by one, and gives
# up (partial_ratio decides) after this many bounds: on real sentences it decides 98% of
# the pairs that need it within 40, in about 25 us, where partial_ratio takes 200.
ALIGN_LEAF = 4
ALIGN_BUDGET = 40
# `_BestWindow` gives up (partial_ratio_alignment decides) after this many alignments: on
# sentences it needs about 20.
BEST_BUDGET = 80
# Up to this many characters rapidfuzz's own alignment is about as fast as the search
# in Python or faster (it stops early once a window scores high); past it, on sentences
# with a few words changed, the search wins (2.5x at 300 characters).
ALIGN_SHORT = 200
# A fragment must have this many words: "kata dia" or "ya" occur in everything.
PARTIAL_MIN_WORDS = 4
# ... and the longer text this many words more: one word more or less is a `close` change.
PARTIAL_MIN_EXTRA_WORDS = 2
# The claim's rarest words (fewest quotes holding them) used to find candidates. Common
# words (yang, dan, kita) would otherwise pull in most of a large index.
RARE_TOKENS = 8
# Most quote ids counted from those words' postings: a claim made only of common words
# stops here (the rarest word always counts), so counting stays bounded too.
POSTING_BUDGET = 50_000
# Most candidates scored with rapidfuzz, those sharing the most rare words first.
CANDIDATE_LIMIT = 200
# Matches returned at most (the request's `limit` is capped by this).
MAX_MATCHES = 50

EXACT, CLOSE, PARTIAL = "exact", "close", "partial"
DIFFERENT_SPEAKER, NOT_FOUND = "different_speaker", "not_found"
VERDICTS = (EXACT, CLOSE, PARTIAL, DIFFERENT_SPEAKER, NOT_FOUND)
_RANK = {EXACT: 0, CLOSE: 1, PARTIAL: 2, DIFFERENT_SPEAKER: 3}

_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=65_536)
def _fold_char(ch: str) -> str:
    """One character as `index._fold` turns it: case folded, without combining marks."""
    decomposed = unicodedata.normalize("NFKD", ch.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class Normalised:
    """A text in the index's normal form, with the origin of every character.

    `text` equals `index.normalise_text(original)`; `origin[i]` is the offset in the
    original of the character that gave `text[i]` (the joining spaces take the offset of
    the character before them).
    """

    text: str
    origin: tuple[int, ...]
    original: str

    @classmethod
    def of(cls, original: str) -> Normalised:
        source: list[int] | None = None
        if original.isascii():
            # ASCII folds to its lower case, one character for one: offsets are kept
            flat = original.lower()
        else:
            pieces = [_fold_char(ch) for ch in original]
            flat = "".join(pieces)
            if len(flat) != len(original) or any(len(p) != 1 for p in pieces):
                source = [offset for offset, p in enumerate(pieces) for _ in p]
        text: list[str] = []
        origin: list[int] = []
        for match in _WORD.finditer(flat):
            if text:
                text.append(" ")
                origin.append(origin[-1])
            text.append(match.group())
            start, end = match.span()
            origin.extend(range(start, end) if source is None else source[start:end])
        return cls("".join(text), tuple(origin), original)

    @property
    def words(self) -> list[str]:
        return self.text.split(" ") if self.text else []

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of normal-form `[start, end)`, widened to whole words."""
        if not self.text or start >= end:
            return (0, 0)
        while start > 0 and self.text[start - 1] != " ":
            start -= 1
        while end < len(self.text) and self.text[end] != " ":
            end += 1
        last = self.origin[end - 1]
        # the original character may fold to several (ß -> ss): end after all of it
        return (self.origin[start], last + 1)


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


@dataclass(frozen=True, slots=True)
class Result:
    verdict: str
    matches: list[Match]
    candidates: int


def counted_postings(snap: Snapshot, claim: Normalised) -> list[Sequence[int]]:
    """The postings (ranks) of the claim's rarest words, rarest first: at most
    `RARE_TOKENS`, and within `POSTING_BUDGET` ids in all (the rarest always counts)."""
    postings = []
    for token in {normalise_token(w) for w in claim.words}:
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


def candidates(snap: Snapshot, claim: Normalised) -> list[int]:
    """Ranks of the quotes worth scoring: those sharing the claim's rarest words, most
    shared first, at most `CANDIDATE_LIMIT`."""
    return most_shared(counted_postings(snap, claim), CANDIDATE_LIMIT)


def _shortest_window(n: int) -> int:
    """The shortest window that can align with a text of `n` characters at
    `PARTIAL_RATIO`: a window of k characters scores at most 100 * 2k / (n + k) (9n/11 at
    90), rounded down, on the safe side."""
    return int(PARTIAL_RATIO * n / (200.0 - PARTIAL_RATIO))


def _may_reach(lcs: int, n: int, shortest: int) -> bool:
    """False only if no window `shortest` characters long or more, whose LCS with the
    `n`-character text is at most `lcs`, scores `PARTIAL_RATIO`: it scores
    100 * 2 * LCS / (n + k). (The +1 keeps a window exactly at the ratio in, and would
    absorb float rounding were PARTIAL_RATIO not a whole number.)"""
    return 200 * lcs + 1 > PARTIAL_RATIO * (n + shortest)


class _Unsure(Exception):
    """`_Windows` or `_BestWindow` gave up: rapidfuzz's own alignment decides."""


# The parts of `long` partial_ratio scores, in its order: full windows, prefixes, suffixes.
_FULL, _PREFIX, _SUFFIX = 0, 1, 2


class _Windows:
    """Does `short` align inside `long` (longer) at `PARTIAL_RATIO`, as partial_ratio
    scores it? Decided by branch and bound over the windows it scores, where
    partial_ratio itself (about 200 us for two sentences) scores every prefix and suffix.

    partial_ratio scores windows of `long` against `short` (n characters): every window
    of n characters, and the prefixes and suffixes shorter than n. A window of length k
    scores 100 * 2 * LCS(short, w) / (n + k), so none shorter than 9n/11 reaches 90. A
    group of windows is bounded by the LCS of `short` with the stretch holding them all
    (an LCS is about 1 us); a group that may reach is halved, down to a few windows,
    which are scored exactly (`fuzz.ratio`, the score partial_ratio gives them)."""

    __slots__ = ("short", "long", "n", "calls", "unsure")

    def __init__(self, short: str, long: str) -> None:
        self.short, self.long, self.n = short, long, len(short)
        self.calls = 0
        self.unsure = False

    def decide(self, lo: int, lcs: int) -> bool | None:
        """True or False, given the LCS of the whole texts; None when a window scores the
        ratio within float rounding or the search ran past `ALIGN_BUDGET` bounds
        (rapidfuzz then decides)."""
        n, m = self.n, len(self.long)
        try:
            if (
                self.full(0, m - n, lcs)
                or self.ends(lo, n - 1, prefix=True)
                or self.ends(lo, n - 1, prefix=False)
            ):
                return True
        except _Unsure:
            return None
        return None if self.unsure else False

    def reaches(self, piece: str, shortest: int, lcs: int | None = None) -> bool:
        # False: no window inside `piece`, `shortest` long or more, reaches the ratio
        if lcs is None:
            self.calls += 1
            if self.calls > ALIGN_BUDGET:
                raise _Unsure
            lcs = LCSseq.similarity(self.short, piece)
        return _may_reach(lcs, self.n, shortest)

    def scores(self, window: str) -> bool:
        # one window scored as partial_ratio scores it; a score at the ratio within
        # rounding is left to partial_ratio itself
        score = fuzz.ratio(self.short, window)
        if PARTIAL_RATIO - 1e-6 < score < PARTIAL_RATIO + 1e-6:
            self.unsure = True
        return score >= PARTIAL_RATIO + 1e-6

    def full(self, first: int, last: int, lcs: int | None = None) -> bool:
        # the windows long[i : i + n], first <= i <= last, all inside long[first : last + n]
        # (whose LCS with `short` may be known)
        n, long = self.n, self.long
        if not self.reaches(long[first : last + n], n, lcs):
            return False
        if last - first < ALIGN_LEAF:
            return any(self.scores(long[i : i + n]) for i in range(first, last + 1))
        middle = (first + last) // 2
        return self.full(first, middle) or self.full(middle + 1, last)

    def ends(self, lo: int, hi: int, prefix: bool) -> bool:
        # the prefixes (or suffixes) lo to hi long, all inside the longest, longest first
        long = self.long
        if not self.reaches(long[:hi] if prefix else long[len(long) - hi :], lo):
            return False
        if hi - lo < ALIGN_LEAF:
            return any(
                self.scores(long[:k] if prefix else long[len(long) - k :])
                for k in range(hi, lo - 1, -1)
            )
        middle = (lo + hi) // 2
        return self.ends(middle + 1, hi, prefix) or self.ends(lo, middle, prefix)


def _aligns(c: str, s: str, ratio: float) -> bool:
    """`partial_ratio(c, s) >= PARTIAL_RATIO` for two non-empty texts, worked out without
    it where it can be.

    First from the LCS of the whole texts, which `ratio` gives (ratio = 100 * (1 - indel
    / (|c| + |s|)), indel = |c| + |s| - 2 * LCS, a whole number that rounding recovers):
    no window reaches the ratio if its LCS with the whole longer text cannot. Then
    `_Windows`, and partial_ratio only where that is unsure."""
    short, long = (c, s) if len(c) <= len(s) else (s, c)
    n, m = len(short), len(long)
    total = n + m
    lcs = (total - round(total * (100.0 - ratio) / 100.0)) // 2
    lo = _shortest_window(n)
    if not _may_reach(lcs, n, lo):
        return False
    # same length: partial_ratio aligns both ways round; it decides
    decided = _Windows(short, long).decide(lo, lcs) if n < m else None
    if decided is None:
        return fuzz.partial_ratio(c, s, score_cutoff=PARTIAL_RATIO) >= PARTIAL_RATIO
    return decided


class _BestWindow:
    """`fuzz.partial_ratio_alignment` of `short` inside `long` (not shorter), found with
    fewer alignments: the same window, score and, among equal windows, the same choice.

    rapidfuzz 3 scores, in this order: the full windows (`len(short)` characters, all but
    the last), by its own bisection; then every prefix of `long` shorter than `short`, then
    every suffix from the last full window on, each taken only if it scores strictly more
    than the best so far. (It skips those whose outer character is not in `short`: such
    a one scores less than the one a character shorter, or 0 as it does, so it never wins
    anyway.) Each is scored 100 * 2 * LCS / (sum of lengths). Aligning every prefix and
    suffix is what makes it slow on sentences (about 180 us).

    Here the full windows are searched as rapidfuzz searches them, step for step, since
    which of two equal windows it keeps depends on its order (a few alignments). The
    prefixes and suffixes are searched by branch and bound: one character more changes
    the LCS by 0 or 1, so the LCS of the two ends of a run of prefixes bounds every one
    between; the run whose bound is highest is halved first, and a run that cannot beat
    the best (or tie it from an earlier place) is dropped. About 20 alignments instead of
    2 * len(short); past `BEST_BUDGET` of them, rapidfuzz decides."""

    __slots__ = ("short", "long", "n", "m", "calls", "lcs", "length", "where")

    def __init__(self, short: str, long: str) -> None:
        self.short, self.long = short, long
        self.n, self.m = len(short), len(long)
        self.calls = 0
        # the best window so far: its LCS, its length and its place in rapidfuzz's order
        # ((part, index), parts: full windows, prefixes, suffixes); none yet scores 0
        self.lcs, self.length = 0, self.n
        self.where: tuple[int, int] | None = None

    def run(self) -> tuple[float, int, int]:
        """(score, start, end) of the window of `long` that partial_ratio keeps."""
        if not (self.m > self.n and self._full_windows()):
            self._ends()
        if self.where is None:
            return 0.0, 0, self.n
        part, x = self.where
        start, end = (x, x + self.n) if part == _FULL else self._span(part, x)
        return fuzz.ratio(self.short, self.long[start:end]), start, end

    def _lcs(self, start: int, end: int) -> int:
        self.calls += 1
        if self.calls > BEST_BUDGET:
            raise _Unsure
        return LCSseq.similarity(self.short, self.long[start:end])

    def _beats(self, lcs: int, length: int, where: tuple[int, int]) -> bool:
        # scores compared exactly (2 * lcs / (n + length), cross-multiplied); an equal one
        # wins only from an earlier place, and a score of 0 never
        a, b = lcs * (self.n + self.length), self.lcs * (self.n + length)
        if a != b:
            return a > b
        return lcs > 0 and self.where is not None and where < self.where

    def _full_windows(self) -> bool:
        # rapidfuzz's bisection of the windows long[w : w + n], 0 <= w < m - n, step for
        # step: both ends of a range scored, the range halved while the bound rapidfuzz
        # draws from those two distances may beat the best, the first strictly lower
        # distance kept (so its order picks between equal windows). True on an exact one,
        # where rapidfuzz stops.
        n = self.n
        cutoff = 2 * n
        distances: dict[int, int] = {}
        ranges = [(0, self.m - n - 1)]
        while ranges:
            halves = []
            for first, second in ranges:
                for w in (first, second):
                    if w not in distances:
                        distance = 2 * n - 2 * self._lcs(w, w + n)
                        distances[w] = distance
                        if distance < cutoff:
                            cutoff = distance
                            self.lcs, self.length, self.where = n - distance // 2, n, (_FULL, w)
                            if distance == 0:
                                return True
                cells = second - first
                if cells == 1:
                    continue
                known = abs(distances[first] - distances[second])
                if min(distances[first], distances[second]) - (cells + known // 2) < cutoff:
                    centre = cells // 2
                    halves += [(first, first + centre), (first + centre, second)]
            ranges = halves
        return False

    def _span(self, part: int, x: int) -> tuple[int, int]:
        # prefix x is long[:x] (1 <= x < n); suffix x is long[x:] (m - n <= x < m)
        return (0, x) if part == _PREFIX else (x, self.m)

    def _visit(self, part: int, x: int) -> int:
        start, end = self._span(part, x)
        lcs = self._lcs(start, end)
        if self._beats(lcs, end - start, (part, x)):
            self.lcs, self.length, self.where = lcs, end - start, (part, x)
        return lcs

    def _ends(self) -> None:
        # the prefixes, then the suffixes: runs between two scored ones, best bound first
        heap: list[tuple] = []
        for part, lo, hi in ((_PREFIX, 1, self.n - 1), (_SUFFIX, self.m - self.n, self.m - 1)):
            if lo <= hi:
                lcs_lo = self._visit(part, lo)
                lcs_hi = self._visit(part, hi) if hi > lo else lcs_lo
                self._push(heap, part, lo, hi, lcs_lo, lcs_hi)
        while heap:
            _, part, lo, hi, lcs_lo, lcs_hi, lcs, length = heapq.heappop(heap)
            if self._beats(lcs, length, (part, lo + 1)):
                middle = (lo + hi) // 2
                lcs_middle = self._visit(part, middle)
                self._push(heap, part, lo, middle, lcs_lo, lcs_middle)
                self._push(heap, part, middle, hi, lcs_middle, lcs_hi)

    def _push(self, heap: list, part: int, lo: int, hi: int, lcs_lo: int, lcs_hi: int) -> None:
        # the windows strictly between lo and hi: from `shortest` to `longest` characters,
        # each character more adds at most 1 to the LCS, and none has more than the
        # longest; so the LCS is at most min(lcs_b, lcs_a + length - shortest), and the
        # score highest at the length where those meet
        if hi - lo < 2:
            return
        if part == _PREFIX:
            lcs_a, lcs_b, shortest, longest = lcs_lo, lcs_hi, lo, hi
        else:
            lcs_a, lcs_b, shortest, longest = lcs_hi, lcs_lo, self.m - hi, self.m - lo
        length = min(longest, max(shortest, shortest + lcs_b - lcs_a))
        lcs = min(lcs_b, lcs_a + length - shortest)
        bound = (-lcs / (self.n + length), part, lo)
        heapq.heappush(heap, (bound, part, lo, hi, lcs_lo, lcs_hi, lcs, length))


def alignment(c: str, s: str) -> ScoreAlignment:
    """`fuzz.partial_ratio_alignment(c, s)`, the same result: rapidfuzz's own for a
    shorter text of up to `ALIGN_SHORT` characters or held whole in the other (it stops
    at the first exact window), `_best_alignment` otherwise."""
    short, long = (c, s) if len(c) <= len(s) else (s, c)
    if len(short) <= ALIGN_SHORT or short in long:
        return fuzz.partial_ratio_alignment(c, s)
    return _best_alignment(c, s)


def _best_alignment(c: str, s: str) -> ScoreAlignment:
    """`fuzz.partial_ratio_alignment(c, s)` through `_BestWindow`: about 2.5 times faster
    on sentences of a few hundred characters whose best window scores under 95, where
    rapidfuzz aligns many prefixes and suffixes; slower on short texts and on texts
    held whole in the other."""
    n1, n2 = len(c), len(s)
    if not n1 or not n2:
        return fuzz.partial_ratio_alignment(c, s)
    short, long = (c, s) if n1 <= n2 else (s, c)
    try:
        score, start, end = _BestWindow(short, long).run()
        src, dest = (0, len(short)), (start, end)
        # same length: rapidfuzz aligns the other way round too, and keeps a better score
        if score != 100 and n1 == n2:
            score2, start2, end2 = _BestWindow(long, short).run()
            if score2 > score:
                score, src, dest = score2, (start2, end2), (0, n1)
    except _Unsure:
        return fuzz.partial_ratio_alignment(c, s)
    if n1 <= n2:
        return ScoreAlignment(score, src[0], src[1], dest[0], dest[1])
    return ScoreAlignment(score, dest[0], dest[1], src[0], src[1])


def _words_may_be_alike(c_count: int, s_count: int) -> bool:
    """False only if the word-level similarity of texts of `c_count` and `s_count` words
    is under `CLOSE_WORD_SIMILARITY` for sure: it is 1 - distance / max(len), and the
    distance is at least the difference in length (5 * difference > longest means a
    similarity under 0.8)."""
    shorter, longer = sorted((c_count, s_count))
    return (1.0 - CLOSE_WORD_SIMILARITY) * longer >= (longer - shorter) - 1e-9


def verdict_of(
    c: str, s: str, c_words: list[str], s_words: list[str] | None = None
) -> tuple[str | None, float]:
    """`text_verdict`'s verdict and ratio from the two normal forms (and their words:
    those of `s` are split from it only if the word distance is needed), without offsets,
    and without the alignment or the word distance wherever a bound rules them out."""
    if not c or not s:
        return None, 0.0
    if c == s:
        return EXACT, 100.0
    ratio = fuzz.ratio(c, s)
    # a normal form's words are joined by single spaces
    s_count = len(s_words) if s_words is not None else s.count(" ") + 1
    shorter, longer = sorted((len(c_words), s_count))
    if (
        shorter >= PARTIAL_MIN_WORDS
        and longer - shorter >= PARTIAL_MIN_EXTRA_WORDS
        and _aligns(c, s, ratio)
    ):
        return PARTIAL, ratio
    if ratio >= CLOSE_RATIO or (
        _words_may_be_alike(len(c_words), s_count)
        and Levenshtein.normalized_similarity(c_words, s_words or s.split(" "))
        >= CLOSE_WORD_SIMILARITY
    ):
        return CLOSE, ratio
    return None, ratio


def text_verdict(claim: Normalised, stored: Normalised) -> tuple[str | None, float, float, tuple]:
    """(exact/close/partial or None, ratio, partial ratio, (claim span, stored span))."""
    c, s = claim.text, stored.text
    whole = ((0, len(claim.original)), (0, len(stored.original)))
    if not c or not s:
        return None, 0.0, 0.0, whole
    whole = (claim.span(0, len(c)), stored.span(0, len(s)))
    if c == s:
        return EXACT, 100.0, 100.0, whole
    ratio = fuzz.ratio(c, s)
    found = alignment(c, s)
    partial = found.score
    aligned = (
        claim.span(found.src_start, found.src_end),
        stored.span(found.dest_start, found.dest_end),
    )
    shorter, longer = sorted((claim.words, stored.words), key=len)
    if (
        len(shorter) >= PARTIAL_MIN_WORDS
        and len(longer) - len(shorter) >= PARTIAL_MIN_EXTRA_WORDS
        and partial >= PARTIAL_RATIO
    ):
        return PARTIAL, ratio, partial, aligned
    words_alike = Levenshtein.normalized_similarity(claim.words, stored.words)
    if ratio >= CLOSE_RATIO or words_alike >= CLOSE_WORD_SIMILARITY:
        return CLOSE, ratio, partial, whole
    return None, ratio, partial, aligned


def verify(snap: Snapshot, quote: str, speaker: str | None = None, limit: int = 5) -> Result:
    """The stored quotes matching the claimed `quote` (and `speaker`), best first."""
    claim = Normalised.of(quote)
    c, c_words = claim.text, claim.words
    ranks = candidates(snap, claim)
    # the claimed speaker scored against the speakers of the matches only, each once
    speaker_scores: dict[str, float | None] = {}
    records = snap.records
    found = []
    for rank in ranks:
        record = records[rank]
        quote_id = record.id
        s = normalise_text(record.text)
        kind, ratio = verdict_of(c, s, c_words)
        if kind is None:
            continue
        verdict = kind
        speaker_match = None
        if speaker is not None and record.speaker_id is not None:
            if record.speaker_id not in speaker_scores:
                speaker_scores[record.speaker_id] = snap.speaker_score(speaker, record.speaker_id)
            speaker_match = speaker_scores[record.speaker_id]
            if speaker_match is None:
                verdict = DIFFERENT_SPEAKER
        score = round(float(ratio), 2)
        key = (_RANK[verdict], _RANK[kind], -score, rank)
        found.append((key, quote_id, verdict, kind, speaker_match))
    found.sort(key=itemgetter(0))
    matches = []
    for _, quote_id, verdict, kind, speaker_match in found[: max(1, min(limit, MAX_MATCHES))]:
        # offsets and the alignment, for the matches returned only
        stored = Normalised.of(snap.quotes[quote_id].text)
        _kind, ratio, partial, (claim_span, span) = text_verdict(claim, stored)
        matches.append(
            Match(
                quote_id=quote_id,
                verdict=verdict,
                text_match=kind,
                score=round(float(ratio), 2),
                partial_score=round(float(partial), 2),
                span=span,
                claim_span=claim_span,
                speaker_match=speaker_match,
            )
        )
    first = matches[0].verdict if matches else NOT_FOUND
    return Result(first, matches, len(ranks))
