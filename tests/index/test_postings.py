"""Postings in shared chunks read and change as plain sorted lists do."""

from __future__ import annotations

import bisect
from array import array
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.index import postings as postings_module
from service.index.postings import (
    CHUNK,
    KeyRange,
    Posting,
    bisect_left,
    bisect_right,
    intersect,
    pack,
    updated,
)

KEYS = st.integers(0, 2**64 - 1)


def small_chunks():
    """Chunks of 4: splits and merges of chunks happen with a few keys."""
    return mock.patch.object(postings_module, "CHUNK", 4)


@st.composite
def changes(draw):
    before = sorted(draw(st.sets(st.integers(0, 200), max_size=60)))
    removed = set(draw(st.lists(st.sampled_from(before), max_size=20))) if before else set()
    added = sorted(draw(st.sets(st.integers(0, 200).filter(lambda k: k not in before))))
    # a key both removed and added again (a quote re-made with the same key) stays
    again = set(draw(st.lists(st.sampled_from(sorted(removed)), max_size=3))) if removed else set()
    return before, removed, sorted({*added, *again})


@given(changes())
@settings(max_examples=300)
def test_updated_is_the_sorted_list_changed(change):
    before, removed, added = change
    with small_chunks():
        posting = postings_module.pack(before)
        after = postings_module.updated(posting, added, removed)
    expected = sorted((set(before) - removed) | set(added))
    assert list(after) == expected and len(after) == len(expected)
    assert list(posting) == before  # the posting it came from is unchanged
    if len(expected) > 4:
        assert isinstance(after, Posting)
        assert all(1 <= len(c) <= 8 for c in after.chunks)


@given(st.lists(KEYS, unique=True, max_size=40).map(sorted), KEYS)
def test_a_posting_reads_as_its_list(keys, other):
    with small_chunks():
        posting = pack(keys)
    assert list(posting) == keys and len(posting) == len(keys)
    for n in range(-len(keys), len(keys)):
        assert posting[n] == keys[n]
    for a, b in [(0, 3), (2, 9), (5, 5), (1, None), (None, -2)]:
        assert list(posting[a:b]) == keys[a:b]
    assert bisect_left(posting, other) == bisect.bisect_left(keys, other)
    assert bisect_right(posting, other) == bisect.bisect_right(keys, other)
    assert (other in posting) is (other in keys)
    assert np.asarray(posting, dtype=np.uint64).tolist() == keys


def test_long_postings_are_chunked_and_share_what_did_not_change():
    keys = list(range(0, 10 * CHUNK, 2))
    posting = pack(keys)
    assert isinstance(posting, Posting) and len(posting.chunks) == 5
    after = updated(posting, [1])
    assert after.chunks[1:] == posting.chunks[1:]
    assert all(a is b for a, b in zip(after.chunks[1:], posting.chunks[1:], strict=True))
    assert list(after) == sorted([*keys, 1])
    assert np.asarray(after).tolist() == list(after)
    with pytest.raises(IndexError):
        posting[len(keys)]


def test_tuples_sort_as_well():
    items = [(-3, "b", "x"), (-3, "c", "y"), (-1, "a", "z")]
    posting = pack(items, tuple)
    assert posting == tuple(items)
    assert updated(posting, [(-2, "a", "w")], {(-3, "c", "y")}) == (
        (-3, "b", "x"),
        (-2, "a", "w"),
        (-1, "a", "z"),
    )


@given(
    st.lists(st.integers(0, 100), unique=True).map(sorted), st.integers(0, 100), st.integers(0, 100)
)
def test_a_key_range_is_the_keys_between(order, low, high):
    window = KeyRange(pack(order), low, high)
    inside = [k for k in order if low <= k <= high]
    assert list(window) == inside and len(window) == len(inside)
    assert list(window[1:3]) == inside[1:3]
    assert all((k in window) is (low <= k <= high) for k in range(-1, 102))


@given(
    st.lists(st.integers(0, 300), unique=True).map(sorted),
    st.lists(st.integers(0, 300), unique=True).map(sorted),
)
def test_intersections_keep_the_order(keys, others):
    expected = sorted(set(keys) & set(others))
    assert list(intersect(keys, pack(others))) == expected
    assert list(intersect(keys, set(others))) == expected
    assert list(intersect(keys, array("Q", others))) == expected
    window = KeyRange(pack(others), 50, 200)
    assert list(intersect(keys, window)) == [k for k in keys if 50 <= k <= 200]
