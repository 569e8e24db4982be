"""What a claimed quote changed in a stored one, word by word, and whether that changes
what it says: the pure part of quote checking (no Flask, no index state).

    compare(claim, stored, counts=None) -> Comparison   verdict, changes, matched spans

Both texts are cut into words as the index cuts them (case folded, accents and
punctuation dropped: `Words`), except that a number written with thousands separators
is one word ("1.300" is "1300", as "1,300,000" is "1300000"; a decimal or a time, "1,6"
or "23.00", stays two) and a symbol is read as its word ("20%" is "20 persen";
checking.json). The claimed words are aligned with the stored ones on the longest common
subsequence of whole words (rapidfuzz, in C). What lies between two aligned runs is a
gap; the words of a gap of up to `LOCAL_GAP` words a side are paired the way that
changes the meaning least (`_best_pairing`); in a longer gap, where the texts go apart,
they pair in order and each is a change of meaning. Words before the first and after the
last aligned run that one text has and the other has not are left out: the claim is a
fragment of the stored quote, or the stored quote of the claim (a run that a repeated
word put at the wrong place first is slid to where the fragment is: `_slid`).

Each difference is a change of one kind (the words of checking.json):

* ``negation``: a negation word (tidak, bukan, belum, jangan ...) added, dropped or put
  for another word; one form of a negation for another of its group (tidak, tak, nggak)
  is a spelling variant, and so is a negation misspelt as a form the index never saw.
* ``number``: digits or a number word changed, added or dropped.
* ``name``: a capitalised word (not one opening a sentence) changed, added or dropped.
* ``word``: any other word changed, added or dropped.
* ``spelling``: the same word written otherwise: a listed variant (risiko, resiko), two
  words run together (kerjasama, kerja sama), or a typo: one letter added, dropped,
  changed or two swapped in a word of `TYPO_MIN_LENGTH` letters or more (two in one of
  `TYPO2_MIN_LENGTH` or more), unless both forms are established words of the index
  (`counts`: each in `ESTABLISHED` quotes or more, the rarer at least 1/`DISTINCT_RATIO`
  as frequent as the other: besar and benar are two words, not a typo).
* ``filler``: a particle or filler (juga, itu, pun, lah ...) added or dropped, one put
  for another, or glued to a word ("inilah" for "ini", "katanya" for "kata").

The first four change the meaning; spelling and fillers do not. The verdict, for a
claim and a stored quote that are not the same words:

* no match unless at least `MIN_SHARED` of the words of the shorter text are found,
  exactly, in order in the other, and at most `MAX_CHANGED` of the words of the longer
  matched stretch are changes of meaning; nor where each text has words the other has
  not at its ends (they overlap, neither holds the other);
* ``altered``: a match with a change of meaning, whole or fragment;
* ``partial``: one text is a fragment of the other (the other has `FRAGMENT_MIN_EXTRA`
  words more at its ends, and the fragment keeps `FRAGMENT_MIN_WORDS` words or more);
* ``close``: otherwise: only spelling and fillers differ.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import OSA, Indel, LCSseq

from .extraction.lexicon import CheckingWords, checking_words

EXACT, CLOSE, PARTIAL, ALTERED = "exact", "close", "partial", "altered"
NEGATION, NUMBER, NAME, WORD, SPELLING, FILLER = (
    "negation",
    "number",
    "name",
    "word",
    "spelling",
    "filler",
)
KINDS = (NEGATION, NUMBER, NAME, WORD, SPELLING, FILLER)
MEANING_KINDS = frozenset((NEGATION, NUMBER, NAME, WORD))

# At least this share of the shorter text's words must be found, exactly and in order,
# in the other: two words in three. A claim with more of its words changed (meaning,
# spelling or fillers) is another text.
MIN_SHARED = 2 / 3
# At most this share of the words of the longer matched stretch may be changes of
# meaning: one word in four (two changed words in a 12-word fragment are 1 in 6).
MAX_CHANGED = 0.25
# Gaps of up to this many words a side are paired the way that changes the meaning
# least; in a longer one, where the texts go apart, words pair in order.
LOCAL_GAP = 3
# A fragment keeps at least this many words ("kata dia" or "ya" occur in everything),
# and the longer text has this many words more at its ends (one word more or less is a
# change, not a fragment).
FRAGMENT_MIN_WORDS = 4
FRAGMENT_MIN_EXTRA = 2
# A typo: one edit (a letter added, dropped, changed, or two swapped) in a word of at
# least this many letters; two edits from this many letters. "dua" and "tua" are words.
TYPO_MIN_LENGTH = 4
TYPO2_MIN_LENGTH = 8
# Two forms a typo apart are two words when both are established: each in this many
# quotes of the index or more, and the rarer at least 1/DISTINCT_RATIO as frequent (a
# misspelling is far rarer than the word it misspells).
ESTABLISHED = 3
DISTINCT_RATIO = 50

_WORD = re.compile(r"\w+")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_DIGIT = re.compile(r"\d")
# A separator between digits: only where one is can a number's groups be joined.
_DIGIT_SEPARATOR = re.compile(r"[0-9][.,][0-9]")
# What may stand between the start of a sentence and its first word.
_OPENERS = frozenset("\"'“”‘’«»([{-–—*•")
_SENTENCE_ENDS = frozenset(".!?:;…")

Counts = Callable[[str], int]


@functools.lru_cache(maxsize=65_536)
def _fold_char(ch: str) -> str:
    """One character as the index folds it: case folded, without combining marks."""
    decomposed = unicodedata.normalize("NFKD", ch.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class Words:
    """The compared words of a text, with where each one is in it.

    `words[i]` is a word of the normal form (a number's groups joined, a symbol read as
    its word); `spans[i]` its offsets in `original`. `capitalised(i)` tells whether it is
    written with a capital and does not open a sentence.
    """

    original: str
    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, original: str, lex: CheckingWords | None = None) -> Words:
        units = _units(original, lex or checking_words())
        return cls(original, tuple(u[0] for u in units), tuple((u[1], u[2]) for u in units))

    def capitalised(self, i: int) -> bool:
        """Word `i` is written with a capital and does not open a sentence (never in a
        text in capitals, which says nothing of names)."""
        original, start = self.original, self.spans[i][0]
        return (
            original[start : start + 1].isupper()
            and not _opens_sentence(original, start)
            and original.upper() != original
        )

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Offsets of words [first, last) in the original; for no word (first == last),
        the empty span where a word there would start."""
        if first < last:
            return (self.spans[first][0], self.spans[last - 1][1])
        if first < len(self.spans):
            at = self.spans[first][0]
        else:
            at = self.spans[-1][1] if self.spans else 0
        return (at, at)


