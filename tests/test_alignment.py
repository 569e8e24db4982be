"""`alignment.alignment` answers as rapidfuzz's `partial_ratio_alignment` does."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from service import alignment as fast
from service.index import normalise_text

BRIDGE = "Jembatan ini akan menghubungkan tiga kecamatan yang selama ini terisolasi dari pusat kota"

_SOME_WORDS = st.sampled_from(
    "jembatan baru itu kami akan selesai tahun depan warga desa ya".split()
)


@st.composite
def _claim_in_context(draw) -> tuple[str, str, str]:
    """(claim, the claim with a few words changed, that inside other words at any place):
    sentence-length texts, most of which align; the edits put some just under or at the
    ratio."""
    claim = draw(st.lists(_SOME_WORDS, min_size=10, max_size=45))
    others = draw(st.lists(_SOME_WORDS, max_size=30))
    at = draw(st.integers(0, 30))
    changed = list(claim)
    for position, word in draw(st.lists(st.tuples(st.integers(0, 60), _SOME_WORDS), max_size=4)):
        changed[position % len(changed)] = word
    return " ".join(claim), " ".join(changed), " ".join(others[:at] + changed + others[at:])


def _alignment_as_rapidfuzz(a: str, b: str) -> None:
    expected = tuple(fuzz.partial_ratio_alignment(a, b))
    # the search itself at every length, and the routing in front of it
    assert tuple(fast._best_alignment(a, b)) == expected
    assert tuple(fast.alignment(a, b)) == expected


# Two or three letters: many windows score alike, so the choice between equal ones shows.
@given(st.text("ab ", max_size=90), st.text("abc", max_size=90))
@settings(max_examples=1000)
def test_the_best_alignment_is_rapidfuzzs(c, s):
    _alignment_as_rapidfuzz(c, s)


@given(_claim_in_context())
@settings(max_examples=500)
def test_the_best_alignment_on_long_texts(texts):
    """Both ways round, and of the same length (where rapidfuzz aligns both ways)."""
    c, changed, s = texts
    _alignment_as_rapidfuzz(c, s)
    _alignment_as_rapidfuzz(s, c)
    _alignment_as_rapidfuzz(c, changed)


@pytest.mark.parametrize("budget", [0, 3])
def test_the_best_alignment_past_its_budget_is_rapidfuzzs(monkeypatch, budget):
    monkeypatch.setattr(fast, "BEST_BUDGET", budget)
    claim = normalise_text(BRIDGE)
    for stored in (claim.replace("tiga", "empat"), "warga " + claim, claim[:40], "x" * 70):
        _alignment_as_rapidfuzz(claim, stored)
