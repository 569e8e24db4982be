"""The index's normal form: words, search tokens, statement texts."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.index import text as text_module
from service.index.text import normalise_text, quote_id, speaker_id, tokens


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Rakyatnya MENGINGINKAN itu", {"rakyat", "menginginkan", "itu"}),
        ("Bersama-sama, kamilah!", {"bersama", "sama", "kami"}),
        ("punya hanya", {"punya", "hanya"}),  # too short to carry a clitic
        ("Lukašenko", {"lukasenko"}),
        ("", set()),
    ],
)
def test_tokens(text, expected):
    assert tokens(text) == expected


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Kami siap,  berintegrasi.", "kami siap berintegrasi", True),
        ("Kami siap", "Kami tidak siap", False),
    ],
)
def test_normalised_quote_text(a, b, same):
    assert (normalise_text(a) == normalise_text(b)) is same


@given(st.text())
def test_fold_drops_the_combining_marks_unicodedata_names(text):
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    expected = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    assert text_module._fold(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kami SIAP, kata-nya!", ["kami", "siap", "kata", "nya"]),
        ("snake_case 2024\t\x1c(x)", ["snake_case", "2024", "x"]),
        ("  ", []),
        ("Lukašenko berkata", ["lukasenko", "berkata"]),
        # the separators of news text cut words as a space does
        ("siap\u2014kata\u2019nya\u00a0dia\u2026", ["siap", "kata", "nya", "dia"]),
        # a combining mark alone folds to nothing: the word stays whole
        ("Lukas\u030cenko", ["lukasenko"]),
        # folds that are not lower-case ASCII, and letters with no ASCII fold
        ("\u210cari \u00b2 Stra\u00dfe", ["Hari", "2", "strasse"]),
        ("\u0416\u0410\u0420\u2014Kyiv", ["\u0436\u0430\u0440", "kyiv"]),
        ("lone\ud800surrogate", ["lone", "surrogate"]),
    ],
)
def test_words_table(text, expected):
    assert text_module.words(text) == expected
    assert text_module.normalise_text(text) == " ".join(expected)


# ASCII mixed with what the non-ASCII paths must handle: separators (in and out of the
# pattern's ranges), marks, accented letters, folds to several or upper-case letters,
# connector punctuation, letters without an ASCII fold, a lone surrogate
_MIXED = st.text(
    alphabet=st.characters(max_codepoint=127)
    | st.sampled_from(
        "\u2014\u2013\u2019\u201c\u201d\u2026\u00a0\u00ab\u00b2\u00aa\u00bd\u203f\u2054"
        "\u0301\u030c\u00e9\u017d\u00df\u0130\u210c\u2122\u200b\u3000\u0416\ud800"
    ),
    max_size=80,
)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_ascii_words_are_the_word_regex_on_the_folded_text(text):
    assert text_module.words(text) == text_module._WORD.findall(text_module._fold(text))


@given(
    st.text(max_size=80) | st.text(alphabet=st.characters(max_codepoint=127), max_size=80) | _MIXED
)
def test_the_normal_form_is_the_words_joined(text):
    # the fast paths (ASCII stand-ins, bytes.translate) must cut and fold as the regex
    # does on the folded text
    expected = text_module._WORD.findall(text_module._fold(text))
    assert text_module.words(text) == expected
    assert text_module.normalise_text(text) == " ".join(expected)


def test_ids_follow_the_normal_forms():
    assert speaker_id("Alexander  LUKASHENKO") == speaker_id("alexander lukashenko")
    assert quote_id("spk_1", "Kami siap,  berintegrasi!") == quote_id(
        "spk_1", "kami siap berintegrasi"
    )
    assert quote_id("spk_1", "Kami siap") != quote_id("spk_2", "Kami siap")