def _folded(original: str) -> tuple[str, list[int] | None]:
    """`original` as the index folds it (case folded, without combining marks), and the
    offset in `original` of each folded character (None: the same offset, for ASCII).
    The ASCII stretches are lower-cased whole, the other characters folded one by one
    (`_fold_char`; news text has a few dashes and quotes)."""
    if original.isascii():
        return original.lower(), None
    pieces: list[str] = []
    source: list[int] = []
    at = 0
    for run in _NON_ASCII_RUN.finditer(original):
        start, end = run.span()
        pieces.append(original[at:start].lower())
        source.extend(range(at, start))
        for offset in range(start, end):
            folded = _fold_char(original[offset])
            pieces.append(folded)
            source.extend([offset] * len(folded))
        at = end
    pieces.append(original[at:].lower())
    source.extend(range(at, len(original)))
    return "".join(pieces), source


def _folded_words(original: str) -> list[tuple[str, int, int]]:
    """(word, start, end) for each word of `normalise_text(original)`, with its offsets in
    `original`."""
    flat, source = _folded(original)
    if source is None:
        return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(flat)]
    return [(m.group(), source[m.start()], source[m.end() - 1] + 1) for m in _WORD.finditer(flat)]


def _units(original: str, lex: CheckingWords) -> list[list]:
    """[word, start, end] for each compared word of `original`, offsets in it. Worked out
    on the folded text (`_folded`): its words; a number of 1 to 3 ASCII digits takes the
    groups of 3 that follow it, each after one "." or "," (1.300.000: one word); each
    symbol is its word."""
    flat, source = _folded(original)
    symbols = [s for s in lex.symbols if s in flat]
    if not symbols and not _DIGIT_SEPARATOR.search(flat):
        # nothing to join or read (most texts): the words as they are
        if source is None:
            return [[m.group(), *m.span()] for m in _WORD.finditer(flat)]
        return [
            [m.group(), source[m.start()], source[m.end() - 1] + 1] for m in _WORD.finditer(flat)
        ]
    # [word, start, end, may take a group], in the folded text
    units: list[list] = []
    for m in _WORD.finditer(flat):
        word = m.group()
        start, end = m.span()
        digits = word.isdigit() and word.isascii()
        if (
            digits
            and len(word) == 3
            and units
            and units[-1][3]
            and flat[units[-1][2] : start] in (".", ",")
        ):
            units[-1][0] += word
            units[-1][2] = end
            continue
        units.append([word, start, end, digits and len(word) <= 3])
    if symbols:
        for symbol in symbols:
            said = lex.symbols[symbol]
            at = flat.find(symbol)
            while at >= 0:
                units.append([said, at, at + len(symbol), False])
                at = flat.find(symbol, at + 1)
        units.sort(key=lambda unit: unit[1])
    if source is not None:
        for unit in units:
            unit[1], unit[2] = source[unit[1]], source[unit[2] - 1] + 1
    return units


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at `start` opens the text, a paragraph or a sentence (quote marks
    and brackets before it aside)."""
    at = start - 1
    while at >= 0 and (text[at] in _OPENERS or (text[at].isspace() and text[at] != "\n")):
        at -= 1
    return at < 0 or text[at] == "\n" or text[at] in _SENTENCE_ENDS


@dataclass(frozen=True, slots=True)
class Change:
    """One difference: claimed words [claim_first, claim_last) for stored words
    [stored_first, stored_last) (an empty range: a word added or dropped)."""

    kind: str
    claim_first: int
    claim_last: int
    stored_first: int
    stored_last: int


@dataclass(frozen=True, slots=True)
class Aligned:
    """How the claimed words match the stored ones (word indices)."""

    verdict: str
    changes: tuple[Change, ...]
    # the words of each text that the match covers: all but a longer text's ends
    claim_range: tuple[int, int]
    stored_range: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Located:
    """A change with its texts and offsets: `claimed` in the claim, `stored` in the
    stored quote, each (start, end); empty where a word was added or dropped."""

    kind: str
    claimed: tuple[int, int]
    stored: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Comparison:
    """`compare`'s answer: the verdict (None: no match), the changes in claim order, and
    the matched words' offsets in each text."""

    verdict: str | None
    changes: tuple[Located, ...]
    claim_span: tuple[int, int]
    stored_span: tuple[int, int]
    # the claim has words the match leaves out (the stored quote is a fragment of it)
    claim_partly: bool


