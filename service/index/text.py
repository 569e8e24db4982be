"""The index's normal form: words, search tokens and statement texts, and the ids made from
them. Two quotes are one statement when their normal forms are equal; the ids are content
hashes, so the same articles always give the same ids.
"""

from __future__ import annotations

import functools
import hashlib
import re
import sys
import unicodedata
from collections import defaultdict
from datetime import UTC, datetime

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


def _strip_clitic(word: str) -> str:
    for clitic in _CLITICS:
        if word.endswith(clitic) and len(word) - len(clitic) >= 4:
            return word[: -len(clitic)]
    return word


class _Tokens(dict):
    """word -> its token, worked out once for up to `size` words (news text repeats its
    words); past that, the others are worked out each time."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def __missing__(self, word: str) -> str:
        token = _strip_clitic(word)
        if len(self) < self.size:
            self[word] = token
        return token


_TOKENS = _Tokens(131_072)


def normalise_token(word: str) -> str:
    """One search token: folded, with a trailing -nya/-lah/-kah/-pun clitic removed."""
    return _TOKENS[word]


def tokens(text: str) -> set[str]:
    return set(map(_TOKENS.__getitem__, words(text)))


def tokens_of_normal(normal: str) -> set[str]:
    """`tokens` of a text whose normal form (`normalise_text`) is `normal`."""
    return set(map(_TOKENS.__getitem__, normal.split())) if normal else set()


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


def speaker_id(name: str) -> str:
    """A speaker's id: a hash of its name's normal form."""
    return _hash("spk", normalise_name(name), size=12)


def quote_id(speaker: str | None, text: str) -> str:
    """A quote's id: a hash of its speaker's id and its text's normal form."""
    return _hash("q", speaker or "", normalise_text(text))


def article_id(digest: str) -> str:
    """An article's id, from its `content_hash`."""
    return f"art_{digest[:16]}"
