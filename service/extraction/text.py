"""Text plumbing: line endings, paragraphs, words and quotation marks.

Everything here is linear in the length of the text: no regex that can backtrack
over a whole paragraph, and quote marks are paired in one left-to-right pass.
"""

from __future__ import annotations

import re
from typing import Final

# A word: letters/digits with inner apostrophes, hyphens or dots (Mu'min, Jum'at, S.H, co.id).
WORD_RE: Final = re.compile(r"[^\W_]\w*(?:['’\-.][^\W_]\w*)*")

DOUBLE_MARKS: Final = frozenset('"“”„«»″')
SINGLE_MARKS: Final = frozenset("'‘’‚`")
ALL_MARKS: Final = DOUBLE_MARKS | SINGLE_MARKS
MARK_RE: Final = re.compile("[" + re.escape("".join(sorted(ALL_MARKS))) + "]")
# Marks that can only open or only close, whatever surrounds them.
OPEN_ONLY: Final = frozenset("“„«‘‚")
CLOSE_ONLY: Final = frozenset("»")
# Characters before an opening mark / after a closing mark besides white space.
OPEN_CONTEXT: Final = frozenset("([{—–-/:;,|") | ALL_MARKS
CLOSE_CONTEXT: Final = frozenset(".,;:!?)]}—–-/|…") | ALL_MARKS
# What a quoted sentence ends with right before its closing mark, and what ends a sentence.
CLAUSE_END: Final = frozenset(",.!?…")
SENTENCE_END: Final = frozenset(".!?…")


class Normalised:
    """The text with CRLF/CR folded to LF, and a way back to the original offsets."""

    __slots__ = ("text", "_map")

    def __init__(self, original: str):
        if "\r" not in original:
            self.text = original
            self._map = None
            return
        kept = []
        positions = []
        n = len(original)
        i = 0
        while i < n:
            ch = original[i]
            if ch == "\r":
                kept.append("\n")
                positions.append(i)
                if i + 1 < n and original[i + 1] == "\n":
                    i += 1
            else:
                kept.append(ch)
                positions.append(i)
            i += 1
        positions.append(n)
        self.text = "".join(kept)
        self._map = positions

    def start(self, pos: int) -> int:
        """Original offset of the character at normalised `pos`."""
        return pos if self._map is None else self._map[pos]

    def end(self, pos: int) -> int:
        """Original offset just after the character at normalised `pos - 1`."""
        if self._map is None or pos == 0:
            return pos
        # CRLF folded to one LF covers two original characters.
        return self._map[pos - 1] + (2 if self._is_crlf(pos - 1) else 1)

    def _is_crlf(self, pos: int) -> bool:
        m = self._map
        return m is not None and self.text[pos] == "\n" and m[pos + 1] - m[pos] == 2


class Paragraph:
    """A non-blank line and its offsets. A value, never changed; a plain class rather
    than a dataclass, so the mypyc build constructs it natively."""

    __slots__ = ("index", "start", "end", "text")

    def __init__(self, index: int, start: int, end: int, text: str) -> None:
        self.index = index
        self.start = start
        self.end = end
        self.text = text

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Paragraph):
            return NotImplemented
        return (self.index, self.start, self.end, self.text) == (
            other.index,
            other.start,
            other.end,
            other.text,
        )

    def __hash__(self) -> int:
        return hash((self.index, self.start, self.end, self.text))

    def __repr__(self) -> str:
        return f"Paragraph({self.index}, {self.start}, {self.end}, {self.text!r})"


def paragraphs(text: str) -> list[Paragraph]:
    """Non-blank lines with their offsets, outer white space trimmed."""
    out: list[Paragraph] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append(Paragraph(len(out), pos + lead, pos + lead + len(stripped), stripped))
        pos += len(line) + 1
    return out


def starts_upper(text: str) -> bool:
    """`text[:1].isupper()`, with ASCII decided without a method call."""
    if not text:
        return False
    c = ord(text[0])
    return 65 <= c <= 90 if c < 128 else text[:1].isupper()


def is_lower(text: str) -> bool:
    """`text.islower()`, with ASCII words decided without a method call."""
    cased = False
    for i in range(len(text)):
        c = ord(text[i])
        if c >= 128:
            return text.islower()
        if 65 <= c <= 90:
            return False
        if 97 <= c <= 122:
            cased = True
    return cased


