"""Postings: the keys of the quotes that share something (a word, a speaker, an outlet),
ascending, so that a page of a one-filter answer needs no sort and membership is a bisect.

A posting of up to `CHUNK` keys is an `array` of 8-byte keys; a longer one is a
`Posting`, its keys in chunks of `CHUNK` to `2 * CHUNK`. Both are immutable: `updated`
gives a new posting and shares every chunk it did not touch, so adding a quote to a word
found in half a million quotes copies one chunk and the chunk list, not the posting.
The same chunks hold other sorted things (tuples) when made with `kind=tuple`.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, chain
from typing import TypeAlias

import numpy as np

# The type of the key arrays: 8 bytes a key.
KEY = "Q"
CHUNK = 2048
EMPTY = array(KEY)


class Posting(Sequence):
    """A long posting: chunks of keys, each ascending and all in order."""

    __slots__ = ("chunks", "_ends", "_lasts")

    def __init__(self, chunks: tuple, ends: np.ndarray | None = None, lasts=None) -> None:
        self.chunks = chunks
        # where each chunk ends in the whole (int64), and its last item
        self._ends = (
            np.fromiter(accumulate(map(len, chunks)), np.int64, len(chunks))
            if ends is None
            else ends
        )
        # (for keys, an array: copied as a block when a chunk changes, where a list
        # would touch every int object, each in memory of its own)
        self._lasts = _lasts_of(chunks) if lasts is None else lasts

    def __len__(self) -> int:
        return int(self._ends[-1])

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return list(self)[index]
            out = array(KEY) if isinstance(self.chunks[0], array) else []
            if start >= stop:
                return out
            n = int(np.searchsorted(self._ends, start, side="right"))
            offset = start - (int(self._ends[n - 1]) if n else 0)
            while start < stop:
                chunk = self.chunks[n]
                taken = min(len(chunk) - offset, stop - start)
                out.extend(chunk[offset : offset + taken])
                start += taken
                n += 1
                offset = 0
            return out
        size = len(self)
        if index < 0:
            index += size
        if not 0 <= index < size:
            raise IndexError("posting index out of range")
        n = int(np.searchsorted(self._ends, index, side="right"))
        return self.chunks[n][index - (int(self._ends[n - 1]) if n else 0)]

    def __iter__(self) -> Iterator[int]:
        return chain.from_iterable(self.chunks)

    def __contains__(self, value: object) -> bool:
        n = bisect.bisect_left(self._lasts, value)
        if n == len(self.chunks):
            return False
        chunk = self.chunks[n]
        at = bisect.bisect_left(chunk, value)
        return at < len(chunk) and chunk[at] == value

    def bisect_left(self, value: int) -> int:
        n = bisect.bisect_left(self._lasts, value)
        if n == len(self.chunks):
            return len(self)
        return (int(self._ends[n - 1]) if n else 0) + bisect.bisect_left(self.chunks[n], value)

    def bisect_right(self, value: int) -> int:
        n = bisect.bisect_right(self._lasts, value)
        if n == len(self.chunks):
            return len(self)
        return (int(self._ends[n - 1]) if n else 0) + bisect.bisect_right(self.chunks[n], value)

    def __array__(self, dtype=None, copy=None) -> np.ndarray:
        joined = np.concatenate([np.frombuffer(chunk, dtype=np.uint64) for chunk in self.chunks])
        return joined if dtype is None else joined.astype(dtype, copy=False)

    def __eq__(self, other) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Posting({len(self)} keys in {len(self.chunks)} chunks)"


PostingLike: TypeAlias = array | Posting


def _lasts_of(chunks: tuple) -> array | list:
    """The last item of each chunk: an array of keys, or a list of tuples."""
    if isinstance(chunks[0], array):
        return array(KEY, [chunk[-1] for chunk in chunks])
    return [chunk[-1] for chunk in chunks]


def bisect_left(posting: Sequence[int], value: int) -> int:
    if isinstance(posting, Posting):
        return posting.bisect_left(value)
    return bisect.bisect_left(posting, value)


def bisect_right(posting: Sequence[int], value: int) -> int:
    if isinstance(posting, Posting):
        return posting.bisect_right(value)
    return bisect.bisect_right(posting, value)


def _chunk(kind: type, items: Iterable) -> Sequence:
    return array(KEY, items) if kind is array else tuple(items)


def pack(items: Sequence, kind: type = array):
    """Items in ascending order as a posting: keys (`kind=array`) or tuples (`tuple`)."""
    if len(items) <= CHUNK:
        return _chunk(kind, items)
    return Posting(tuple(_chunk(kind, items[n : n + CHUNK]) for n in range(0, len(items), CHUNK)))


def pack_array(keys: np.ndarray):
    """Ascending uint64 keys (numpy) as a posting, copied."""
    chunks = []
    for n in range(0, len(keys), CHUNK):
        chunk = array(KEY)
        chunk.frombytes(keys[n : n + CHUNK].tobytes())
        chunks.append(chunk)
    if len(chunks) <= 1:
        return chunks[0] if chunks else array(KEY)
    return Posting(tuple(chunks))


def updated(posting, added: Iterable = (), removed: set | frozenset = frozenset()):
    """`posting` without the items in `removed` and with `added` (ascending, none of them
    in `posting` unless also removed): a new posting sharing the chunks not touched."""
    added = list(added)
    if not added and not removed:
        return posting
    if not isinstance(posting, Posting):
        kind = array if isinstance(posting, array) else tuple
        # an array copied as an array (a memcpy), changed in place
        held = array(KEY, posting) if kind is array else list(posting)
        if len(removed) + len(added) <= 32:
            for item in removed:
                at = bisect.bisect_left(held, item)
                if at < len(held) and held[at] == item:
                    del held[at]
            for item in added:
                bisect.insort(held, item)
        else:
            merged = [k for k in held if k not in removed] if removed else list(held)
            merged += added
            merged.sort()  # two sorted runs: timsort merges them
            return pack(merged, kind)
        if kind is array and len(held) <= CHUNK:
            return held
        return pack(held, kind)
    chunks = posting.chunks
    kind = array if isinstance(chunks[0], array) else tuple
    lasts = posting._lasts
    last = len(chunks) - 1
    # the chunks changed, copied: arrays as arrays (a memcpy), tuples into lists
    touched: dict[int, list | array] = {}
    copy = (lambda chunk: array(KEY, chunk)) if kind is array else list

    def chunk_of(item):
        n = min(bisect.bisect_left(lasts, item), last)
        held = touched.get(n)
        if held is None:
            held = touched[n] = copy(chunks[n])
        return held

    for item in removed:
        held = chunk_of(item)
        at = bisect.bisect_left(held, item)
        if at < len(held) and held[at] == item:
            del held[at]
    for item in added:
        bisect.insort(chunk_of(item), item)
    if all(0 < len(held) <= 2 * CHUNK for held in touched.values()):
        # the same chunks, a few of them changed: the ends and lasts of the others kept
        new_chunks = list(chunks)
        new_lasts = lasts[:]
        ends = posting._ends.copy()
        for n, held in touched.items():
            grown = len(held) - len(chunks[n])
            if grown:
                ends[n:] += grown
            new_chunks[n] = held if kind is array else tuple(held)
            new_lasts[n] = held[-1]
        return Posting(tuple(new_chunks), ends, new_lasts)
    rebuilt: list[Sequence] = []
    for n, chunk in enumerate(chunks):
        held = touched.get(n)
        if held is None:
            rebuilt.append(chunk)
        elif len(held) > 2 * CHUNK:
            rebuilt.extend(_chunk(kind, held[i : i + CHUNK]) for i in range(0, len(held), CHUNK))
        elif held:
            rebuilt.append(held if kind is array else tuple(held))
    if sum(map(len, rebuilt)) <= CHUNK:
        return _chunk(kind, chain.from_iterable(rebuilt))
    return Posting(tuple(rebuilt))


class KeyRange(Sequence):
    """The keys of `order` (all quotes, a posting) from `low` to `high`: a time filter.
    Membership is two comparisons; positions are `order`'s."""

    __slots__ = ("low", "high", "_order", "_start", "_stop")

    def __init__(self, order: PostingLike, low: int, high: int) -> None:
        self.low, self.high, self._order = low, high, order
        self._start = bisect_left(order, low)
        self._stop = max(self._start, bisect_right(order, high))

    def __len__(self) -> int:
        return self._stop - self._start

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            return self._order[self._start + start : self._start + stop : step]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("range index out of range")
        return self._order[self._start + index]

    def __iter__(self) -> Iterator[int]:
        return iter(self._order[self._start : self._stop])

    def __contains__(self, key: object) -> bool:
        return isinstance(key, int) and self.low <= key <= self.high


# Up to this many keys intersect by a bisect each into the other posting; more, by a set.
_BISECT_MAX = 64


def intersect(keys: Sequence[int], members: Sequence[int] | set[int]) -> Sequence[int]:
    """The keys (ascending) that are also in `members` (a posting, a range or a set),
    still ascending: a look-up each for a few, C-level set operations for many."""
    if isinstance(members, KeyRange):
        # the keys are ascending: those in the range are one run of them
        return keys[bisect_left(keys, members.low) : bisect_right(keys, members.high)]
    if isinstance(members, set):
        if len(keys) <= _BISECT_MAX:
            return [k for k in keys if k in members]
        return sorted(members.intersection(keys))
    if len(keys) <= _BISECT_MAX:
        size = len(members)
        kept = []
        for k in keys:
            n = bisect_left(members, k)
            if n < size and members[n] == k:
                kept.append(k)
        return kept
    return sorted(set(keys).intersection(members))
