"""rapidfuzz's `fuzz.partial_ratio_alignment`, the same answer found with fewer alignments
on sentences: the partial score `POST /verify` gives each match it returns.

Speed only: `alignment(c, s)` returns what `fuzz.partial_ratio_alignment(c, s)` returns
(tests/test_alignment.py checks it on random and sentence-like texts, ties included).
"""

from __future__ import annotations

import heapq

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq, ScoreAlignment

# `_BestWindow` gives up (partial_ratio_alignment decides) after this many alignments: on
# sentences it needs about 20.
BEST_BUDGET = 80
# Up to this many characters rapidfuzz's own alignment is about as fast as the search
# in Python or faster (it stops early once a window scores high); past it, on sentences
# with a few words changed, the search wins (2.5x at 300 characters).
ALIGN_SHORT = 200


class _Unsure(Exception):
    """`_BestWindow` gave up: rapidfuzz's own alignment decides."""


# The parts of `long` partial_ratio scores, in its order: full windows, prefixes, suffixes.
_FULL, _PREFIX, _SUFFIX = 0, 1, 2


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
