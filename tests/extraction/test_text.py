"""Fast paths that must agree exactly with what they replace: `words` cuts at white space
first and falls back to `WORD_RE` only for pieces that are not one plain word;
`mark_positions` finds the marks `MARK_RE` finds; the ASCII case helpers answer as the
str methods do; the acronym prefilter rejects only what `ACRONYM_RE` rejects."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.extraction.names import ACRONYM_RE, _is_acronym
from service.extraction.text import (
    ALL_MARKS,
    MARK_RE,
    WORD_EDGES,
    WORD_RE,
    Token,
    is_lower,
    mark_positions,
    starts_upper,
    words,
)


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
        ("Mu'min Jum’at Qur'an", ["Mu'min", "Jum’at", "Qur'an"]),
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


@pytest.mark.parametrize(
    ("text", "start", "expected"),
    [
        ('"Kami," kata dia', 0, [0, 6]),
        ("“Ya” dan ‘tidak’ «non»", 0, [0, 3, 9, 15, 17, 21]),
        ("Mu'min „x‚ `y´ ″", 2, [2, 7, 9, 11, 15]),
        ("tanpa tanda kutip", 0, []),
        ('""', 1, [1]),
    ],
)
def test_mark_positions(text, start, expected):
    assert mark_positions(text, start) == expected
    assert mark_positions(text, start) == [m.start() for m in MARK_RE.finditer(text, start)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(sorted(ALL_MARKS) + ["a", " ", "é", "\n"]), max_size=80))
def test_mark_positions_match_the_regex(text):
    for start in (0, len(text) // 2):
        assert mark_positions(text, start) == [m.start() for m in MARK_RE.finditer(text, start)]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ9_-'éÉßİǅ ﬁ"), max_size=12) | st.text(max_size=12))
def test_case_helpers_match_str_methods(text):
    assert is_lower(text) == text.islower()
    assert starts_upper(text) == text[:1].isupper()
    if starts_upper(text):
        assert not text.islower()  # ArticleContext skips is_lower for capitalised words


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("AZ09-&a.é\n"), max_size=10))
def test_acronym_prefilter_matches_the_regex(text):
    expected = bool(ACRONYM_RE.fullmatch(text)) and not text.isdigit()
    assert _is_acronym(Token(text, 0, len(text))) == expected
