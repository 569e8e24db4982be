"""Words: `text.words` cuts at white space first and falls back to `WORD_RE` only for
pieces that are not one plain word; it must give exactly the regex's words."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.extraction.text import WORD_EDGES, WORD_RE, words


def _regex_words(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start() + offset, m.end() + offset) for m in WORD_RE.finditer(text)]


def _words(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    return [(t.text, t.start, t.end) for t in words(text, offset)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kata dia", ["kata", "dia"]),
        ('"Kami siap," ujar Budi.', ["Kami", "siap", "ujar", "Budi"]),
        ("(Jakarta) —Sabtu…", ["Jakarta", "Sabtu"]),
        ("Ma'ruf Jum’at Qur'an", ["Ma'ruf", "Jum’at", "Qur'an"]),
        ("S.H., M.Si. co.id", ["S.H", "M.Si", "co.id"]),
        ("kata-kata 3,5 persen", ["kata-kata", "3", "5", "persen"]),
        ("dia,kata/ujar", ["dia", "kata", "ujar"]),
        ("_a b_ __", ["a", "b_"]),
        ("— “ ” , .", []),
        ("", []),
        ("Lukašenko\u00a0berkata\tdi\u2003Minsk", ["Lukašenko", "berkata", "di", "Minsk"]),
    ],
)
def test_words(text, expected):
    assert [t for t, _, _ in _words(text)] == expected
    assert _words(text, 7) == _regex_words(text, 7)


def test_edges_hold_no_word_character():
    assert not any(ch.isalnum() or ch == "_" for ch in WORD_EDGES)


PIECES = st.sampled_from(list(WORD_EDGES) + ["a", "Z9", "é", "_", "'", "’", "-", ".", " ", "\n"])


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=60), st.lists(PIECES, max_size=40).map("".join)))
def test_same_words_as_the_regex(text):
    assert _words(text, 3) == _regex_words(text, 3)
