"""The compared words of a candidate quote, fast: `changes.Words.of(text).words` without
the offsets, for the two hundred candidates of every claim (`verify`). Speed only:
tests/test_quickwords.py checks that it answers as `Words.of` does.

Most texts are ASCII with no number written in groups and no symbol: their words are the
index's own (`index.words`, a C-level cut). The others get a regular expression and a
replace on the folded text, which join the groups and read the symbols where `Words.of`
does.
"""

from __future__ import annotations

import re

from .changes import _NON_ASCII_RUN, _WORD, _fold_char
from .extraction.lexicon import CheckingWords, checking_words
from .index import words as index_words

_DIGITS = frozenset("0123456789")
# In folded text: a number of 1 to 3 ASCII digits with groups of 3 after "." or ",",
# each a whole word, as `changes._units` joins them.
_GROUPED = re.compile(r"(?<!\w)[0-9]{1,3}(?:[.,][0-9]{3}(?!\w))+")


def unit_words(text: str, lex: CheckingWords | None = None) -> list[str]:
    """`Words.of(text).words` as a list, without offsets: the index's words, where no
    number has groups and no symbol is read (most texts); else the folded text with a
    number's groups joined and symbols read by a regular expression and a replace, which
    find them as `_units` does, then cut into words."""
    if lex is None:
        lex = checking_words()
    grouped = _digit_separator(text)
    symbols = any(map(text.__contains__, lex.symbols))
    if text.isascii():
        if not (grouped or symbols):
            return index_words(text)
        # folding is lower-casing, which the regular expression and the symbols ignore
        if grouped:
            text = _GROUPED.sub(_ungrouped, text)
        for symbol, said in lex.symbols.items():
            text = text.replace(symbol, f" {said} ")
        return index_words(text)
    if not (grouped or symbols or _may_fold_into_special(text, lex)):
        return index_words(text)
    flat = _fold(text)
    if _digit_separator(flat):
        flat = _GROUPED.sub(_ungrouped, flat)
    for symbol, said in lex.symbols.items():
        if symbol in flat:
            flat = flat.replace(symbol, f" {said} ")
    return _WORD.findall(flat)


def _may_fold_into_special(text: str, lex: CheckingWords) -> bool:
    """Whether a character of `text` that is not ASCII folds into an ASCII digit, a "."
    or "," or a symbol (a full-width digit, a one-dot leader), or into nothing (a
    combining mark, which may leave a digit, a separator and a digit side by side): the
    folded text may then have what the text has not."""
    for run in _NON_ASCII_RUN.finditer(text):
        for ch in run.group():
            folded = _fold_char(ch)
            if not folded or any(c in _DIGITS or c in ".," or c in lex.symbols for c in folded):
                return True
    return False


def _fold(text: str) -> str:
    """`text` case folded, decomposed, without combining marks: as the index folds it."""
    return "".join(map(_fold_char, text))


def _digit_separator(text: str) -> bool:
    """Whether a "." or "," stands between two ASCII digits (`changes._DIGIT_SEPARATOR`),
    found with `str.find`: a regular expression scanning for a digit costs more than the
    normal form itself."""
    last = len(text) - 1
    find = text.find
    for separator in ".,":
        at = find(separator, 1)
        while 0 < at < last:
            if text[at + 1] in _DIGITS and text[at - 1] in _DIGITS:
                return True
            at = find(separator, at + 2)
    return False


def _ungrouped(match: re.Match[str]) -> str:
    return match.group().replace(".", "").replace(",", "")