def _particle_variant(a: str, b: str, lex: CheckingWords) -> bool:
    """`a` is `b` with a particle or -nya glued on, or the other way round."""
    if len(a) < len(b):
        a, b = b, a
    if not a.startswith(b) or a in lex.particle_exceptions:
        return False
    # after a stem of 4 letters or more (as the index strips them: "adalah" is no "ada"
    # with -lah), or a filler ("inilah")
    if len(b) < 4 and b not in lex.fillers:
        return False
    return a[len(b) :] in lex.particle_suffixes


def _typo_apart(a: str, b: str) -> bool:
    shorter = min(len(a), len(b))
    if shorter < TYPO_MIN_LENGTH:
        return False
    limit = 2 if shorter >= TYPO2_MIN_LENGTH else 1
    if abs(len(a) - len(b)) > limit:
        return False
    return OSA.distance(a, b, score_cutoff=limit) <= limit


def _two_words(a: str, b: str, counts: Counts | None) -> bool:
    """Both forms are established words of the index, not a word and its misspelling."""
    if counts is None:
        return False
    low, high = sorted((counts(a), counts(b)))
    return low >= ESTABLISHED and low * DISTINCT_RATIO >= high


def pair_kind(a: str, b: str, lex: CheckingWords, counts: Counts | None = None) -> str:
    """The kind of change from stored word `b` to claimed word `a` (they differ)."""
    negations = lex.negation_groups
    group_a, group_b = negations.get(a), negations.get(b)
    if group_a is not None or group_b is not None:
        if group_a == group_b:
            return SPELLING
        # a negation misspelt: a form a typo apart that the index has never seen
        other = b if group_a is not None else a
        if (
            counts is not None
            and other not in negations
            and counts(other) == 0
            and _typo_apart(a, b)
        ):
            return SPELLING
        return NEGATION
    if _particle_variant(a, b, lex) or (a in lex.fillers and b in lex.fillers):
        return FILLER
    if _DIGIT.search(a) or _DIGIT.search(b):
        return NUMBER
    variant = lex.variants.get(a)
    if variant is not None and variant == lex.variants.get(b):
        return SPELLING
    if _typo_apart(a, b) and not _two_words(a, b, counts):
        return SPELLING
    if a in lex.numbers or b in lex.numbers:
        return NUMBER
    return WORD


