"""Cutting a text into the pieces a page marks: quotes in an article, changed words in a
claim or a stored quote. Pure functions over offsets; the templates escape and render."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text; `mark` is what marks it (None: plain text). An empty `text` with a
    mark is a point: something the other side has and this one lacks."""

    text: str
    mark: Any = None
    start: int = 0


def pieces(text: str, spans: Iterable[tuple[int, int, Any]]) -> list[Piece]:
    """`text` cut at the `(start, end, mark)` spans: every character once, in order.

    Spans are clipped to the text; a span overlapping one before it starts where that one
    ends (an offset never shows twice); an empty span is a point, kept as an empty piece.
    """
    out: list[Piece] = []
    at = 0
    size = len(text)
    for start, end, mark in sorted(spans, key=lambda s: (s[0], s[1])):
        start = min(max(start, at), size)
        end = min(max(end, start), size)
        if start > at:
            out.append(Piece(text[at:start], None, at))
        out.append(Piece(text[start:end], mark, start))
        at = end
    if at < size or not out:
        out.append(Piece(text[at:], None, at))
    return out


def changed(text: str, changes: Iterable[Any], side: str) -> list[Piece]:
    """`text` with the spans of `changes` on `side` ("claimed" or "stored") marked, each
    by its change."""
    return pieces(
        text,
        (
            (getattr(c, side).start, getattr(c, side).end, c)
            for c in changes
            if getattr(c, side) is not None
        ),
    )