class Token:
    """A word with its offsets; `lower` and `is_cap` are computed once."""

    __slots__ = ("text", "start", "end", "lower", "is_cap")

    def __init__(self, text: str, start: int, end: int):
        self.text = text
        self.start = start
        self.end = end
        self.lower = text.lower()
        self.is_cap = starts_upper(text)

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


# Characters that may stand around a word ("(Jakarta),", "“Kami"): none is a word
# character, so stripping them never shortens a word.
WORD_EDGES: Final = "\"'“”‘’«»„‚`.,;:!?()[]{}…-–—/|*#%&+=<>@~^$"


def words(text: str, offset: int = 0) -> list[Token]:
    """The `WORD_RE` words of `text`, offsets shifted by `offset`.

    No word spans white space, so the text is cut at white space first (in C) and the
    regex runs only on the few pieces that are not one plain word once their edge
    punctuation is off: the same words, at a fraction of the cost of the regex.
    """
    out: list[Token] = []
    pos = 0
    for piece in text.split():
        start = text.find(piece, pos)
        pos = start + len(piece)
        # A plain word, alone ("kata") or inside edge punctuation ("Moroz,").
        if piece.isalnum():
            out.append(Token(piece, start + offset, pos + offset))
            continue
        core = piece.strip(WORD_EDGES)
        if core.isalnum():
            lead = start + len(piece) - len(piece.lstrip(WORD_EDGES)) + offset
            out.append(Token(core, lead, lead + len(core)))
            continue
        for m in WORD_RE.finditer(text, start, pos):
            out.append(Token(m.group(), m.start() + offset, m.end() + offset))
    return out


class Span:
    """A quoted span: content pieces between the marks, one per paragraph that re-opens
    the quote (a piece of a hard-wrapped quote runs on over its line breaks)."""

    __slots__ = ("family", "open_at", "close_at", "pieces", "first_par", "last_par", "closed")

    def __init__(
        self,
        family: str,
        open_at: int,
        close_at: int,
        pieces: list[tuple[int, int]],
        first_par: int,
        last_par: int,
        closed: bool,
    ) -> None:
        self.family = family  # "double" or "single"
        self.open_at = open_at  # offset of the opening mark
        # offset just after the closing mark (or paragraph end if unclosed)
        self.close_at = close_at
        self.pieces = pieces  # content ranges, in text offsets
        self.first_par = first_par
        self.last_par = last_par
        self.closed = closed

    def __repr__(self) -> str:
        return (
            f"Span({self.family!r}, {self.open_at}, {self.close_at}, {self.pieces!r}, "
            f"{self.first_par}, {self.last_par}, {self.closed})"
        )


def _width(s: str, i: int) -> int:
    """Characters the mark at s[i] takes: 2 for a single mark doubled to stand for a double
    one (`''`, `’’`: exactly two in a row; inside a word, `_flanks` reads them as an
    apostrophe), 1 otherwise."""
    ch = s[i]
    if ch not in SINGLE_MARKS or i + 1 >= len(s) or s[i + 1] != ch:
        return 1
    if (i + 2 < len(s) and s[i + 2] == ch) or (i > 0 and s[i - 1] == ch):
        return 1
    return 2


def _flanks(s: str, i: int, width: int = 1) -> tuple[bool, bool]:
    """Can the mark at s[i] (`width` characters) open, and can it close, judging by its
    neighbours."""
    ch = s[i]
    prev = s[i - 1] if i > 0 else ""
    nxt = s[i + width] if i + width < len(s) else ""
    if ch in SINGLE_MARKS and prev.isalnum() and nxt.isalnum():
        return False, False  # an apostrophe inside a word: Mu'min, Jum'at, Qur'an
    if ch in OPEN_ONLY:
        return bool(nxt) and not nxt.isspace(), False
    if ch in CLOSE_ONLY:
        return False, True
    can_open = (
        bool(nxt) and not nxt.isspace() and (not prev or prev.isspace() or prev in OPEN_CONTEXT)
    )
    can_close = (
        bool(prev)
        and not prev.isspace()
        and (
            not nxt
            or nxt.isspace()
            or nxt in CLOSE_CONTEXT
            # the space before the cue left out: "...siap,"ujarnya
            or (prev in CLAUSE_END and nxt.islower())
        )
    )
    return can_open, can_close


_MARK_CHARS: Final = "".join(sorted(ALL_MARKS))