def apart_kind(a: str | None, b: str | None, lex: CheckingWords) -> str:
    """The kind of a change where the texts go apart (a long gap): every word there is a
    change of meaning, a negation or a number if either word is one."""
    words = [w for w in (a, b) if w is not None]
    if any(w in lex.negation_groups for w in words):
        return NEGATION
    if any(_DIGIT.search(w) or w in lex.numbers for w in words):
        return NUMBER
    return WORD


def word_kind(word: str, lex: CheckingWords) -> str:
    """The kind of change of one word added or dropped."""
    if word in lex.negation_groups:
        return NEGATION
    if word in lex.fillers:
        return FILLER
    if _DIGIT.search(word) or word in lex.numbers:
        return NUMBER
    return WORD


class _TooMany(Exception):
    """More changes of meaning than any match allows: no match."""


class _Aligner:
    """One claim against one stored quote (word lists): the changes between them, or
    (with `listing` False) only how many there are of each sort, with a budget of changes
    of meaning past which it gives up (None: no budget)."""

    __slots__ = ("c", "s", "lex", "counts", "budget", "meaning", "paired", "changes")

    def __init__(
        self,
        c: Sequence[str],
        s: Sequence[str],
        lex: CheckingWords,
        counts: Counts | None,
        budget: float | None,
        listing: bool = True,
    ) -> None:
        self.c, self.s, self.lex, self.counts, self.budget = c, s, lex, counts, budget
        self.meaning = 0
        # pairs of words that differ without a change of meaning (a fragment keeps them)
        self.paired = 0
        self.changes: list[Change] | None = [] if listing else None

    def add(self, kind: str, ci: int, cj: int, si: int, sj: int) -> None:
        if self.changes is not None:
            self.changes.append(Change(kind, ci, cj, si, sj))
        if kind in MEANING_KINDS:
            self.count_meaning(1)
        elif ci < cj and si < sj:
            self.paired += 1

    def count_meaning(self, changes: int) -> None:
        self.meaning += changes
        if self.budget is not None and self.meaning > self.budget:
            raise _TooMany

    def single(self, ci: int, cj: int, si: int, sj: int) -> None:
        # one word added (claim side) or dropped (stored side)
        word = self.c[ci] if ci < cj else self.s[si]
        self.add(word_kind(word, self.lex), ci, cj, si, sj)

    def apart(self, ci: int, cj: int, si: int, sj: int) -> None:
        """A long gap, where the texts go apart: its words paired in order, the longer
        side's last ones alone, each a change of meaning (`apart_kind`)."""
        if self.changes is None:
            self.count_meaning(max(cj - ci, sj - si))
            return
        c, s, lex = self.c, self.s, self.lex
        pairs = min(cj - ci, sj - si)
        for k in range(pairs):
            self.add(apart_kind(c[ci + k], s[si + k], lex), ci + k, ci + k + 1, si + k, si + k + 1)
        for k in range(ci + pairs, cj):
            self.add(apart_kind(c[k], None, lex), k, k + 1, sj, sj)
        for k in range(si + pairs, sj):
            self.add(apart_kind(None, s[k], lex), cj, cj, k, k + 1)

    def runs_together(self, ci: int, si: int, step: int) -> tuple[int, int]:
        """At the edge of the aligned runs (claimed word ci, stored word si, where the gap
        starts; step -1: the gap before them, ending there), the neighbouring words that
        are one word written as two or three: each a change; the new edge."""
        c, s = self.c, self.s
        while True:
            if step > 0:
                one = _run_of(c, ci, s, si, 1)
                if one:
                    self.add(_run_kind(c[ci]), ci, ci + 1, si, si + one)
                    ci, si = ci + 1, si + one
                    continue
                one = _run_of(s, si, c, ci, 1)
                if one:
                    self.add(_run_kind(s[si]), ci, ci + one, si, si + 1)
                    ci, si = ci + one, si + 1
                    continue
            else:
                one = _run_of(c, ci - 1, s, si, -1)
                if one:
                    self.add(_run_kind(c[ci - 1]), ci - 1, ci, si - one, si)
                    ci, si = ci - 1, si - one
                    continue
                one = _run_of(s, si - 1, c, ci, -1)
                if one:
                    self.add(_run_kind(s[si - 1]), ci - one, ci, si - 1, si)
                    ci, si = ci - one, si - 1
                    continue
            return ci, si

    def gap(self, ci: int, cj: int, si: int, sj: int) -> None:
        """The claimed words [ci, cj) against the stored [si, sj), between aligned runs."""
        p, q = cj - ci, sj - si
        if _long(ci, cj, si, sj):
            self.apart(ci, cj, si, sj)
        elif p == 0 or q == 0:
            for k in range(ci, cj):
                self.single(k, k + 1, sj, sj)
            for k in range(si, sj):
                self.single(cj, cj, k, k + 1)
        elif p == 1 and q == 1:
            kind = pair_kind(self.c[ci], self.s[si], self.lex, self.counts)
            self.add(kind, ci, cj, si, sj)
        else:
            for change in _best_pairing(self.c[ci:cj], self.s[si:sj], self.lex, self.counts):
                self.add(
                    change.kind,
                    ci + change.claim_first,
                    ci + change.claim_last,
                    si + change.stored_first,
                    si + change.stored_last,
                )


