"""Cutting texts into marked pieces: every character once, in order."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.web.data import Change, Span
from service.web.marking import Piece, changed, pieces

CASES = [
    # (text, spans, expected pieces as (text, mark))
    ("abcdef", [], [("abcdef", None)]),
    ("abcdef", [(1, 3, "x")], [("a", None), ("bc", "x"), ("def", None)]),
    ("abcdef", [(0, 6, "x")], [("abcdef", "x")]),
    # unsorted spans come out in text order
    ("abcdef", [(4, 5, "y"), (0, 1, "x")], [("a", "x"), ("bcd", None), ("e", "y"), ("f", None)]),
    # an overlapping span starts where the one before ends
    ("abcdef", [(0, 3, "x"), (2, 5, "y")], [("abc", "x"), ("de", "y"), ("f", None)]),
    # an empty span is a point
    ("abcdef", [(3, 3, "x")], [("abc", None), ("", "x"), ("def", None)]),
    # clipped to the text
    ("abc", [(2, 10, "x")], [("ab", None), ("c", "x")]),
    ("abc", [(5, 9, "x")], [("abc", None), ("", "x")]),
    ("", [], [("", None)]),
]


@pytest.mark.parametrize(("text", "spans", "expected"), CASES)
def test_pieces(text, spans, expected):
    assert [(p.text, p.mark) for p in pieces(text, spans)] == expected


def test_pieces_keep_their_offsets():
    assert pieces("abcdef", [(2, 4, "x")]) == [
        Piece("ab", None, 0),
        Piece("cd", "x", 2),
        Piece("ef", None, 4),
    ]


@given(
    st.text(max_size=40),
    st.lists(st.tuples(st.integers(-5, 50), st.integers(-5, 50)), max_size=6),
)
def test_pieces_give_back_the_text_whatever_the_spans(text, spans):
    cut = pieces(text, [(a, b, n) for n, (a, b) in enumerate(spans)])
    assert "".join(p.text for p in cut) == text
    for piece in cut:
        assert text[piece.start : piece.start + len(piece.text)] == piece.text


def test_changed_marks_one_side():
    claim = "Kami akan menjual 50 ton"
    stored = "Kami tidak akan menjual 30 ton"
    at, was = claim.index("50"), stored.index("30")
    number = Change("number", Span(at, at + 2, "50"), Span(was, was + 2, "30"))
    dropped = Change("negation", Span(5, 5, ""), Span(5, 10, "tidak"))
    assert [(p.text, p.mark) for p in changed(claim, [number, dropped], "claimed")] == [
        ("Kami ", None),
        ("", dropped),
        ("akan menjual ", None),
        ("50", number),
        (" ton", None),
    ]
    assert [(p.text, p.mark) for p in changed(stored, [number, dropped], "stored")] == [
        ("Kami ", None),
        ("tidak", dropped),
        (" akan menjual ", None),
        ("30", number),
        (" ton", None),
    ]