def mark_positions(s: str, start: int = 0) -> list[int]:
    """Offsets of the quotation marks in `s` from `start` on, in order: what
    `MARK_RE.finditer` finds, by one `str.find` loop per kind of mark (in C; a paragraph
    holds few marks, and a mark the text's alphabet cannot hold is ruled out at once)."""
    found: list[int] = []
    for mark in _MARK_CHARS:
        i = s.find(mark, start)
        while i >= 0:
            found.append(i)
            i = s.find(mark, i + 1)
    found.sort()
    return found


def _mark_family(s: str, i: int, width: int) -> str:
    return "double" if width == 2 or s[i] in DOUBLE_MARKS else "single"


def _last_closers(s: str, marks: list[int], found: list[int] | None) -> list[int]:
    """Offsets of the last double and the last single mark in s (`marks`, in order) that
    can close a quote by their neighbours, -1 where there is none: `found` if known."""
    if found is not None:
        return found
    out = [-1, -1]
    for k in range(len(marks) - 1, -1, -1):
        i = marks[k]
        if i > 0 and _width(s, i - 1) == 2:
            i -= 1  # the second character of a doubled mark
        w = _width(s, i)
        f = 0 if _mark_family(s, i, w) == "double" else 1
        if out[f] < 0 and _flanks(s, i, w)[1]:
            out[f] = i
            if out[0] >= 0 and out[1] >= 0:
                break
    return out


def _closed_later(s: str, marks: list[int], i: int, family: str) -> bool:
    """A mark of `family` after s[i] can close a quote: by its neighbours, or set off by
    a space before it."""
    for j in marks:
        if j <= i or (s[j - 1] == s[j] and _width(s, j - 1) == 2):
            continue  # before s[i], or the second character of a doubled mark
        w = _width(s, j)
        if _mark_family(s, j, w) == family:
            can_open, can_close = _flanks(s, j, w)
            if can_close or (not can_open and s[j - 1].isspace()):
                return True
    return False


def _mid_sentence(s: str, i: int) -> bool:
    """The text before s[i] does not end a sentence (or a quote): a mark there opens a quote
    inside the sentence."""
    j = i - 1
    while j >= 0 and s[j].isspace():
        j -= 1
    return j >= 0 and s[j] not in SENTENCE_END and s[j] not in ALL_MARKS


def _adjacent(text: str, a: Paragraph, b: Paragraph) -> bool:
    """`b` is the line right after `a`: one line break between them, no blank line."""
    nl = text.find("\n", a.end, b.start)
    return nl >= 0 and text.find("\n", nl + 1, b.start) < 0


def _first_mark(s: str, family: str) -> tuple[int, int]:
    """Offset and width of the first mark of `family` in s; (-1, 0) if there is none."""
    skip = 0
    for i in mark_positions(s):
        if i < skip:
            continue
        w = _width(s, i)
        skip = i + w
        if _mark_family(s, i, w) == family:
            return i, w
    return -1, 0


def _runs_on(text: str, pars: list[Paragraph], k: int, family: str, wrapped: bool) -> int:
    """The last line a quote of `family` left open at the end of line `pars[k - 1]` is known
    to reach when the text was broken at a fixed width; k - 1 when it does not run on.

    It runs on when the next line follows that line directly (no blank line) and either
    that line ends mid-sentence and the next starts in lower case, or the first mark of the
    quote's kind on the lines that follow closes the quote and cannot open one (or is glued
    to the cue after a comma or a full stop: `pagi,"kata`), and that line ends
    mid-sentence or the quote already ran on over a line break (`wrapped`: a line of a
    hard-wrapped paragraph may end with a sentence, a paragraph of an ordinary text ends
    with one). A look ahead stops at the first mark of the quote's kind."""
    if not _adjacent(text, pars[k - 1], pars[k]):
        return k - 1
    last = pars[k - 1].text[-1]
    mid = last not in SENTENCE_END and last not in ALL_MARKS
    if mid and pars[k].text[0].islower():
        return k
    if not mid and not wrapped:
        return k - 1
    j = k
    while True:
        s = pars[j].text
        i, w = _first_mark(s, family)
        if i >= 0:
            can_open, can_close = _flanks(s, i, w)
            # closing only, or glued to the cue after the quote's last word ("...pagi,"kata)
            return j if can_close and (not can_open or s[i - 1] in CLAUSE_END) else k - 1
        j += 1
        if j == len(pars) or not _adjacent(text, pars[j - 1], pars[j]):
            return k - 1