def _run_of(x: Sequence[str], at: int, y: Sequence[str], edge: int, step: int) -> int:
    """How many words of `y` from `edge` (on: step 1; before it: step -1) make word
    `x[at]` run together: 2 or 3, or 0. Lengths first: joins only where they add up."""
    if not 0 <= at < len(x):
        return 0
    word = x[at]
    size = len(word)
    for k in (2, 3):
        run = y[edge : edge + k] if step > 0 else y[max(0, edge - k) : edge]
        if len(run) < k:
            return 0
        total = sum(map(len, run))
        if total == size and word == "".join(run):
            return k
        if total > size:
            return 0
    return 0


def _long(ci: int, cj: int, si: int, sj: int) -> bool:
    """A gap of more than `LOCAL_GAP` words on a side: the texts go apart there."""
    return cj - ci > LOCAL_GAP or sj - si > LOCAL_GAP


def _run_kind(word: str) -> str:
    """One word written as two or three run together (kerjasama, kerja sama; No.33 and
    no33): a spelling variant, unless all of it is digits (1,6 is no 16, 23.00 no 2300)."""
    return NUMBER if word.isdecimal() else SPELLING


def _best_pairing(
    a: Sequence[str], b: Sequence[str], lex: CheckingWords, counts: Counts | None
) -> list[Change]:
    """The changes from stored words `b` to claimed words `a` (a small gap) with the
    fewest changes of meaning, then the fewest changes: each word paired with one of the
    other side, run together with two or three of them, or added or dropped alone, in
    order. Ties go to a pair, then a run, then a claimed word alone, then a stored one."""
    p, q = len(a), len(b)
    singles_a = [word_kind(w, lex) for w in a]
    singles_b = [word_kind(w, lex) for w in b]
    # best[i][j]: (changes of meaning, changes, the first change) for a[i:] against b[j:];
    # the first change's ends say where the rest starts
    best: list[list[tuple]] = [[(0, 0, None)] * (q + 1) for _ in range(p + 1)]
    for i in range(p, -1, -1):
        for j in range(q, -1, -1):
            if i == p and j == q:
                continue
            steps: list[tuple[str, int, int]] = []  # (kind, claimed words, stored words)
            if i < p and j < q:
                steps.append((pair_kind(a[i], b[j], lex, counts), 1, 1))
                for k in (2, 3):
                    if j + k <= q and a[i] == "".join(b[j : j + k]):
                        steps.append((_run_kind(a[i]), 1, k))
                    if i + k <= p and b[j] == "".join(a[i : i + k]):
                        steps.append((_run_kind(b[j]), k, 1))
            if i < p:
                steps.append((singles_a[i], 1, 0))
            if j < q:
                steps.append((singles_b[j], 0, 1))
            chosen = None
            for kind, da, db in steps:
                meaning, count, _ = best[i + da][j + db]
                option = (meaning + (kind in MEANING_KINDS), count + 1, (kind, da, db))
                # the first of equals is kept
                if chosen is None or option[:2] < chosen[:2]:
                    chosen = option
            best[i][j] = chosen
    changes = []
    i = j = 0
    while (i, j) != (p, q):
        kind, da, db = best[i][j][2]
        changes.append(Change(kind, i, i + da, j, j + db))
        i, j = i + da, j + db
    return changes


def align(
    c: list[str],
    s: list[str],
    lex: CheckingWords | None = None,
    counts: Counts | None = None,
    *,
    give_up: bool = False,
) -> Aligned | None:
    """The match of claimed words `c` with stored words `s` (module docstring), or None.

    With `give_up`, it stops as soon as the changes of meaning are more than any match
    of these lengths allows, and it does not list the changes: the same verdict and
    ranges, sooner (verify's candidates)."""
    if lex is None:
        lex = checking_words()
    n, m = len(c), len(s)
    if not n or not m:
        return None
    if n == m and c == s:
        return Aligned(EXACT, (), (0, n), (0, m))
    shared = math.ceil(MIN_SHARED * min(n, m))
    if LCSseq.similarity(c, s, score_cutoff=shared) < shared:
        return None
    # W, the longer matched stretch, is at most the longer text
    budget = MAX_CHANGED * max(n, m) if give_up else None
    aligner = _Aligner(c, s, lex, counts, budget, listing=not give_up)
    try:
        return _match(aligner, Indel.opcodes(c, s).as_matching_blocks())
    except _TooMany:
        return None


def _slid(runs: list[tuple[int, int, int]], aligner: _Aligner) -> list[tuple[int, int, int]]:
    """The aligned runs with the first and the last slid, where the same words allow it,
    across a gap that only one text has, onto their neighbours: the gap then lies at an
    end. The longest common subsequence is the same either way, but rapidfuzz aligns
    repeated words at their first place: a claim that starts with "di" matched the first
    "di" of a quote whose fragment it is, leaving the words between as dropped."""
    c, s = aligner.c, aligner.s
    while len(runs) >= 2:
        (a0, b0, k0), (a1, b1, k1) = runs[0], runs[1]
        if a0 + k0 == a1 and c[a0:a1] == s[b1 - k0 : b1]:
            runs[0:2] = [(a0, b1 - k0, k0 + k1)]
        elif b0 + k0 == b1 and s[b0:b1] == c[a1 - k0 : a1]:
            runs[0:2] = [(a1 - k0, b0, k0 + k1)]
        else:
            break
    while len(runs) >= 2:
        (a0, b0, k0), (a1, b1, k1) = runs[-2], runs[-1]
        if a0 + k0 == a1 and c[a1 : a1 + k1] == s[b0 + k0 : b0 + k0 + k1]:
            runs[-2:] = [(a0, b0, k0 + k1)]
        elif b0 + k0 == b1 and s[b1 : b1 + k1] == c[a0 + k0 : a0 + k0 + k1]:
            runs[-2:] = [(a0, b0, k0 + k1)]
        else:
            break
    return runs