def find_spans(text: str, pars: list[Paragraph]) -> list[Span]:
    """Pair quotation marks paragraph by paragraph in one pass.

    A quote left open at the end of a paragraph continues into the next paragraph when
    that one opens with a mark of the same kind (the newspaper convention for
    multi-paragraph quotes), or when the text was hard-wrapped (`_runs_on`: the quote then
    keeps the line breaks); otherwise it ends with its paragraph, so an unbalanced mark
    never swallows the rest of the article.

    Inside a paragraph, besides marks whose neighbours say whether they open or close
    (`_flanks`): `''` stands for a double mark; a mark and a space at the start of a
    paragraph open a quote that a later mark closes; a mark after a space closes the quote
    when no later mark can; a mark of the quote's own kind opening inside a sentence opens
    a quote inside it (a quoted post), and when that inner quote is never closed the last
    closing mark closes the outer one.
    """
    spans: list[Span] = []
    current: Span | None = None
    depth = 0
    piece_start = -1
    reach = -1  # the last line the open quote is known to reach (hard-wrapped text)
    wrapped = False  # the open quote ran on over a line break
    for k in range(len(pars)):
        par = pars[k]
        s = par.text
        base = par.start
        i0 = 0
        if current is not None:
            w0 = _width(s, 0) if s[0] in ALL_MARKS else 0
            if w0 and _mark_family(s, 0, w0) == current.family and _flanks(s, 0, w0)[0]:
                # Continuation: this paragraph re-opens the quote with the same kind of mark.
                i0 = w0
                piece_start = base + w0
                depth = 0
            else:
                if reach < k:
                    reach = _runs_on(text, pars, k, current.family, wrapped)
                if reach >= k:
                    piece_start = current.pieces.pop()[0]  # one piece over the line break
                    wrapped = True
                else:
                    current.closed = False
                    spans.append(current)
                    current = None
            if current is not None:
                current.last_par = par.index
        marks = mark_positions(s, i0)
        last: list[int] | None = None  # the paragraph's last closing mark, double and single
        skip = 0
        for i in marks:
            if i < skip:
                continue
            ch = s[i]
            w = _width(s, i) if ch in SINGLE_MARKS else 1
            skip = i + w
            family = "double" if w == 2 or ch in DOUBLE_MARKS else "single"
            can_open, can_close = _flanks(s, i, w)
            if current is None:
                if not can_open and i < 4 and i + w < len(s) and s[i + w].isspace():
                    # " Kami ...," kata X: a mark and a space opening the paragraph (after
                    # nothing but punctuation) open a quote when a later mark closes one.
                    if any(c.isalnum() for c in s[:i]):
                        continue
                    can_open = _closed_later(s, marks, i, family)
                if can_open:
                    current = Span(family, base + i, -1, [], par.index, par.index, True)
                    piece_start = base + i + w
                    depth = 0
                    wrapped = False
                continue
            if family != current.family:
                continue  # a nested quote of the other kind stays inside
            if ch in OPEN_ONLY and can_open:
                depth += 1  # nested quote with the same curly marks
                continue
            if not can_close and not can_open and i > 0 and s[i - 1].isspace():
                # "... di sana, " kata X: a mark after a space (and before one) closes
                # the quote when no later mark of its kind closes by its neighbours.
                last = _last_closers(s, marks, last)
                if last[0 if family == "double" else 1] > i:
                    continue
                can_close = True
                depth = 0
            elif can_close and depth:
                last = _last_closers(s, marks, last)
                if last[0 if family == "double" else 1] > i:
                    depth -= 1
                    continue
                depth = 0  # the inner quote never closes: this mark closes the outer one
            if can_close:
                current.pieces.append((piece_start, base + i))
                current.close_at = base + i + w
                spans.append(current)
                current = None
            elif can_open and _mid_sentence(s, i):
                depth += 1  # "Saya cek dulu "@akun: ...?," tulis X: a quote inside the quote
            elif can_open:
                # An opening mark while open: the previous quote was never closed.
                current.pieces.append((piece_start, base + i))
                current.close_at = base + i
                current.closed = False
                spans.append(current)
                current = Span(family, base + i, -1, [], par.index, par.index, True)
                piece_start = base + i + w
                depth = 0
                wrapped = False
        if current is not None:
            current.pieces.append((piece_start, par.end))
            current.close_at = par.end
    if current is not None:
        current.closed = False
        spans.append(current)
    return [sp for sp in spans if any(b > a for a, b in sp.pieces)]