def _match(aligner: _Aligner, blocks) -> Aligned | None:
    n, m = len(aligner.c), len(aligner.s)
    runs = _slid([(block.a, block.b, block.size) for block in blocks if block.size], aligner)
    shared = sum(size for _, _, size in runs)
    # the words before the first run and after the last one: first the words next to the
    # run that are the run's neighbours written together or apart; then a side's extra
    # words at the outer end are left aside, and the rest pair as in a gap
    first_c, first_s, _ = runs[0]
    last_c, last_s, last_size = runs[-1]
    first_c, first_s = aligner.runs_together(first_c, first_s, -1)
    end_c, end_s = aligner.runs_together(last_c + last_size, last_s + last_size, 1)
    lead_c = max(0, first_c - first_s)
    lead_s = max(0, first_s - first_c)
    trail_c = max(0, (n - end_c) - (m - end_s))
    trail_s = max(0, (m - end_s) - (n - end_c))
    extra_c, extra_s = lead_c + trail_c, lead_s + trail_s
    if extra_c >= FRAGMENT_MIN_EXTRA and extra_s >= FRAGMENT_MIN_EXTRA:
        return None  # they overlap; neither holds the other
    gaps = [
        (lead_c, first_c, lead_s, first_s),
        *(
            (ci + size, cj, si + size, sj)
            for (ci, si, size), (cj, sj, _) in zip(runs, runs[1:], strict=False)
        ),
        (end_c, n - trail_c, end_s, m - trail_s),
    ]
    if aligner.budget is not None:
        # the long gaps' words are all changes of meaning, as many as their longer side's:
        # counted first, to give up before the rest is looked at
        before = aligner.meaning
        aligner.count_meaning(
            sum(max(cj - ci, sj - si) for ci, cj, si, sj in gaps if _long(ci, cj, si, sj))
        )
        aligner.meaning = before
    for gap in gaps:
        aligner.gap(*gap)
    # a side's extra words are a fragment's bounds if there are enough of them, else
    # changes (a word added or dropped at an end)
    claim_range, stored_range = (0, n), (0, m)
    if extra_c >= FRAGMENT_MIN_EXTRA:
        claim_range = (lead_c, n - trail_c)
    else:
        for k in (*range(lead_c), *range(n - trail_c, n)):
            at = 0 if k < lead_c else m
            aligner.single(k, k + 1, at, at)
    if extra_s >= FRAGMENT_MIN_EXTRA:
        stored_range = (lead_s, m - trail_s)
    else:
        for k in (*range(lead_s), *range(m - trail_s, m)):
            at = 0 if k < lead_s else n
            aligner.single(at, at, k, k + 1)
    meaning = aligner.meaning
    longer = max(claim_range[1] - claim_range[0], stored_range[1] - stored_range[0])
    if meaning > MAX_CHANGED * longer:
        return None
    fragment = claim_range != (0, n) or stored_range != (0, m)
    if fragment and shared + aligner.paired < FRAGMENT_MIN_WORDS:
        return None
    listed = aligner.changes or []
    changes = sorted(listed, key=lambda ch: (ch.claim_first, ch.stored_first))
    verdict = ALTERED if meaning else PARTIAL if fragment else CLOSE
    return Aligned(verdict, tuple(changes), claim_range, stored_range)


def compare(
    claim: str | Words,
    stored: str | Words,
    counts: Counts | None = None,
    lex: CheckingWords | None = None,
) -> Comparison:
    """The verdict and the changes of `claim` against `stored` (texts, or their `Words`),
    with offsets into each text. `counts(word)`: in how many stored quotes a word is
    (the index's word postings); without it, every form a typo apart is a typo."""
    lex = lex or checking_words()
    cw = claim if isinstance(claim, Words) else Words.of(claim, lex)
    sw = stored if isinstance(stored, Words) else Words.of(stored, lex)
    aligned = align(list(cw.words), list(sw.words), lex, counts)
    if aligned is None:
        return Comparison(None, (), cw.span(0, len(cw.words)), sw.span(0, len(sw.words)), False)
    located = []
    for change in aligned.changes:
        kind = change.kind
        if kind == WORD and (
            any(map(cw.capitalised, range(change.claim_first, change.claim_last)))
            or any(map(sw.capitalised, range(change.stored_first, change.stored_last)))
        ):
            kind = NAME
        located.append(
            Located(
                kind,
                cw.span(change.claim_first, change.claim_last),
                sw.span(change.stored_first, change.stored_last),
            )
        )
    return Comparison(
        aligned.verdict,
        tuple(located),
        cw.span(*aligned.claim_range),
        sw.span(*aligned.stored_range),
        aligned.claim_range != (0, len(cw.words)),
    )
